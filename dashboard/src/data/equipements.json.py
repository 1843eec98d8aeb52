# Data loader of the dashboard: the dataset "equipements" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("equipements")
