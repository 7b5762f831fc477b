"""The press point: journalists met at the event, what they asked for, follow-ups, consents.

Views get plain data (``ContactRow``) and hand back a ``ContactDraft``; everything that
decides something lives here: validation (phones and e-mails through ``kiosk.core.text``),
the duplicate check that turns "the same journalist and outlet twice" into a merge offer,
tombstone deletes with undo (both audited), and the beneficiaries' consents, kept in their
own table as a history of statements (when, which desk), the latest one counting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.core.text import compact, fold, name_key, normalise_email, normalise_phone, tokens
from kiosk.db import Database
from kiosk.db.models import AgendaItem, AuditEvent, Participant, PressConsent, PressContact, utcnow
from kiosk.errors import KioskError
from kiosk.i18n import _

PRESS_CATEGORY = "Presse"
BENEFICIARY_CATEGORY = "Bénéficiaire"
SPEAKER_ROLES = ("Intervenant", "Officiel")
INTERVIEWED_SEPARATOR = "; "
ENTITY = "press_contact"

# Stored codes (stable, readable in a CSV); labels come from the functions below.
MEDIA_TYPES = ("radio", "television", "presse_ecrite", "en_ligne", "agence", "autre")
LANGUAGES = ("fr", "wo", "en", "autre")
REQUEST_TYPES = ("interview", "information", "photo_video", "communique")
FOLLOW_UP_STATUSES = ("a_faire", "en_cours", "fait")
OPEN_STATUSES = ("a_faire", "en_cours")
MATERIALS = ("gave_press_kit", "gave_release", "gave_photos")


def media_type_labels() -> dict[str, str]:
    return {
        "radio": _("Radio"),
        "television": _("Télévision"),
        "presse_ecrite": _("Presse écrite"),
        "en_ligne": _("En ligne"),
        "agence": _("Agence"),
        "autre": _("Autre"),
    }


def language_labels() -> dict[str, str]:
    return {"fr": _("Français"), "wo": _("Wolof"), "en": _("Anglais"), "autre": _("Autre langue")}


def request_type_labels() -> dict[str, str]:
    return {
        "interview": _("Interview"),
        "information": _("Information"),
        "photo_video": _("Photo/vidéo"),
        "communique": _("Communiqué"),
    }


def follow_up_status_labels() -> dict[str, str]:
    return {"a_faire": _("À faire"), "en_cours": _("En cours"), "fait": _("Fait")}


def material_labels() -> dict[str, str]:
    return {"gave_press_kit": _("Dossier de presse"), "gave_release": _("Communiqué"), "gave_photos": _("Photos")}


@dataclass(frozen=True)
class Interviewee:
    """Someone a journalist interviewed: a participant, an agenda speaker, or a typed name."""

    name: str
    participant_id: str | None = None
    category: str = ""
    source: str = "typed"  # "participant" | "agenda" | "typed"

    @property
    def asks_consent(self) -> bool:
        """Beneficiaries (and people we know nothing about) give photo/recording consent here."""
        return self.category == BENEFICIARY_CATEGORY or self.source == "typed"


@dataclass(frozen=True)
class Consent:
    """One interviewed person's consent to be photographed and/or recorded."""

    person: str
    participant_id: str | None = None
    photo: bool = False
    recording: bool = False
    recorded_at: datetime | None = None
    recorded_by: str = ""


@dataclass(frozen=True)
class ContactDraft:
    """What the form holds; also the editable part of a stored contact."""

    first_name: str = ""
    last_name: str = ""
    outlet: str = ""
    media_type: str = ""
    languages: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    press_card: str = ""
    interviewed: tuple[str, ...] = ()
    topics: str = ""
    request_type: str = ""
    deadline_at: datetime | None = None
    embargo: bool = False
    gave_press_kit: bool = False
    gave_release: bool = False
    gave_photos: bool = False
    follow_up: bool = False
    follow_up_on: date | None = None
    follow_up_status: str = ""
    consent_media_list: bool = False
    notes: str = ""
    participant_id: str | None = None
    consents: tuple[Consent, ...] = ()

    @property
    def journalist(self) -> str:
        return " ".join(part for part in (self.first_name.strip(), self.last_name.strip()) if part)


@dataclass(frozen=True)
class ContactRow(ContactDraft):
    """A stored contact, as plain data."""

    id: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    author: str = ""
    consent_media_list_at: datetime | None = None
    consent_media_list_by: str = ""

    def draft(self) -> ContactDraft:
        return ContactDraft(**{f.name: getattr(self, f.name) for f in fields(ContactDraft)})

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up and self.follow_up_status in OPEN_STATUSES

    def follow_up_due(self, today: date) -> bool:
        """An open follow-up whose date has come (or that has no date)."""
        return self.follow_up_open and (self.follow_up_on is None or self.follow_up_on <= today)


@dataclass(frozen=True)
class RegisteredJournalist:
    """A participant registered as press, to link a contact to (no double entry)."""

    participant_id: str
    code: str
    first_name: str
    last_name: str
    organisation: str
    phone: str
    email: str
    contact_id: str | None  # their press contact, when there is one already

    @property
    def label(self) -> str:
        return f"{self.first_name} {self.last_name} — {self.organisation}".strip()


class PressValidationError(KioskError):
    """The form cannot be saved; ``errors`` maps each field to its French message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("\n".join(errors.values()))
        self.errors = errors


class DuplicateContactError(KioskError):
    """The same journalist and outlet are already listed: offer a merge."""

    def __init__(self, existing: ContactRow):
        super().__init__(
            _("{name} ({outlet}) est déjà dans la liste de presse.").format(
                name=existing.journalist, outlet=existing.outlet
            )
        )
        self.existing = existing


class ContactNotFoundError(KioskError):
    pass


# -- validation ----------------------------------------------------------------------
def validate(draft: ContactDraft) -> ContactDraft:
    """The draft cleaned and normalised, or ``PressValidationError`` naming each field."""
    errors: dict[str, str] = {}
    strip = {name: getattr(draft, name).strip() for name in (
        "first_name", "last_name", "outlet", "phone", "email", "press_card", "topics", "notes")}
    if not (strip["first_name"] or strip["last_name"]):
        errors["name"] = _("Journaliste : indiquez au moins le prénom ou le nom.")
    if not strip["outlet"]:
        errors["outlet"] = _("Média : indiquez la rédaction du journaliste (radio, journal, site…).")
    try:
        strip["phone"] = normalise_phone(strip["phone"])
    except ValueError as exc:
        errors["phone"] = str(exc)
    try:
        strip["email"] = normalise_email(strip["email"])
    except ValueError as exc:
        errors["email"] = str(exc)
    if not strip["phone"] and not strip["email"] and "phone" not in errors and "email" not in errors:
        errors["contact"] = _("Téléphone ou e-mail : indiquez au moins l'un des deux pour recontacter le journaliste.")
    for name, allowed, label in (
        ("media_type", MEDIA_TYPES, _("Type de média")),
        ("request_type", REQUEST_TYPES, _("Demande")),
        ("follow_up_status", FOLLOW_UP_STATUSES, _("Statut du suivi")),
    ):
        value = getattr(draft, name)
        if value and value not in allowed:
            errors[name] = _("{field} : valeur inconnue « {value} ».").format(field=label, value=value)
    unknown = [code for code in draft.languages if code not in LANGUAGES]
    if unknown:
        errors["languages"] = _("Langues : valeur inconnue « {value} ».").format(value=", ".join(unknown))
    if draft.deadline_at is not None and draft.deadline_at.tzinfo is None:
        raise ValueError("deadline_at must be an aware datetime")
    if errors:
        raise PressValidationError(errors)
    interviewed = tuple(dict.fromkeys(name.strip() for name in draft.interviewed if name.strip()))
    follow_up_status = (draft.follow_up_status or "a_faire") if draft.follow_up else ""
    return replace(
        draft,
        **strip,
        languages=tuple(code for code in LANGUAGES if code in draft.languages),
        interviewed=interviewed,
        follow_up_on=draft.follow_up_on if draft.follow_up else None,
        follow_up_status=follow_up_status,
        embargo=draft.embargo and draft.deadline_at is not None,
        consents=tuple(consent for consent in draft.consents if consent.person in interviewed),
    )


def same_journalist(a: ContactDraft, b: ContactDraft) -> bool:
    """Same person at the same outlet, whatever accents, case, name order or hyphens."""
    if a.participant_id and a.participant_id == b.participant_id:
        return True
    return (
        name_key(a.first_name, a.last_name) == name_key(b.first_name, b.last_name)
        and compact(a.outlet) == compact(b.outlet)
    )


# -- reading -------------------------------------------------------------------------
def _latest_consents(session: Session, contact_ids: Iterable[str]) -> dict[str, tuple[Consent, ...]]:
    ids = list(contact_ids)
    latest: dict[str, dict[str, Consent]] = {}
    if not ids:
        return {}
    query = (
        select(PressConsent)
        .where(PressConsent.press_contact_id.in_(ids), PressConsent.deleted.is_(False))
        .order_by(PressConsent.recorded_at)
    )
    for record in session.scalars(query):
        latest.setdefault(record.press_contact_id, {})[record.person] = Consent(
            person=record.person,
            participant_id=record.participant_id,
            photo=record.photo,
            recording=record.recording,
            recorded_at=record.recorded_at,
            recorded_by=record.recorded_by,
        )
    return {contact_id: tuple(by_person.values()) for contact_id, by_person in latest.items()}


def _row(contact: PressContact, consents: tuple[Consent, ...]) -> ContactRow:
    return ContactRow(
        id=contact.id,
        first_name=contact.first_name,
        last_name=contact.last_name or ("" if contact.first_name else contact.journalist),
        outlet=contact.outlet,
        media_type=contact.media_type,
        languages=tuple(code for code in contact.languages.split(",") if code),
        phone=contact.phone,
        email=contact.email,
        press_card=contact.press_card,
        interviewed=tuple(name for name in contact.interviewed.split(INTERVIEWED_SEPARATOR) if name),
        topics=contact.topics,
        request_type=contact.request_type,
        deadline_at=contact.deadline_at,
        embargo=contact.embargo,
        gave_press_kit=contact.gave_press_kit,
        gave_release=contact.gave_release,
        gave_photos=contact.gave_photos,
        follow_up=contact.follow_up,
        follow_up_on=contact.follow_up_on,
        follow_up_status=contact.follow_up_status,
        consent_media_list=contact.consent_media_list,
        notes=contact.notes,
        participant_id=contact.participant_id,
        consents=consents,
        created_at=contact.created_at,
        updated_at=contact.updated_at,
        author=contact.author,
        consent_media_list_at=contact.consent_media_list_at,
        consent_media_list_by=contact.consent_media_list_by,
    )


def list_contacts(db: Database) -> list[ContactRow]:
    """Every contact not deleted, newest first."""
    with db.transaction() as session:
        contacts = list(
            session.scalars(
                select(PressContact)
                .where(PressContact.deleted.is_(False))
                .order_by(PressContact.created_at.desc(), PressContact.id)
            )
        )
        consents = _latest_consents(session, (contact.id for contact in contacts))
        return [_row(contact, consents.get(contact.id, ())) for contact in contacts]


def get_contact(db: Database, contact_id: str) -> ContactRow:
    with db.transaction() as session:
        contact = session.get(PressContact, contact_id)
        if contact is None:
            raise ContactNotFoundError(_("Contact presse introuvable : {id}").format(id=contact_id))
        return _row(contact, _latest_consents(session, [contact_id]).get(contact_id, ()))


def consent_history(db: Database, contact_id: str) -> list[Consent]:
    """Every consent statement recorded with this contact, oldest first."""
    with db.transaction() as session:
        return [
            Consent(record.person, record.participant_id, record.photo, record.recording,
                    record.recorded_at, record.recorded_by)
            for record in session.scalars(
                select(PressConsent)
                .where(PressConsent.press_contact_id == contact_id, PressConsent.deleted.is_(False))
                .order_by(PressConsent.recorded_at)
            )
        ]


def find_duplicate(db: Database, draft: ContactDraft, exclude_id: str | None = None) -> ContactRow | None:
    for row in list_contacts(db):
        if row.id != exclude_id and same_journalist(row, draft):
            return row
    return None


# -- search and filters (plain functions over rows, shared by the screen and tests) ---
def _haystack(row: ContactRow) -> str:
    parts = (row.journalist, row.outlet, row.email, row.phone, row.press_card, row.topics, row.notes,
             " ".join(row.interviewed))
    text = " ".join(parts)
    return f"{fold(text)} {compact(text)}"


def matches(row: ContactRow, query: str) -> bool:
    """Every word of the query appears in the contact (accents and case ignored)."""
    haystack = _haystack(row)
    return all(word in haystack for word in tokens(query))


def filter_contacts(
    rows: Sequence[ContactRow],
    *,
    query: str = "",
    outlet: str = "",
    media_type: str = "",
    follow_up: str = "all",
    today: date | None = None,
) -> list[ContactRow]:
    """``follow_up``: "all", "open" (any open follow-up) or "due" (open and due by ``today``)."""
    today = today or date.today()
    result = []
    for row in rows:
        if outlet and compact(row.outlet) != compact(outlet):
            continue
        if media_type and row.media_type != media_type:
            continue
        if follow_up == "open" and not row.follow_up_open:
            continue
        if follow_up == "due" and not row.follow_up_due(today):
            continue
        if query and not matches(row, query):
            continue
        result.append(row)
    return result


def open_follow_ups(rows: Sequence[ContactRow]) -> list[ContactRow]:
    """Open follow-ups, the earliest date first (undated ones first: they are due now)."""
    return sorted((row for row in rows if row.follow_up_open), key=lambda row: (row.follow_up_on or date.min, row.journalist))


def outlets(rows: Sequence[ContactRow]) -> list[str]:
    by_key: dict[str, str] = {}
    for row in rows:
        by_key.setdefault(compact(row.outlet), row.outlet)
    return sorted(by_key.values(), key=fold)


def outlet_media_types(db: Database) -> dict[str, str]:
    """Known outlets (contacts and press participants) -> the media type last used for them."""
    known: dict[str, str] = {}
    with db.transaction() as session:
        for organisation in session.scalars(
            select(Participant.organisation).where(
                Participant.deleted.is_(False),
                or_(Participant.category == PRESS_CATEGORY, Participant.badge_role == PRESS_CATEGORY),
            )
        ):
            if organisation:
                known.setdefault(organisation, "")
        for outlet, media_type in session.execute(
            select(PressContact.outlet, PressContact.media_type)
            .where(PressContact.deleted.is_(False))
            .order_by(PressContact.updated_at)
        ):
            if outlet:
                known[outlet] = media_type or known.get(outlet, "")
    return known


# -- participants: registered journalists and interviewees ----------------------------
def registered_journalists(db: Database, query: str, limit: int = 10) -> list[RegisteredJournalist]:
    """Participants registered as press whose name or outlet matches every word of ``query``."""
    words = tokens(query)
    found: list[RegisteredJournalist] = []
    with db.transaction() as session:
        linked = dict(
            session.execute(
                select(PressContact.participant_id, PressContact.id).where(
                    PressContact.deleted.is_(False), PressContact.participant_id.is_not(None)
                )
            ).all()
        )
        people = session.scalars(
            select(Participant)
            .where(
                Participant.deleted.is_(False),
                or_(Participant.category == PRESS_CATEGORY, Participant.badge_role == PRESS_CATEGORY),
            )
            .order_by(Participant.last_name, Participant.first_name)
        )
        for person in people:
            text = f"{person.first_name} {person.last_name} {person.organisation} {person.code}"
            haystack = f"{fold(text)} {compact(text)}"
            if all(word in haystack for word in words):
                found.append(
                    RegisteredJournalist(
                        person.id, person.code, person.first_name, person.last_name, person.organisation,
                        person.phone, person.email, linked.get(person.id),
                    )
                )
                if len(found) >= limit:
                    break
    return found


def draft_from_participant(journalist: RegisteredJournalist, media_type: str = "") -> ContactDraft:
    """A new contact prefilled from the registration (name, outlet, phone, e-mail)."""
    return ContactDraft(
        first_name=journalist.first_name,
        last_name=journalist.last_name,
        outlet=journalist.organisation,
        media_type=media_type,
        phone=journalist.phone,
        email=journalist.email,
        participant_id=journalist.participant_id,
    )


def interviewee_labels(first_name: str, last_name: str, organisation: str) -> tuple[str, ...]:
    """How a participant is written in a contact's interviewee list: "Awa Diop (ARD)", or the name alone."""
    name = f"{first_name} {last_name}".strip()
    return (f"{name} ({organisation})", name) if organisation else (name,)


def interviewee_candidates(db: Database) -> list[Interviewee]:
    """Speakers and officials among the participants, beneficiaries, and the agenda's speakers."""
    candidates: dict[str, Interviewee] = {}
    with db.transaction() as session:
        people = session.scalars(
            select(Participant)
            .where(
                Participant.deleted.is_(False),
                or_(Participant.badge_role.in_(SPEAKER_ROLES), Participant.category == BENEFICIARY_CATEGORY),
            )
            .order_by(Participant.last_name, Participant.first_name)
        )
        for person in people:
            label = interviewee_labels(person.first_name, person.last_name, person.organisation)[0]
            candidates.setdefault(label, Interviewee(label, person.id, person.category, "participant"))
        for speakers in session.scalars(
            select(AgendaItem.speakers).where(AgendaItem.deleted.is_(False), AgendaItem.speakers != "")
        ):
            for speaker in speakers.split(";"):
                speaker = speaker.strip()
                if speaker:
                    candidates.setdefault(speaker, Interviewee(speaker, source="agenda"))
    return list(candidates.values())


def resolve_interviewee(name: str, candidates: Sequence[Interviewee]) -> Interviewee:
    """The candidate whose label is ``name`` (accents and case ignored), else a typed name."""
    key = compact(name)
    for candidate in candidates:
        if compact(candidate.name) == key:
            return candidate
    return Interviewee(name.strip())


def search_interviewees(candidates: Sequence[Interviewee], query: str, limit: int = 12) -> list[Interviewee]:
    words = tokens(query)
    found = []
    for candidate in candidates:
        haystack = f"{fold(candidate.name)} {compact(candidate.name)}"
        if all(word in haystack for word in words):
            found.append(candidate)
            if len(found) >= limit:
                break
    return found


# -- writing -------------------------------------------------------------------------
def _audit(session: Session, db: Database, action: str, contact_id: str, **details) -> None:
    session.add(AuditEvent(desk_id=db.desk.id, action=action, entity=ENTITY, entity_id=contact_id, details=details))


def _apply(contact: PressContact, draft: ContactDraft, db: Database, now: datetime) -> None:
    for name in ("first_name", "last_name", "outlet", "media_type", "phone", "email", "press_card", "topics",
                 "request_type", "deadline_at", "embargo", *MATERIALS, "follow_up", "follow_up_on",
                 "follow_up_status", "notes", "participant_id"):
        setattr(contact, name, getattr(draft, name))
    contact.journalist = draft.journalist
    contact.languages = ",".join(draft.languages)
    contact.interviewed = INTERVIEWED_SEPARATOR.join(draft.interviewed)
    if bool(contact.consent_media_list) != draft.consent_media_list:
        contact.consent_media_list = draft.consent_media_list
        contact.consent_media_list_at = now
        contact.consent_media_list_by = db.desk.name
    contact.updated_at = now


def _record_consents(session: Session, db: Database, contact_id: str, consents: Iterable[Consent], now: datetime) -> int:
    """Append a consent statement for each person whose answer changed; return how many."""
    current = _latest_consents(session, [contact_id]).get(contact_id, ())
    latest = {consent.person: consent for consent in current}
    added = 0
    for consent in consents:
        before = latest.get(consent.person)
        if before is None and not (consent.photo or consent.recording):
            continue  # nothing said yet, nothing to record
        if before is not None and (before.photo, before.recording) == (consent.photo, consent.recording):
            continue
        session.add(
            PressConsent(
                press_contact_id=contact_id,
                participant_id=consent.participant_id,
                person=consent.person,
                photo=consent.photo,
                recording=consent.recording,
                recorded_at=now,
                recorded_by=db.desk.name,
                updated_at=now,
                desk_id=db.desk.id,
            )
        )
        added += 1
    return added


def save_contact(
    db: Database, draft: ContactDraft, contact_id: str | None = None, *, allow_duplicate: bool = False
) -> str:
    """Create (``contact_id`` None) or update a contact; return its id.

    Raises ``PressValidationError`` for bad input and ``DuplicateContactError`` when the
    same journalist and outlet are already listed (call ``merge_into`` or pass
    ``allow_duplicate`` once the user has chosen).
    """
    clean = validate(draft)
    if not allow_duplicate:
        existing = find_duplicate(db, clean, exclude_id=contact_id)
        if existing is not None:
            raise DuplicateContactError(existing)
    now = utcnow()
    with db.transaction() as session:
        if contact_id is None:
            contact = PressContact(created_at=now, desk_id=db.desk.id, author=db.desk.name, journalist="")
            session.add(contact)
            _apply(contact, clean, db, now)
            session.flush()
            _audit(session, db, "press_contact.create", contact.id)
        else:
            contact = session.get(PressContact, contact_id)
            if contact is None or contact.deleted:
                raise ContactNotFoundError(_("Ce contact presse a été supprimé entre-temps."))
            _apply(contact, clean, db, now)
            _audit(session, db, "press_contact.update", contact.id)
        _record_consents(session, db, contact.id, clean.consents, now)
        return contact.id


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def _join_text(old: str, new: str, separator: str) -> str:
    old, new = old.strip(), new.strip()
    if not new or fold(new) in fold(old):
        return old
    if not old or fold(old) in fold(new):
        return new
    return f"{old}{separator}{new}"


def merged_draft(existing: ContactDraft, new: ContactDraft) -> ContactDraft:
    """``new`` folded into ``existing``: new values win, lists and notes add up, nothing is lost."""
    scalars = {
        name: getattr(new, name) or getattr(existing, name)
        for name in ("first_name", "last_name", "outlet", "media_type", "phone", "email", "press_card",
                     "request_type", "participant_id")
    }
    deadline = new if new.deadline_at is not None else existing
    follow = new if new.follow_up else existing
    consents = {consent.person: consent for consent in existing.consents}
    consents.update({consent.person: consent for consent in new.consents})
    return replace(
        existing,
        **scalars,
        languages=_union(existing.languages, new.languages),
        interviewed=_union(existing.interviewed, new.interviewed),
        topics=_join_text(existing.topics, new.topics, "; "),
        notes=_join_text(existing.notes, new.notes, "\n"),
        deadline_at=deadline.deadline_at,
        embargo=deadline.embargo,
        **{name: getattr(existing, name) or getattr(new, name) for name in MATERIALS},
        follow_up=follow.follow_up,
        follow_up_on=follow.follow_up_on,
        follow_up_status=follow.follow_up_status,
        consent_media_list=existing.consent_media_list or new.consent_media_list,
        consents=tuple(consents.values()),
    )


def merge_into(db: Database, target_id: str, draft: ContactDraft, *, merged_from: str | None = None) -> str:
    """Fold ``draft`` into the contact ``target_id``; ``merged_from`` (the contact being edited) is
    then deleted as a tombstone. Both steps are audited; return ``target_id``."""
    target = get_contact(db, target_id)
    merged = merged_draft(target.draft(), validate(draft))
    save_contact(db, merged, target_id, allow_duplicate=True)
    with db.transaction() as session:
        _audit(session, db, "press_contact.merge", target_id, merged_from=merged_from or "")
    if merged_from is not None and merged_from != target_id:
        delete_contact(db, merged_from)
    return target_id


def _set_deleted(db: Database, contact_id: str, deleted: bool) -> ContactRow:
    now = utcnow()
    with db.transaction() as session:
        contact = session.get(PressContact, contact_id)
        if contact is None:
            raise ContactNotFoundError(_("Contact presse introuvable : {id}").format(id=contact_id))
        contact.deleted = deleted
        contact.updated_at = now
        _audit(session, db, "press_contact.delete" if deleted else "press_contact.restore", contact_id,
               outlet=contact.outlet)
        return _row(contact, ())


def delete_contact(db: Database, contact_id: str) -> ContactRow:
    """Delete as a tombstone (``deleted``), audited; ``restore_contact`` undoes it."""
    return _set_deleted(db, contact_id, True)


def restore_contact(db: Database, contact_id: str) -> ContactRow:
    return _set_deleted(db, contact_id, False)


def set_follow_up_status(db: Database, contact_id: str, status: str) -> None:
    """Move a follow-up along (à faire -> en cours -> fait) without reopening the whole form."""
    row = get_contact(db, contact_id)
    save_contact(db, replace(row.draft(), follow_up=True, follow_up_status=status), contact_id, allow_duplicate=True)


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """A wall-clock time typed at the venue (naive) as a UTC instant."""
    return local.replace(tzinfo=tz).astimezone(UTC)

