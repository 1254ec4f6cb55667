"""The home panel: what the agent sees first."""
