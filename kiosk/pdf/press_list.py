"""The press list for the communications report: A4 landscape, 30 contacts a page.

``write_press_list(db, path)`` is the one call other parts of Kiosk need (the screen's
button, the end-of-event report); ``render_press_list`` draws given rows. Everything is
set in the bundled font (no Helvetica, even unused), so Wolof letters print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk import APP_NAME
from kiosk.core.event import EventInfo, load_event
from kiosk.core.formats import format_day, format_day_range, format_moment
from kiosk.core.press import ContactRow, follow_up_status_labels, list_contacts, media_type_labels
from kiosk.core.text import fold, format_phone
from kiosk.db import Database
from kiosk.db.models import utcnow
from kiosk.i18n import _
from kiosk.pdf.fonts import register_fonts

ROWS_PER_PAGE = 30
PAGE = landscape(A4)
MARGIN = 28.0
ROW_HEIGHT = 15.5
FONT_SIZE = 7.5
MIN_FONT_SIZE = 6.0
_ORGANISATION = re.compile(r"\s*\([^()]*\)$")  # "Awa Ndiaye (OIM Sénégal)" -> "Awa Ndiaye"
HEADER_FILL = Color(0.17, 0.29, 0.45)
STRIPE_FILL = Color(0.93, 0.95, 0.98)


@dataclass(frozen=True)
class Column:
    title: str
    width: float


def _columns() -> tuple[Column, ...]:
    return (
        Column(_("N°"), 20),
        Column(_("Saisi le"), 52),
        Column(_("Journaliste"), 118),
        Column(_("Média"), 102),
        Column(_("Type"), 58),
        Column(_("Téléphone"), 80),
        Column(_("E-mail"), 120),
        Column(_("Interviewé(s)"), 113),
        Column(_("Suivi"), 68),
        Column(_("Liste médias"), 55),
    )


def fit(text: str, font: str, width: float, size: float = FONT_SIZE) -> tuple[str, float]:
    """Shrink to ``MIN_FONT_SIZE`` in 0.25 pt steps, then cut with an ellipsis, to fit ``width``."""
    text = " ".join(text.split())
    while stringWidth(text, font, size) > width and size > MIN_FONT_SIZE:
        size -= 0.25
    if stringWidth(text, font, size) <= width:
        return text, size
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


def _cells(number: int, row: ContactRow, tz: ZoneInfo) -> list[str]:
    created = format_moment(row.created_at.astimezone(tz) if row.created_at else None)
    follow = ""
    if row.follow_up:
        status = follow_up_status_labels().get(row.follow_up_status, "")
        follow = f"{row.follow_up_on:%d/%m} {status}" if row.follow_up_on else status
    return [
        str(number),
        created,
        row.journalist,
        row.outlet,
        media_type_labels().get(row.media_type, ""),
        format_phone(row.phone),
        row.email,
        ", ".join(_ORGANISATION.sub("", name) for name in row.interviewed),
        follow,
        _("oui") if row.consent_media_list else _("non"),
    ]


def render_press_list(
    path: str | Path,
    rows: Sequence[ContactRow],
    *,
    title: str,
    subtitle: str,
    tz: ZoneInfo,
    generated_at: datetime | None = None,
) -> int:
    """Draw ``rows`` (in the given order) to ``path``; return the number of pages."""
    regular, bold = register_fonts()
    generated = (generated_at or utcnow()).astimezone(tz)
    columns = _columns()
    pages = [rows[start:start + ROWS_PER_PAGE] for start in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
    width, height = PAGE
    canvas = Canvas(str(path), pagesize=PAGE, initialFontName=regular)
    canvas.setTitle(title)
    canvas.setAuthor(APP_NAME)
    for page_index, page_rows in enumerate(pages):
        top = height - MARGIN
        canvas.setFillColor(black)
        canvas.setFont(bold, 15)
        canvas.drawString(MARGIN, top - 14, title)
        canvas.setFont(regular, 9)
        canvas.drawString(MARGIN, top - 30, fit(subtitle, regular, width - 2 * MARGIN - 120, 9)[0])
        canvas.drawRightString(width - MARGIN, top - 14, _("{count} contact(s)").format(count=len(rows)))
        y = top - 44
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(MARGIN, y - ROW_HEIGHT, width - 2 * MARGIN, ROW_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(white)
        x = MARGIN
        for column in columns:
            text, size = fit(column.title, bold, column.width - 4)
            canvas.setFont(bold, size)
            canvas.drawString(x + 2, y - ROW_HEIGHT + 4.5, text)
            x += column.width
        y -= ROW_HEIGHT
        if not page_rows:
            canvas.setFillColor(black)
            canvas.setFont(regular, 10)
            canvas.drawString(MARGIN + 2, y - 20, _("Aucun contact presse enregistré."))
        for index, row in enumerate(page_rows):
            number = page_index * ROWS_PER_PAGE + index + 1
            if index % 2:
                canvas.setFillColor(STRIPE_FILL)
                canvas.rect(MARGIN, y - ROW_HEIGHT, width - 2 * MARGIN, ROW_HEIGHT, stroke=0, fill=1)
            canvas.setFillColor(black)
            x = MARGIN
            for column, value in zip(columns, _cells(number, row, tz), strict=True):
                text, size = fit(value, regular, column.width - 4)
                canvas.setFont(regular, size)
                canvas.drawString(x + 2, y - ROW_HEIGHT + 4.5, text)
                x += column.width
            y -= ROW_HEIGHT
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(black)
        footer = _("{app} — imprimé le {day} à {time}").format(
            app=APP_NAME, day=format_day(generated.date(), weekday=False), time=generated.strftime("%H:%M")
        )
        canvas.drawString(MARGIN, MARGIN - 12, footer)
        canvas.drawRightString(
            width - MARGIN, MARGIN - 12, _("Page {page}/{pages}").format(page=page_index + 1, pages=len(pages))
        )
        canvas.showPage()
    canvas.save()
    return len(pages)


def press_list_order(rows: Sequence[ContactRow]) -> list[ContactRow]:
    """By outlet, then journalist: how a communications report reads."""
    return sorted(rows, key=lambda row: (fold(row.outlet), fold(row.last_name), fold(row.first_name)))


def write_press_list(db: Database, path: str | Path, event: EventInfo | None = None) -> int:
    """The press list of ``db``'s event written to ``path``; return the number of pages."""
    event = event or load_event(db)
    subtitle = " — ".join(
        part for part in (event.name, f"{event.venue}, {event.city}".strip(", "),
                          format_day_range(event.start_date, event.end_date)) if part
    )
    return render_press_list(
        path, press_list_order(list_contacts(db)), title=_("Liste de presse"), subtitle=subtitle, tz=event.tz
    )
