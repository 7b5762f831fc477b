"""Reading an invitee list as it really comes: CSV (any of the usual encodings and
delimiters) or an Excel workbook, with a title line or blank lines before the header.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from kiosk.errors import UsageError
from kiosk.i18n import _
from kiosk.io.csvio import decode_bytes, detect_delimiter
from kiosk.io.headers import count_known

HEADER_SEARCH_ROWS = 20


def delimiter_name(delimiter: str) -> str:
    names = {";": _("point-virgule"), ",": _("virgule"), "\t": _("tabulation"), "|": _("barre verticale")}
    return names.get(delimiter, delimiter)


@dataclass
class SourceTable:
    path: Path
    kind: str  # "csv" or "xlsx"
    headers: list[str]
    header_row: int  # 1-based, as a spreadsheet numbers rows
    rows: list[tuple[int, list[str]]]  # (row number, cells) after the header, blank rows left out
    encoding: str = ""
    delimiter: str = ""
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.kind == "xlsx":
            return _("classeur Excel, en-tête ligne {row}").format(row=self.header_row)
        return _("CSV {encoding}, séparateur « {delimiter} », en-tête ligne {row}").format(
            encoding=self.encoding, delimiter=delimiter_name(self.delimiter), row=self.header_row
        )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _rows_from_xlsx(path: Path, table: dict) -> list[list[str]]:
    """The first sheet with something in it; formulas give the result Excel saved with them."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    def load(data_only: bool):
        try:
            return load_workbook(path, read_only=True, data_only=data_only)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
            raise UsageError(_("{name} n'est pas un classeur Excel lisible (.xlsx).").format(name=path.name)) from exc

    workbook = load(False)
    try:
        for sheet in workbook.worksheets:
            rows, formulas = [], {}
            for number, row in enumerate(sheet.iter_rows(), start=1):
                cells = []
                for column, cell in enumerate(row):
                    if cell.data_type == "f":
                        formulas[(number, column)] = str(cell.value)
                        cells.append("")
                    else:
                        cells.append(_cell_text(cell.value))
                rows.append(cells)
            if formulas:
                _fill_formula_results(load(True)[sheet.title], rows, formulas, table)
            if any(any(cell.strip() for cell in row) for row in rows):
                return rows
        return []
    finally:
        workbook.close()


def _fill_formula_results(sheet, rows: list[list[str]], formulas: dict, table: dict) -> None:
    """Put each formula's saved result in ``rows``; a file written by a program other than Excel
    may have none, which is said (the cell would otherwise look empty)."""
    from openpyxl.utils import get_column_letter

    missing = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        for column, value in enumerate(values):
            if (number, column) in formulas:
                if value is None:
                    missing.append(f"{get_column_letter(column + 1)}{number}")
                else:
                    rows[number - 1][column] = _cell_text(value)
    sheet.parent.close()
    if missing:
        table.setdefault("warnings", []).append(
            _("{count} formule(s) sans résultat enregistré ({cells}) : ces cellules sont lues vides. Ouvrez le "
              "classeur dans Excel, enregistrez-le, puis importez-le à nouveau.").format(
                count=len(missing), cells=", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""))
        )


def _rows_from_csv(path: Path, data: bytes, table: dict) -> list[list[str]]:
    decoded = decode_bytes(data, path.name)
    delimiter = detect_delimiter(decoded.text, count_known)
    table.update(encoding=decoded.encoding, delimiter=delimiter, warnings=list(decoded.warnings))
    try:
        return list(csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UsageError(_("{name} : CSV illisible ({error}).").format(name=path.name, error=exc)) from exc


# Files that are not lists whatever their name says, by their first bytes.
_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),  # OLE2: Excel 97-2003, also old Word
    (b"%PDF", "pdf"),
    (b"{\\rtf", "rtf"),
)


def _refuse_other_formats(path: Path, data: bytes) -> None:
    """A clear message for an .xls or a PDF renamed .csv, instead of "unknown encoding"."""
    kind = next((kind for signature, kind in _SIGNATURES if data.startswith(signature)), None)
    if kind == "xls":
        raise UsageError(
            _("{name} est en fait un classeur Excel 97-2003 (.xls), quel que soit son nom : ouvrez-le dans Excel "
              "et enregistrez-le en « Classeur Excel (.xlsx) » ou en « CSV UTF-8 ».").format(name=path.name)
        )
    if kind is not None:
        raise UsageError(
            _("{name} est un document {kind}, pas une liste : il faut le tableau d'origine, enregistré en .xlsx "
              "ou en CSV.").format(name=path.name, kind=kind.upper())
        )


def read_source(path: str | Path) -> SourceTable:
    """The list's header and rows; UsageError (exit 2) when the file cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(_("Fichier introuvable : {path}").format(path=path))
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise UsageError(
            _("{name} : format {suffix} non pris en charge. Enregistrez la liste en .xlsx ou en CSV.").format(
                name=path.name, suffix=suffix
            )
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(_("Lecture impossible de {path} : {error}").format(path=path, error=exc.strerror)) from exc
    _refuse_other_formats(path, data)
    extra: dict = {}
    if data[:4] == b"PK\x03\x04":  # the content decides: a CSV renamed .xlsx is read as a CSV
        kind, rows = "xlsx", _rows_from_xlsx(path, extra)
    else:
        kind, rows = "csv", _rows_from_csv(path, data, extra)
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if any(cell.strip() for cell in row)]
    if not numbered:
        raise UsageError(_("{name} est vide : aucune ligne à importer.").format(name=path.name))
    header_at = next(
        (position for position, (_number, row) in enumerate(numbered[:HEADER_SEARCH_ROWS]) if count_known(row) >= 2), 0
    )
    header_row, headers = numbered[header_at]
    return SourceTable(
        path=path,
        kind=kind,
        headers=[cell.strip() for cell in headers],
        header_row=header_row,
        rows=[(number, row) for number, row in numbered[header_at + 1:]],
        **extra,
    )
