# Data loader of the dashboard: the dataset "deliberations" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("deliberations")
