"""``kiosk init``: the demo event, or an empty event."""

from __future__ import annotations

from datetime import date

from kiosk.cli import CommandContext
from kiosk.core.demo import add_synthetic_participants, install_demo
from kiosk.core.event import create_event
from kiosk.errors import UsageError
from kiosk.i18n import _


def _date(text: str | None, option: str) -> date:
    if not text:
        raise UsageError(_("{option} est obligatoire pour créer un événement.").format(option=option))
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(_("{option} : date invalide {text} (attendu AAAA-MM-JJ)").format(option=option, text=text)) from exc


def run(ctx: CommandContext) -> int:
    args = ctx.args
    if args.participants < 0:
        raise UsageError(_("--participants doit être positif ou nul."))
    if not args.init_demo:
        if not args.name:
            raise UsageError(_("Indiquez --demo, ou --name, --from et --to pour un événement vide."))
        start, end = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    db = ctx.open_db(create=True)
    try:
        if args.init_demo:
            event = install_demo(db, extra_participants=args.participants)
        else:
            event = create_event(
                db, name=args.name, venue=args.venue, city=args.city,
                start_date=start, end_date=end, timezone=args.timezone,
            )
            if args.participants:
                add_synthetic_participants(db, args.participants)
        from kiosk.core.people import count_participants

        count = count_participants(db)
    finally:
        db.close()
    ctx.emit(
        {"event": event.as_dict(), "participants": count, "database": ctx.target},
        _("Événement « {name} » créé dans {target} : {days} jour(s), {count} participant(s).").format(
            name=event.name, target=ctx.target, days=len(event.days), count=count
        ),
    )
    return 0
