"""Helpers for the io tests: desks that share one event, and a comparable dump of a database."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select, update

from kiosk.core.event import create_event
from kiosk.db import Database
from kiosk.db.models import Desk
from kiosk.io.tables import specs

T0 = datetime(2023, 10, 27, 8, 0, tzinfo=UTC)


def make_base(path: Path) -> Path:
    db = Database.open(path, create=True)
    create_event(db, name="Atelier test", venue="Hôtel", city="Thiès",
                 start_date=date(2023, 10, 26), end_date=date(2023, 10, 27))
    db.close()
    return path


def desk_copy(base: Path, path: Path, desk_id: str, name: str) -> Database:
    """A copy of ``base`` that is another desk (same event, its own desk id)."""
    shutil.copyfile(base, path)
    db = Database.open(path)
    with db.transaction() as session:
        session.execute(update(Desk).where(Desk.is_local.is_(True)).values(id=desk_id, name=name))
    db.close()
    return Database.open(path)


def dump(db: Database) -> dict[str, list[tuple]]:
    """Every shared table's rows, comparable between desks (local flags and io history left out)."""
    state = {}
    with db.transaction() as session:
        for spec in specs():
            table = spec.table
            query = select(*[table.c[name] for name in spec.stored]).order_by(table.c[spec.key])
            if table.name == "audit_event":
                query = query.where(table.c.action.not_like("io.%"))
            state[table.name] = [tuple(row) for row in session.execute(query)]
    return state
