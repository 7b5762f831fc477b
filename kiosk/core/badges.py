"""Badge rules: who gets a badge, in which order, and the print log.

A badge counts as printed once a ``BadgePrint`` row exists for the person (on any desk,
after a merge). Auto-print skips people already printed; printing someone again is a
reprint and needs a reason, kept in the log and in the audit trail. Writing a PDF file
is not printing: only the desk app's print path (or ``badges --mark-printed``) logs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from kiosk.core.text import fold
from kiosk.db import Database
from kiosk.db.models import Attendance, AuditEvent, BadgePrint, Desk, Participant
from kiosk.db.settings import read_options, write_options
from kiosk.errors import KioskError, UsageError
from kiosk.i18n import _

FORMAT_KEYS = ("a6", "cr80", "a4x8")
WHO_CHOICES = ("all", "checked-in", "not-printed")
# Offered in the reprint dialog; any other text is accepted too.
REPRINT_REASONS = (
    "Badge perdu",
    "Badge abîmé",
    "Erreur sur le nom ou l'organisation",
    "Changement de rôle",
    "Impression ratée",
)
SETTINGS_KEY = "badges"


class ReprintReasonRequired(KioskError):
    """Someone in the print job already has a badge and no reason was given."""

    def __init__(self, names: list[str]):
        self.names = names
        shown = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
        super().__init__(
            _("{count} badge(s) déjà imprimé(s) ({names}) : une réimpression demande un motif.").format(
                count=len(names), names=shown
            )
        )


@dataclass(frozen=True)
class BadgeData:
    """What a badge shows, as plain data."""

    participant_id: str
    code: str
    first_name: str
    last_name: str
    organisation: str
    role: str
    category: str

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def sort_key(self) -> tuple[str, str, str]:
        """Pick-up table order: last name, then first name, accents and case ignored."""
        return (fold(self.last_name), fold(self.first_name), self.code)


@dataclass(frozen=True)
class PrintLogEntry:
    printed_at: datetime
    participant_id: str
    name: str
    code: str
    format: str
    desk: str
    reprint_reason: str


@dataclass
class BadgeSettings:
    """This desk's badge settings (``Setting`` row ``badges``)."""

    format: str = "a6"
    crop_marks: bool = True
    auto_print: bool = False
    # The chosen printer: {"name": ..., "output_file": ...}; None until chosen once.
    printer: dict | None = None


# The columns of a BadgeData, in its order: rows, not ORM objects (100,000 of those take seconds).
_BADGE_COLUMNS = (
    Participant.id, Participant.code, Participant.first_name, Participant.last_name,
    Participant.organisation, Participant.badge_role, Participant.category,
)


def select_badges(
    db: Database, who: str = "all", *, day: date | None = None, category: str | None = None
) -> list[BadgeData]:
    """Badges to produce, sorted by last name: everyone, those checked in on ``day``,
    or those not printed yet; optionally only one category."""
    if who not in WHO_CHOICES:
        raise UsageError(_("Choix de badges inconnu : {who}").format(who=who))
    if who == "checked-in" and day is None:
        raise UsageError(_("Indiquez le jour pour les badges des présents."))
    query = select(*_BADGE_COLUMNS).where(Participant.deleted.is_(False))
    if category:
        query = query.where(Participant.category == category)
    if who == "checked-in":
        present = select(Attendance.participant_id).where(Attendance.day == day, Attendance.voided.is_(False))
        query = query.where(Participant.id.in_(present))
    elif who == "not-printed":
        query = query.where(Participant.id.not_in(select(BadgePrint.participant_id)))
    with db.transaction() as session:
        badges = [BadgeData(*row) for row in session.execute(query)]
    return sorted(badges, key=BadgeData.sort_key)


def badge_for(db: Database, participant_id: str) -> BadgeData:
    with db.transaction() as session:
        row = session.execute(
            select(*_BADGE_COLUMNS).where(Participant.id == participant_id, Participant.deleted.is_(False))
        ).first()
    if row is None:
        raise UsageError(_("Participant introuvable : {id}").format(id=participant_id))
    return BadgeData(*row)


def printed_ids(db: Database, participant_ids: Iterable[str] | None = None) -> set[str]:
    """Of ``participant_ids`` (or everyone), those who already have a printed badge.

    Intersected here, not in SQL: a batch of 100,000 ids would exceed SQLite's limit on
    bound parameters on some builds (32,766)."""
    with db.transaction() as session:
        printed = set(session.scalars(select(BadgePrint.participant_id).distinct()))
    return printed if participant_ids is None else printed.intersection(participant_ids)


def is_printed(db: Database, participant_id: str) -> bool:
    return bool(printed_ids(db, [participant_id]))


def record_prints(
    db: Database, badges: list[BadgeData], badge_format: str, reprint_reason: str = ""
) -> int:
    """Log one print per badge, for this desk; returns how many were reprints.

    Raises ``ReprintReasonRequired`` (and logs nothing) when someone was already
    printed and ``reprint_reason`` is blank.
    """
    if badge_format not in FORMAT_KEYS:
        raise UsageError(_("Format de badge inconnu : {format}").format(format=badge_format))
    reason = reprint_reason.strip()
    with db.transaction() as session:
        printed = set(session.scalars(select(BadgePrint.participant_id).distinct()))
        already = printed.intersection(badge.participant_id for badge in badges)
        reprints = [badge for badge in badges if badge.participant_id in already]
        if reprints and not reason:
            raise ReprintReasonRequired([badge.display_name for badge in reprints])
        for badge in badges:
            is_reprint = badge.participant_id in already
            session.add(
                BadgePrint(
                    participant_id=badge.participant_id,
                    format=badge_format,
                    desk_id=db.desk.id,
                    reprint_reason=reason if is_reprint else "",
                )
            )
            if is_reprint:
                session.add(
                    AuditEvent(
                        desk_id=db.desk.id,
                        action="badge_reprint",
                        entity="participant",
                        entity_id=badge.participant_id,
                        details={"reason": reason, "format": badge_format},
                    )
                )
    return len(reprints)


def print_log(db: Database, limit: int = 200) -> list[PrintLogEntry]:
    """The latest prints, newest first, with names and desk names."""
    query = (
        select(BadgePrint, Participant.first_name, Participant.last_name, Participant.code, Desk.name)
        .join(Participant, Participant.id == BadgePrint.participant_id)
        .outerjoin(Desk, Desk.id == BadgePrint.desk_id)
        .order_by(BadgePrint.printed_at.desc())
        .limit(limit)
    )
    with db.transaction() as session:
        return [
            PrintLogEntry(
                printed_at=entry.printed_at,
                participant_id=entry.participant_id,
                name=f"{first} {last}".strip(),
                code=code,
                format=entry.format,
                desk=desk_name or entry.desk_id[:8],
                reprint_reason=entry.reprint_reason,
            )
            for entry, first, last, code, desk_name in session.execute(query)
        ]


def categories(db: Database) -> list[str]:
    """Categories that have at least one participant, in alphabetical order."""
    query = select(Participant.category).where(Participant.deleted.is_(False)).distinct()
    with db.transaction() as session:
        return sorted(session.scalars(query), key=fold)


def load_settings(db: Database) -> BadgeSettings:
    settings = read_options(db, SETTINGS_KEY, BadgeSettings)
    if settings.format not in FORMAT_KEYS:
        settings.format = "a6"
    return settings


def save_settings(db: Database, settings: BadgeSettings) -> None:
    write_options(db, SETTINGS_KEY, settings)


_LOOSE_LETTERS = str.maketrans({letter: "_" for letter in "abcdeinouy"})


def _like_pattern(folded_token: str) -> str:
    """A LIKE pattern over the raw text that lets through every spelling ``fold`` equates:
    accented and hooked letters become "_", two-letter folds (ŋ -> ng, œ -> oe) "%"."""
    pattern = folded_token.replace("%", "").replace("_", "")
    for pair in ("ng", "ss", "ae", "oe"):
        pattern = pattern.replace(pair, "%")
    return f"%{pattern.translate(_LOOSE_LETTERS)}%"


def find_badges(db: Database, query: str, limit: int = 200) -> list[BadgeData]:
    """People whose name, organisation or code contains every typed word, accents and
    case ignored ("ndeye" finds "Ndèye", "ngom" finds "Ŋom"), sorted by last name."""
    words = [word for word in fold(query).split() if word]
    if not words:
        return []
    statement = select(*_BADGE_COLUMNS).where(Participant.deleted.is_(False))
    for word in words:
        pattern = _like_pattern(word)
        statement = statement.where(
            Participant.first_name.ilike(pattern) | Participant.last_name.ilike(pattern)
            | Participant.organisation.ilike(pattern) | Participant.code.ilike(pattern)
        )
    found = []
    with db.transaction() as session:
        for row in session.execute(statement.limit(20 * limit)):
            haystack = fold(f"{row.first_name} {row.last_name} {row.organisation} {row.code}")
            if all(word in haystack for word in words):
                found.append(BadgeData(*row))
    return sorted(found, key=BadgeData.sort_key)[:limit]


def recent_check_ins(db: Database, day: date, limit: int = 200) -> list[BadgeData]:
    """People checked in on ``day``, latest first: the badge desk's default list."""
    statement = (
        select(*_BADGE_COLUMNS)
        .join(Attendance, Attendance.participant_id == Participant.id)
        .where(Attendance.day == day, Attendance.voided.is_(False), Participant.deleted.is_(False))
        .order_by(Attendance.checked_in_at.desc())
        .limit(limit * 2)
    )
    seen: dict[str, BadgeData] = {}
    with db.transaction() as session:
        for row in session.execute(statement):
            seen.setdefault(row.id, BadgeData(*row))
    return list(seen.values())[:limit]
