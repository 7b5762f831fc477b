"""The day's agenda as a rundown: items, blocks, editing, the schedule, CSV in and out.

Items are ordered by ``position`` (depth first: a block, then its sub-items). A *block*
(an item that has sub-items, e.g. "SESSION 1") is a header: the clock runs the *leaf*
items one after the other, and a block's actual start and end are those of its first
and last sub-items. Views get plain ``AgendaEntry`` values, never live ORM rows.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.db.models import AgendaItem, utcnow
from kiosk.errors import KioskError, UsageError
from kiosk.i18n import _
from kiosk.io.csvio import (
    DEFAULT,
    CsvVariant,
    decode_bytes,
    detect_delimiter,
    neutralise,
    unneutralise,
)

MODES = ("duration", "end_time")
DEFAULT_WARNING_S = 300
DEFAULT_DANGER_S = 60
MAX_MINUTES = 24 * 60
CSV_COLUMNS = (
    "id", "day", "block", "title", "speakers", "planned_start", "planned_minutes",
    "warning_s", "danger_s", "mode", "actual_start", "actual_end",
)
# Column names a person may write by hand (French spreadsheets) -> our names.
CSV_ALIASES = {
    "jour": "day", "date": "day", "bloc": "block", "session": "block", "titre": "title",
    "intitulé": "title", "intervenants": "speakers", "intervenant": "speakers",
    "début": "planned_start", "debut": "planned_start", "heure": "planned_start", "start": "planned_start",
    "durée": "planned_minutes", "duree": "planned_minutes", "minutes": "planned_minutes",
    "duration": "planned_minutes", "alerte_s": "warning_s", "urgence_s": "danger_s",
}


@dataclass(frozen=True, kw_only=True)
class ItemFields:
    """What a person edits on an item (in the app or in a CSV file)."""

    title: str
    speakers: str
    planned_start: time | None
    planned_minutes: int
    warning_s: int
    danger_s: int
    mode: str


EDITABLE = tuple(f.name for f in dataclasses.fields(ItemFields))


@dataclass(frozen=True, kw_only=True)
class AgendaEntry(ItemFields):
    id: str
    day: date
    position: int
    parent_id: str | None
    actual_start: datetime | None
    actual_end: datetime | None
    is_block: bool = False
    depth: int = 0


class AgendaError(KioskError):
    """An edit the agenda refuses (the message says which field and why)."""


def _entry(row: AgendaItem) -> AgendaEntry:
    return AgendaEntry(
        id=row.id, day=row.day, position=row.position, parent_id=row.parent_id,
        actual_start=row.actual_start, actual_end=row.actual_end,
        **{name: getattr(row, name) for name in EDITABLE},
    )


def _live_rows(session: Session, day: date) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.day == day, AgendaItem.deleted.is_(False))
            .order_by(AgendaItem.position, AgendaItem.planned_start)
        )
    )


def _tree_order(entries: Sequence[AgendaEntry]) -> list[AgendaEntry]:
    """Depth-first order (a block followed by its sub-items), with ``is_block`` and ``depth``."""
    ids = {entry.id for entry in entries}
    children: dict[str | None, list[AgendaEntry]] = {}
    for entry in entries:
        parent = entry.parent_id if entry.parent_id in ids else None
        children.setdefault(parent, []).append(entry)
    ordered: list[AgendaEntry] = []

    def walk(parent: str | None, depth: int) -> None:
        for entry in children.get(parent, []):
            ordered.append(replace(entry, is_block=entry.id in children, depth=depth))
            walk(entry.id, depth + 1)

    walk(None, 0)
    return ordered


def entries_in(session: Session, day: date) -> list[AgendaEntry]:
    """The day's agenda in rundown order, blocks included, read in an open session."""
    return _tree_order([_entry(row) for row in _live_rows(session, day)])


def list_items(db: Database, day: date) -> list[AgendaEntry]:
    """The day's agenda in rundown order, blocks included."""
    with db.transaction() as session:
        return entries_in(session, day)


def leaves(entries: Sequence[AgendaEntry]) -> list[AgendaEntry]:
    """The items the clock runs: every item that is not a block, in order."""
    return [entry for entry in entries if not entry.is_block]


def days_with_agenda(db: Database) -> list[date]:
    with db.transaction() as session:
        return sorted(
            set(session.scalars(select(AgendaItem.day).where(AgendaItem.deleted.is_(False))))
        )


# -- the schedule -----------------------------------------------------------------------
def at_local(day: date, clock_time: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, clock_time, tzinfo=tz)


@dataclass(frozen=True)
class Slot:
    """An item's planned place in the day (aware datetimes in the event's time zone)."""

    start: datetime
    end: datetime


def schedule(entries: Sequence[AgendaEntry], tz: tzinfo) -> dict[str, Slot]:
    """Planned start and end of every item; an item without a start follows the one before."""
    slots: dict[str, Slot] = {}
    cursor: datetime | None = None
    for entry in leaves(entries):
        start = at_local(entry.day, entry.planned_start, tz) if entry.planned_start else cursor
        if start is None:
            start = at_local(entry.day, time(8, 0), tz)
        slots[entry.id] = Slot(start, start + timedelta(minutes=entry.planned_minutes))
        cursor = slots[entry.id].end
    for entry in entries:
        if entry.is_block:
            inside = [slots[e.id] for e in _descendants(entries, entry.id) if e.id in slots]
            if inside:
                slots[entry.id] = Slot(min(s.start for s in inside), max(s.end for s in inside))
            else:
                start = at_local(entry.day, entry.planned_start or time(8, 0), tz)
                slots[entry.id] = Slot(start, start + timedelta(minutes=entry.planned_minutes))
    return slots


def _descendants(entries: Sequence[AgendaEntry], item_id: str) -> list[AgendaEntry]:
    found: list[AgendaEntry] = []
    parents = {item_id}
    for entry in entries:  # depth-first order: descendants follow their ancestor
        if entry.parent_id in parents:
            found.append(entry)
            parents.add(entry.id)
    return found


def day_end(entries: Sequence[AgendaEntry], day: date, tz: tzinfo, options: dict) -> datetime | None:
    """The planned end of the day: the event's ``end_of_day`` for it, else the last item's end."""
    text = (options.get("end_of_day") or {}).get(day.isoformat())
    if text:
        try:
            return at_local(day, time.fromisoformat(text), tz)
        except ValueError:
            pass
    slots = schedule(entries, tz)
    return max((slot.end for slot in slots.values()), default=None)


# -- editing ------------------------------------------------------------------------------
def _check_fields(fields: dict) -> dict:
    checked = dict(fields)
    if "title" in checked:
        checked["title"] = (checked["title"] or "").strip()
        if not checked["title"]:
            raise AgendaError(_("Le titre de l'élément est obligatoire."))
    if "speakers" in checked:
        checked["speakers"] = (checked["speakers"] or "").strip()
    if "planned_minutes" in checked:
        minutes = checked["planned_minutes"]
        if not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES:
            raise AgendaError(
                _("Durée invalide : {value} (entre 1 et {max} minutes).").format(value=minutes, max=MAX_MINUTES)
            )
    for key in ("warning_s", "danger_s"):
        if key in checked and (not isinstance(checked[key], int) or checked[key] < 0):
            raise AgendaError(_("Les seuils d'alerte sont des secondes positives ou nulles."))
    if "mode" in checked and checked["mode"] not in MODES:
        raise AgendaError(_("Mode inconnu : {mode} (duration ou end_time).").format(mode=checked["mode"]))
    return checked


def _check_thresholds(row: AgendaItem) -> None:
    if row.danger_s > row.warning_s:
        raise AgendaError(
            _("Le seuil rouge ({danger} s) doit être inférieur ou égal au seuil orange ({warning} s).").format(
                danger=row.danger_s, warning=row.warning_s
            )
        )
    if row.mode == "end_time" and row.planned_start is None:
        raise AgendaError(_("Le mode « heure de fin » demande une heure de début prévue."))


def _renumber(session: Session, day: date) -> None:
    for position, entry in enumerate(entries_in(session, day)):
        row = session.get(AgendaItem, entry.id)
        if row.position != position:
            row.position = position
            row.updated_at = utcnow()


def add_item(
    db: Database,
    day: date,
    title: str,
    planned_minutes: int,
    *,
    after_id: str | None = None,
    parent_id: str | None = None,
    speakers: str = "",
    planned_start: time | None = None,
    warning_s: int = DEFAULT_WARNING_S,
    danger_s: int = DEFAULT_DANGER_S,
    mode: str = "duration",
) -> str:
    """Add an item after ``after_id`` (else at the end of its block or of the day); return its id."""
    fields = _check_fields(
        {"title": title, "planned_minutes": planned_minutes, "speakers": speakers,
         "warning_s": warning_s, "danger_s": danger_s, "mode": mode}
    )
    with db.transaction() as session:
        ordered = entries_in(session, day)
        by_id = {e.id: e for e in ordered}
        anchor_id = after_id if after_id is not None else parent_id
        if anchor_id is not None:
            anchor = by_id.get(anchor_id)
            if anchor is None:
                raise AgendaError(_("Élément introuvable dans le programme de ce jour."))
            if after_id is not None and parent_id is None:
                parent_id = anchor.parent_id  # a sibling of the item it follows
            # just after the anchor and everything inside it
            position = anchor.position + len(_descendants(ordered, anchor.id)) + 1
        else:
            position = len(ordered)
        for entry in ordered:
            if entry.position >= position:
                session.get(AgendaItem, entry.id).position = entry.position + 1
        row = AgendaItem(
            day=day, position=position, parent_id=parent_id, planned_start=planned_start,
            desk_id=db.desk.id, **fields,
        )
        _check_thresholds(row)
        session.add(row)
        session.flush()
        _renumber(session, day)
        return row.id


def update_item(db: Database, item_id: str, **fields) -> AgendaEntry:
    """Change some fields of one item (title, speakers, planned_start, planned_minutes, thresholds, mode)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"cannot edit {sorted(unknown)}")
    fields = _check_fields(fields)
    with db.transaction() as session:
        row = session.get(AgendaItem, item_id)
        if row is None or row.deleted:
            raise AgendaError(_("Élément introuvable dans le programme de ce jour."))
        for key, value in fields.items():
            setattr(row, key, value)
        _check_thresholds(row)
        row.updated_at = utcnow()
        row.desk_id = db.desk.id
        session.flush()
        return _entry(row)


def remove_item(db: Database, item_id: str, protected: str | None = None) -> list[str]:
    """Remove an item (and, for a block, its sub-items) as tombstones; return the ids for ``restore_items``.

    ``protected`` (the item being timed) may not be among them: it would vanish from the
    stage display in the middle of a talk.
    """
    with db.transaction() as session:
        row = session.get(AgendaItem, item_id)
        if row is None or row.deleted:
            raise AgendaError(_("Élément introuvable dans le programme de ce jour."))
        ordered = entries_in(session, row.day)
        ids = [item_id] + [e.id for e in _descendants(ordered, item_id)]
        if protected in ids:
            title = session.get(AgendaItem, protected).title
            raise AgendaError(
                _("« {title} » est au chronomètre : passez d'abord à un autre élément (N ou P), puis retirez-le.").format(
                    title=title)
            )
        now = utcnow()
        for removed in ids:
            target = session.get(AgendaItem, removed)
            target.deleted = True
            target.updated_at = now
        _renumber(session, row.day)
        return ids


def restore_items(db: Database, ids: Iterable[str]) -> None:
    """Undo ``remove_item``: the items come back at their former places."""
    with db.transaction() as session:
        days = set()
        now = utcnow()
        for item_id in ids:
            row = session.get(AgendaItem, item_id)
            if row is not None:
                row.deleted = False
                row.updated_at = now
                days.add(row.day)
        session.flush()
        for day in days:
            _renumber(session, day)


def move_item(db: Database, item_id: str, delta: int) -> bool:
    """Move an item (a block with its sub-items) up (-1) or down (+1) among its siblings."""
    with db.transaction() as session:
        row = session.get(AgendaItem, item_id)
        if row is None or row.deleted:
            raise AgendaError(_("Élément introuvable dans le programme de ce jour."))
        ordered = entries_in(session, row.day)
        siblings = [e for e in ordered if e.parent_id == row.parent_id and e.depth == _depth(ordered, item_id)]
        index = next(i for i, e in enumerate(siblings) if e.id == item_id)
        target = index + delta
        if not 0 <= target < len(siblings):
            return False
        siblings[index], siblings[target] = siblings[target], siblings[index]
        # give siblings increasing positions in their new order; children follow in _tree_order
        base = min(e.position for e in siblings)
        for offset, sibling in enumerate(siblings):
            session.get(AgendaItem, sibling.id).position = base + offset
        session.flush()
        _renumber(session, row.day)
        return True


def _depth(ordered: Sequence[AgendaEntry], item_id: str) -> int:
    return next(e.depth for e in ordered if e.id == item_id)


def record_actual_times(session: Session, day: date, times: dict[str, tuple[datetime | None, datetime | None]]) -> None:
    """Write items' actual start and end, then the blocks' (first start, last end of their sub-items)."""
    now = utcnow()
    for item_id, (start, end) in times.items():
        row = session.get(AgendaItem, item_id)
        if row is not None and (row.actual_start, row.actual_end) != (start, end):
            row.actual_start, row.actual_end = start, end
            row.updated_at = now
    ordered = entries_in(session, day)
    for block in (e for e in ordered if e.is_block):
        inside = [e for e in _descendants(ordered, block.id) if not e.is_block]
        starts = [e.actual_start for e in inside if e.actual_start]
        ends = [e.actual_end for e in inside]
        start = min(starts) if starts else None
        end = max(ends) if ends and all(ends) else None
        row = session.get(AgendaItem, block.id)
        if (row.actual_start, row.actual_end) != (start, end):
            row.actual_start, row.actual_end = start, end
            row.updated_at = now


# -- CSV ----------------------------------------------------------------------------------
def _local_iso(instant: datetime | None, tz: tzinfo) -> str:
    return instant.astimezone(tz).isoformat(timespec="seconds") if instant else ""


def export_csv(db: Database, days: Iterable[date], tz: tzinfo, variant: CsvVariant = DEFAULT) -> str:
    """The agenda of ``days`` as CSV text (RFC 4180, CRLF), blocks and planned vs actual times."""
    out = io.StringIO()
    writer = variant.writer(out)
    writer.writerow(CSV_COLUMNS)
    for day in days:
        entries = list_items(db, day)
        titles = {e.id: e.title for e in entries}
        for e in entries:
            writer.writerow(
                [
                    e.id, e.day.isoformat(), neutralise(titles.get(e.parent_id, "")), neutralise(e.title),
                    neutralise(e.speakers), e.planned_start.strftime("%H:%M") if e.planned_start else "",
                    e.planned_minutes, e.warning_s, e.danger_s, e.mode,
                    _local_iso(e.actual_start, tz), _local_iso(e.actual_end, tz),
                ]
            )
    return out.getvalue()


@dataclass(frozen=True, kw_only=True)
class ImportedItem(ItemFields):
    row: int
    id: str | None
    day: date
    block: str


REQUIRED_COLUMNS = ("title", "planned_minutes")
MAX_REPORTED_ERRORS = 20
# 8:30, 08:30:00, 8h30, 8 h, 14H05
_CLOCK_TIME = re.compile(r"(\d{1,2})\s*[:hH]\s*(\d{2})?(?::(\d{2}))?")
# 20, 20.5, 20 min, 20mn, 1h30, 1 h, 1:30
_MINUTES = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:min|mn|minutes?)?")
_HOURS_MINUTES = re.compile(r"(\d{1,2})\s*[:hH]\s*(\d{2})?\s*(?:min|mn)?")


def _required_label(name: str) -> str:
    french = {"title": "titre", "planned_minutes": "durée"}[name]
    return _("« {french} » (ou « {name} »)").format(french=french, name=name)


def parse_csv(text: str, default_day: date, event_days: Sequence[date]) -> list[ImportedItem]:
    """Read an agenda CSV (comma or semicolon, with or without BOM) without writing anything.

    Every bad cell is reported at once, by row number (as a spreadsheet counts them) and
    column name (as written in the file's header).
    """
    text = text.lstrip("\ufeff")
    delimiter = detect_delimiter(text, _known_columns)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UsageError(_("Le fichier est vide.")) from None
    names = [_column(h) for h in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        text = _("Colonne obligatoire absente : {columns}.") if len(missing) == 1 else _(
            "Colonnes obligatoires absentes : {columns}.")
        raise UsageError(
            text.format(columns=", ".join(_required_label(name) for name in missing)) + " "
            + _("En-tête lu : {header}").format(header=" | ".join(h.strip() for h in header))
        )
    labels = {name: h.strip() for name, h in zip(names, header, strict=True)}
    items: list[ImportedItem] = []
    errors: list[str] = []
    titles_above: set[tuple[str, str]] = set()  # (day as written, title): the blocks a row may name
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row = {name: unneutralise(values[i].strip()) if i < len(values) else "" for i, name in enumerate(names)}
        cells = _Cells(number, row, labels)
        item = _parse_row(cells, default_day, event_days)
        day_key = cells.get("day") or default_day.isoformat()
        if cells.get("block") and (day_key, cells.get("block")) not in titles_above:
            cells.error("block", _("le bloc « {block} » doit figurer plus haut dans le fichier, sur sa propre ligne").format(
                block=cells.get("block")))
        titles_above.add((day_key, cells.get("title")))
        errors.extend(cells.errors)
        if item is not None and not cells.errors:
            items.append(item)
    if errors:
        shown = errors[:MAX_REPORTED_ERRORS]
        if len(errors) > len(shown):
            shown.append(_("… et {count} autre(s) erreur(s).").format(count=len(errors) - len(shown)))
        raise UsageError(_("Programme non importé (rien n'a été modifié) :") + "\n" + "\n".join(shown))
    if not items:
        raise UsageError(_("Le fichier ne contient aucun élément de programme."))
    return items


def _column(header: str) -> str:
    name = header.strip().lower()
    return CSV_ALIASES.get(name, name)


def _known_columns(cells: list[str]) -> int:
    return sum(1 for cell in cells if _column(cell) in CSV_COLUMNS)


class _Cells:
    """One CSV row's cells by column name, and the errors found in them."""

    def __init__(self, number: int, row: dict[str, str], labels: dict[str, str]):
        self.number, self.row, self.labels = number, row, labels
        self.errors: list[str] = []

    def get(self, name: str) -> str:
        return self.row.get(name, "")

    def error(self, name: str, reason: str) -> None:
        self.errors.append(_("ligne {row}, colonne « {column} » : {reason}").format(
            row=self.number, column=self.labels.get(name, name), reason=reason))


def parse_clock_time(text: str) -> time | None:
    """``08:30``, ``8:30:00``, ``8h30``, ``8 h``, ``14H05`` -> a time; None if it is not one."""
    match = _CLOCK_TIME.fullmatch(text.strip())
    if match is None:
        return None
    hour, minute, second = (int(part) if part else 0 for part in match.groups())
    try:
        return time(hour, minute, second)
    except ValueError:
        return None


def parse_minutes(text: str) -> int | None:
    """``20``, ``20 min``, ``1h30``, ``1:30`` -> minutes (whole); None if it is not a duration."""
    text = text.strip().lower()
    match = _MINUTES.fullmatch(text)
    if match is not None:
        return int(float(match.group(1).replace(",", ".")))
    match = _HOURS_MINUTES.fullmatch(text)
    if match is not None:
        return int(match.group(1)) * 60 + int(match.group(2) or 0)
    return None


def _seconds(cells: _Cells, name: str, default: int) -> int | None:
    value = cells.get(name)
    if not value:
        return default
    try:
        return int(float(value.replace(",", ".")))
    except ValueError:
        cells.error(name, _("« {value} » n'est pas un nombre de secondes").format(value=value))
        return None


def _parse_row(cells: _Cells, default_day: date, event_days: Sequence[date]) -> ImportedItem | None:
    """The item of one row, or None; every problem found is recorded in ``cells``."""
    day = default_day
    if cells.get("day"):
        try:
            day = date.fromisoformat(cells.get("day"))
        except ValueError:
            cells.error("day", _("« {value} » n'est pas une date (AAAA-MM-JJ)").format(value=cells.get("day")))
        else:
            if day not in event_days:
                cells.error("day", _("le {day} n'est pas un jour de l'événement ({days})").format(
                    day=cells.get("day"), days=", ".join(d.isoformat() for d in event_days)))
    start = None
    if cells.get("planned_start"):
        start = parse_clock_time(cells.get("planned_start"))
        if start is None:
            cells.error("planned_start", _("« {value} » n'est pas une heure (HH:MM, ex. 09:30 ou 9h30)").format(
                value=cells.get("planned_start")))
    title = cells.get("title")
    if not title:
        cells.error("title", _("vide, alors que le titre est obligatoire"))
    minutes = None
    if not cells.get("planned_minutes"):
        cells.error("planned_minutes", _("vide, alors que la durée est obligatoire"))
    else:
        minutes = parse_minutes(cells.get("planned_minutes"))
        if minutes is None:
            cells.error("planned_minutes", _("« {value} » n'est pas une durée en minutes (ex. 20, 20 min, 1h30)").format(
                value=cells.get("planned_minutes")))
        elif not 0 < minutes <= MAX_MINUTES:
            cells.error("planned_minutes", _("{value} min : la durée doit être entre 1 et {max} minutes").format(
                value=minutes, max=MAX_MINUTES))
    warning = _seconds(cells, "warning_s", DEFAULT_WARNING_S)
    danger = _seconds(cells, "danger_s", DEFAULT_DANGER_S)
    if warning is not None and danger is not None and not 0 <= danger <= warning:
        cells.error("danger_s", _("le seuil rouge ({danger} s) doit être entre 0 et le seuil orange ({warning} s)").format(
            danger=danger, warning=warning))
    mode = cells.get("mode") or "duration"
    if mode not in MODES:
        cells.error("mode", _("« {value} » : mode inconnu (duration ou end_time)").format(value=mode))
    elif mode == "end_time" and start is None and not cells.get("planned_start"):
        cells.error("mode", _("le mode end_time demande une heure de début"))
    if cells.errors:
        return None
    return ImportedItem(
        row=cells.number, id=cells.get("id") or None, day=day, block=cells.get("block"), title=title,
        speakers=cells.get("speakers"), planned_start=start, planned_minutes=minutes,
        warning_s=warning, danger_s=danger, mode=mode,
    )


def import_csv(db: Database, items: Sequence[ImportedItem]) -> dict[date, int]:
    """Replace the agenda of each day in ``items`` with them (ids kept when given); return counts.

    A row whose ``block`` names the title of an earlier row of the same day is a sub-item
    of it. Items of those days that the file does not list become tombstones.
    """
    counts: dict[date, int] = {}
    now = utcnow()
    with db.transaction() as session:
        by_day: dict[date, list[ImportedItem]] = {}
        for item in items:
            by_day.setdefault(item.day, []).append(item)
        for day, day_items in by_day.items():
            existing = {row.id: row for row in _live_rows(session, day)}
            kept: set[str] = set()
            block_ids: dict[str, str] = {}
            for position, item in enumerate(day_items):
                row = session.get(AgendaItem, item.id) if item.id else None
                if row is None or row.day != day:
                    row = AgendaItem(day=day, desk_id=db.desk.id)
                    session.add(row)
                parent = block_ids.get(item.block) if item.block else None  # checked by parse_csv
                for name in EDITABLE:
                    setattr(row, name, getattr(item, name))
                row.position, row.parent_id, row.deleted, row.updated_at = position, parent, False, now
                session.flush()
                kept.add(row.id)
                block_ids.setdefault(item.title, row.id)
            for item_id, row in existing.items():
                if item_id not in kept:
                    row.deleted = True
                    row.updated_at = now
            session.flush()
            _renumber(session, day)
            counts[day] = len(day_items)
    return counts


def read_csv_file(path: Path, default_day: date, event_days: Sequence[date]) -> list[ImportedItem]:
    """Read and check an agenda CSV file (any usual encoding) without writing anything."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(_("Impossible de lire {path} : {error}").format(path=path, error=exc.strerror)) from exc
    return parse_csv(decode_bytes(data, path.name).text, default_day, event_days)


def import_csv_file(db: Database, path: Path, default_day: date, event_days: Sequence[date]) -> dict[date, int]:
    return import_csv(db, read_csv_file(path, default_day, event_days))
