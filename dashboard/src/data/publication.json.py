# Data loader of the dashboard: the dataset "publication" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("publication")
