"""Participants as plain data for views and commands."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk.db import Database
from kiosk.db.models import Participant


def count_participants(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(
            select(func.count()).select_from(Participant).where(Participant.deleted.is_(False))
        )
