"""My day (我的一天) and the supervisor's view of every agent's queue."""
