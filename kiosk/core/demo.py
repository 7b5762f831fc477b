"""The bundled demo event (``resources/demo``) and synthetic participants for load tests."""

from __future__ import annotations

import csv
import json
import uuid
from datetime import date, time

from sqlalchemy import insert, select

from kiosk.core import synthetic
from kiosk.core.event import EventInfo, create_event
from kiosk.db import Database
from kiosk.db.models import AgendaItem, Participant, utcnow
from kiosk.paths import resource

BULK_CHUNK = 5000


def load_demo_definition() -> dict:
    return json.loads(resource("demo", "event.json").read_text(encoding="utf-8"))


def demo_participants() -> list[dict]:
    with resource("demo", "participants.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _flatten(items: list[dict], parent_id: str | None = None):
    """Agenda items depth first, each as (new id, parent id, item)."""
    for item in items:
        item_id = str(uuid.uuid4())
        yield item_id, parent_id, item
        yield from _flatten(item.get("children", []), item_id)


def _agenda_rows(definition: dict, desk_id: str) -> list[dict]:
    now = utcnow()
    rows: list[dict] = []
    for day_text, items in definition["agenda"].items():
        for position, (item_id, parent_id, item) in enumerate(_flatten(items)):
            rows.append(
                {
                    "id": item_id,
                    "day": date.fromisoformat(day_text),
                    "position": position,
                    "title": item["title"],
                    "speakers": item.get("speakers", ""),
                    "planned_start": time.fromisoformat(item["start"]),
                    "planned_minutes": item["minutes"],
                    "parent_id": parent_id,
                    "updated_at": now,
                    "desk_id": desk_id,
                }
            )
    return rows


def bulk_insert_participants(db: Database, rows: list[dict] | object) -> int:
    """Insert plain participant dicts with one bulk statement per chunk (no ORM objects)."""
    now = utcnow()
    count = 0
    chunk: list[dict] = []
    with db.transaction() as session:
        for row in rows:
            chunk.append(
                {
                    "id": str(uuid.uuid4()),
                    **row,
                    "created_at": now,
                    "updated_at": now,
                    "desk_id": db.desk.id,
                }
            )
            if len(chunk) >= BULK_CHUNK:
                session.execute(insert(Participant), chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            session.execute(insert(Participant), chunk)
            count += len(chunk)
    return count


def install_demo(db: Database, extra_participants: int = 0) -> EventInfo:
    """Create the demo event with its agenda and invitees, plus ``extra_participants`` synthetic ones."""
    definition = load_demo_definition()
    spec = definition["event"]
    event = create_event(
        db,
        name=spec["name"],
        venue=spec["venue"],
        city=spec["city"],
        timezone=spec["timezone"],
        start_date=date.fromisoformat(spec["start_date"]),
        end_date=date.fromisoformat(spec["end_date"]),
        day_labels={date.fromisoformat(k): v for k, v in spec.get("day_labels", {}).items()},
        options=spec.get("options", {}),
    )
    with db.transaction() as session:
        session.execute(insert(AgendaItem), _agenda_rows(definition, db.desk.id))
    invitees = demo_participants()
    for row in invitees:
        for flag in ("consent_photo", "consent_contact"):
            row[flag] = row.get(flag, "0") == "1"
    bulk_insert_participants(db, invitees)
    if extra_participants:
        add_synthetic_participants(db, extra_participants)
    return event


def add_synthetic_participants(db: Database, count: int, seed: int = 2023) -> int:
    with db.transaction() as session:
        taken = set(session.scalars(select(Participant.code)))
    return bulk_insert_participants(db, synthetic.people(count, seed=seed, taken_codes=taken))
