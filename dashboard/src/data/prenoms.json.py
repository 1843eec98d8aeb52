# Data loader of the dashboard: the dataset "prenoms" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("prenoms")
