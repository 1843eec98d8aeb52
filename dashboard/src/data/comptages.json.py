# Data loader of the dashboard: the dataset "comptages" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("comptages")
