"""Importing invitees: normalise each row, match it to who is already there, plan, apply.

A row matches an existing participant by badge code, else e-mail, else phone (when the
names agree: an assistant's phone or an office address can serve two people), else
by name key plus organisation. A match is updated with the file's non-empty values; a
re-import therefore changes nothing. ``plan`` writes nothing (the preview, the dry run);
``apply`` replans and writes inside one transaction, so nothing is ever half-imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update

from kiosk.core import codes
from kiosk.core.text import compact, name_key, normalise_email, normalise_phone
from kiosk.db import Database
from kiosk.db.models import AuditEvent, Participant, new_id, utcnow
from kiosk.errors import UsageError
from kiosk.i18n import _
from kiosk.io import headers as hdr
from kiosk.io.csvio import EXCEL_FR, neutralise
from kiosk.io.source import SourceTable, read_source
from kiosk.io.work import Progress, no_progress, read_snapshot, write_transaction

HISTORY_ACTION = "io.import"
WRITTEN_FIELDS = (
    "first_name", "last_name", "sex", "organisation", "category", "function", "region", "phone", "email",
    "badge_role", "notes",
)
_INDEX_FIELDS = ("id", "code", "deleted", *WRITTEN_FIELDS)
_SEVERAL = re.compile(r"\s*(?:/|;|,|\bet\b|\bou\b|\band\b|\bor\b)\s*", re.IGNORECASE)
_SUSPECT_NAME = re.compile(r"[0-9@#=+_]")
CHUNK = 5000
PROGRESS_EVERY = 1000

ADD, UPDATE, UNCHANGED, REJECT = "add", "update", "unchanged", "reject"


@dataclass
class RowPlan:
    row: int
    cells: list[str]
    action: str = ADD
    values: dict = field(default_factory=dict)
    participant_id: str | None = None
    code: str = ""
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    reason: str = ""  # why rejected
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.values.get("first_name", ""), self.values.get("last_name", "")) if part)


@dataclass
class ImportPlan:
    source: SourceTable
    mapping: dict[int, str]
    rows: list[RowPlan]
    applied: bool = False

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def rejected(self) -> list[dict]:
        return [{"row": row.row, "reason": row.reason} for row in self.rows if row.action == REJECT]

    @property
    def warnings(self) -> list[dict]:
        return [{"row": row.row, "reason": warning} for row in self.rows for warning in row.warnings]

    def as_dict(self) -> dict:
        return {
            "added": self.count(ADD),
            "updated": self.count(UPDATE),
            "unchanged": self.count(UNCHANGED),
            "rejected": self.rejected,
            "warnings": self.warnings,
            "dry_run": not self.applied,
            "file": str(self.source.path),
            "format": self.source.kind,
            "encoding": self.source.encoding,
            "delimiter": self.source.delimiter,
            "columns": {self.source.headers[index]: name for index, name in sorted(self.mapping.items())},
            "ignored_columns": [h for index, h in enumerate(self.source.headers) if index not in self.mapping and h],
            "file_warnings": self.source.warnings,
        }


# -- one row -------------------------------------------------------------------------------
def effective_mapping(headers: list[str], mapping: dict[int, str] | None = None) -> dict[int, str]:
    """The mapping to use: the given one, else the recognised headers; a lone "Nom" holds full names."""
    mapping = dict(mapping if mapping is not None else hdr.map_headers(headers))
    fields = set(mapping.values())
    if "last_name" in fields and not fields & {"first_name", "full_name"}:
        mapping = {index: ("full_name" if name == "last_name" else name) for index, name in mapping.items()}
    return mapping


def check_mapping(mapping: dict[int, str]) -> None:
    if not set(mapping.values()) & {"first_name", "last_name", "full_name"}:
        raise UsageError(
            _("Aucune colonne de nom reconnue (Prénom, Nom ou Nom complet) : indiquez quelle colonne contient quoi.")
        )


def split_full_name(text: str) -> tuple[str, str]:
    """"Fatou Diop" -> (Fatou, Diop); "DIOP Fatou" -> (Fatou, DIOP): capitals mark the family name."""
    words = text.split()
    if len(words) < 2:
        return "", text.strip()
    capitals = [word for word in words if word.isupper() and sum(char.isalpha() for char in word) > 1]
    if capitals and len(capitals) < len(words):
        return " ".join(word for word in words if word not in capitals), " ".join(capitals)
    return " ".join(words[:-1]), words[-1]


def _first_of_several(text: str, label: str, warnings: list[str]) -> str:
    parts = [part for part in _SEVERAL.split(text) if part.strip()]
    if len(parts) > 1:
        warnings.append(_("plusieurs valeurs pour {field} : seule la première est gardée").format(field=label))
    return parts[0] if parts else ""


def _phone(text: str, warnings: list[str]) -> str:
    text = _first_of_several(text, _("le téléphone"), warnings) if _SEVERAL.search(text) and len(text) > 16 else text
    try:
        return normalise_phone(text)
    except ValueError as exc:
        digits = re.sub(r"[\s.()-]", "", text)
        if digits.isdigit() and len(digits) >= 11:
            try:
                return normalise_phone("+" + digits)
            except ValueError:
                pass
        warnings.append(_("{error} : le téléphone n'est pas importé").format(error=exc))
        return ""


def _email(text: str, warnings: list[str]) -> str:
    text = _first_of_several(text, _("l'e-mail"), warnings)
    try:
        return normalise_email(text)
    except ValueError as exc:
        warnings.append(_("{error} : l'e-mail n'est pas importé").format(error=exc))
        return ""


def normalise_row(number: int, cells: list[str], headers: list[str], mapping: dict[int, str]) -> RowPlan:
    """A file row as Participant values (only the fields it gives), or a rejected row."""
    plan = RowPlan(number, cells)
    raw: dict[str, str] = {}
    for index, name in mapping.items():
        value = " ".join(cells[index].split()) if index < len(cells) else ""
        if value and not raw.get(name):
            raw[name] = value
        elif value and name not in hdr.MULTI_COLUMN_FIELDS and compact(value) != compact(raw[name]):
            plan.warnings.append(_("deux colonnes « {field} » différentes : « {kept} » gardé, « {other} » ignoré").format(
                field=hdr.field_labels()[name], kept=raw[name], other=value))
    if any(cell.strip() for cell in cells[len(headers):]):
        plan.warnings.append(_("valeurs après la dernière colonne : la ligne est peut-être décalée"))
    values = plan.values
    first, last = raw.get("first_name", ""), raw.get("last_name", "")
    if not first and not last and raw.get("full_name"):
        first, last = split_full_name(raw["full_name"])
    if not first and not last:
        plan.action, plan.reason = REJECT, _("ni prénom ni nom")
        return plan
    if not any(char.isalpha() for char in first + last):
        plan.action, plan.reason = REJECT, _("nom sans aucune lettre : « {name} »").format(name=f"{first} {last}".strip())
        return plan
    if _SUSPECT_NAME.search(first + last):
        plan.warnings.append(_("nom inhabituel (chiffres ou symboles) : « {name} »").format(name=f"{first} {last}".strip()))
    values["first_name"], values["last_name"] = first, last
    sex = None
    if raw.get("sex"):
        sex = hdr.sex_from_value(raw["sex"])
        if sex is None:
            plan.warnings.append(_("sexe « {value} » non reconnu").format(value=raw["sex"]))
    if raw.get("civility"):
        from_civility = hdr.sex_from_civility(raw["civility"])
        if sex in (None, "U") and from_civility:
            sex = from_civility
        elif from_civility and sex != from_civility:
            plan.warnings.append(
                _("la civilité « {civility} » contredit le sexe « {sex} »").format(civility=raw["civility"], sex=raw["sex"])
            )
    if sex and sex != "U":
        values["sex"] = sex
    if raw.get("category"):
        category = hdr.category_for(raw["category"])
        if category is None:
            plan.warnings.append(_("catégorie « {value} » inconnue : « Autre »").format(value=raw["category"]))
            category = "Autre"
        values["category"] = category
    if raw.get("badge_role"):
        role = hdr.badge_role_for(raw["badge_role"])
        if role is None:
            plan.warnings.append(_("rôle « {value} » inconnu : « Participant »").format(value=raw["badge_role"]))
        else:
            values["badge_role"] = role
    for name in ("organisation", "function", "region", "notes"):
        if raw.get(name):
            values[name] = raw[name]
    if raw.get("phone"):
        values["phone"] = _phone(raw["phone"], plan.warnings)
    if raw.get("email"):
        values["email"] = _email(raw["email"], plan.warnings)
    if raw.get("code"):
        code = codes.normalise_scan(raw["code"])
        if code is None:
            plan.warnings.append(_("code « {value} » invalide : ignoré").format(value=raw["code"]))
        else:
            plan.code = code
    for name in ("phone", "email"):
        if not values.get(name):
            values.pop(name, None)
    return plan


# -- matching ---------------------------------------------------------------------------
def _person_key(values: dict) -> str:
    return name_key(values.get("first_name", ""), values.get("last_name", "")) + "|" + compact(values.get("organisation", ""))


def _names_agree(a: dict, b: dict) -> bool:
    """Same family name or same first name, accents and case aside (a typo in one is fine)."""
    return any(compact(a.get(part, "")) and compact(a.get(part, "")) == compact(b.get(part, "")) for part in ("first_name", "last_name"))


class _Index:
    """Who is already there (and who the file added so far), by each matching key."""

    def __init__(self, people: list[dict]):
        self.people = {person["id"]: person for person in people}
        self.taken_codes = {person["code"] for person in people}
        self.by_code = {person["code"]: person["id"] for person in people}
        live = [person for person in people if not person["deleted"]]
        self.by_email = {person["email"]: person["id"] for person in live if person["email"]}
        self.by_phone = {person["phone"]: person["id"] for person in live if person["phone"]}
        self._by_person: dict[str, str] | None = None
        self.claimed: dict[str, int] = {}  # participant id -> file row that matched or created it

    def by_person(self) -> dict[str, str]:
        if self._by_person is None:
            self._by_person = {
                _person_key(person): person["id"] for person in self.people.values() if not person["deleted"]
            }
        return self._by_person

    def find(self, plan: RowPlan) -> tuple[str | None, str]:
        """(participant id, how it matched)."""
        if plan.code and plan.code in self.by_code:
            return self.by_code[plan.code], "code"
        for name, index in (("email", self.by_email), ("phone", self.by_phone)):
            value = plan.values.get(name)
            if value and value in index:
                found = index[value]
                if _names_agree(plan.values, self.people[found]):
                    return found, name
                plan.warnings.append(
                    _("même {field} que {name} (ligne {row}) mais autre nom : ajouté comme une autre personne").format(
                        field=_("e-mail") if name == "email" else _("téléphone"),
                        name=" ".join((self.people[found]["first_name"], self.people[found]["last_name"])).strip(),
                        row=self.claimed.get(found, "—"),
                    )
                )
        found = self.by_person().get(_person_key(plan.values))
        return found, ("name" if found else "")

    def add(self, person: dict, row: int) -> None:
        self.people[person["id"]] = person
        self.taken_codes.add(person["code"])
        self.by_code[person["code"]] = person["id"]
        for name, index in (("email", self.by_email), ("phone", self.by_phone)):
            if person[name]:
                index.setdefault(person[name], person["id"])
        self.by_person().setdefault(_person_key(person), person["id"])
        self.claimed[person["id"]] = row


# Text kept as it is when the file only drops accents or changes case ("GUEYE" for "Guèye").
_FOLDED_FIELDS = frozenset({"first_name", "last_name", "organisation", "function", "region"})


def _differs(name: str, old: str, new: str) -> bool:
    if not new or new == old:
        return False
    return not (name in _FOLDED_FIELDS and compact(new) == compact(old))


def _load_index(connection) -> _Index:
    columns = [Participant.__table__.c[name] for name in _INDEX_FIELDS]
    return _Index([dict(row._mapping) for row in connection.execute(select(*columns))])


def _plan_rows(connection, source: SourceTable, mapping: dict[int, str], progress: Progress) -> list[RowPlan]:
    index = _load_index(connection)
    defaults = {column.name: column.default.arg for column in Participant.__table__.columns
                if column.name in WRITTEN_FIELDS and column.default is not None}
    plans = []
    total = len(source.rows)
    for position, (number, cells) in enumerate(source.rows):
        if position % PROGRESS_EVERY == 0:
            progress(position, total, source.path.name)
        plan = normalise_row(number, cells, source.headers, mapping)
        plans.append(plan)
        if plan.action == REJECT:
            continue
        found, how = index.find(plan)
        if found is not None and found in index.claimed:
            plan.action = REJECT
            plan.reason = _("même personne que la ligne {row} (doublon)").format(row=index.claimed[found])
            continue
        if found is not None:
            person = index.people[found]
            if person["deleted"]:
                plan.action, plan.reason = REJECT, _("cette personne a été effacée de Kiosk : elle n'est pas recréée")
                continue
            plan.participant_id, plan.code = found, person["code"]
            plan.changes = {
                name: (person[name], value) for name, value in plan.values.items() if _differs(name, person[name], value)
            }
            plan.action = UPDATE if plan.changes else UNCHANGED
            index.claimed[found] = number
            if plan.changes:
                index.people[found] = {**person, **{name: new for name, (_old, new) in plan.changes.items()}}
            continue
        if plan.code and plan.code in index.taken_codes:
            plan.warnings.append(_("code « {code} » déjà attribué : un nouveau code est donné").format(code=plan.code))
            plan.code = ""
        plan.code = plan.code or codes.new_code(index.taken_codes)
        plan.participant_id = new_id()
        plan.values = {**defaults, **plan.values}
        index.add({"id": plan.participant_id, "code": plan.code, "deleted": False, **plan.values}, number)
    progress(total, total, source.path.name)
    return plans


def plan_import(db: Database, source: SourceTable, mapping: dict[int, str] | None = None,
                *, progress: Progress = no_progress) -> ImportPlan:
    """What importing would do, from one snapshot; nothing is written."""
    mapping = effective_mapping(source.headers, mapping)
    check_mapping(mapping)
    with read_snapshot(db) as connection:
        return ImportPlan(source, mapping, _plan_rows(connection, source, mapping, progress))


def apply_import(db: Database, source: SourceTable, mapping: dict[int, str] | None = None,
                 *, progress: Progress = no_progress) -> ImportPlan:
    """Plan again inside one write transaction and apply: all rows or none."""
    mapping = effective_mapping(source.headers, mapping)
    check_mapping(mapping)
    now = utcnow()
    with write_transaction(db) as session:
        plan = ImportPlan(source, mapping, _plan_rows(session, source, mapping, progress))
        new_rows = [
            {**row.values, "id": row.participant_id, "code": row.code, "registration": "invited",
             "created_at": now, "updated_at": now, "desk_id": db.desk.id, "deleted": False}
            for row in plan.rows if row.action == ADD
        ]
        for start in range(0, len(new_rows), CHUNK):
            session.execute(insert(Participant), new_rows[start:start + CHUNK])
        changed = [row for row in plan.rows if row.action == UPDATE]
        table = Participant.__table__
        for fields in {tuple(sorted(row.changes)) for row in changed}:
            statement = (
                update(table).where(table.c.id == bindparam("_id"))
                .values({**{name: bindparam("v_" + name) for name in fields}, "updated_at": bindparam("v_now")})
            )
            payload = [
                {"_id": row.participant_id, "v_now": now, **{"v_" + name: row.changes[name][1] for name in fields}}
                for row in changed if tuple(sorted(row.changes)) == fields
            ]
            session.connection().execute(statement, payload)
        session.execute(insert(AuditEvent), [{
            "id": new_id(), "at": now, "desk_id": db.desk.id, "action": HISTORY_ACTION, "entity": "file",
            "entity_id": "", "details": {
                "file": str(source.path), "added": plan.count(ADD), "updated": plan.count(UPDATE),
                "unchanged": plan.count(UNCHANGED), "rejected": len(plan.rejected),
            },
        }])
    plan.applied = True
    return plan


def import_file(db: Database, path: str | Path, *, dry_run: bool = False, mapping: dict[int, str] | None = None,
                progress: Progress = no_progress) -> ImportPlan:
    source = read_source(path)
    if dry_run:
        return plan_import(db, source, mapping, progress=progress)
    return apply_import(db, source, mapping, progress=progress)


def write_rejects(plan: ImportPlan, path: str | Path) -> int:
    """Rejected and doubtful rows, with their row number and reason, as a CSV for Excel; returns the count."""
    rows = [row for row in plan.rows if row.action == REJECT or row.warnings]
    with Path(path).open("w", encoding=EXCEL_FR.encoding, newline="") as handle:
        writer = EXCEL_FR.writer(handle)
        writer.writerow([_("ligne"), _("statut"), _("motif"), *plan.source.headers])
        for row in rows:
            status = _("refusée") if row.action == REJECT else _("importée, à vérifier")
            reason = "; ".join(([row.reason] if row.reason else []) + row.warnings)
            writer.writerow([str(row.row), status, neutralise(reason), *(neutralise(cell) for cell in row.cells)])
    return len(rows)


