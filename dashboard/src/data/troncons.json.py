# Data loader of the dashboard: the dataset "troncons" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("troncons")
