"""Pages of the Preferences dialog; each implements PreferencesPage's load()/save() contract."""
