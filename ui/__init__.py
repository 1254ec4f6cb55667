"""PySide6 desktop UI: views, dialogs, translations. Depends on crm, never the reverse."""
