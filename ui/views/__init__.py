"""The main window and one package per feature."""
