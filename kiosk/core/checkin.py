"""Signing people in for a day: one sign-in per person and day, undo, counters, desk options.

A person is present on a day when a non-voided ``Attendance`` row exists for that day. A
second attempt creates nothing and says since when and where the person is present.
Undo voids the row (never deletes it) and records why in the audit trail. ``Reception``
holds what the reception screen shows (search index, today's presence, printed
badges, counters) as plain data, so the screen stays thin and the rules stay testable.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from kiosk.core import codes
from kiosk.core.badges import printed_ids
from kiosk.core.event import EventInfo
from kiosk.core.formats import format_clock, format_day
from kiosk.core.people import Person, find_by_code
from kiosk.core.search import DEFAULT_LIMIT, Hit, SearchIndex, Tier
from kiosk.db import Database
from kiosk.db.models import Attendance, AuditEvent, Desk, utcnow
from kiosk.db.settings import read_setting, write_setting
from kiosk.errors import KioskError
from kiosk.i18n import _

SETTINGS_KEY = "reception"
UNDO_REASON = "Annulation à l'accueil (mauvaise personne ou erreur de saisie)"


@dataclass(frozen=True)
class Presence:
    attendance_id: str
    checked_in_at: datetime  # aware UTC
    desk: str


@dataclass(frozen=True)
class CheckInResult:
    person: Person
    day: date
    attendance_id: str
    checked_in_at: datetime  # aware UTC; for ``already``, the earlier sign-in
    desk: str
    already: bool

    def message(self, event: EventInfo) -> str:
        if self.already:
            return _("Déjà présent(e) depuis {time} ({desk})").format(
                time=format_clock(event.local(self.checked_in_at)), desk=self.desk
            )
        return _("Présence enregistrée à {time}").format(time=format_clock(event.local(self.checked_in_at)))

    def as_json(self) -> dict:
        return {
            "participant_id": self.person.id,
            "code": self.person.code,
            "name": self.person.name,
            "day": self.day.isoformat(),
            "checked_in_at": self.checked_in_at.isoformat(),
            "already": self.already,
        }


class AlreadyVoided(KioskError):
    pass


def _desk_names(session) -> dict[str, str]:
    return dict(session.execute(select(Desk.id, Desk.name)).all())


def presence_for_day(db: Database, day: date) -> dict[str, Presence]:
    """Participant id -> their first non-voided sign-in of ``day``."""
    query = (
        select(Attendance.participant_id, Attendance.id, Attendance.checked_in_at, Attendance.desk_id)
        .where(Attendance.day == day, Attendance.voided.is_(False))
        .order_by(Attendance.checked_in_at.desc())
    )
    with db.transaction() as session:
        desks = _desk_names(session)
        rows = session.execute(query).all()
    return {
        participant_id: Presence(attendance_id, at, desks.get(desk_id) or _("autre poste"))
        for participant_id, attendance_id, at, desk_id in rows
    }


def day_warning(event: EventInfo, day: date, now: datetime | None = None) -> str:
    """What to tell the desk when it signs people in for a day of the event that is not
    today (chosen by mistake, or a laptop left on overnight); "" when all is well."""
    today = event.today(now or utcnow())
    if day == today or today not in event.days:
        return ""
    return _("Attention : arrivées notées pour le {day}, or nous sommes le {today}").format(
        day=format_day(day), today=format_day(today)
    )


def check_in(db: Database, person: Person, day: date, *, now: datetime | None = None) -> CheckInResult:
    """Sign ``person`` in for ``day``, durably; a second sign-in the same day creates nothing."""
    with db.transaction() as session:
        existing = session.execute(
            select(Attendance.id, Attendance.checked_in_at, Attendance.desk_id)
            .where(Attendance.participant_id == person.id, Attendance.day == day, Attendance.voided.is_(False))
            .order_by(Attendance.checked_in_at)
            .limit(1)
        ).first()
        if existing is not None:
            desk = session.scalar(select(Desk.name).where(Desk.id == existing.desk_id)) or _("autre poste")
            return CheckInResult(person, day, existing.id, existing.checked_in_at, desk, already=True)
        at = now or utcnow()
        row = Attendance(participant_id=person.id, day=day, checked_in_at=at, desk_id=db.desk.id, updated_at=at)
        session.add(row)
        session.flush()
        attendance_id = row.id
    return CheckInResult(person, day, attendance_id, at, db.desk.name, already=False)


def void_check_in(db: Database, attendance_id: str, reason: str = UNDO_REASON) -> str:
    """Void a sign-in (kept, marked voided) with the reason in the audit trail; returns the participant id."""
    with db.transaction() as session:
        row = session.get(Attendance, attendance_id)
        if row is None or row.voided:
            raise AlreadyVoided(_("Cette présence est déjà annulée."))
        now = utcnow()
        row.voided, row.void_reason, row.voided_at, row.updated_at = True, reason, now, now
        session.add(
            AuditEvent(
                at=now,
                desk_id=db.desk.id,
                action="attendance.void",
                entity="attendance",
                entity_id=row.id,
                details={"participant_id": row.participant_id, "day": row.day.isoformat(), "reason": reason},
            )
        )
        return row.participant_id


def load_settings(db: Database) -> dict:
    """This desk's reception options: ``sound`` (bool)."""
    stored = read_setting(db, SETTINGS_KEY, {})
    return {"sound": bool(stored.get("sound", False)) if isinstance(stored, dict) else False}


def save_settings(db: Database, settings: dict) -> None:
    write_setting(db, SETTINGS_KEY, dict(settings))


@dataclass(frozen=True)
class Counters:
    present: int
    expected: int
    walk_ins_present: int
    walk_ins: int
    present_by_category: dict[str, int] = field(default_factory=dict)
    expected_by_category: dict[str, int] = field(default_factory=dict)
    present_by_sex: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ResultRow:
    """One line of the results list, as plain data."""

    person: Person
    tier: Tier
    presence: Presence | None
    printed: bool


class Reception:
    """What the reception desk works with for one day; see the module docstring."""

    def __init__(self, db: Database, event: EventInfo, index: SearchIndex, day: date):
        self.db = db
        self.event = event
        self.index = index
        self.day = day
        self.presence = presence_for_day(db, day)
        self.printed = printed_ids(db)

    def set_day(self, day: date) -> None:
        self.day = day
        self.presence = presence_for_day(self.db, day)

    def refresh_presence(self) -> None:
        self.presence = presence_for_day(self.db, self.day)

    def refresh_printed(self) -> None:
        self.printed = printed_ids(self.db)

    def row(self, hit: Hit) -> ResultRow:
        person = hit.person
        return ResultRow(person, hit.tier, self.presence.get(person.id), person.id in self.printed)

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[ResultRow]:
        return [self.row(hit) for hit in self.index.search(query, limit)]

    def scanned(self, text: str) -> Person | None:
        """The person whose code was scanned or typed (any case, AZERTY digits), else None."""
        code = codes.normalise_scan(text)
        if code is None:
            return None
        return self.index.by_code(code) or find_by_code(self.db, code)

    def check_in(self, person: Person, *, now: datetime | None = None) -> CheckInResult:
        result = check_in(self.db, person, self.day, now=now)
        if not result.already:
            self.presence[person.id] = Presence(result.attendance_id, result.checked_in_at, result.desk)
        return result

    def undo(self, result: CheckInResult, reason: str = UNDO_REASON) -> None:
        void_check_in(self.db, result.attendance_id, reason)
        if result.day == self.day:
            self.refresh_presence()

    def counters(self) -> Counters:
        present_people = [person for person in map(self.index.get, self.presence) if person is not None]
        by_category = Counter(person.category for person in present_people)
        return Counters(
            present=len(present_people),
            expected=len(self.index),
            walk_ins_present=sum(person.registration == "walk_in" for person in present_people),
            walk_ins=self.index.walk_ins,
            present_by_category=dict(by_category),
            expected_by_category={name: count for name, count in self.index.expected_by_category.items() if count},
            present_by_sex=dict(Counter(person.sex for person in present_people)),
        )
