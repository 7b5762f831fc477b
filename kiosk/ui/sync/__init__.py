"""The export and sync screen (Export & synchro)."""
