"""PySide6 views: the main window, one package per screen, the stage display."""
