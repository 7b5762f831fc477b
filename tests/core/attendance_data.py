"""Sign-ins, badge prints and agenda timings written straight into a test database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from kiosk.db import Database
from kiosk.db.models import Attendance, Participant


def participants(db: Database, count: int | None = None) -> list[Participant]:
    """Demo participants in a stable order (by code)."""
    with db.transaction() as session:
        query = select(Participant).where(Participant.deleted.is_(False)).order_by(Participant.code)
        return list(session.scalars(query.limit(count) if count else query))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def sign_in(db: Database, participant_id: str, day: date, when: datetime | None = None, *, voided: bool = False) -> None:
    with db.transaction() as session:
        session.add(Attendance(participant_id=participant_id, day=day, checked_in_at=when or at(day, 9),
                               voided=voided, void_reason="erreur de saisie" if voided else ""))


def sign_in_many(db: Database, people: list[Participant], day: date, start: datetime | None = None) -> None:
    start = start or at(day, 8, 30)
    with db.transaction() as session:
        for index, person in enumerate(people):
            session.add(Attendance(participant_id=person.id, day=day, checked_in_at=start + timedelta(minutes=index)))


def rename(db: Database, participant_id: str, first_name: str, last_name: str, **fields) -> None:
    with db.transaction() as session:
        person = session.get(Participant, participant_id)
        person.first_name, person.last_name = first_name, last_name
        for key, value in fields.items():
            setattr(person, key, value)
