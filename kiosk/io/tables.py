"""Which tables travel in a bundle, under which file names, and how each value is written.

Everything is derived from ``Base.metadata``: a table added to the models travels
without a change here (its file is ``<table>s.csv``). Local-only tables stay home.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, Table, Time

from kiosk.db.models import Base, UTCDateTime

LOCAL_ONLY = frozenset({"setting", "clock_state", "schema_migration"})

FILE_NAMES = {
    "participant": "participants.csv",
    "attendance": "attendance.csv",
    "badge_print": "badge_prints.csv",
    "press_contact": "press_contacts.csv",
    "agenda_item": "agenda.csv",
    "audit_event": "audit_events.csv",
    "event_day": "event_days.csv",
}

# The columns CONTRACT.md names, in its order, before the table's others.
FIRST_COLUMNS = {
    "participant": ("id", "code", "first_name", "last_name", "sex", "organisation", "category", "updated_at", "deleted"),
    "attendance": ("id", "participant_id", "day", "checked_in_at", "desk", "voided"),
    "badge_print": ("id", "participant_id", "printed_at", "format", "desk"),
    "press_contact": ("id", "journalist", "outlet", "updated_at", "deleted"),
    "agenda_item": ("id", "day", "title", "planned_start", "planned_minutes", "actual_start", "actual_end"),
}

# Rows in a human order where there is one (else by id).
ORDER_BY = {"agenda_item": ("day", "position"), "event_day": ("day",), "attendance": ("day", "checked_in_at")}

# A derived, read-only column: the name of the desk in ``desk_id``, for people reading the CSV.
DESK_NAME_COLUMN = "desk"
DESK_ID_COLUMN = "desk_id"
# Tables that carry a tombstone column: it beats any edit in a merge.
TOMBSTONE_COLUMN = "deleted"
# Columns that only make sense on the desk that holds them.
LOCAL_COLUMNS = {"desk": ("is_local",)}


def file_name(table: Table) -> str:
    return FILE_NAMES.get(table.name) or (table.name if table.name.endswith("s") else table.name + "s") + ".csv"


def exported_tables() -> list[Table]:
    """Every shared table, parents before children (foreign keys)."""
    return [table for table in Base.metadata.sorted_tables if table.name not in LOCAL_ONLY]


@dataclass(frozen=True)
class TableSpec:
    table: Table
    file: str
    columns: tuple[str, ...]  # CSV header, in order
    stored: tuple[str, ...]  # table columns carried (header minus derived ones)

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def key(self) -> str:
        (column,) = self.table.primary_key.columns
        return column.name

    @property
    def stem(self) -> str:
        return self.file.removesuffix(".csv")

    def order_by(self) -> list:
        names = [name for name in ORDER_BY.get(self.table.name, ()) if name in self.table.c]
        return [self.table.c[name] for name in names] + [self.table.c[self.key]]


def table_spec(table: Table) -> TableSpec:
    local = LOCAL_COLUMNS.get(table.name, ())
    stored = [column.name for column in table.columns if column.name not in local]
    header: list[str] = []
    for name in FIRST_COLUMNS.get(table.name, ("id",)):
        if name in stored or (name == DESK_NAME_COLUMN and DESK_ID_COLUMN in stored):
            header.append(name)
    header += [name for name in stored if name not in header]
    if DESK_ID_COLUMN in stored and DESK_NAME_COLUMN not in header:
        header.insert(header.index(DESK_ID_COLUMN) + 1, DESK_NAME_COLUMN)
    return TableSpec(table, file_name(table), tuple(header), tuple(stored))


def specs() -> list[TableSpec]:
    return [table_spec(table) for table in exported_tables()]


# -- values <-> CSV text ---------------------------------------------------------------
def _instant_out(value: datetime) -> str:
    return value.isoformat()


def _time_out(value: time) -> str:
    return value.strftime("%H:%M" if not value.second and not value.microsecond else "%H:%M:%S")


def _json_out(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def writer_for(column) -> Callable[[object], str]:
    """value -> text, for one column (``None`` is always the empty cell)."""
    kind = column.type
    if isinstance(kind, Boolean):
        return lambda value: "1" if value else "0"
    if isinstance(kind, (UTCDateTime, DateTime)):
        return _instant_out
    if isinstance(kind, Date):
        return date.isoformat
    if isinstance(kind, Time):
        return _time_out
    if isinstance(kind, JSON):
        return _json_out
    return str


def _parse_instant(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"instant without an offset: {text!r}")
    return value


def _parse_bool(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(f"expected 1 or 0, got {text!r}")
    return text == "1"


def reader_for(column) -> Callable[[str], object]:
    """text -> value, for one column; raises ValueError on a malformed cell."""
    kind = column.type
    if isinstance(kind, Boolean):
        return _parse_bool
    if isinstance(kind, UTCDateTime):
        return _parse_instant
    if isinstance(kind, DateTime):
        return lambda text: datetime.fromisoformat(text).replace(tzinfo=None)
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, Time):
        return time.fromisoformat
    if isinstance(kind, JSON):
        return json.loads
    if isinstance(kind, Integer):
        return int
    if isinstance(kind, Float):
        return float
    return str
