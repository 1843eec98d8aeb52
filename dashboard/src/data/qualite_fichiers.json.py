# Data loader of the dashboard: the dataset "qualite_fichiers" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("qualite_fichiers")
