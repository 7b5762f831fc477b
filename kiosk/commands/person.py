"""``kiosk person show|erase ID`` and ``kiosk purge --personal-data``: what is held on a
person, erasing it, and the purge after the retention period (rules in kiosk.core.privacy)."""

from __future__ import annotations

import sys

from kiosk.cli import CommandContext
from kiosk.core import privacy
from kiosk.core.event import load_event
from kiosk.errors import KioskError, UsageError
from kiosk.i18n import _

# How each part of ``person show`` is written for a human: title, then the columns shown.
_SECTIONS = (
    ("attendance", ("day", "checked_in_at", "desk", "voided", "void_reason")),
    ("badge_prints", ("printed_at", "format", "desk", "reprint_reason")),
    ("press_contacts", ("journalist", "outlet", "phone", "email", "created_at", "deleted")),
    ("press_consents", ("person", "photo", "recording", "recorded_at")),
    ("audit", ("at", "action", "desk", "details")),
)


def _section_titles() -> dict[str, str]:
    return {
        "attendance": _("Présences"),
        "badge_prints": _("Badges imprimés"),
        "press_contacts": _("Contacts presse liés"),
        "press_consents": _("Consentements photo / enregistrement"),
        "audit": _("Journal"),
    }


def _value(value) -> str:
    if value is True:
        return _("oui")
    if value is False:
        return _("non")
    return "" if value in (None, {}, "") else str(value)


def describe(record: dict) -> str:
    """``person show`` for a terminal: every field, then each linked list."""
    person = record["participant"]
    lines = [_("Personne effacée (tombstone, aucune donnée personnelle)") if record["erased"] else
             f"{person['first_name']} {person['last_name']}".strip()]
    width = max(len(key) for key in person)
    lines += [f"  {key:<{width}}  {_value(value)}" for key, value in person.items()]
    titles = _section_titles()
    for key, columns in _SECTIONS:
        rows = record[key]
        lines.append("")
        lines.append(f"{titles[key]} ({len(rows)})")
        for row in rows:
            lines.append("  " + " · ".join(_value(row.get(column)) for column in columns if _value(row.get(column))))
    return "\n".join(lines)


def confirm(question: str, yes: bool) -> None:
    """Go on with ``--yes``; on a terminal ask; elsewhere refuse (exit 2) rather than guess."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(_("Confirmation impossible sans terminal : ajoutez --yes."))
    answer = input(_("{question} [o/N] ").format(question=question)).strip().lower()
    if answer not in ("o", "oui", "y", "yes"):
        raise KioskError(_("Abandon : rien n'a été effacé."))


def run(ctx: CommandContext) -> int:
    args = ctx.args
    db = ctx.open_db()
    try:
        event = load_event(db)
        record = privacy.person_record(db, event, args.person_id)
        if args.action == "show":
            ctx.emit(record, describe(record))
            return 0
        person = record["participant"]
        if record["erased"]:
            raise privacy.already_erased(person["id"])
        confirm(
            _("Effacer définitivement les données personnelles de {name} ({code}) ? Les comptes anonymes restent.").format(
                name=f"{person['first_name']} {person['last_name']}".strip(), code=person["code"]),
            args.yes,
        )
        erased = privacy.erase_person(db, person["id"])
    finally:
        db.close()
    ctx.emit(
        {"erased": erased.participant_id, "press_contacts": erased.press_contacts,
         "audit_events_cleared": erased.audit_events},
        _("Données personnelles effacées ({id}) ; {press} contact(s) presse lié(s) effacé(s). "
          "Exportez puis fusionnez sur les autres postes pour qu'ils l'effacent aussi.").format(
            id=erased.participant_id, press=erased.press_contacts),
    )
    return 0


def run_purge(ctx: CommandContext) -> int:
    db = ctx.open_db()
    try:
        event = load_event(db)
        privacy.check_purge_allowed(event)
        preview = privacy.purge_preview(db)
        if not (preview.participants or preview.press_contacts or preview.audit_events):
            ctx.emit({"participants": 0, "press_contacts": 0, "audit_events": 0}, "")
            ctx.warn(_("Aucune donnée personnelle à supprimer : la purge est déjà faite."))
            return 1
        confirm(
            _("Supprimer les données personnelles de {participants} participant(s) et {press} contact(s) presse ? "
              "Les comptes anonymes restent.").format(participants=preview.participants, press=preview.press_contacts),
            ctx.args.yes,
        )
        result = privacy.purge_personal_data(db, event)
    finally:
        db.close()
    ctx.emit(
        {"participants": result.participants, "press_contacts": result.press_contacts,
         "audit_events": result.audit_events},
        _("Purge faite : {participants} participant(s) et {press} contact(s) presse anonymisés ; "
          "présences et comptes conservés.").format(participants=result.participants, press=result.press_contacts),
    )
    return 0
