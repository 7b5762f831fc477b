"""The export bundle (CONTRACT.md): one CSV per shared table and ``manifest.json``.

Read from one snapshot, written into a temporary sibling folder, then swapped in by
renames, so a reader never sees half a bundle and a bundle already there is replaced
as a whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import String, func, select

from kiosk.core.text import fold
from kiosk.db import Database
from kiosk.db.migrations import SCHEMA_VERSION
from kiosk.db.models import Desk, Event, utcnow
from kiosk.errors import UsageError
from kiosk.i18n import _
from kiosk.io import csvio
from kiosk.io.csvio import DEFAULT, CsvVariant
from kiosk.io.tables import DESK_ID_COLUMN, DESK_NAME_COLUMN, TableSpec, specs, writer_for
from kiosk.io.work import Progress, no_progress, read_snapshot

MANIFEST = "manifest.json"
FORMAT_NAME = "kiosk-bundle"
PROGRESS_EVERY = 5000


@dataclass(frozen=True)
class ExportResult:
    directory: Path
    manifest: dict

    @property
    def counts(self) -> dict[str, int]:
        return {name: entry["rows"] for name, entry in self.manifest["files"].items()}


def desk_bundle_name(desk_id: str, desk_name: str) -> str:
    """This desk's bundle folder on a shared stick: one per desk, replaced at each export."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(desk_name)).strip("-") or "poste"
    return f"kiosk-{slug}-{desk_id[:8]}"


def check_target(directory: Path) -> None:
    """Refuse to replace anything that is not a Kiosk bundle (a USB stick's root, say)."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(_("{path} existe et n'est pas un dossier.").format(path=directory))
    if directory.is_dir() and any(directory.iterdir()) and not (directory / MANIFEST).is_file():
        raise UsageError(
            _("{path} contient déjà d'autres fichiers : choisissez un dossier vide ou un lot Kiosk à remplacer.").format(
                path=directory
            )
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _event_dict(connection) -> dict | None:
    row = connection.execute(select(Event.__table__)).mappings().first()
    if row is None:
        return None
    return {
        key: (value.isoformat() if hasattr(value, "isoformat") else value)
        for key, value in row.items()
        if key in ("id", "name", "venue", "city", "timezone", "start_date", "end_date")
    }


def _write_table(connection, spec: TableSpec, path: Path, variant: CsvVariant, desks: dict[str, str], tick) -> int:
    columns = [spec.table.c[name] for name in spec.stored]
    converters = [writer_for(column) for column in columns]
    plain = [converter is str for converter in converters]
    # Text columns whose numeric-looking values must stay text in a spreadsheet (EXCEL_FR).
    keep = [variant.keep_text and isinstance(column.type, String) for column in columns]
    desk_index = spec.stored.index(DESK_ID_COLUMN) if DESK_NAME_COLUMN in spec.columns and DESK_ID_COLUMN in spec.stored else None
    order = [spec.stored.index(name) if name != DESK_NAME_COLUMN else -1 for name in spec.columns]
    escaped = csvio._ESCAPED_STARTS
    count = 0
    with path.open("w", encoding=variant.encoding, newline="") as handle:
        writer = variant.writer(handle)
        writer.writerow(spec.columns)
        result = connection.execute(select(*columns).order_by(*spec.order_by()))
        for row in result:
            cells = []
            for value, converter, is_plain, keep_text in zip(row, converters, plain, keep, strict=True):
                if value is None:
                    cells.append("")
                    continue
                text = value if is_plain and type(value) is str else converter(value)
                if keep_text:
                    cells.append(csvio.neutralise_text(text))
                else:
                    cells.append("'" + text if text and text[0] in escaped else text)
            if desk_index is not None:
                name = desks.get(row[desk_index], "")
                cells.append(csvio.neutralise(name))
            writer.writerow([cells[index] for index in order])
            count += 1
            if count % PROGRESS_EVERY == 0:
                tick(PROGRESS_EVERY)
        tick(count % PROGRESS_EVERY)
        handle.flush()
        os.fsync(handle.fileno())
    return count


def export_bundle(
    db: Database, directory: str | Path, *, variant: CsvVariant = DEFAULT, progress: Progress = no_progress
) -> ExportResult:
    directory = Path(directory).expanduser().resolve()
    check_target(directory)
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(_("Impossible de créer {path} : {error}").format(path=directory.parent, error=exc.strerror)) from exc
    temporary = directory.parent / f".{directory.name}.partial-{uuid.uuid4().hex[:8]}"
    table_specs = specs()
    try:
        temporary.mkdir()
        with read_snapshot(db) as connection:
            totals = {spec.name: connection.scalar(select(func.count()).select_from(spec.table)) for spec in table_specs}
            total = sum(totals.values())
            done = 0

            def tick(rows: int, label: str = "") -> None:
                nonlocal done
                done += rows
                progress(done, total, label)

            desks = {row.id: row.name for row in connection.execute(select(Desk.id, Desk.name))}
            files = {}
            for spec in table_specs:
                progress(done, total, spec.file)
                path = temporary / spec.file
                rows = _write_table(connection, spec, path, variant, desks, lambda n, f=spec.file: tick(n, f))
                files[spec.file] = {"rows": rows, "sha256": _sha256(path), "table": spec.name}
            manifest = {
                "format": FORMAT_NAME,
                "schema_version": SCHEMA_VERSION,
                "exported_at": utcnow().isoformat(),
                "event": _event_dict(connection),
                "desk": {"id": db.desk.id, "name": desks.get(db.desk.id, db.desk.name)},
                "csv": {"variant": variant.key, "encoding": variant.encoding, "delimiter": variant.delimiter},
                "files": files,
            }
        (temporary / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        _swap_in(temporary, directory)
    except OSError as exc:
        raise UsageError(_("Écriture impossible dans {path} : {error}").format(path=directory, error=exc.strerror or exc)) from exc
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return ExportResult(directory, manifest)


def _swap_in(temporary: Path, directory: Path) -> None:
    """Replace ``directory`` by ``temporary`` with renames (the old bundle goes last)."""
    if not directory.exists():
        os.replace(temporary, directory)
        return
    old = directory.parent / f".{directory.name}.old-{uuid.uuid4().hex[:8]}"
    os.replace(directory, old)
    try:
        os.replace(temporary, directory)
    except OSError:
        os.replace(old, directory)
        raise
    shutil.rmtree(old, ignore_errors=True)
