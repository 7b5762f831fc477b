"""One module per group of commands of the command line (see ``kiosk.cli``)."""
