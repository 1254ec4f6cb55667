"""Dialogs: first-run setup, recovery key, passphrase prompt, preferences."""
