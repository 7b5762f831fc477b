"""The schema: SQLAlchemy 2 typed models.

Every record that travels between desks has a UUID primary key, ``updated_at``, the
desk that made it and, where it can be removed, a ``deleted`` tombstone instead of a
hard delete. Instants are stored in UTC (naive UTC datetimes in SQLite, see
``UTCDateTime``); days are dates in the event's time zone.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

CATEGORIES = (
    "Gouvernement national",
    "Collectivité territoriale / ARD",
    "Société civile",
    "Diaspora",
    "Secteur privé",
    "Partenaire technique et financier",
    "Système des Nations unies",
    "Bénéficiaire",
    "Presse",
    "Autre",
)
BADGE_ROLES = ("Participant", "Intervenant", "Organisation", "Presse", "Officiel")
SEXES = ("F", "M", "U")  # U: unspecified
REGISTRATIONS = ("invited", "walk_in")


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out, whatever the backend keeps."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC instant is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime}


class Desk(Base):
    """An installation of Kiosk; exactly one row is the local desk."""

    __tablename__ = "desk"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(80))
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Event(Base):
    __tablename__ = "event"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(300))
    venue: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Africa/Dakar")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    retention_days: Mapped[int] = mapped_column(Integer, default=365)
    # Per-event appearance and options (badge colours, logo path, ...): free-form JSON.
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class EventDay(Base):
    __tablename__ = "event_day"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    event_id: Mapped[str] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date, unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")


class Participant(Base):
    __tablename__ = "participant"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    first_name: Mapped[str] = mapped_column(String(120), default="")
    last_name: Mapped[str] = mapped_column(String(120), default="")
    sex: Mapped[str] = mapped_column(String(1), default="U")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(64), default="Autre")
    function: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    badge_role: Mapped[str] = mapped_column(String(32), default="Participant")
    registration: Mapped[str] = mapped_column(String(16), default="invited")
    consent_photo: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    desk_id: Mapped[str] = mapped_column(String(36), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_participant_email", "email"),
        Index("ix_participant_phone", "phone"),
    )


class Attendance(Base):
    """One sign-in event; present on a day if any non-voided row exists."""

    __tablename__ = "attendance"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    participant_id: Mapped[str] = mapped_column(ForeignKey("participant.id"))
    day: Mapped[date] = mapped_column(Date)
    checked_in_at: Mapped[datetime] = mapped_column(default=utcnow)
    desk_id: Mapped[str] = mapped_column(String(36), default="")
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str] = mapped_column(String(300), default="")
    voided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_attendance_day_participant", "day", "participant_id"),)


class BadgePrint(Base):
    __tablename__ = "badge_print"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    participant_id: Mapped[str] = mapped_column(ForeignKey("participant.id"))
    printed_at: Mapped[datetime] = mapped_column(default=utcnow)
    format: Mapped[str] = mapped_column(String(16))
    desk_id: Mapped[str] = mapped_column(String(36), default="")
    reprint_reason: Mapped[str] = mapped_column(String(300), default="")

    __table_args__ = (Index("ix_badge_print_participant", "participant_id"),)


class AgendaItem(Base):
    __tablename__ = "agenda_item"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    day: Mapped[date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    speakers: Mapped[str] = mapped_column(String(500), default="")
    planned_start: Mapped[time | None] = mapped_column(Time, nullable=True)
    planned_minutes: Mapped[int] = mapped_column(Integer, default=0)
    warning_s: Mapped[int] = mapped_column(Integer, default=300)
    danger_s: Mapped[int] = mapped_column(Integer, default=60)
    # "duration": count down planned_minutes; "end_time": count to planned end.
    mode: Mapped[str] = mapped_column(String(16), default="duration")
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_item.id"), nullable=True)
    actual_start: Mapped[datetime | None] = mapped_column(nullable=True)
    actual_end: Mapped[datetime | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    desk_id: Mapped[str] = mapped_column(String(36), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_agenda_item_day_position", "day", "position"),)


class ClockState(Base):
    """The session clock's stored anchors (one row per day); everything else is derived."""

    __tablename__ = "clock_state"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    item_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="stopped")
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    paused_at: Mapped[datetime | None] = mapped_column(nullable=True)
    paused_total_s: Mapped[float] = mapped_column(default=0.0)
    added_s: Mapped[float] = mapped_column(default=0.0)
    message: Mapped[str] = mapped_column(String(300), default="")
    blackout: Mapped[bool] = mapped_column(Boolean, default=False)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PressContact(Base):
    __tablename__ = "press_contact"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    journalist: Mapped[str] = mapped_column(String(200))
    outlet: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    participant_id: Mapped[str | None] = mapped_column(
        ForeignKey("participant.id"), nullable=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    desk_id: Mapped[str] = mapped_column(String(36), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Step "0002_press_contact_details" (kiosk/core/press.py holds the codes and rules).
    first_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    last_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    media_type: Mapped[str] = mapped_column(String(32), default="", server_default="")
    languages: Mapped[str] = mapped_column(String(64), default="", server_default="")  # "fr,wo"
    press_card: Mapped[str] = mapped_column(String(64), default="", server_default="")
    interviewed: Mapped[str] = mapped_column(Text, default="", server_default="")  # "; "-joined
    topics: Mapped[str] = mapped_column(Text, default="", server_default="")
    request_type: Mapped[str] = mapped_column(String(32), default="", server_default="")
    deadline_at: Mapped[datetime | None] = mapped_column(nullable=True)
    embargo: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    gave_press_kit: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    gave_release: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    gave_photos: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    follow_up: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    follow_up_status: Mapped[str] = mapped_column(String(16), default="", server_default="")
    consent_media_list: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    consent_media_list_at: Mapped[datetime | None] = mapped_column(nullable=True)
    consent_media_list_by: Mapped[str] = mapped_column(String(80), default="", server_default="")
    author: Mapped[str] = mapped_column(String(80), default="", server_default="")  # desk name


class PressConsent(Base):
    """An interviewed beneficiary's consent to photos or recordings, one row per statement.

    Rows are never edited: a change of mind is a new row, the latest one counts.
    """

    __tablename__ = "press_consent"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    press_contact_id: Mapped[str] = mapped_column(ForeignKey("press_contact.id"))
    participant_id: Mapped[str | None] = mapped_column(ForeignKey("participant.id"), nullable=True)
    person: Mapped[str] = mapped_column(String(200))
    photo: Mapped[bool] = mapped_column(Boolean, default=False)
    recording: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(80), default="")  # desk name
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    desk_id: Mapped[str] = mapped_column(String(36), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_press_consent_contact", "press_contact_id"),)


class AuditEvent(Base):
    """Who did what, when: check-in voids, corrections, reprints, erasures, merges."""

    __tablename__ = "audit_event"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    desk_id: Mapped[str] = mapped_column(String(36), default="")
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64), default="")
    entity_id: Mapped[str] = mapped_column(String(36), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)


class Setting(Base):
    """A desk setting (printer, auto-print, sound, ...), JSON-valued."""

    __tablename__ = "setting"

    desk_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON)
