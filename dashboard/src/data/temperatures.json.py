# Data loader of the dashboard: the dataset "temperatures" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("temperatures")
