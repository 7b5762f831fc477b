"""Errors the user can act on: their message is already in the interface language."""


class KioskError(Exception):
    """A problem explained to the user; the command line exits with ``exit_code``."""

    exit_code = 1


class UsageError(KioskError):
    """Bad usage or unreadable input (exit status 2)."""

    exit_code = 2


class DatabaseError(UsageError):
    """The database cannot be opened as a Kiosk database."""
