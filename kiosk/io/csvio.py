"""CSV as Kiosk writes and reads it: dialects, OWASP neutralising, encodings, delimiters.

Neutralising (OWASP "CSV injection"): a cell starting with ``= + - @``, a tab or a carriage
return is written with a leading apostrophe, so a spreadsheet shows it as text instead of
running it as a formula. A cell that already starts with an apostrophe gets one more, so
the rule is reversible: reading a Kiosk bundle back removes exactly one leading apostrophe
from every cell that has one. A phone stored as ``+221771234567`` is therefore written
``'+221771234567`` (which also stops Excel from turning it into the number 2.21772E+11)
and comes back as ``+221771234567``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

from kiosk.errors import UsageError
from kiosk.i18n import _

FORMULA_STARTS = frozenset("=+-@\t\r")
_ESCAPED_STARTS = FORMULA_STARTS | {"'"}


@dataclass(frozen=True)
class CsvVariant:
    """How a bundle's CSV files are written.

    ``keep_text``: text that a spreadsheet would turn into a number (a badge code such as
    ``012345`` losing its zero, ``1234E5`` read as 123,400,000) gets the leading apostrophe
    too, so Excel opening the file by a double click shows it as written.
    """

    key: str
    encoding: str
    delimiter: str
    keep_text: bool = False

    def writer(self, handle):
        return csv.writer(handle, delimiter=self.delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


DEFAULT = CsvVariant("default", "utf-8", ",")
EXCEL_FR = CsvVariant("excel-fr", "utf-8-sig", ";", keep_text=True)
VARIANTS = {variant.key: variant for variant in (DEFAULT, EXCEL_FR)}


def neutralise(text: str) -> str:
    """The cell as written: a leading apostrophe when a spreadsheet could read a formula."""
    return "'" + text if text and text[0] in _ESCAPED_STARTS else text


# What Excel reads as a number in a CSV: digits, with a decimal comma or point, or an exponent.
NUMBER_LIKE = re.compile(r"\d+(?:[.,]\d+)?(?:[Ee][+-]?\d+)?")


def neutralise_text(text: str) -> str:
    """``neutralise``, and a text that a spreadsheet would read as a number kept as text."""
    return "'" + text if text and (text[0] in _ESCAPED_STARTS or NUMBER_LIKE.fullmatch(text)) else text


def unneutralise(text: str) -> str:
    """Undo ``neutralise`` (only for files Kiosk wrote)."""
    return text[1:] if text[:1] == "'" else text


# -- reading files that come from elsewhere --------------------------------------------
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What UTF-8 text looks like once decoded as cp1252 a first time ("PrÃ©nom").
_MOJIBAKE_MARKS = ("Ã©", "Ã¨", "Ã ", "Ã§", "Ã´", "Ã¯", "Ã«", "Ã¢", "Ã‰", "â€™", "â€“", "Ã®")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8-sig", "utf-16", "utf-8" or "cp1252"
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, name: str) -> DecodedText:
    """A BOM's encoding, else strict UTF-8, else cp1252; never a silent replacement character."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding, name)
            except UnicodeDecodeError as exc:
                raise UsageError(
                    _("{name} : texte illisible malgré sa signature {encoding} (octet {offset}).").format(
                        name=name, encoding=encoding, offset=exc.start
                    )
                ) from exc
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252"), "cp1252", name)
    except UnicodeDecodeError as exc:
        raise UsageError(
            _("{name} : encodage inconnu (ni UTF-8 ni Windows-1252, octet {offset}). "
              "Enregistrez le fichier en « CSV UTF-8 ».").format(name=name, offset=exc.start)
        ) from exc


def _checked(text: str, encoding: str, name: str) -> DecodedText:
    if "\x00" in text:
        raise UsageError(_("{name} contient des caractères nuls : ce n'est pas un fichier texte (CSV).").format(name=name))
    warnings = ()
    if any(mark in text for mark in _MOJIBAKE_MARKS):
        warnings = (
            _("Le texte semble avoir été converti deux fois (« Ã© » au lieu de « é ») : "
              "vérifiez les accents dans l'aperçu."),
        )
    return DecodedText(text, encoding, warnings)


CANDIDATE_DELIMITERS = (";", ",", "\t", "|")


def detect_delimiter(text: str, recognised) -> str:
    """The delimiter that splits the header into the most recognised column names.

    ``recognised(cells) -> int`` counts the known headers among cells. Ties (a file with
    no known header) go to the delimiter giving a steady number of fields over the first
    lines, then to the most fields.
    """
    sample_lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ";", None
    for delimiter in CANDIDATE_DELIMITERS:
        rows = list(csv.reader(io.StringIO("\n".join(sample_lines)), delimiter=delimiter))
        if not rows:
            continue
        header_known = max(recognised([cell.strip() for cell in row]) for row in rows[:10])
        widths = [len(row) for row in rows]
        steady = sum(1 for width in widths if width == widths[0]) / len(widths)
        score = (header_known, widths[0] > 1, steady, widths[0])
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    return best
