"""Badge PDFs: A6 portrait, CR80 / ID-1 card, and A4 sheets of 8 A7 landscape badges.

Every size is exact (the page is the badge, or the A4 sheet is tiled edge to edge by
A7 badges). Each format has a fixed layout whose zones are checked once: a layout that
does not fit its badge raises ``LayoutError``, never draws a clipped badge. Names
shrink in 0.25 pt steps down to a floor, then wrap to two balanced lines, down to
``MIN_SIZE``; a text that still does not fit is an error naming the person.

Fonts are the bundled TTFs, embedded; the canvas starts in them so no Helvetica is
ever referenced. A character the fonts cannot draw is replaced by "?" and reported in
``BadgeRun.issues`` (never a silent box).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from kiosk.core.badges import FORMAT_KEYS, BadgeData
from kiosk.core.event import EventInfo
from kiosk.core.formats import format_day_range
from kiosk.errors import KioskError, UsageError
from kiosk.i18n import _
from kiosk.pdf.fonts import BOLD, REGULAR, register_fonts
from kiosk.pdf.qr import draw_qr

SIZE_STEP = 0.25  # pt, as Indico's badge designer
MIN_SIZE = 6.0  # pt: below this a name is unreadable at arm's length
LEADING = 1.2
_ASCENT = 0.93  # baseline below the top of a line, in em (accented capitals included)
MIN_QR_MODULE = 0.5 * mm  # smallest module a phone or a USB scanner reads reliably
CROP_MARK = 4 * mm

DEFAULT_COLOURS = {
    "Participant": "#1f5fa8",
    "Intervenant": "#2e7d32",
    "Organisation": "#e65100",
    "Presse": "#c62828",
    "Officiel": "#212121",
}
OTHER_ROLE_COLOUR = "#616161"


class LayoutError(KioskError):
    """A badge layout, or a text on a badge, does not fit: nothing is drawn clipped."""


class BuildCancelled(Exception):
    """The caller asked to stop while the badges were being drawn."""


@dataclass(frozen=True)
class TextSpec:
    """One text block: its font, largest size, single-line floor and height budget (pt)."""

    font: str
    max_size: float
    floor: float
    budget: float

    def check(self, what: str) -> None:
        if self.budget < 2 * MIN_SIZE * LEADING and self.budget < self.max_size * LEADING:
            raise LayoutError(_("Mise en page : « {what} » n'a pas la place d'une ligne.").format(what=what))


@dataclass(frozen=True)
class Layout:
    """Zones of one badge, in points from its lower-left corner."""

    margin: float
    landscape: bool  # QR beside the names (landscape) or under them (portrait)
    event: TextSpec
    date: TextSpec
    first: TextSpec
    last: TextSpec
    organisation: TextSpec
    qr: float
    code_size: float
    band: float
    role_size: float
    gap: float


@dataclass(frozen=True)
class BadgeFormat:
    key: str
    page: tuple[float, float]
    badge: tuple[float, float]
    slots: tuple[tuple[float, float], ...]  # lower-left corners of the badges on a page
    layout: Layout

    @property
    def per_page(self) -> int:
        return len(self.slots)


def _spec(font: str, max_size: float, floor: float, budget_mm: float) -> TextSpec:
    return TextSpec(font, max_size, floor, budget_mm * mm)


_PORTRAIT = Layout(
    margin=6 * mm, landscape=False,
    event=_spec(BOLD, 10, 8, 8.5), date=_spec(REGULAR, 8.5, 6.5, 3.6),
    first=_spec(BOLD, 34, 18, 19), last=_spec(BOLD, 24, 14, 15), organisation=_spec(REGULAR, 12, 9, 9.5),
    qr=38 * mm, code_size=11, band=14 * mm, role_size=18, gap=2.5 * mm,
)
_A7_LANDSCAPE = Layout(
    margin=6 * mm, landscape=True,
    event=_spec(BOLD, 7.5, 7.5, 6.4), date=_spec(REGULAR, 6.5, 6, 2.8),
    first=_spec(BOLD, 20, 13, 13), last=_spec(BOLD, 15, 10, 10), organisation=_spec(REGULAR, 9, 7, 7.5),
    qr=27 * mm, code_size=9, band=9 * mm, role_size=12, gap=1.5 * mm,
)
_CARD = Layout(
    margin=3 * mm, landscape=True,
    event=_spec(BOLD, 6.5, 6, 5.6), date=_spec(REGULAR, 6, 6, 2.6),
    first=_spec(BOLD, 16, 11, 10.5), last=_spec(BOLD, 12, 9, 8), organisation=_spec(REGULAR, 7.5, 6.5, 6),
    qr=22 * mm, code_size=7.5, band=7 * mm, role_size=9, gap=1.2 * mm,
)

A4 = (210 * mm, 297 * mm)
A7_LANDSCAPE = (105 * mm, 74 * mm)


def _a4_slots() -> tuple[tuple[float, float], ...]:
    """2 columns x 4 rows of A7 landscape, centred (0.5 mm free at top and bottom), read
    row by row from the top."""
    width, height = A7_LANDSCAPE
    x0 = (A4[0] - 2 * width) / 2
    y0 = (A4[1] - 4 * height) / 2
    return tuple((x0 + col * width, y0 + (3 - row) * height) for row in range(4) for col in range(2))


FORMATS: dict[str, BadgeFormat] = {
    "a6": BadgeFormat("a6", (105 * mm, 148 * mm), (105 * mm, 148 * mm), ((0, 0),), _PORTRAIT),
    "cr80": BadgeFormat(
        "cr80", (85.6 * mm, 54 * mm), (85.6 * mm, 54 * mm), ((0, 0),), _CARD
    ),
    "a4x8": BadgeFormat("a4x8", A4, A7_LANDSCAPE, _a4_slots(), _A7_LANDSCAPE),
}
assert set(FORMATS) == set(FORMAT_KEYS)


def format_label(key: str) -> str:
    """The format's name in the interface language."""
    return {
        "a6": _("A6 portrait (pochette)"),
        "cr80": _("Carte CR80 / ID-1 (85,6 × 54 mm)"),
        "a4x8": _("A4, 8 badges A7 paysage (imprimante de bureau)"),
    }[key]


def get_format(key: str) -> BadgeFormat:
    try:
        return FORMATS[key]
    except KeyError:
        raise UsageError(
            _("Format de badge inconnu : {format} (choix : {choices})").format(format=key, choices=", ".join(FORMATS))
        ) from None


# -- geometry ------------------------------------------------------------------------
@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Geometry:
    header: Box
    names: Box
    qr: Box
    code: Box
    band: Box


def check_format(fmt: BadgeFormat) -> Geometry:
    """The zones of ``fmt``'s badge; ``LayoutError`` when the layout does not fit."""
    page_w, page_h = fmt.page
    badge_w, badge_h = fmt.badge
    tolerance = 0.01
    for x, y in fmt.slots:
        if x < -tolerance or y < -tolerance or x + badge_w > page_w + tolerance or y + badge_h > page_h + tolerance:
            raise LayoutError(_("Format {format} : un badge dépasse de la page.").format(format=fmt.key))
    for index, (x1, y1) in enumerate(fmt.slots):
        for x2, y2 in fmt.slots[index + 1:]:
            if abs(x1 - x2) < badge_w - tolerance and abs(y1 - y2) < badge_h - tolerance:
                raise LayoutError(_("Format {format} : deux badges se chevauchent.").format(format=fmt.key))
    lay = fmt.layout
    for what, spec in ((_("événement"), lay.event), (_("date"), lay.date), (_("prénom"), lay.first),
                       (_("nom"), lay.last), (_("organisation"), lay.organisation)):
        spec.check(what)
    inner_w = badge_w - 2 * lay.margin
    header_h = lay.event.budget + lay.date.budget
    code_h = lay.code_size * LEADING
    names_h = lay.first.budget + lay.last.budget + lay.organisation.budget + 2 * lay.gap
    band = Box(lay.margin, lay.margin, inner_w, lay.band)
    header = Box(lay.margin, badge_h - lay.margin - header_h, inner_w, header_h)
    body_bottom = band.top + lay.gap
    body_h = header.y - lay.gap - body_bottom
    if lay.landscape:
        names_w = inner_w - lay.qr - lay.gap
        qr = Box(lay.margin + inner_w - lay.qr, body_bottom + code_h + (body_h - lay.qr - code_h) / 2, lay.qr, lay.qr)
        code = Box(qr.x, qr.y - code_h, lay.qr, code_h)
        names = Box(lay.margin, body_bottom, names_w, body_h)
        needed_h = max(names_h, lay.qr + code_h)
    else:
        names_w = inner_w
        code = Box(lay.margin, body_bottom, inner_w, code_h)
        qr = Box(lay.margin + (inner_w - lay.qr) / 2, code.top, lay.qr, lay.qr)
        names = Box(lay.margin, qr.top + lay.gap, inner_w, header.y - lay.gap - qr.top - lay.gap)
        needed_h = names_h + lay.qr + code_h + lay.gap
    if min(inner_w, names_w, body_h) <= 0 or needed_h > body_h + tolerance:
        raise LayoutError(
            _("Format {format} : la mise en page ne tient pas dans le badge ({needed:.1f} mm requis, {available:.1f} mm disponibles).").format(
                format=fmt.key, needed=needed_h / mm, available=max(body_h, 0) / mm
            )
        )
    if lay.qr / 29 < MIN_QR_MODULE:  # 21 modules + 2 x 4 quiet zone for a 6-character code
        raise LayoutError(_("Format {format} : le code QR serait trop petit pour être lu.").format(format=fmt.key))
    if lay.qr > inner_w or lay.qr > body_h:
        raise LayoutError(_("Format {format} : le code QR ne tient pas dans le badge.").format(format=fmt.key))
    return Geometry(header=header, names=names, qr=qr, code=code, band=band)


# -- fitting text --------------------------------------------------------------------
@dataclass(frozen=True)
class Fitted:
    size: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


def _step_down(top: float, target: float) -> float:
    """The largest size ``top - k * SIZE_STEP`` (k >= 0) not above ``target``."""
    if target >= top:
        return top
    return top - SIZE_STEP * math.ceil((top - target) / SIZE_STEP - 1e-9)


def _word_breaks(text: str) -> list[tuple[str, str]]:
    """Two-line splits at spaces and after hyphens."""
    breaks = [(text[:i].rstrip(), text[i + 1:].lstrip()) for i, char in enumerate(text) if char == " "]
    breaks += [(text[: i + 1], text[i + 1:]) for i, char in enumerate(text[:-1]) if char in "-–"]
    return [(first, second) for first, second in breaks if first and second]


def _balanced(splits: list[tuple[str, str]], font: str) -> tuple[float, str, str] | None:
    """The split whose wider line is narrowest: (its width at 1 pt, line 1, line 2)."""
    return min(
        ((max(pdfmetrics.stringWidth(a, font, 1), pdfmetrics.stringWidth(b, font, 1)), a, b) for a, b in splits),
        default=None,
    )


def fit_text(text: str, spec: TextSpec, width: float) -> Fitted | None:
    """Size and lines for ``text`` in ``width``; None when the text is empty.

    One line, shrinking in 0.25 pt steps from the largest size to the floor; then two
    balanced lines from the largest size their height budget allows down to MIN_SIZE.
    Raises LayoutError when even that does not fit.
    """
    if not text:
        return None
    unit = pdfmetrics.stringWidth(text, spec.font, 1)
    top = min(spec.max_size, spec.budget / LEADING)
    one_line = _step_down(top, width / unit)
    if one_line >= spec.floor:
        return Fitted(one_line, (text,))
    top_two = min(spec.max_size, spec.budget / (2 * LEADING))
    best = _balanced(_word_breaks(text), spec.font)
    if best is None or _step_down(top_two, width / best[0]) < MIN_SIZE:
        # No word break fits: break between letters, as a last resort before an error.
        letters = _balanced([(text[:i], text[i:]) for i in range(1, len(text))], spec.font)
        best = letters if best is None or (letters and letters[0] < best[0]) else best
    if best is not None:
        widest, first, second = best
        two_lines = _step_down(top_two, width / widest)
        if two_lines > one_line and two_lines >= MIN_SIZE:
            return Fitted(two_lines, (first, second))
    if one_line >= MIN_SIZE:
        return Fitted(one_line, (text,))
    raise LayoutError(_("« {text} » est trop long pour ce format de badge, même sur deux lignes en {size:g} pt.").format(text=text, size=MIN_SIZE))


# -- style ---------------------------------------------------------------------------
@dataclass(frozen=True)
class BadgeStyle:
    """Per-event appearance, from ``Event.options``: ``badge_colours`` ({role: "#rrggbb"}),
    ``badge_logo`` (path of a PNG/JPEG image) and ``badge_language`` ("fr" or "en")."""

    colours: dict[str, str]
    logo: Path | None
    language: str

    @classmethod
    def from_event(cls, event: EventInfo) -> BadgeStyle:
        options = event.options or {}
        colours = dict(DEFAULT_COLOURS)
        for role, value in (options.get("badge_colours") or {}).items():
            try:
                HexColor(value)
            except (ValueError, TypeError):
                raise UsageError(
                    _("Couleur de badge invalide pour « {role} » : {value} (attendu #rrvvbb)").format(role=role, value=value)
                ) from None
            colours[role] = value
        logo = options.get("badge_logo") or None
        if logo is not None:
            logo = Path(logo).expanduser()
            if not logo.is_file():
                raise UsageError(_("Logo des badges introuvable : {path}").format(path=logo))
        language = options.get("badge_language", "fr")
        return cls(colours=colours, logo=logo, language=language if language in ("fr", "en") else "fr")

    def colour(self, role: str) -> Color:
        return HexColor(self.colours.get(role, OTHER_ROLE_COLOUR))


def _text_colour_on(colour: Color) -> Color:
    luminance = 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue
    return black if luminance > 0.55 else white


# -- drawing -------------------------------------------------------------------------
@dataclass
class BadgeIssue:
    participant_id: str
    name: str
    characters: str


@dataclass
class BadgeRun:
    """What a build produced."""

    badges: int = 0
    pages: int = 0
    issues: list[BadgeIssue] = field(default_factory=list)


@cache
def _coverage(font: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def drawable(text: str, font: str, missing: set[str]) -> str:
    """``text`` in NFC with every character the font lacks replaced by "?" (and noted)."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    covered = _coverage(font)
    if all(ord(char) in covered for char in text):
        return text
    out = []
    for char in text:
        if ord(char) in covered:
            out.append(char)
        else:
            missing.add(char)
            out.append("?")
    return "".join(out)


class BadgeDrawer:
    """Draws badges of one format for one event onto a canvas."""

    def __init__(self, fmt: BadgeFormat, event: EventInfo, style: BadgeStyle | None = None):
        self.fmt = fmt
        self.geometry = check_format(fmt)
        self.style = style or BadgeStyle.from_event(event)
        lay = fmt.layout
        header = self.geometry.header
        self._logo = ImageReader(str(self.style.logo)) if self.style.logo else None
        text_x = header.x + (header.height + lay.gap if self._logo else 0)
        self._header_box = Box(text_x, header.y, header.x + header.width - text_x, header.height)
        missing: set[str] = set()
        self._event = fit_text(drawable(event.name, lay.event.font, missing), lay.event, self._header_box.width)
        date_text = format_day_range(event.start_date, event.end_date, language=self.style.language)
        if event.city:
            date_text = f"{date_text} · {event.city}"
        self._date = fit_text(drawable(date_text, lay.date.font, missing), lay.date, self._header_box.width)
        self.header_missing = missing

    def draw(self, canvas: Canvas, x0: float, y0: float, badge: BadgeData) -> set[str]:
        """Draw one badge with its lower-left corner at (x0, y0); returns undrawable characters."""
        lay = self.fmt.layout
        geo = self.geometry
        missing: set[str] = set()
        canvas.saveState()
        canvas.translate(x0, y0)
        canvas.setFillColor(black)
        # Header: optional logo, event name, dates.
        if self._logo is not None:
            size = geo.header.height
            canvas.drawImage(self._logo, geo.header.x, geo.header.y, size, size,
                             preserveAspectRatio=True, anchor="c", mask="auto")
        self._draw_block(canvas, [(self._event, lay.event.font), (self._date, lay.date.font)], self._header_box, 0, center=True)
        # Names.
        names = geo.names
        blocks = [
            (fit_text(drawable(badge.first_name, lay.first.font, missing), lay.first, names.width), lay.first.font),
            (fit_text(drawable(badge.last_name, lay.last.font, missing), lay.last, names.width), lay.last.font),
            (fit_text(drawable(badge.organisation, lay.organisation.font, missing), lay.organisation, names.width),
             lay.organisation.font),
        ]
        self._draw_block(canvas, blocks, names, lay.gap, center=not lay.landscape, middle=True)
        # QR code and the code in text.
        draw_qr(canvas, badge.code, geo.qr.x, geo.qr.y, geo.qr.width)
        canvas.setFont(BOLD, lay.code_size)
        canvas.drawCentredString(geo.code.x + geo.code.width / 2, geo.code.top - _ASCENT * lay.code_size, badge.code)
        # The band in the role's colour, with the role word for colour-blind readers.
        band = geo.band
        colour = self.style.colour(badge.role)
        canvas.setFillColor(colour)
        canvas.rect(band.x, band.y, band.width, band.height, stroke=0, fill=1)
        role = drawable(badge.role.upper(), BOLD, missing)
        role_size = _step_down(lay.role_size, (band.width - 2 * lay.gap) / max(pdfmetrics.stringWidth(role, BOLD, 1), 1e-6))
        canvas.setFillColor(_text_colour_on(colour))
        canvas.setFont(BOLD, role_size)
        canvas.drawCentredString(band.x + band.width / 2, band.y + (band.height - 0.72 * role_size) / 2, role)
        canvas.restoreState()
        return missing

    @staticmethod
    def _draw_block(canvas: Canvas, blocks, box: Box, gap: float, *, center: bool, middle: bool = False) -> None:
        present = [(fitted, font) for fitted, font in blocks if fitted is not None]
        total = sum(fitted.height for fitted, _font in present) + gap * max(len(present) - 1, 0)
        top = box.top - ((box.height - total) / 2 if middle else 0)
        for fitted, font in present:
            canvas.setFont(font, fitted.size)
            for line in fitted.lines:
                baseline = top - _ASCENT * fitted.size
                if center:
                    canvas.drawCentredString(box.x + box.width / 2, baseline, line)
                else:
                    canvas.drawString(box.x, baseline, line)
                top -= fitted.size * LEADING
            top -= gap


def _draw_crop_marks(canvas: Canvas, fmt: BadgeFormat) -> None:
    """Hairline marks on the cut lines of a tiled sheet: ticks at the sheet's edges and
    small crosses where inner cut lines meet. They lie on the badges' edges, inside
    the blank margin, never on the content."""
    badge_w, badge_h = fmt.badge
    page_w, page_h = fmt.page
    left = min(x for x, _y in fmt.slots)
    right = max(x for x, _y in fmt.slots) + badge_w
    bottom = min(y for _x, y in fmt.slots)
    top = max(y for _x, y in fmt.slots) + badge_h
    xs = sorted({round(x, 3) for x, _y in fmt.slots} | {round(x + badge_w, 3) for x, _y in fmt.slots})
    ys = sorted({round(y, 3) for _x, y in fmt.slots} | {round(y + badge_h, 3) for _x, y in fmt.slots})
    canvas.saveState()
    canvas.setLineWidth(0.25)
    canvas.setStrokeColor(HexColor("#808080"))
    lines = []
    for x in xs:
        if 0.5 < x < page_w - 0.5:  # a cut line on the sheet's own edge needs no mark
            lines += [(x, 0, x, bottom + CROP_MARK), (x, page_h, x, top - CROP_MARK)]
            lines += [(x, y - CROP_MARK / 2, x, y + CROP_MARK / 2) for y in ys[1:-1]]
    for y in ys:
        if 0.5 < y < page_h - 0.5:
            lines += [(0, y, left + CROP_MARK, y), (page_w, y, right - CROP_MARK, y)]
            lines += [(x - CROP_MARK / 2, y, x + CROP_MARK / 2, y) for x in xs[1:-1]]
    canvas.lines(lines)
    canvas.restoreState()


def build_badges(
    output: str | Path | BinaryIO,
    badges: list[BadgeData],
    format_key: str,
    event: EventInfo,
    *,
    crop_marks: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BadgeRun:
    """Write the badges of ``badges`` (in that order) as one PDF to ``output``.

    ``progress(done, total)`` is called after each badge; when ``cancelled()`` turns
    true, ``BuildCancelled`` is raised and nothing is written.
    """
    fmt = get_format(format_key)
    if not badges:
        raise UsageError(_("Aucun badge à produire."))
    register_fonts()
    drawer = BadgeDrawer(fmt, event)
    canvas = Canvas(output if not isinstance(output, Path) else str(output), pagesize=fmt.page,
                    initialFontName=REGULAR, initialFontSize=10, pageCompression=1)
    canvas.setTitle(_("Badges — {event}").format(event=event.name))
    canvas.setAuthor("Kiosk")
    canvas.setCreator("Kiosk")
    run = BadgeRun()
    if drawer.header_missing:
        run.issues.append(BadgeIssue("", event.name, "".join(sorted(drawer.header_missing))))
    total = len(badges)
    for index, badge in enumerate(badges):
        if cancelled is not None and cancelled():
            raise BuildCancelled()
        slot = index % fmt.per_page
        if slot == 0 and index:
            canvas.showPage()
        if slot == 0 and crop_marks and fmt.per_page > 1:
            _draw_crop_marks(canvas, fmt)
        x, y = fmt.slots[slot]
        missing = drawer.draw(canvas, x, y, badge)
        if missing:
            run.issues.append(BadgeIssue(badge.participant_id, badge.display_name, "".join(sorted(missing))))
        if progress is not None:
            progress(index + 1, total)
    canvas.showPage()
    canvas.save()
    run.badges = total
    run.pages = math.ceil(total / fmt.per_page)
    return run


def badges_pdf_bytes(badges: list[BadgeData], format_key: str, event: EventInfo, **options) -> tuple[bytes, BadgeRun]:
    buffer = BytesIO()
    run = build_badges(buffer, badges, format_key, event, **options)
    return buffer.getvalue(), run
