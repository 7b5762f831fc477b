"""What Kiosk holds on a person, erasing one person, and the purge after the retention period.

Minimisation rule (README "Personal data"): an erased participant becomes a tombstone
(``deleted`` = 1, ``updated_at`` now) that keeps only what anonymous counts need: sex,
category, badge role and registration (invited / walk-in), and its sign-ins (day, time,
desk) and badge prints. Everything else is blanked and free-text reasons are cleared.
The badge code stays: it names nobody once the name is gone, and it lets an import of
the old invitation list recognise the person and refuse to bring them back. The
tombstone travels to other desks through the export bundle, so they forget the person
too. Press contacts linked to the person are erased the same way (the outlet and media
type stay: they name a newspaper, not a person), and so are the photo and recording
consents the person gave (the yes/no answers and their date stay). Audit events about
the person keep what happened and when, but lose their details, which may quote the
old values.

The purge does the same for everyone, once ``Event.retention_days`` have passed since
the event's last day; before that date it refuses (one person can still be erased on
request at any time with ``person erase``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Boolean, String, Text, and_, func, or_, select, update
from sqlalchemy.orm import Session

from kiosk.core.codes import normalise_scan
from kiosk.core.event import EventInfo
from kiosk.core.press import INTERVIEWED_SEPARATOR, interviewee_labels
from kiosk.core.text import compact
from kiosk.db import Database
from kiosk.db.models import (
    Attendance,
    AuditEvent,
    BadgePrint,
    Desk,
    Participant,
    PressConsent,
    PressContact,
    utcnow,
)
from kiosk.errors import KioskError
from kiosk.i18n import _

# Participant columns an erased tombstone keeps: identity of the row, sync bookkeeping,
# and the anonymous attributes the donors' counts need. Every other column is blanked.
PARTICIPANT_KEPT = {"id", "code", "sex", "category", "badge_role", "registration",
                    "created_at", "updated_at", "desk_id", "deleted"}
PRESS_KEPT = {"id", "outlet", "media_type", "participant_id", "created_at", "updated_at", "desk_id", "deleted"}
CONSENT_KEPT = {"id", "press_contact_id", "participant_id", "photo", "recording", "recorded_at",
                "updated_at", "desk_id", "deleted"}
ERASE_ACTION = "person.erase"
PURGE_ACTION = "personal_data.purge"


class NotFound(KioskError):
    """No person with that id or code, or nothing left to erase (exit status 1)."""


def already_erased(person_id: str) -> NotFound:
    return NotFound(_("La personne {id} est déjà effacée : rien à faire.").format(id=person_id))


def blank_values(model, kept: set[str]) -> dict:
    """Column -> empty value for every column of ``model`` that is not in ``kept``."""
    values = {}
    for column in model.__table__.columns:
        if column.name in kept:
            continue
        if isinstance(column.type, Boolean):
            values[column.name] = False
        elif isinstance(column.type, String | Text) and not column.nullable:
            values[column.name] = ""
        elif column.nullable:
            values[column.name] = None
        else:
            raise TypeError(f"no blank value for {model.__tablename__}.{column.name}")
    return values


def is_erased():
    """SQL condition: a participant tombstone without a name, i.e. erased, not a removed duplicate."""
    return and_(Participant.deleted.is_(True), Participant.first_name == "", Participant.last_name == "")


def _holds_personal_data(model, kept: set[str]):
    """SQL condition: some column outside ``kept`` is not blank."""
    conditions = []
    for name, blank in blank_values(model, kept).items():
        column = model.__table__.c[name]
        conditions.append(column.is_not(None) if blank is None else column != blank)
    return or_(*conditions)


# -- one person ------------------------------------------------------------------------

def find_person(session: Session, key: str) -> Participant:
    """The participant whose id is ``key``, or whose badge code it is (as typed or scanned)."""
    key = key.strip()
    participant = session.get(Participant, key)
    if participant is None:
        code = normalise_scan(key)
        if code is not None:
            participant = session.scalar(select(Participant).where(Participant.code == code))
    if participant is None:
        raise NotFound(_("Aucune personne avec l'identifiant ou le code {key}.").format(key=key))
    return participant


def _row(record, event: EventInfo | None = None, desks: dict[str, str] | None = None) -> dict:
    """A record as plain JSON-ready data (instants in the event's time zone)."""
    data = {}
    for column in record.__table__.columns:
        value = getattr(record, column.name)
        if isinstance(value, datetime) and event is not None:
            value = event.local(value)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        data[column.name] = value
    if desks is not None and "desk_id" in data:
        data["desk"] = desks.get(data["desk_id"], "")
    return data


def person_record(db: Database, event: EventInfo, key: str) -> dict:
    """Everything held on one person: the row, sign-ins, badge prints, press contacts, audit."""
    with db.transaction() as session:
        person = find_person(session, key)
        desks = dict(session.execute(select(Desk.id, Desk.name)).all())

        def linked(model, order) -> list:
            return list(session.scalars(select(model).where(model.participant_id == person.id).order_by(order)))

        attendance = linked(Attendance, Attendance.checked_in_at)
        prints = linked(BadgePrint, BadgePrint.printed_at)
        press = linked(PressContact, PressContact.created_at)
        consents = linked(PressConsent, PressConsent.recorded_at)
        press_ids = [contact.id for contact in press]
        audit = session.scalars(
            select(AuditEvent)
            .where(or_(AuditEvent.entity_id == person.id, AuditEvent.entity_id.in_(press_ids)))
            .order_by(AuditEvent.at)
        ).all()
        return {
            "participant": _row(person, event, desks),
            "erased": bool(person.deleted and not person.first_name and not person.last_name),
            "attendance": [_row(row, event, desks) for row in attendance],
            "badge_prints": [_row(row, event, desks) for row in prints],
            "press_contacts": [_row(row, event, desks) for row in press],
            "press_consents": [_row(row, event, desks) for row in consents],
            "audit": [_row(row, event, desks) for row in audit],
        }


@dataclass(frozen=True)
class Erasure:
    participant_id: str
    press_contacts: int
    audit_events: int


def person_labels(session: Session, participant_ids) -> dict[str, str]:
    """How the press form may have written these people in a contact's interviewee list
    ("Awa Diop", "Awa Diop (ARD Thiès)"), folded -> participant id. Read before erasing."""
    labels: dict[str, str] = {}
    ids = list(participant_ids)
    for start in range(0, len(ids), 500):
        for row in session.execute(
            select(Participant.id, Participant.first_name, Participant.last_name, Participant.organisation)
            .where(Participant.id.in_(ids[start:start + 500]))
        ):
            for label in interviewee_labels(row.first_name, row.last_name, row.organisation):
                labels[compact(label)] = row.id
    labels.pop("", None)
    return labels


def _after(updated_at: datetime) -> datetime:
    """The time of a blanked version: the last microsecond of the millisecond of the version it
    replaces. It is later than that version (so it wins a merge) and computed from it alone (so
    every desk makes the same one); and blanking again gives the same time, so a row touched by
    several erasures ends the same whatever order the desks learned them in."""
    return updated_at.replace(microsecond=updated_at.microsecond - updated_at.microsecond % 1000 + 999)


def _blank_linked(session: Session, model, kept: set[str]) -> list[str]:
    """Blank the rows of ``model`` linked to an erased participant that still hold personal data."""
    rows = session.execute(
        select(model.id, model.updated_at)
        .join(Participant, model.participant_id == Participant.id)
        .where(is_erased(), or_(_holds_personal_data(model, kept), model.deleted.is_(False)))
    ).all()
    blank = blank_values(model, kept)
    updates = [{"id": row.id, **blank, "deleted": True, "updated_at": _after(row.updated_at)}
               for row in rows]
    for start in range(0, len(updates), 5000):
        session.execute(update(model), updates[start:start + 5000])
    return [row.id for row in rows]


def _drop_interviewees(session: Session, labels: dict[str, str]) -> int:
    """Take erased people out of the press contacts' interviewee lists and their typed consents."""
    if not labels:
        return 0
    people = sorted(set(labels.values()))
    erased = set()
    for start in range(0, len(people), 500):
        erased.update(session.scalars(
            select(Participant.id).where(Participant.id.in_(people[start:start + 500]), is_erased())))
    keys = {key for key, person in labels.items() if person in erased}
    touched = 0
    for contact in session.execute(
        select(PressContact.id, PressContact.interviewed, PressContact.updated_at).where(PressContact.interviewed != "")
    ).all():
        names = contact.interviewed.split(INTERVIEWED_SEPARATOR)
        if any(compact(name) in keys for name in names):
            session.execute(
                update(PressContact).where(PressContact.id == contact.id).values(
                    interviewed=INTERVIEWED_SEPARATOR.join(name for name in names if compact(name) not in keys),
                    updated_at=_after(contact.updated_at),
                )
            )
            touched += 1
    blank = blank_values(PressConsent, CONSENT_KEPT)
    for consent in session.execute(
        select(PressConsent.id, PressConsent.person, PressConsent.updated_at).where(PressConsent.person != "")
    ).all():
        if compact(consent.person) in keys:
            session.execute(
                update(PressConsent).where(PressConsent.id == consent.id).values(
                    **blank, deleted=True, updated_at=_after(consent.updated_at))
            )
    return touched


def forget_erased(session: Session, labels: dict[str, str] | None = None) -> tuple[int, int]:
    """Apply the erasure rules to everything that still names an erased participant.

    Run after an erasure and after every merge: rows another desk wrote about the person
    before it learned of the erasure (a press contact, a consent, a void reason, an audit
    entry) arrive with personal data and are blanked here. Each blanked version depends
    only on the version it replaces, so every desk computes the same one and merges still
    converge. ``labels`` (from ``person_labels``, read before the
    names were blanked) finds the person in free-text interviewee lists.
    Returns (press contacts, audit events) touched.
    """
    erased = select(Participant.id).where(is_erased())
    contact_ids = _blank_linked(session, PressContact, PRESS_KEPT)
    consent_labels = dict(session.execute(
        select(PressConsent.person, PressConsent.participant_id)
        .where(PressConsent.participant_id.in_(erased), PressConsent.person != "")
    ).all())
    _blank_linked(session, PressConsent, CONSENT_KEPT)
    interviews = _drop_interviewees(
        session, {**{compact(label): person for label, person in consent_labels.items()}, **(labels or {})})
    for row in session.execute(
        select(Attendance.id, Attendance.updated_at)
        .where(Attendance.participant_id.in_(erased), Attendance.void_reason != "")
    ).all():
        session.execute(update(Attendance).where(Attendance.id == row.id).values(
            void_reason="", updated_at=_after(row.updated_at)))
    session.execute(
        update(BadgePrint).where(BadgePrint.participant_id.in_(erased), BadgePrint.reprint_reason != "")
        .values(reprint_reason="")
    )
    about = or_(
        AuditEvent.entity_id.in_(erased),
        AuditEvent.entity_id.in_(select(PressContact.id).where(PressContact.participant_id.in_(erased))),
        AuditEvent.entity_id.in_(select(Attendance.id).where(Attendance.participant_id.in_(erased))),
    )
    audit = session.execute(
        update(AuditEvent).where(about, AuditEvent.details != {}, AuditEvent.action != ERASE_ACTION)
        .values(details={}).execution_options(synchronize_session=False)
    ).rowcount
    return len(contact_ids) + interviews, audit


def _erase_rows(session: Session, participant_ids: list[str], now: datetime) -> tuple[int, int]:
    """Blank the given participants and what points at them; return (press contacts, audit events) touched."""
    labels = person_labels(session, participant_ids)
    person_blank = blank_values(Participant, PARTICIPANT_KEPT)
    updates = [{"id": participant_id, **person_blank, "deleted": True, "updated_at": now} for participant_id in participant_ids]
    for start in range(0, len(updates), 5000):
        session.execute(update(Participant), updates[start:start + 5000])
    return forget_erased(session, labels)


def erase_person(db: Database, key: str, now: datetime | None = None) -> Erasure:
    """Erase one person's personal data, keeping an anonymous tombstone (see module notes)."""
    now = now or utcnow()
    with db.transaction() as session:
        person = find_person(session, key)
        if person.deleted and not person.first_name and not person.last_name:
            raise already_erased(person.id)
        press, audit = _erase_rows(session, [person.id], now)
        session.add(AuditEvent(
            at=now, desk_id=db.desk.id, action=ERASE_ACTION, entity="participant", entity_id=person.id,
            details={"press_contacts": press, "audit_events_cleared": audit},
        ))
        return Erasure(person.id, press, audit)


# -- everyone, after the retention period ----------------------------------------------

def purge_available_from(event: EventInfo) -> date:
    """The first day (event time zone) on which the purge is allowed."""
    return event.end_date + timedelta(days=event.retention_days + 1)


@dataclass(frozen=True)
class PurgeResult:
    participants: int
    press_contacts: int
    audit_events: int


class RetentionNotOver(KioskError):
    """The purge was asked before the end of the retention period (exit status 1)."""


def check_purge_allowed(event: EventInfo, now: datetime | None = None) -> None:
    available = purge_available_from(event)
    if event.today(now) < available:
        raise RetentionNotOver(
            _(
                "Purge refusée : les données sont conservées {days} jours après la fin de l'événement "
                "({end}), donc jusqu'au {last} inclus. Purge possible à partir du {first}. "
                "Pour effacer une personne qui le demande : « kiosk person erase ID »."
            ).format(
                days=event.retention_days, end=event.end_date.isoformat(),
                last=(available - timedelta(days=1)).isoformat(), first=available.isoformat(),
            )
        )


def purge_preview(db: Database) -> PurgeResult:
    """How many records the purge would blank now."""
    with db.transaction() as session:
        def count(model, kept):
            return session.scalar(select(func.count()).select_from(model).where(_holds_personal_data(model, kept)))

        audit = session.scalar(
            select(func.count()).select_from(AuditEvent)
            .where(AuditEvent.details != {}, AuditEvent.action.not_in((ERASE_ACTION, PURGE_ACTION)))
        )
        return PurgeResult(count(Participant, PARTICIPANT_KEPT), count(PressContact, PRESS_KEPT), audit)


def purge_personal_data(db: Database, event: EventInfo, now: datetime | None = None) -> PurgeResult:
    """Erase everyone's personal data (tombstones, counts kept); refuses before the retention ends."""
    check_purge_allowed(event, now)
    now = now or utcnow()
    with db.transaction() as session:
        ids = list(session.scalars(select(Participant.id).where(_holds_personal_data(Participant, PARTICIPANT_KEPT))))
        press, audit = _erase_rows(session, ids, now)
        # Press contacts not linked to a participant hold personal data too.
        press += session.execute(
            update(PressContact).where(_holds_personal_data(PressContact, PRESS_KEPT))
            .values(**blank_values(PressContact, PRESS_KEPT), deleted=True, updated_at=now)
        ).rowcount
        session.execute(
            update(PressConsent).where(_holds_personal_data(PressConsent, CONSENT_KEPT))
            .values(**blank_values(PressConsent, CONSENT_KEPT), deleted=True, updated_at=now)
        )
        audit += session.execute(
            update(AuditEvent).where(AuditEvent.details != {}, AuditEvent.action.not_in((ERASE_ACTION, PURGE_ACTION)))
            .values(details={})
        ).rowcount
        session.execute(update(Attendance).where(Attendance.void_reason != "").values(void_reason="", updated_at=now))
        session.execute(update(BadgePrint).where(BadgePrint.reprint_reason != "").values(reprint_reason=""))
        if ids or press or audit:
            session.add(AuditEvent(
                at=now, desk_id=db.desk.id, action=PURGE_ACTION, entity="event", entity_id=event.id,
                details={"participants": len(ids), "press_contacts": press, "audit_events_cleared": audit},
            ))
    return PurgeResult(len(ids), press, audit)
