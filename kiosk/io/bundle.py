"""Reading a bundle written by a Kiosk desk: the manifest checked before anything else."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.db.migrations import SCHEMA_VERSION
from kiosk.errors import UsageError
from kiosk.i18n import _
from kiosk.io.csvio import unneutralise
from kiosk.io.export import FORMAT_NAME, MANIFEST
from kiosk.io.tables import TableSpec, reader_for


class BundleError(UsageError):
    """A bundle that cannot be trusted: nothing of it is applied."""


@dataclass(frozen=True)
class BundleInfo:
    """What a folder's manifest says, for listing bundles on a USB stick."""

    directory: Path
    desk_id: str
    desk_name: str
    exported_at: datetime | None
    event_id: str | None
    event_name: str
    counts: dict[str, int]


def read_manifest(directory: str | Path) -> dict:
    directory = Path(directory)
    path = directory / MANIFEST
    if not directory.is_dir():
        raise BundleError(_("{path} n'est pas un dossier.").format(path=directory))
    if not path.is_file():
        raise BundleError(_("{path} n'est pas un lot Kiosk : manifest.json manque.").format(path=directory))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(_("manifest.json de {path} est illisible ou incomplet.").format(path=directory)) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME or not isinstance(manifest.get("files"), dict):
        raise BundleError(_("{path} n'est pas un lot Kiosk (manifest inconnu).").format(path=directory))
    version = manifest.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise BundleError(
            _("Le lot {path} vient d'une version plus récente de Kiosk (schéma {theirs}, ici {ours}) : "
              "mettez ce poste à jour d'abord.").format(path=directory, theirs=version, ours=SCHEMA_VERSION)
        )
    return manifest


def bundle_info(directory: str | Path) -> BundleInfo:
    manifest = read_manifest(directory)
    desk = manifest.get("desk") or {}
    event = manifest.get("event") or {}
    try:
        exported_at = datetime.fromisoformat(manifest.get("exported_at", ""))
    except (TypeError, ValueError):
        exported_at = None
    return BundleInfo(
        Path(directory), desk.get("id", ""), desk.get("name", ""), exported_at,
        event.get("id"), event.get("name", ""),
        {name: entry.get("rows", 0) for name, entry in manifest["files"].items()},
    )


def find_bundles(folder: str | Path) -> list[BundleInfo]:
    """The bundles in ``folder`` itself or one level below it (a USB stick's root), newest first."""
    folder = Path(folder)
    candidates = [folder] if (folder / MANIFEST).is_file() else []
    if folder.is_dir():
        try:
            candidates += sorted(child for child in folder.iterdir() if child.is_dir() and (child / MANIFEST).is_file())
        except OSError:
            pass
    found = []
    for candidate in candidates:
        try:
            found.append(bundle_info(candidate))
        except BundleError:
            continue
    return sorted(found, key=lambda info: info.exported_at or datetime.min.replace(tzinfo=UTC), reverse=True)


def verify(directory: Path, manifest: dict) -> None:
    """Every listed file present with its SHA-256: a partial or corrupt copy is refused."""
    for name, entry in manifest["files"].items():
        path = directory / name
        if Path(name).name != name or not path.is_file():
            raise BundleError(
                _("Lot incomplet : {file} manque dans {path}. Recopiez le lot depuis l'autre poste.").format(
                    file=name, path=directory
                )
            )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != entry.get("sha256"):
            raise BundleError(
                _("Lot corrompu : {file} ne correspond pas à son empreinte SHA-256 (copie interrompue ?). "
                  "Rien n'a été fusionné.").format(file=name)
            )


class Bundle:
    """A verified bundle; ``rows(spec)`` parses one table's file into typed values."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.manifest = read_manifest(self.directory)
        verify(self.directory, self.manifest)
        settings = self.manifest.get("csv") or {}
        self.encoding = settings.get("encoding", "utf-8")
        self.delimiter = settings.get("delimiter", ",")

    @property
    def desk(self) -> dict:
        return self.manifest.get("desk") or {}

    @property
    def event(self) -> dict | None:
        return self.manifest.get("event")

    def has(self, spec: TableSpec) -> bool:
        return spec.file in self.manifest["files"]

    def rows(self, spec: TableSpec) -> list[dict]:
        """Typed rows of the table (only the columns this schema knows)."""
        if not self.has(spec):
            return []
        rows = list(self._parse(spec))
        expected = self.manifest["files"][spec.file].get("rows")
        if expected != len(rows):
            raise BundleError(
                _("Lot incohérent : {file} a {found} lignes, le manifest en annonce {expected}.").format(
                    file=spec.file, found=len(rows), expected=expected
                )
            )
        return rows

    def _parse(self, spec: TableSpec) -> Iterator[dict]:
        path = self.directory / spec.file
        with path.open(encoding=self.encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=self.delimiter)
            header = next(reader, None)
            if header is None:
                raise BundleError(_("Lot incohérent : {file} est vide.").format(file=spec.file))
            wanted = [
                (index, name, reader_for(spec.table.c[name]), spec.table.c[name].nullable)
                for index, name in enumerate(header)
                if name in spec.stored
            ]
            if spec.key not in header:
                raise BundleError(_("Lot incohérent : {file} n'a pas de colonne {column}.").format(file=spec.file, column=spec.key))
            for number, cells in enumerate(reader, start=2):
                if len(cells) != len(header):
                    raise BundleError(
                        _("Lot incohérent : {file}, ligne {row} : {found} valeurs pour {expected} colonnes.").format(
                            file=spec.file, row=number, found=len(cells), expected=len(header)
                        )
                    )
                row = {}
                for index, name, parse, nullable in wanted:
                    text = unneutralise(cells[index])
                    if text == "" and nullable:
                        row[name] = None
                        continue
                    try:
                        row[name] = parse(text)
                    except ValueError as exc:
                        raise BundleError(
                            _("Lot incohérent : {file}, ligne {row}, colonne {column} : valeur illisible « {value} ».").format(
                                file=spec.file, row=number, column=name, value=text
                            )
                        ) from exc
                yield row
