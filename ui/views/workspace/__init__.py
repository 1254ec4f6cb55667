"""The workspace: find the caller, open their record (the main screen of the application)."""
