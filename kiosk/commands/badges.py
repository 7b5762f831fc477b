"""``kiosk badges OUT.pdf``: the badge PDF for everyone, those checked in, or those not printed.

Writing a file is not printing (it may be printed later, elsewhere, or never), so the
print log is left alone unless ``--mark-printed`` says the file is going to the printer;
people already printed then need ``--reason``, exactly as a reprint at the desk.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import CommandContext
from kiosk.core.badges import printed_ids, record_prints, select_badges
from kiosk.core.event import load_event, parse_day
from kiosk.errors import UsageError
from kiosk.files import replaced_atomically
from kiosk.i18n import _
from kiosk.pdf.badges import build_badges, format_label, get_format


def run(ctx: CommandContext) -> int:
    args = ctx.args
    output = Path(args.output).expanduser()
    if not output.parent.is_dir():
        raise UsageError(_("Le dossier {folder} n'existe pas : impossible d'écrire {path}.").format(folder=output.parent, path=output))
    if output.is_dir():
        raise UsageError(_("{path} est un dossier : indiquez un nom de fichier PDF.").format(path=output))
    fmt = get_format(args.format)
    db = ctx.open_db()
    try:
        event = load_event(db)
        if args.day and args.who != "checked-in":
            ctx.warn(_("--day ne sert qu'avec --who checked-in ; ignoré."))
        day = parse_day(args.day, event) if args.day else event.default_day()
        badges = select_badges(db, args.who, day=day, category=args.category)
        if not badges:
            ctx.warn(_("Aucun participant ne correspond : aucun fichier écrit."))
            return 1
        already = printed_ids(db, [badge.participant_id for badge in badges]) if args.mark_printed else set()
        if already and not args.reason.strip():
            raise UsageError(
                _("{count} de ces badges sont déjà imprimés : indiquez --reason pour les noter comme réimpressions.").format(
                    count=len(already)
                )
            )
        with replaced_atomically(output) as partial:
            result = build_badges(partial, badges, fmt.key, event, crop_marks=not args.no_crop_marks)
        reprints = record_prints(db, badges, fmt.key, args.reason) if args.mark_printed else 0
    finally:
        db.close()
    for issue in result.issues:
        ctx.warn(
            _("Caractères impossibles à dessiner pour {name} : {chars} (remplacés par « ? »)").format(
                name=issue.name, chars=issue.characters
            )
        )
    if args.mark_printed:
        logged = _("{count} impression(s) notée(s) dans le journal, dont {reprints} réimpression(s).").format(
            count=len(badges), reprints=reprints
        )
    else:
        logged = _("Journal d'impression inchangé (un fichier n'est pas une impression ; --mark-printed pour le noter).")
    ctx.emit(
        {
            "output": str(output),
            "format": fmt.key,
            "who": args.who,
            "day": day.isoformat() if args.who == "checked-in" else None,
            "category": args.category,
            "badges": result.badges,
            "pages": result.pages,
            "codes": [badge.code for badge in badges],
            "marked_printed": bool(args.mark_printed),
            "reprints": reprints,
            "issues": [{"name": i.name, "characters": i.characters} for i in result.issues],
        },
        _("{count} badge(s) {format} écrit(s) dans {path} ({pages} page(s)).").format(
            count=result.badges, format=format_label(fmt.key), path=output, pages=result.pages
        )
        + "\n"
        + logged,
    )
    return 1 if result.issues else 0
