"""Counts and lists for the documents handed over after the event (plain data, no Qt).

Presence is counted from sign-ins (non-voided ``attendance`` rows), so the figures
survive erasure and the purge: an erased person keeps sex, category and registration
(``kiosk.core.privacy``), only the name goes. The attendance sheet, which shows names,
leaves erased people out and says how many.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from kiosk.core.event import EventInfo
from kiosk.core.privacy import is_erased
from kiosk.core.text import fold
from kiosk.db import Database
from kiosk.db.models import (
    CATEGORIES,
    SEXES,
    AgendaItem,
    Attendance,
    BadgePrint,
    EventDay,
    Participant,
    PressContact,
)


@dataclass(frozen=True)
class PresentPerson:
    participant_id: str
    code: str
    first_name: str
    last_name: str
    organisation: str
    function: str
    category: str
    sex: str
    walk_in: bool
    checked_in_at: datetime  # first sign-in of the day, aware UTC


@dataclass(frozen=True)
class AttendanceSheet:
    day: date
    label: str  # the day's name in the programme, may be ""
    people: list[PresentPerson]  # sorted by last name, then first name
    erased: int  # present that day but erased: counted, not listed


def _first_sign_ins(day: date | None = None):
    """(participant_id, day, first check-in) of every non-voided sign-in, per day."""
    query = (
        select(Attendance.participant_id, Attendance.day, func.min(Attendance.checked_in_at).label("first"))
        .where(Attendance.voided.is_(False))
        .group_by(Attendance.participant_id, Attendance.day)
    )
    if day is not None:
        query = query.where(Attendance.day == day)
    return query.subquery()


def attendance_sheet(db: Database, day: date) -> AttendanceSheet:
    """Who was present on ``day``, with the time of their first sign-in."""
    signed = _first_sign_ins(day)
    with db.transaction() as session:
        rows = session.execute(
            select(Participant, signed.c.first).join(signed, signed.c.participant_id == Participant.id)
        ).all()
        label = session.scalar(select(EventDay.label).where(EventDay.day == day))
        people = []
        erased = 0
        for participant, first in rows:
            if participant.deleted:
                erased += 1
                continue
            people.append(
                PresentPerson(
                    participant_id=participant.id,
                    code=participant.code,
                    first_name=participant.first_name,
                    last_name=participant.last_name,
                    organisation=participant.organisation,
                    function=participant.function,
                    category=participant.category,
                    sex=participant.sex,
                    walk_in=participant.registration == "walk_in",
                    checked_in_at=first,
                )
            )
    people.sort(key=lambda p: (fold(p.last_name), fold(p.first_name), p.code))
    return AttendanceSheet(day, label or "", people, erased)


@dataclass
class Breakdown:
    """People counted once each: by sex, by category, walk-ins among them."""

    total: int = 0
    by_sex: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    by_category_sex: Counter = field(default_factory=Counter)  # (category, sex) -> n
    walk_ins: int = 0

    def add(self, sex: str, category: str, walk_in: bool) -> None:
        sex = sex if sex in SEXES else "U"
        self.total += 1
        self.by_sex[sex] += 1
        self.by_category[category] += 1
        self.by_category_sex[(category, sex)] += 1
        self.walk_ins += walk_in

    def categories(self) -> list[str]:
        """The categories present, in the schema's order, then any others alphabetically."""
        known = [c for c in CATEGORIES if self.by_category[c]]
        others = sorted((c for c in self.by_category if c not in CATEGORIES and self.by_category[c]), key=fold)
        return known + others

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "by_sex": {sex: self.by_sex[sex] for sex in SEXES},
            "by_category": {c: self.by_category[c] for c in self.categories()},
            "by_category_sex": {c: {sex: self.by_category_sex[(c, sex)] for sex in SEXES} for c in self.categories()},
            "walk_ins": self.walk_ins,
        }


@dataclass(frozen=True)
class AgendaLine:
    day: date
    title: str
    level: int  # 0 for an item, 1 for a part of it
    planned_start: time | None
    planned_minutes: int
    actual_start: datetime | None  # local
    actual_end: datetime | None  # local

    @property
    def actual_minutes(self) -> float | None:
        if self.actual_start is None or self.actual_end is None:
            return None
        return (self.actual_end - self.actual_start).total_seconds() / 60

    @property
    def start_late_minutes(self) -> float | None:
        """Minutes between the planned and the actual start (negative: early)."""
        if self.actual_start is None or self.planned_start is None:
            return None
        planned = datetime.combine(self.day, self.planned_start, tzinfo=self.actual_start.tzinfo)
        return (self.actual_start - planned).total_seconds() / 60

    def as_dict(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "title": self.title,
            "level": self.level,
            "planned_start": self.planned_start.strftime("%H:%M") if self.planned_start else None,
            "planned_minutes": self.planned_minutes,
            "actual_start": self.actual_start.isoformat() if self.actual_start else None,
            "actual_end": self.actual_end.isoformat() if self.actual_end else None,
            "actual_minutes": None if self.actual_minutes is None else round(self.actual_minutes, 1),
            "start_late_minutes": None if self.start_late_minutes is None else round(self.start_late_minutes, 1),
        }


@dataclass
class EventSummary:
    event: EventInfo
    registered: int  # participants on the list, erased ones included (they were registered)
    erased: int
    per_day: dict[date, Breakdown]
    overall: Breakdown  # everyone present at least one day, counted once
    badges_printed: int
    badge_reprints: int
    people_with_badge: int
    press_contacts: int
    press_outlets: int
    agenda: list[AgendaLine]

    def as_dict(self) -> dict:
        return {
            "registered": self.registered,
            "erased": self.erased,
            "present": self.overall.as_dict(),
            "days": {day.isoformat(): breakdown.as_dict() for day, breakdown in self.per_day.items()},
            "badges": {"printed": self.badges_printed, "reprints": self.badge_reprints, "people": self.people_with_badge},
            "press": {"contacts": self.press_contacts, "outlets": self.press_outlets},
            "agenda": [line.as_dict() for line in self.agenda],
        }


def event_summary(db: Database, event: EventInfo) -> EventSummary:
    """Everything the end-of-event report shows, computed in a few grouped queries."""
    signed = _first_sign_ins()
    per_day = {day: Breakdown() for day in event.days}
    overall = Breakdown()
    with db.transaction() as session:
        registered, erased = session.execute(
            select(func.count(), func.count().filter(is_erased()))
            .select_from(Participant).where(or_(Participant.deleted.is_(False), is_erased()))
        ).one()
        seen: set[str] = set()
        rows = session.execute(
            select(signed.c.participant_id, signed.c.day, Participant.sex, Participant.category, Participant.registration)
            .join(Participant, Participant.id == signed.c.participant_id)
            .order_by(signed.c.day)
        )
        for participant_id, day, sex, category, registration in rows:
            walk_in = registration == "walk_in"
            per_day.setdefault(day, Breakdown()).add(sex, category, walk_in)
            if participant_id not in seen:
                seen.add(participant_id)
                overall.add(sex, category, walk_in)
        badges_printed, people_with_badge = session.execute(
            select(func.count(), func.count(func.distinct(BadgePrint.participant_id)))
        ).one()
        press_contacts, press_outlets = session.execute(
            select(func.count(), func.count(func.distinct(func.lower(func.trim(PressContact.outlet)))))
            .where(PressContact.deleted.is_(False))
        ).one()
        items = session.scalars(
            select(AgendaItem).where(AgendaItem.deleted.is_(False)).order_by(AgendaItem.day, AgendaItem.position)
        ).all()
        agenda = _agenda_lines(items, event)
    return EventSummary(
        event=event,
        registered=registered,
        erased=erased,
        per_day=dict(sorted(per_day.items())),
        overall=overall,
        badges_printed=badges_printed,
        badge_reprints=badges_printed - people_with_badge,
        people_with_badge=people_with_badge,
        press_contacts=press_contacts,
        press_outlets=press_outlets,
        agenda=agenda,
    )


def _agenda_lines(items: list[AgendaItem], event: EventInfo) -> list[AgendaLine]:
    ids = {item.id for item in items}
    lines = []
    for item in items:
        level = 1 if item.parent_id in ids else 0
        lines.append(
            AgendaLine(
                day=item.day,
                title=item.title,
                level=level,
                planned_start=item.planned_start,
                planned_minutes=item.planned_minutes,
                actual_start=event.local(item.actual_start) if item.actual_start else None,
                actual_end=event.local(item.actual_end) if item.actual_end else None,
            )
        )
    return lines


def planned_end(line: AgendaLine) -> time | None:
    if line.planned_start is None:
        return None
    return (datetime.combine(line.day, line.planned_start) + timedelta(minutes=line.planned_minutes)).time()
