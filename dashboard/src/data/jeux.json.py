# Data loader of the dashboard: the dataset "jeux" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("jeux")
