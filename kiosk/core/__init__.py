"""Rules and state of Kiosk, free of Qt: usable from the app, the command line and tests."""
