"""``kiosk timer status|start|pause|resume|next|prev|add SECONDS [--day DATE] [--json]``.

Drives the same stored anchors as the desk app, which shows the change within a second.
"""

from __future__ import annotations

from kiosk.core.event import load_event, parse_day
from kiosk.core.formats import format_day
from kiosk.core.timer import (
    ClockError,
    ClockView,
    SessionClock,
    clock_day,
    day_summary,
    phase_label,
    playback_label,
)
from kiosk.errors import UsageError
from kiosk.i18n import _


def describe(view: ClockView) -> str:
    """One or two lines for a terminal."""
    if view.item is None:
        if view.finished:
            return _("Programme du {day} terminé.").format(day=format_day(view.day, weekday=False)) + "\n" + day_summary(view)
        return _("Aucun élément au programme du {day}.").format(day=format_day(view.day, weekday=False))
    lines = [
        _("{title} — {state}, {remaining} ({phase})").format(
            title=view.item.title, state=playback_label(view.playback), remaining=view.remaining_text,
            phase=phase_label(view.phase).lower(),
        )
    ]
    lines.append(day_summary(view))
    if view.next_item is not None:
        lines.append(_("Ensuite : {title}").format(title=view.next_item.title))
    if view.message:
        lines.append(_("Message affiché : {message}").format(message=view.message))
    return "\n".join(lines)


def run(ctx) -> int:
    args = ctx.args
    db = ctx.open_db()
    try:
        event = load_event(db)
        day = parse_day(args.day, event) if args.day else clock_day(db, event)
        clock = SessionClock(db, event, day)
        action = args.action
        if action == "add":
            if args.seconds is None:
                raise UsageError(_("Indiquez le nombre de secondes à ajouter (négatif pour retirer), ex. « timer add 60 »."))
            view = clock.add(args.seconds)
        elif args.seconds is not None:
            raise UsageError(_("Seule l'action « add » prend un nombre de secondes."))
        else:
            view = {
                "status": clock.view,
                "start": clock.start,
                "pause": clock.pause,
                "resume": clock.resume,
                "next": clock.next,
                "prev": clock.previous,
            }[action]()
    except ClockError as exc:
        ctx.warn(f"kiosk: {exc}")
        view = clock.view()
        ctx.emit(view.status_dict(), describe(view))
        return 1
    finally:
        db.close()
    ctx.emit(view.status_dict(), describe(view))
    return 1 if view.item is None and not view.finished else 0
