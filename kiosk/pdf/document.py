"""What the attendance sheet and the event report share: page frame, styles, tables.

Platypus documents set entirely in the bundled font (the canvas starts in it, so no
Helvetica is written), with the event on top of every page and "page N / M" with the
date of printing at the bottom.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from kiosk import APP_NAME, __version__
from kiosk.core.event import EventInfo
from kiosk.core.formats import format_clock, format_day
from kiosk.files import replaced_atomically
from kiosk.i18n import _
from kiosk.pdf.fonts import register_fonts

HEADER_FILL = colors.Color(0.17, 0.29, 0.45)
STRIPE_FILL = colors.Color(0.94, 0.95, 0.97)
RULE = colors.Color(0.6, 0.62, 0.66)
MARGIN = 14 * mm


class Styles:
    """Paragraph styles in the bundled font."""

    def __init__(self, size: float = 9):
        regular, bold = register_fonts()
        self.title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=2)
        self.subtitle = ParagraphStyle("subtitle", fontName=regular, fontSize=10, leading=13, textColor=colors.Color(0.25, 0.25, 0.3))
        self.heading = ParagraphStyle("heading", fontName=bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4, textColor=HEADER_FILL)
        self.body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.25)
        self.cell = ParagraphStyle("cell", fontName=regular, fontSize=size, leading=size * 1.2)
        self.cell_small = ParagraphStyle("cell_small", parent=self.cell, fontSize=size - 1.5, leading=(size - 1.5) * 1.2, textColor=colors.Color(0.3, 0.3, 0.35))
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=bold)
        self.cell_child = ParagraphStyle("cell_child", parent=self.cell, leftIndent=8)
        self.header = ParagraphStyle("header", parent=self.cell, fontName=bold, textColor=colors.white)
        self.number = ParagraphStyle("number", parent=self.cell, alignment=2)
        self.number_bold = ParagraphStyle("number_bold", parent=self.number, fontName=bold)
        self.header_number = ParagraphStyle("header_number", parent=self.header, alignment=2)
        self.note = ParagraphStyle("note", fontName=regular, fontSize=size - 1, leading=(size - 1) * 1.3, textColor=colors.Color(0.3, 0.3, 0.35), spaceBefore=4)


def text(value: object, style: ParagraphStyle) -> Paragraph:
    """A table cell or a line: any text, escaped for reportlab's markup."""
    return Paragraph(escape(str(value)), style)


def grid(
    rows: Sequence[Sequence], widths: Sequence[float], *, total_row: bool = False, min_row_height: float = 0
) -> Table:
    """A table whose first row is the header, repeated on every page it spans."""
    minimum = [0] + [min_row_height] * (len(rows) - 1) if min_row_height else None
    table = Table(list(rows), colWidths=list(widths), repeatRows=1, minRowHeights=minimum)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),  # for plain-text cells (reportlab's default is Helvetica)
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1 if not total_row else -2), [colors.white, STRIPE_FILL]))
    if total_row:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 1, HEADER_FILL), ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.88, 0.9, 0.94))]
    table.setStyle(TableStyle(commands))
    return table


def page_progress(on_page: Callable[[int, int], None] | None, estimate: int) -> Callable[[int], None] | None:
    """Turn ``on_page(page, estimated_pages)`` into the one-argument hook ``build`` calls."""
    if on_page is None:
        return None
    return lambda page: on_page(page, max(estimate, page))


def event_lines(event: EventInfo) -> str:
    """``Hôtel BIG FAIM, Thiès`` — the venue line under the event's name."""
    return ", ".join(part for part in (event.venue, event.city) if part)


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so each footer can say "page N / M"."""

    footer_left = ""

    def __init__(self, *args, **kwargs):
        regular, _bold = register_fonts()
        kwargs["initialFontName"] = kwargs.get("initialFontName") or regular
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        regular, _bold = register_fonts()
        width, _height = self._pagesize
        self.saveState()
        self.setFont(regular, 7.5)
        self.setFillColor(colors.Color(0.35, 0.35, 0.4))
        self.drawString(MARGIN, 8 * mm, self.footer_left)
        self.drawRightString(
            width - MARGIN, 8 * mm, _("Page {page} / {pages}").format(page=self._pageNumber, pages=total)
        )
        self.restoreState()


def build(
    path: Path | str,
    story: list[Flowable],
    *,
    pagesize,
    title: str,
    event: EventInfo,
    running_header: str,
    printed_at: datetime,
    on_page: Callable[[int], None] | None = None,
) -> int:
    """Write the document; return its page count.

    ``on_page(n)`` is called as page n starts; an exception it raises (a cancel) stops
    the work and leaves any earlier file at ``path`` as it was.
    """
    regular, bold = register_fonts()
    printed = event.local(printed_at)
    footer = _("Édité le {day} à {time} — {app} {version}").format(
        day=format_day(printed.date(), weekday=False), time=format_clock(printed), app=APP_NAME, version=__version__
    )
    canvas_class = type("KioskCanvas", (_NumberedCanvas,), {"footer_left": footer})

    def decorate(canvas: Canvas, document: SimpleDocTemplate) -> None:
        width, height = document.pagesize
        canvas.saveState()
        canvas.setFont(bold, 8)
        canvas.setFillColor(HEADER_FILL)
        canvas.drawString(MARGIN, height - 9 * mm, _clip(event.name, bold, 8, width * 0.62))
        canvas.setFont(regular, 8)
        canvas.drawRightString(width - MARGIN, height - 9 * mm, running_header)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - 10.5 * mm, width - MARGIN, height - 10.5 * mm)
        canvas.restoreState()

    # Drawn beside the target, then moved over it: a failure never leaves half a PDF.
    with replaced_atomically(path) as partial:
        document = SimpleDocTemplate(
            str(partial), pagesize=pagesize, title=title, author=APP_NAME, creator=f"{APP_NAME} {__version__}",
            subject=event.name, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=15 * mm, bottomMargin=14 * mm,
        )
        if on_page is not None:
            document.setProgressCallBack(lambda kind, value: on_page(value) if kind == "PAGE" else None)
        document.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=canvas_class)
    return document.page


def _clip(value: str, font: str, size: float, width: float) -> str:
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"
