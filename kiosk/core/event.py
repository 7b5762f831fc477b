"""The event a database holds: its days, its time zone, the day a desk works on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from kiosk.db import Database
from kiosk.db.models import Event, EventDay
from kiosk.errors import UsageError
from kiosk.i18n import _


@dataclass(frozen=True)
class EventInfo:
    id: str
    name: str
    venue: str
    city: str
    timezone: str
    start_date: date
    end_date: date
    days: tuple[date, ...]
    retention_days: int
    options: dict

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.tz)

    def today(self, now: datetime | None = None) -> date:
        return self.local(now or datetime.now(UTC)).date()

    def default_day(self, now: datetime | None = None) -> date:
        """Today when it is an event day, else the event's first day."""
        today = self.today(now)
        return today if today in self.days else self.days[0]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "venue": self.venue,
            "city": self.city,
            "timezone": self.timezone,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "days": [day.isoformat() for day in self.days],
        }


class NoEventError(UsageError):
    pass


def _check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError(_("Fuseau horaire inconnu : {tz}").format(tz=name)) from exc


def create_event(
    db: Database,
    *,
    name: str,
    venue: str,
    city: str,
    start_date: date,
    end_date: date,
    timezone: str = "Africa/Dakar",
    day_labels: dict[date, str] | None = None,
    options: dict | None = None,
) -> EventInfo:
    """Create the database's event; a database holds one event."""
    if not name.strip():
        raise UsageError(_("Le nom de l'événement est obligatoire."))
    if end_date < start_date:
        raise UsageError(_("La date de fin précède la date de début."))
    if (end_date - start_date).days > 60:
        raise UsageError(_("Un événement dure au plus 60 jours."))
    _check_timezone(timezone)
    labels = day_labels or {}
    with db.transaction() as session:
        if session.scalar(select(Event.id)) is not None:
            raise UsageError(_("Cette base de données contient déjà un événement."))
        event = Event(
            name=name.strip(),
            venue=venue.strip(),
            city=city.strip(),
            timezone=timezone,
            start_date=start_date,
            end_date=end_date,
            options=options or {},
        )
        session.add(event)
        session.flush()
        day = start_date
        while day <= end_date:
            session.add(EventDay(event_id=event.id, day=day, label=labels.get(day, "")))
            day += timedelta(days=1)
    return load_event(db)


def load_event(db: Database) -> EventInfo:
    with db.transaction() as session:
        event = session.scalar(select(Event))
        if event is None:
            raise NoEventError(
                _("La base de données ne contient aucun événement. Créez-en un avec « kiosk init ».")
            )
        days = tuple(session.scalars(select(EventDay.day).order_by(EventDay.day)))
        return EventInfo(
            id=event.id,
            name=event.name,
            venue=event.venue,
            city=event.city,
            timezone=event.timezone,
            start_date=event.start_date,
            end_date=event.end_date,
            days=days,
            retention_days=event.retention_days,
            options=dict(event.options or {}),
        )


def parse_day(text: str, event: EventInfo) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(_("Date invalide : {text} (attendu AAAA-MM-JJ)").format(text=text)) from exc
    if day not in event.days:
        raise UsageError(
            _("Le {day} n'est pas un jour de l'événement ({first} au {last}).").format(
                day=day.isoformat(), first=event.days[0].isoformat(), last=event.days[-1].isoformat()
            )
        )
    return day
