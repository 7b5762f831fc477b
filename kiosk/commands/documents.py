"""``kiosk sheet OUT.pdf [--day DATE]`` and ``kiosk report OUT.pdf``: the documents handed over."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import CommandContext
from kiosk.core.event import load_event, parse_day
from kiosk.core.formats import format_day
from kiosk.errors import UsageError
from kiosk.i18n import _


def output_path(text: str) -> Path:
    """The PDF to write: its folder must exist, and it must not be a folder itself."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise UsageError(_("{path} est un dossier : indiquez le fichier PDF à écrire.").format(path=path))
    if not path.parent.is_dir():
        raise UsageError(_("Le dossier {folder} n'existe pas : impossible d'écrire {path}.").format(
            folder=path.parent, path=path))
    return path


def _write(write, path: Path):
    try:
        return write()
    except OSError as exc:
        raise UsageError(_("Impossible d'écrire {path} : {error}").format(path=path, error=exc.strerror or exc)) from exc


def run_sheet(ctx: CommandContext) -> int:
    from kiosk.pdf.sheet import write_sheet

    path = output_path(ctx.args.output)
    db = ctx.open_db()
    try:
        event = load_event(db)
        day = parse_day(ctx.args.day, event) if ctx.args.day else event.default_day()
        sheet, pages = _write(lambda: write_sheet(db, event, day, path), path)
    finally:
        db.close()
    ctx.emit(
        {"output": str(path), "day": day.isoformat(), "present": len(sheet.people), "erased": sheet.erased, "pages": pages},
        _("Feuille de présence du {day} : {count} présent(s), {pages} page(s) → {path}").format(
            day=format_day(day), count=len(sheet.people), pages=pages, path=path),
    )
    if not sheet.people:
        ctx.warn(_("Personne n'est enregistré présent le {day} : la feuille est vide.").format(day=format_day(day)))
        return 1
    return 0


def run_report(ctx: CommandContext) -> int:
    from kiosk.pdf.report import write_report

    path = output_path(ctx.args.output)
    db = ctx.open_db()
    try:
        event = load_event(db)
        summary, pages = _write(lambda: write_report(db, event, path), path)
    finally:
        db.close()
    ctx.emit(
        {"output": str(path), "pages": pages, **summary.as_dict()},
        _("Bilan : {present} personne(s) venue(s) sur {registered} inscrite(s), {pages} page(s) → {path}").format(
            present=summary.overall.total, registered=summary.registered, pages=pages, path=path),
    )
    return 0
