"""The attendance sheet (feuille de présence) of one day: A4 landscape, to sign.

Everyone present that day (first sign-in time), sorted by last name, with organisation,
category, sex and an empty signature box; the table header repeats on every page.
Erased people are counted in a note at the end, not listed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from kiosk.core.event import EventInfo
from kiosk.core.formats import format_clock, format_day
from kiosk.core.stats import AttendanceSheet, attendance_sheet
from kiosk.db import Database
from kiosk.db.models import utcnow
from kiosk.i18n import _
from kiosk.pdf.document import RULE, Styles, build, event_lines, grid, page_progress, text

PAGE = landscape(A4)
ROW_HEIGHT = 10 * mm  # room to sign


def sex_label(sex: str) -> str:
    return {"F": _("F"), "M": _("H")}.get(sex, "–")


ROWS_PER_PAGE = 14  # about, for progress estimates


def estimated_pages(sheet: AttendanceSheet) -> int:
    return 1 + len(sheet.people) // ROWS_PER_PAGE


def render_sheet(
    path: Path | str, event: EventInfo, sheet: AttendanceSheet, printed_at: datetime | None = None,
    on_page: Callable[[int], None] | None = None,
) -> int:
    """Draw ``sheet`` into ``path``; return the page count (``on_page``: see document.build)."""
    styles = Styles(size=8.5)
    story = [
        Paragraph(_("Feuille de présence"), styles.title),
        text(event.name, styles.heading),
        text(" — ".join(part for part in (event_lines(event), event.options.get("organiser", "")) if part), styles.subtitle),
        text(format_day(sheet.day).capitalize() + (f" — {sheet.label}" if sheet.label else ""), styles.subtitle),
        Spacer(1, 4 * mm),
    ]
    widths = [10 * mm, 40 * mm, 38 * mm, 70 * mm, 42 * mm, 11 * mm, 16 * mm, 42 * mm]
    header = [
        text(_("N°"), styles.header_number),
        text(_("Nom"), styles.header),
        text(_("Prénom"), styles.header),
        text(_("Organisation / fonction"), styles.header),
        text(_("Catégorie"), styles.header),
        text(_("Sexe"), styles.header),
        text(_("Arrivée"), styles.header),
        text(_("Signature"), styles.header),
    ]
    rows = [header]
    for number, person in enumerate(sheet.people, start=1):
        organisation = [text(person.organisation, styles.cell)]
        if person.function:
            organisation.append(text(person.function, styles.cell_small))
        rows.append([
            text(number, styles.number),
            text(person.last_name.upper() if person.last_name else "", styles.cell_bold),
            text(person.first_name, styles.cell),
            organisation,
            text(person.category, styles.cell),
            text(sex_label(person.sex), styles.cell),
            text(format_clock(event.local(person.checked_in_at)), styles.cell),
            "",
        ])
    if sheet.people:
        # Every row as tall as a signature needs; a long organisation still grows its row.
        table = grid(rows, widths, min_row_height=ROW_HEIGHT)
        table.setStyle([("LINEBEFORE", (-1, 0), (-1, -1), 0.6, RULE)])  # the signature box
        story.append(table)
    else:
        story.append(text(_("Aucune présence enregistrée ce jour-là."), styles.body))
    women = sum(1 for person in sheet.people if person.sex == "F")
    men = sum(1 for person in sheet.people if person.sex == "M")
    summary = _("{count} présent(s) : {women} femme(s), {men} homme(s), {other} non précisé(s).").format(
        count=len(sheet.people), women=women, men=men, other=len(sheet.people) - women - men
    )
    story.append(text(summary, styles.note))
    if sheet.erased:
        story.append(text(
            _("{count} autre(s) personne(s) présente(s) ce jour-là ont demandé l'effacement de leurs données : "
              "comptées dans le bilan, non listées ici.").format(count=sheet.erased),
            styles.note,
        ))
    return build(
        path, story, pagesize=PAGE, title=_("Feuille de présence — {day}").format(day=format_day(sheet.day)),
        event=event, running_header=_("Feuille de présence — {day}").format(day=format_day(sheet.day)),
        printed_at=printed_at or utcnow(), on_page=on_page,
    )


def write_sheet(
    db: Database, event: EventInfo, day: date, path: Path | str,
    on_page: Callable[[int, int], None] | None = None,
) -> tuple[AttendanceSheet, int]:
    """Write the attendance sheet of ``day``; return it with the page count.

    ``on_page(page, estimated_pages)`` reports progress; raising in it cancels.
    """
    sheet = attendance_sheet(db, day)
    return sheet, render_sheet(path, event, sheet, on_page=page_progress(on_page, estimated_pages(sheet)))
