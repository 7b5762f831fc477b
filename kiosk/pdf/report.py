"""The end-of-event report (bilan): key figures, presence by day, sex and category (the
donors' table), badges, press, and the agenda as planned against as it ran. A4 portrait.

Counts come from ``kiosk.core.stats.event_summary``: each person counted once per day,
and once over the whole event; erased people are still counted (nothing names them).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from kiosk.core.event import EventInfo
from kiosk.core.formats import format_clock, format_day, format_day_range
from kiosk.core.stats import AgendaLine, Breakdown, EventSummary, event_summary
from kiosk.db import Database
from kiosk.db.models import SEXES, utcnow
from kiosk.i18n import _
from kiosk.pdf.document import Styles, build, event_lines, grid, page_progress, text

PAGE = A4
WIDTH = PAGE[0] - 28 * mm


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def _sex_titles() -> dict[str, str]:
    return {"F": _("Femmes"), "M": _("Hommes"), "U": _("Non précisé")}


def _key_figures(summary: EventSummary, styles: Styles) -> Flowable:
    present = summary.overall
    lines = [
        (_("Inscrits (liste des invités et sans invitation)"), summary.registered),
        (_("Personnes venues au moins un jour"), present.total),
        (_("dont femmes"), f"{present.by_sex['F']} ({_percent(present.by_sex['F'], present.total)})"),
        (_("dont venues sans invitation"), present.walk_ins),
        (_("Taux de présence des inscrits"), _percent(present.total, summary.registered)),
        (_("Badges imprimés (dont réimpressions)"), f"{summary.badges_printed} ({summary.badge_reprints})"),
        (_("Contacts presse (médias différents)"), f"{summary.press_contacts} ({summary.press_outlets})"),
    ]
    rows = [[text(_("Chiffres clés"), styles.header), text("", styles.header)]]
    rows += [[text(label, styles.cell), text(value, styles.number_bold)] for label, value in lines]
    return grid(rows, [WIDTH * 0.7, WIDTH * 0.3])


def _days_table(summary: EventSummary, styles: Styles) -> Flowable:
    titles = _sex_titles()
    header = [text(_("Jour"), styles.header), text(_("Présents"), styles.header_number)]
    header += [text(titles[sex], styles.header_number) for sex in SEXES]
    header.append(text(_("Sans invitation"), styles.header_number))
    rows = [header]

    def line(label: str, counts: Breakdown, style) -> list:
        return [text(label, style), text(counts.total, styles.number_bold)] + [
            text(counts.by_sex[sex], styles.number) for sex in SEXES
        ] + [text(counts.walk_ins, styles.number)]

    for day, counts in summary.per_day.items():
        rows.append(line(format_day(day).capitalize(), counts, styles.cell))
    rows.append(line(_("Sur l'événement (chaque personne une fois)"), summary.overall, styles.cell_bold))
    return grid(rows, [WIDTH * 0.4] + [WIDTH * 0.12] * 5, total_row=True)


def _categories_table(summary: EventSummary, styles: Styles) -> Flowable:
    """The donors' table: category x sex, each person counted once over the event."""
    counts = summary.overall
    titles = _sex_titles()
    header = [text(_("Catégorie"), styles.header)] + [text(titles[sex], styles.header_number) for sex in SEXES]
    header += [text(_("Total"), styles.header_number), text(_("Part"), styles.header_number)]
    rows = [header]
    for category in counts.categories():
        rows.append(
            [text(category, styles.cell)]
            + [text(counts.by_category_sex[(category, sex)], styles.number) for sex in SEXES]
            + [text(counts.by_category[category], styles.number_bold),
               text(_percent(counts.by_category[category], counts.total), styles.number)]
        )
    rows.append(
        [text(_("Total"), styles.cell_bold)]
        + [text(counts.by_sex[sex], styles.number_bold) for sex in SEXES]
        + [text(counts.total, styles.number_bold), text(_percent(counts.total, counts.total), styles.number)]
    )
    return grid(rows, [WIDTH * 0.4] + [WIDTH * 0.12] * 5, total_row=True)


def _categories_by_day(summary: EventSummary, styles: Styles) -> Flowable:
    days = list(summary.per_day)
    header = [text(_("Catégorie"), styles.header)] + [
        text(format_day(day, weekday=False), styles.header_number) for day in days
    ]
    rows = [header]
    for category in summary.overall.categories():
        rows.append([text(category, styles.cell)] + [
            text(summary.per_day[day].by_category[category], styles.number) for day in days
        ])
    rows.append([text(_("Total"), styles.cell_bold)] + [text(summary.per_day[day].total, styles.number_bold) for day in days])
    share = WIDTH * 0.6 / max(len(days), 1)
    return grid(rows, [WIDTH * 0.4] + [share] * len(days), total_row=True)


def _minutes(value: float | None) -> str:
    return "" if value is None else _("{minutes} min").format(minutes=round(value))


def _late(value: float | None) -> str:
    if value is None:
        return ""
    minutes = round(value)
    if minutes == 0:
        return _("à l'heure")
    return _("+{minutes} min").format(minutes=minutes) if minutes > 0 else _("{minutes} min").format(minutes=minutes)


def _agenda_table(lines: list[AgendaLine], styles: Styles) -> Flowable:
    header = [
        text(_("Prévu"), styles.header), text(_("Point de l'ordre du jour"), styles.header),
        text(_("Durée prévue"), styles.header_number), text(_("Début réel"), styles.header),
        text(_("Durée réelle"), styles.header_number), text(_("Écart au début"), styles.header_number),
    ]
    rows = [header]
    for line in lines:
        rows.append([
            text(line.planned_start.strftime("%H:%M") if line.planned_start else "", styles.cell),
            text(line.title, styles.cell_child if line.level else styles.cell_bold),
            text(_minutes(line.planned_minutes), styles.number),
            text(format_clock(line.actual_start) if line.actual_start else "—", styles.cell),
            text(_minutes(line.actual_minutes), styles.number),
            text(_late(line.start_late_minutes), styles.number),
        ])
    return grid(rows, [14 * mm, WIDTH - 14 * mm - 4 * 20 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm])


def render_report(
    path: Path | str, summary: EventSummary, printed_at: datetime | None = None,
    on_page: Callable[[int], None] | None = None,
) -> int:
    """Draw the report of ``summary`` into ``path``; return the page count (``on_page``: see document.build)."""
    event: EventInfo = summary.event
    styles = Styles(size=9)
    story: list[Flowable] = [
        Paragraph(_("Bilan de l'événement"), styles.title),
        text(event.name, styles.heading),
        text(" — ".join(part for part in (
            event_lines(event), format_day_range(event.start_date, event.end_date), event.options.get("organiser", "")
        ) if part), styles.subtitle),
        Spacer(1, 5 * mm),
        _key_figures(summary, styles),
    ]
    if summary.erased:
        story.append(text(
            _("{count} personne(s) ont fait effacer leurs données personnelles : elles restent comptées "
              "(sexe, catégorie, présences), sans nom.").format(count=summary.erased),
            styles.note,
        ))
    story += [
        KeepTogether([text(_("Présences par jour"), styles.heading), _days_table(summary, styles)]),
        text(_("Chaque personne est comptée une fois par jour, à sa première arrivée ; une présence annulée "
               "n'est pas comptée."), styles.note),
        KeepTogether([
            text(_("Participants par catégorie et par sexe"), styles.heading),
            _categories_table(summary, styles),
        ]),
        text(_("Personnes venues au moins un jour, chacune comptée une fois sur tout l'événement."), styles.note),
    ]
    if len(summary.per_day) > 1:
        story.append(KeepTogether([
            text(_("Présences par catégorie et par jour"), styles.heading), _categories_by_day(summary, styles),
        ]))
    days = sorted({line.day for line in summary.agenda})
    if days:
        story += [CondPageBreak(60 * mm), text(_("Ordre du jour : prévu et réel"), styles.heading)]
        for day in days:
            day_lines = [line for line in summary.agenda if line.day == day]
            timed = sum(1 for line in day_lines if line.actual_start is not None)
            story.append(text(
                _("{day} — {timed} point(s) chronométré(s) sur {count}").format(
                    day=format_day(day).capitalize(), timed=timed, count=len(day_lines)
                ),
                styles.cell_bold,
            ))
            story += [Spacer(1, 1.5 * mm), _agenda_table(day_lines, styles), Spacer(1, 4 * mm)]
        story.append(text(_("Début réel et durée réelle viennent du chronomètre ; « — » : point non lancé au "
                            "chronomètre. Écart : minutes de retard (+) ou d'avance (−) sur l'heure prévue."),
                          styles.note))
    return build(
        path, story, pagesize=PAGE, title=_("Bilan — {event}").format(event=event.name), event=event,
        running_header=_("Bilan de l'événement"), printed_at=printed_at or utcnow(), on_page=on_page,
    )


def write_report(
    db: Database, event: EventInfo, path: Path | str, on_page: Callable[[int, int], None] | None = None,
) -> tuple[EventSummary, int]:
    """Write the end-of-event report; return its figures and the page count.

    ``on_page(page, estimated_pages)`` reports progress; raising in it cancels.
    """
    summary = event_summary(db, event)
    estimate = 2 + len(summary.agenda) // 30
    return summary, render_report(path, summary, on_page=page_progress(on_page, estimate))
