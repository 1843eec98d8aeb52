# Data loader of the dashboard: the dataset "sites_comptage" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("sites_comptage")
