# Data loader of the dashboard: the dataset "dechets_communes" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("dechets_communes")
