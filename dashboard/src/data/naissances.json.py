# Data loader of the dashboard: the dataset "naissances" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("naissances")
