"""The history of this desk's exports, merges and imports (kept as audit events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from kiosk.db import Database
from kiosk.db.models import AuditEvent, new_id, utcnow
from kiosk.db.settings import read_setting, write_setting
from kiosk.io.export import ExportResult
from kiosk.io.importer import HISTORY_ACTION as IMPORT_ACTION
from kiosk.io.merge import HISTORY_ACTION as MERGE_ACTION

EXPORT_ACTION = "io.export"
FOLDER_SETTING = "sync_folder"
ACTIONS = (EXPORT_ACTION, MERGE_ACTION, IMPORT_ACTION)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str  # "export", "merge" or "import"
    details: dict


def record_export(db: Database, result: ExportResult) -> None:
    with db.transaction() as session:
        session.execute(insert(AuditEvent), [{
            "id": new_id(), "at": utcnow(), "desk_id": db.desk.id, "action": EXPORT_ACTION, "entity": "bundle",
            "entity_id": db.desk.id,
            "details": {"directory": str(result.directory), "variant": result.manifest["csv"]["variant"],
                        "counts": result.counts},
        }])


def history(db: Database, limit: int = 200) -> list[HistoryEntry]:
    """This desk's own entries, newest first (other desks' entries travel too, but are theirs)."""
    with db.transaction() as session:
        rows = session.execute(
            select(AuditEvent.at, AuditEvent.action, AuditEvent.details)
            .where(AuditEvent.action.in_(ACTIONS), AuditEvent.desk_id == db.desk.id)
            .order_by(AuditEvent.at.desc())
            .limit(limit)
        )
        return [HistoryEntry(row.at, row.action.removeprefix("io."), dict(row.details or {})) for row in rows]


def exchange_folder(db: Database) -> str:
    """The folder (a USB stick) this desk last exported to or merged from."""
    folder = read_setting(db, FOLDER_SETTING, "")
    return folder if isinstance(folder, str) else ""


def set_exchange_folder(db: Database, folder: str) -> None:
    write_setting(db, FOLDER_SETTING, folder)
