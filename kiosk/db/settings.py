"""This desk's settings: one JSON value per key in the ``setting`` table.

Settings belong to the desk (its printer, auto-print, sound, chosen screen, exchange
folder), so they never travel in export bundles. A group of options is a dataclass:
``read_options`` ignores stored keys the dataclass no longer has and fills new ones
with their defaults, so settings written by another version still load.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any, TypeVar

from kiosk.db.database import Database
from kiosk.db.models import Setting

Options = TypeVar("Options")


def read_setting(db: Database, key: str, default: Any = None) -> Any:
    with db.transaction() as session:
        row = session.get(Setting, (db.desk.id, key))
        return default if row is None else row.value


def write_setting(db: Database, key: str, value: Any) -> None:
    with db.transaction() as session:
        row = session.get(Setting, (db.desk.id, key))
        if row is None:
            session.add(Setting(desk_id=db.desk.id, key=key, value=value))
        else:
            row.value = value


def read_options(db: Database, key: str, options_type: type[Options]) -> Options:
    """The dataclass ``options_type`` filled from the stored value (defaults for the rest)."""
    stored = read_setting(db, key, {})
    known = {field.name for field in fields(options_type)}
    values = {name: value for name, value in stored.items() if name in known} if isinstance(stored, dict) else {}
    return options_type(**values)


def write_options(db: Database, key: str, options: object) -> None:
    write_setting(db, key, asdict(options))
