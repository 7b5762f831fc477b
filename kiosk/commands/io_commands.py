"""``kiosk import``, ``kiosk export`` and ``kiosk merge`` (CONTRACT.md)."""

from __future__ import annotations

from kiosk.cli import CommandContext
from kiosk.i18n import _
from kiosk.io.csvio import DEFAULT, EXCEL_FR
from kiosk.io.export import export_bundle
from kiosk.io.history import record_export
from kiosk.io.importer import import_file, write_rejects
from kiosk.io.merge import merge_bundle, merge_summary

SHOWN_ROWS = 20


def run_import(ctx: CommandContext) -> int:
    args = ctx.args
    db = ctx.open_db()
    try:
        plan = import_file(db, args.file, dry_run=args.dry_run)
    finally:
        db.close()
    payload = plan.as_dict()
    if args.rejects:
        payload["rejects_file"] = args.rejects
        write_rejects(plan, args.rejects)
    lines = [
        (_("Essai à blanc (rien n'est écrit) : {file}") if args.dry_run else _("Import de {file}")).format(file=args.file),
        "  " + plan.source.describe(),
        "  " + _("{added} ajouté(s), {updated} mis à jour, {unchanged} inchangé(s), {rejected} refusé(s)").format(
            added=payload["added"], updated=payload["updated"], unchanged=payload["unchanged"],
            rejected=len(payload["rejected"]),
        ),
    ]
    if payload["ignored_columns"]:
        lines.append("  " + _("Colonnes ignorées : {columns}").format(columns=", ".join(payload["ignored_columns"])))
    lines += ["  " + message for message in plan.source.warnings]
    for kind, entries in ((_("refusée"), payload["rejected"]), (_("à vérifier"), payload["warnings"])):
        for entry in entries[:SHOWN_ROWS]:
            lines.append("  " + _("ligne {row} ({kind}) : {reason}").format(row=entry["row"], kind=kind, reason=entry["reason"]))
        if len(entries) > SHOWN_ROWS:
            lines.append("  " + _("… et {count} autre(s)").format(count=len(entries) - SHOWN_ROWS))
    ctx.emit(payload, "\n".join(lines))
    if payload["rejected"]:
        ctx.warn(_("{count} ligne(s) refusée(s).").format(count=len(payload["rejected"])))
        return 1
    return 0


def run_export(ctx: CommandContext) -> int:
    args = ctx.args
    db = ctx.open_db()
    try:
        result = export_bundle(db, args.directory, variant=EXCEL_FR if args.excel_fr else DEFAULT)
        record_export(db, result)
    finally:
        db.close()
    counts = result.counts
    ctx.emit(
        {"directory": str(result.directory), **result.manifest},
        _("Lot écrit dans {path} : {summary}").format(
            path=result.directory, summary=", ".join(f"{name} {rows}" for name, rows in counts.items())
        ),
    )
    return 0


def run_merge(ctx: CommandContext) -> int:
    db = ctx.open_db(create=True)
    try:
        report = merge_bundle(db, ctx.args.directory)
    finally:
        db.close()
    summary = report.as_dict()
    lines = [
        _("Fusion du lot de « {desk} » : {summary}").format(
            desk=report.source_desk.get("name", "?"), summary=merge_summary(summary))
    ]
    lines += [f"  {table} +{count}" for table, count in report.added.items()]
    lines += [f"  {table} ~{count}" for table, count in report.updated.items()]
    lines += [f"  {c['table']} {c['id']} : {c['reason']}" for c in report.conflicts[:SHOWN_ROWS]]
    ctx.emit(summary, "\n".join(lines))
    return 0
