# Data loader of the dashboard: the dataset "subventions" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("subventions")
