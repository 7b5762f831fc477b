"""Plumbing shared by import, export and merge: progress and cancel, snapshot and write transactions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import KioskError
from kiosk.i18n import _

# progress(done, total, what): called now and then during long work; it may raise Cancelled.
Progress = Callable[[int, int, str], None]


class Cancelled(KioskError):
    def __init__(self):
        super().__init__(_("Opération annulée : rien n'a été modifié."))


def no_progress(_done: int, _total: int, _what: str) -> None:
    return None


@contextmanager
def read_snapshot(db: Database) -> Iterator[Connection]:
    """One read transaction: every SELECT inside sees the same state of the database.

    The sqlite3 driver opens a transaction only before writes, so without the explicit
    BEGIN each SELECT would see whatever other desks' processes committed in between.
    """
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN")
        try:
            yield connection
        finally:
            connection.rollback()


@contextmanager
def write_transaction(db: Database) -> Iterator[Session]:
    """One write transaction that also covers the reads it starts with (SQLite: BEGIN IMMEDIATE)."""
    with db.transaction() as session:
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield session
