"""Logging a call: the interaction form and the small widgets it is built from."""
