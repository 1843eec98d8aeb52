# Data loader of the dashboard: the dataset "trafic_jour" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("trafic_jour")
