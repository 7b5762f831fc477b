"""``kiosk check-in CODE_OR_NAME [--day DATE] [--json]``: the reception desk's rules from a terminal."""

from __future__ import annotations

from kiosk.cli import CommandContext
from kiosk.core import codes
from kiosk.core.checkin import check_in
from kiosk.core.event import load_event, parse_day
from kiosk.core.formats import format_clock, format_day
from kiosk.core.people import Person, find_by_code
from kiosk.core.search import Tier, load_index
from kiosk.errors import KioskError
from kiosk.i18n import _

SHOWN_CANDIDATES = 20


def resolve(db, query: str) -> list[Person]:
    """The people the query designates: the code's owner, else the exact names, else every match."""
    code = codes.normalise_scan(query)
    if code is not None:
        person = find_by_code(db, code)
        if person is not None:
            return [person]
    hits = load_index(db).search(query, limit=SHOWN_CANDIDATES + 1)
    exact = [hit.person for hit in hits if hit.tier == Tier.EXACT]
    return exact or [hit.person for hit in hits]


def run(ctx: CommandContext) -> int:
    db = ctx.open_db()
    try:
        event = load_event(db)
        day = parse_day(ctx.args.day, event) if ctx.args.day else event.default_day()
        query = ctx.args.query.strip()
        found = resolve(db, query) if query else []
        if not found:
            raise KioskError(_("Aucun participant ne correspond à « {query} »").format(query=query))
        if len(found) > 1:
            shown = found[:SHOWN_CANDIDATES]
            ctx.warn(
                _("{count} participants correspondent à « {query} » ; précisez (nom complet ou code) :").format(
                    count=f"{len(found)}+" if len(found) > SHOWN_CANDIDATES else len(found), query=query
                )
            )
            for person in shown:
                ctx.warn(f"  {person.code}  {person.name} — {person.organisation}")
            return 1
        result = check_in(db, found[0], day)
    finally:
        db.close()
    person, local = result.person, event.local(result.checked_in_at)
    if result.already:
        human = _("{name} ({code}) : déjà présent(e) le {day} depuis {time} ({desk}).").format(
            name=person.name, code=person.code, day=format_day(day), time=format_clock(local), desk=result.desk
        )
    else:
        human = _("{name} ({code}) : présence enregistrée le {day} à {time}.").format(
            name=person.name, code=person.code, day=format_day(day), time=format_clock(local)
        )
    ctx.emit(result.as_json(), human)
    return 0
