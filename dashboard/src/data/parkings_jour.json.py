# Data loader of the dashboard: the dataset "parkings_jour" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("parkings_jour")
