"""Merging another desk's bundle into this database.

The result depends only on the set of versions seen, never on the order of merges, so
desks that swap bundles in any order, any number of times, end up with the same data:

- tables with ``updated_at`` (participants, agenda, press contacts, attendance, the
  event): per id, the version with the greatest (tombstone, updated_at, desk id, content)
  wins. A deleted record (``deleted`` = 1) therefore beats every edit, older or newer:
  an erasure is final and cannot be undone by a desk that was offline;
- the other tables (badge prints, audit events, desks, event days) only grow: set union
  by id. Attendance is a set of sign-in events (a void is an edit of its event).

A version whose unique value (a participant's code) is held by another record, or that
points at a record that exists nowhere, is not applied and is listed in the conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Table, UniqueConstraint, bindparam, insert, select, update

from kiosk.core import privacy
from kiosk.db import Database
from kiosk.db.migrations import SCHEMA_VERSION
from kiosk.db.models import AuditEvent, Desk, Event, Participant, new_id, utcnow
from kiosk.errors import UsageError
from kiosk.i18n import _
from kiosk.io.bundle import Bundle, BundleError
from kiosk.io.tables import DESK_ID_COLUMN, TOMBSTONE_COLUMN, TableSpec, specs, writer_for
from kiosk.io.work import Progress, no_progress, write_transaction

HISTORY_ACTION = "io.merge"
STORED_CONFLICTS = 200
CHUNK = 5000


@dataclass
class MergeReport:
    source_desk: dict
    directory: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    conflicts: list[dict] = field(default_factory=list)
    forgotten: int = 0  # rows about people erased on some desk, blanked here (kiosk.core.privacy)

    def as_dict(self) -> dict:
        return {
            "source_desk": self.source_desk,
            "directory": self.directory,
            "added": self.added,
            "updated": self.updated,
            "conflicts": self.conflicts,
            "forgotten": self.forgotten,
        }


# The journal (audit events) travels too, but its entries are not news to the person merging.
JOURNAL_FILE_STEM = "audit_events"


def merge_summary(details: dict) -> str:
    """One line for a merge report (``MergeReport.as_dict()`` or the stored history entry)."""
    def data(counts: dict) -> int:
        return sum(count for table, count in counts.items() if table != JOURNAL_FILE_STEM)

    conflicts = details.get("conflict_count", len(details.get("conflicts", [])))
    text = _("{added} ajout(s), {updated} mise(s) à jour, {conflicts} conflit(s)").format(
        added=data(details.get("added", {})), updated=data(details.get("updated", {})), conflicts=conflicts)
    if details.get("forgotten"):
        text += _(" ; données de personnes effacées retirées de {count} fiche(s)").format(count=details["forgotten"])
    return text


def _unique_columns(table: Table) -> list[str]:
    names = [column.name for column in table.columns if column.unique and not column.primary_key]
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and len(constraint.columns) == 1:
            names.append(next(iter(constraint.columns)).name)
    for index in table.indexes:
        if index.unique and len(index.columns) == 1:
            names.append(next(iter(index.columns)).name)
    return sorted(set(names))


def _foreign_keys(table: Table) -> list[tuple[str, str]]:
    """(column, referenced table) for single-column foreign keys."""
    return [
        (fk.parent.name, fk.column.table.name)
        for fk in table.foreign_keys
        if len(fk.constraint.columns) == 1
    ]


class _Merger:
    def __init__(self, session, bundle: Bundle, report: MergeReport, progress: Progress):
        self.session = session
        self.bundle = bundle
        self.report = report
        self.progress = progress
        self.known_ids: dict[str, set] = {}

    def ids_of(self, table_name: str, table: Table) -> set:
        if table_name not in self.known_ids:
            pk = next(iter(table.primary_key.columns))
            self.known_ids[table_name] = set(self.session.execute(select(pk)).scalars())
        return self.known_ids[table_name]

    def conflict(self, spec: TableSpec, row_id, reason: str) -> None:
        self.report.conflicts.append({"table": spec.stem, "id": row_id, "reason": reason})

    def merge_table(self, spec: TableSpec, incoming: list[dict]) -> None:
        table = spec.table
        key = spec.key
        local_ids = self.ids_of(table.name, table)
        lww = "updated_at" in table.c
        inserts, updates = [], []
        local_versions = {}
        if lww and incoming:
            version_columns = [table.c[key], table.c.updated_at]
            version_columns += [table.c[name] for name in (TOMBSTONE_COLUMN, DESK_ID_COLUMN) if name in table.c]
            for row in self.session.execute(select(*version_columns)):
                local_versions[row[0]] = self._version(row._mapping)
        ties = []
        for row in incoming:
            row_id = row[key]
            if row_id not in local_ids:
                inserts.append(row)
            elif lww:
                mine, theirs = local_versions[row_id], self._version(row)
                if theirs > mine:
                    updates.append(row)
                    if theirs[0] and not mine[0] and mine[1] > theirs[1]:
                        self.conflict(spec, row_id, _("supprimé sur l'autre poste après une modification ici : la suppression l'emporte"))
                elif theirs == mine:
                    ties.append(row)
                elif mine[0] and not theirs[0] and theirs[1] > mine[1]:
                    self.conflict(spec, row_id, _("modifié sur l'autre poste après sa suppression ici : la suppression l'emporte"))
        updates += self._winning_ties(spec, ties)
        inserts = self._checked(spec, inserts, updates)
        updates = [row for row in updates if row.get("_ok", True)]
        if table.name == "desk":
            inserts = [{**row, "is_local": False} for row in inserts]
        for start in range(0, len(inserts), CHUNK):
            self.session.execute(insert(table), inserts[start:start + CHUNK])
        if updates:
            columns = [name for name in updates[0] if name != key and not name.startswith("_")]
            statement = (
                update(table)
                .where(table.c[key] == bindparam("_key"))
                .values({name: bindparam("v_" + name) for name in columns})
            )
            payload = [{**{"v_" + name: row[name] for name in columns}, "_key": row[key]} for row in updates]
            for start in range(0, len(payload), CHUNK):
                self.session.connection().execute(statement, payload[start:start + CHUNK])
        local_ids.update(row[key] for row in inserts)
        if inserts:
            self.report.added[spec.stem] = len(inserts)
        if updates:
            self.report.updated[spec.stem] = len(updates)

    @staticmethod
    def _version(row) -> tuple:
        return (bool(row.get(TOMBSTONE_COLUMN, False)), row["updated_at"], row.get(DESK_ID_COLUMN) or "")

    def _winning_ties(self, spec: TableSpec, ties: list[dict]) -> list[dict]:
        """Same (tombstone, updated_at, desk): the greater content wins, so both desks agree."""
        if not ties:
            return []
        table = spec.table
        names = [name for name in spec.stored if name in ties[0]]
        converters = [writer_for(table.c[name]) for name in names]

        def content(row) -> tuple:
            return tuple("" if row[n] is None else convert(row[n]) for n, convert in zip(names, converters, strict=True))

        local = {}
        ids = [row[spec.key] for row in ties]
        for start in range(0, len(ids), 500):
            chosen = ids[start:start + 500]
            for row in self.session.execute(select(*[table.c[n] for n in names]).where(table.c[spec.key].in_(chosen))):
                local[row._mapping[spec.key]] = content(row._mapping)
        return [row for row in ties if content(row) > local[row[spec.key]]]

    def _checked(self, spec: TableSpec, inserts: list[dict], updates: list[dict]) -> list[dict]:
        """Drop (and report) versions that would break a unique value or point nowhere."""
        table = spec.table
        key = spec.key
        kept = []
        unique = _unique_columns(table)
        holders = {
            name: {value: row_id for row_id, value in self.session.execute(select(table.c[key], table.c[name]))}
            for name in unique
        }
        incoming_ids = {row[key] for row in inserts}
        references = [
            (column, self.ids_of(target, table.metadata.tables[target]) | (incoming_ids if target == table.name else set()))
            for column, target in _foreign_keys(table)
        ]
        for row, is_insert in [(row, True) for row in inserts] + [(row, False) for row in updates]:
            reason = None
            for name in unique:
                value = row.get(name)
                holder = holders[name].get(value)
                if value is not None and holder is not None and holder != row[key]:
                    reason = _("{column} « {value} » déjà pris par un autre enregistrement ici").format(column=name, value=value)
                    break
            if reason is None:
                for column, ids in references:
                    value = row.get(column)
                    if value is not None and value not in ids:
                        reason = _("renvoie à {column} {value}, absent des deux postes").format(column=column, value=value)
                        break
            if reason is not None:
                self.conflict(spec, row[key], reason)
                row["_ok"] = False
                continue
            for name in unique:
                if row.get(name) is not None:
                    holders[name][row[name]] = row[key]
            if is_insert:
                kept.append(row)
        return kept


def _adopt_desk_name(session, bundle: Bundle, report: MergeReport) -> None:
    """The desk that wrote the bundle knows its own name best (a rename with *Nom du poste…*):
    the desks table only grows, so the name comes from the manifest."""
    desk_id, name = bundle.desk.get("id"), bundle.desk.get("name")
    if desk_id and name:
        renamed = session.execute(
            update(Desk).where(Desk.id == desk_id, Desk.is_local.is_(False), Desk.name != name).values(name=name)
        ).rowcount
        if renamed:
            report.updated["desks"] = report.updated.get("desks", 0) + renamed


def _erased(row: dict) -> bool:
    """An erased participant's tombstone (a name left means a row deleted for another reason)."""
    return bool(row.get(TOMBSTONE_COLUMN)) and not row.get("first_name") and not row.get("last_name")


def _check_event(session, bundle: Bundle) -> None:
    theirs = bundle.event
    mine = session.execute(select(Event.id, Event.name)).first()
    if mine is not None and theirs and theirs.get("id") != mine.id:
        if theirs.get("name") == mine.name:
            raise BundleError(
                _("Ce lot vient d'un événement du même nom mais créé à part sur l'autre poste : les deux listes "
                  "ne peuvent pas être fusionnées. Pour installer un second poste, fusionnez le lot du premier "
                  "dans une base vide. Rien n'a été fusionné.")
            )
        raise BundleError(
            _("Ce lot vient d'un autre événement (« {theirs} ») que celui de ce poste (« {mine} ») : rien n'a été fusionné.").format(
                theirs=theirs.get("name", "?"), mine=mine.name
            )
        )


def merge_bundle(db: Database, directory: str | Path, *, progress: Progress = no_progress) -> MergeReport:
    """Merge the bundle in ``directory``; checksums first, then one transaction."""
    directory = Path(directory).expanduser()
    bundle = Bundle(directory)
    if bundle.desk.get("id") == db.desk.id:
        raise UsageError(_("Ce lot a été exporté par ce poste-ci : il n'y a rien à fusionner."))
    report = MergeReport(source_desk=dict(bundle.desk), directory=str(directory))
    table_specs = [spec for spec in specs() if bundle.has(spec)]
    absent = [spec.file for spec in specs() if not bundle.has(spec)]
    if absent and bundle.manifest.get("schema_version") == SCHEMA_VERSION:  # an older Kiosk had fewer tables
        raise BundleError(
            _("Lot incomplet : le manifest de {path} ne liste pas {files}. Recopiez le lot depuis l'autre poste ; "
              "rien n'a été fusionné.").format(path=directory, files=", ".join(absent))
        )
    with write_transaction(db) as session:
        _check_event(session, bundle)
        merger = _Merger(session, bundle, report, progress)
        if session.connection().dialect.name == "sqlite":
            session.connection().exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        labels: dict[str, str] = {}
        for done, spec in enumerate(table_specs):
            progress(done, len(table_specs), spec.file)
            rows = bundle.rows(spec)
            if spec.name == Participant.__tablename__:
                labels = privacy.person_labels(session, [row["id"] for row in rows if _erased(row)])
            merger.merge_table(spec, rows)
        report.forgotten = sum(privacy.forget_erased(session, labels))
        _adopt_desk_name(session, bundle, report)
        progress(len(table_specs), len(table_specs), "")
        session.execute(
            insert(AuditEvent),
            [{
                "id": new_id(), "at": utcnow(), "desk_id": db.desk.id, "action": HISTORY_ACTION,
                "entity": "bundle", "entity_id": report.source_desk.get("id", ""),
                "details": {**report.as_dict(), "conflicts": report.conflicts[:STORED_CONFLICTS],
                            "conflict_count": len(report.conflicts),
                            "exported_at": bundle.manifest.get("exported_at")},
            }],
        )
    return report
