"""Participants as plain data for views and commands: loading, validation, walk-ins, corrections.

Views never hold ORM objects: they get ``Person`` values. A walk-in and a correction go
through the same ``validate_person`` rules; a correction leaves an ``AuditEvent`` with the
fields before and after.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, replace

from sqlalchemy import func, select

from kiosk.core import codes
from kiosk.core.text import normalise_email, normalise_phone
from kiosk.db import Database
from kiosk.db.models import BADGE_ROLES, CATEGORIES, SEXES, AuditEvent, Participant, utcnow
from kiosk.i18n import _

# The fields a walk-in form and a correction dialog edit, in form order.
EDITABLE_FIELDS = (
    "first_name", "last_name", "sex", "organisation", "category", "function", "phone", "email", "badge_role",
)
REQUIRED_FIELDS = ("first_name", "last_name", "sex", "organisation", "category", "badge_role")
_MAX_LENGTHS = {"first_name": 120, "last_name": 120, "organisation": 200, "function": 200}


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    code: str
    first_name: str
    last_name: str
    sex: str
    organisation: str
    category: str
    function: str
    phone: str
    email: str
    badge_role: str
    registration: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def form_values(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in EDITABLE_FIELDS}


PERSON_COLUMNS = tuple(getattr(Participant, f.name) for f in fields(Person))


def count_participants(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(
            select(func.count()).select_from(Participant).where(Participant.deleted.is_(False))
        )


def iter_people(db: Database, batch: int = 2000) -> Iterator[Person]:
    """Every participant not deleted, streamed in batches (100,000 rows never sit in memory as rows)."""
    query = select(*PERSON_COLUMNS).where(Participant.deleted.is_(False)).execution_options(yield_per=batch)
    shared: dict[str, str] = {}  # one string object for the values that repeat (names, organisations)
    share = shared.setdefault
    with db.transaction() as session:
        for row in session.execute(query):
            (pid, code, first, last, sex, organisation, category, function, phone, email, role, registration) = row
            yield Person(
                pid, code, share(first, first), share(last, last), share(sex, sex), share(organisation, organisation),
                share(category, category), share(function, function), phone, email, share(role, role),
                share(registration, registration),
            )


def get_person(db: Database, participant_id: str) -> Person | None:
    with db.transaction() as session:
        row = session.execute(
            select(*PERSON_COLUMNS).where(Participant.id == participant_id, Participant.deleted.is_(False))
        ).first()
    return Person(*row) if row else None


def find_by_code(db: Database, code: str) -> Person | None:
    with db.transaction() as session:
        row = session.execute(
            select(*PERSON_COLUMNS).where(Participant.code == code, Participant.deleted.is_(False))
        ).first()
    return Person(*row) if row else None


class PersonFormError(ValueError):
    """Field -> French message for every field that is wrong."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("\n".join(errors.values()))


def field_labels() -> dict[str, str]:
    return {
        "first_name": _("Prénom"),
        "last_name": _("Nom"),
        "sex": _("Sexe"),
        "organisation": _("Organisation"),
        "category": _("Catégorie"),
        "function": _("Fonction"),
        "phone": _("Téléphone"),
        "email": _("E-mail"),
        "badge_role": _("Rôle sur le badge"),
    }


def validate_person(values: dict[str, str]) -> dict[str, str]:
    """Cleaned form values (trimmed, phone in E.164, e-mail lower case) or ``PersonFormError``."""
    labels = field_labels()
    cleaned = {name: " ".join(str(values.get(name, "") or "").split()) for name in EDITABLE_FIELDS}
    errors: dict[str, str] = {}
    for name in REQUIRED_FIELDS:
        if not cleaned[name]:
            errors[name] = _("{field} est obligatoire.").format(field=labels[name])
    for name, limit in _MAX_LENGTHS.items():
        if len(cleaned[name]) > limit:
            errors[name] = _("{field} : {limit} caractères au plus.").format(field=labels[name], limit=limit)
    choices = {"sex": SEXES, "category": CATEGORIES, "badge_role": BADGE_ROLES}
    for name, allowed in choices.items():
        if cleaned[name] and cleaned[name] not in allowed:
            errors[name] = _("{field} : valeur inconnue « {value} ».").format(field=labels[name], value=cleaned[name])
    for name, normalise in (("phone", normalise_phone), ("email", normalise_email)):
        try:
            cleaned[name] = normalise(cleaned[name])
        except ValueError as exc:
            errors[name] = str(exc)
    if errors:
        raise PersonFormError(errors)
    return cleaned


def create_walk_in(db: Database, values: dict[str, str]) -> Person:
    """Register a walk-in (values already validated) under a new code; returns the new person."""
    with db.transaction() as session:
        code = codes.new_code()
        while session.scalar(select(Participant.id).where(Participant.code == code)) is not None:
            code = codes.new_code()
        now = utcnow()
        row = Participant(
            code=code, registration="walk_in", desk_id=db.desk.id, created_at=now, updated_at=now, **values
        )
        session.add(row)
        session.flush()
        return Person(*(getattr(row, f.name) for f in fields(Person)))


def update_person(db: Database, person: Person, values: dict[str, str]) -> Person:
    """Apply a correction (values already validated), audited with before/after; unchanged -> same person."""
    changes = {name: (getattr(person, name), value) for name, value in values.items() if getattr(person, name) != value}
    if not changes:
        return person
    with db.transaction() as session:
        row = session.get(Participant, person.id)
        if row is None or row.deleted:
            raise LookupError(person.id)
        for name, (_before, after) in changes.items():
            setattr(row, name, after)
        row.updated_at = utcnow()
        row.desk_id = db.desk.id
        session.add(
            AuditEvent(
                desk_id=db.desk.id,
                action="participant.correct",
                entity="participant",
                entity_id=person.id,
                details={
                    "before": {name: before for name, (before, _after) in changes.items()},
                    "after": {name: after for name, (_before, after) in changes.items()},
                },
            )
        )
    return replace(person, **{name: after for name, (_before, after) in changes.items()})
