# Data loader of the dashboard: the dataset "dechets_carreaux" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("dechets_carreaux")
