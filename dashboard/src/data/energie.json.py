# Data loader of the dashboard: the dataset "energie" of spmd.dashboard (opendata only).
from spmd.dashboard import emit

emit("energie")
