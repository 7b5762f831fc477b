"""The command line (CONTRACT.md): ``kiosk [--db TARGET] [--lang fr|en] [COMMAND ...]``.

Every command works on the desk app's database without a display. Exit status: 0 done;
1 done in part or nothing matched (reason on stderr); 2 bad usage or unreadable input.
Each command lives in ``kiosk.commands.<module>`` as ``run(ctx) -> int`` and is only
imported when called, so ``kiosk --version`` and the app start stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from dataclasses import dataclass

from kiosk import __version__, i18n
from kiosk.errors import KioskError
from kiosk.i18n import _

# command name -> "module:function" inside kiosk.commands
HANDLERS = {
    "init": "init:run",
    "import": "io_commands:run_import",
    "check-in": "checkin:run",
    "export": "io_commands:run_export",
    "merge": "io_commands:run_merge",
    "badges": "badges:run",
    "sheet": "documents:run_sheet",
    "report": "documents:run_report",
    "timer": "timer:run",
    "person": "person:run",
    "purge": "person:run_purge",
    "self-test": "selftest:run",
}


class KioskHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, _("utilisation : ") if prefix is None else prefix)


class KioskArgumentParser(argparse.ArgumentParser):
    """argparse in the interface language, exiting with status 2 on bad usage."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", KioskHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("affiche cette aide et quitte"))

    def error(self, message: str):  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {_('erreur')}: {message}\n")


@dataclass
class CommandContext:
    args: argparse.Namespace
    target: str

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def open_db(self, *, create: bool = False):
        from kiosk.db import Database

        return Database.open(self.target, create=create)

    def emit(self, payload: dict, human: str) -> None:
        """Print the answer: one JSON object with ``--json``, else the human summary."""
        if self.json:
            print(json.dumps(payload, ensure_ascii=False, default=str))
        elif human:
            print(human)

    @staticmethod
    def warn(message: str) -> None:
        print(message, file=sys.stderr)


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help=_("une réponse JSON sur la sortie standard")
    )


def build_parser() -> argparse.ArgumentParser:
    parser = KioskArgumentParser(
        prog="kiosk",
        description=_("Kiosk : accueil, badges, chronomètre et presse pour un événement, hors ligne."),
    )
    parser.add_argument("--db", metavar="TARGET", help=_("fichier SQLite ou URL SQLAlchemy (sinon KIOSK_DB, sinon le dossier de données)"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("langue de l'interface (fr par défaut)"))
    parser.add_argument("--demo", action="store_true", help=_("ouvre l'application sur une copie neuve de l'événement de démonstration"))
    parser.add_argument("--version", action="version", version=f"Kiosk {__version__}", help=_("affiche la version et quitte"))
    parser.add_argument("--json", action="store_true", help=_("une réponse JSON sur la sortie standard"))
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=KioskArgumentParser, title=_("commandes")
    )

    init = commands.add_parser("init", help=_("crée l'événement de démonstration ou un événement vide"))
    init.add_argument("--demo", action="store_true", dest="init_demo", help=_("l'événement de démonstration"))
    init.add_argument("--participants", type=int, default=0, metavar="N", help=_("ajoute N participants fictifs"))
    init.add_argument("--name")
    init.add_argument("--venue", default="")
    init.add_argument("--city", default="")
    init.add_argument("--from", dest="date_from", metavar="DATE")
    init.add_argument("--to", dest="date_to", metavar="DATE")
    init.add_argument("--timezone", default="Africa/Dakar")
    _json_flag(init)

    imp = commands.add_parser("import", help=_("importe des invités depuis un CSV ou un XLSX"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help=_("montre ce qui changerait sans rien écrire"))
    imp.add_argument("--rejects", metavar="CSV", help=_("écrit les lignes refusées dans ce fichier"))
    _json_flag(imp)

    checkin = commands.add_parser("check-in", help=_("enregistre la présence d'un participant"))
    checkin.add_argument("query", metavar="CODE_OR_NAME")
    checkin.add_argument("--day", metavar="DATE")
    _json_flag(checkin)

    export = commands.add_parser("export", help=_("écrit le lot d'export (CSV + manifest.json)"))
    export.add_argument("directory", metavar="DIR")
    export.add_argument("--excel-fr", action="store_true", help=_("CSV pour Excel en français (BOM, point-virgule)"))
    _json_flag(export)

    merge = commands.add_parser("merge", help=_("fusionne le lot d'un autre poste"))
    merge.add_argument("directory", metavar="DIR")
    _json_flag(merge)

    badges = commands.add_parser("badges", help=_("PDF des badges"))
    badges.add_argument("output", metavar="OUT.pdf")
    badges.add_argument("--format", choices=("a6", "cr80", "a4x8"), default="a6")
    badges.add_argument("--who", choices=("all", "checked-in", "not-printed"), default="all")
    badges.add_argument("--day", metavar="DATE", help=_("jour pour --who checked-in"))
    badges.add_argument("--category", metavar="CATÉGORIE", help=_("seulement cette catégorie de participants"))
    badges.add_argument("--no-crop-marks", action="store_true", help=_("sans traits de coupe (format a4x8)"))
    badges.add_argument(
        "--mark-printed", action="store_true", help=_("note ces badges comme imprimés dans le journal d'impression")
    )
    badges.add_argument("--reason", default="", help=_("motif de réimpression, avec --mark-printed"))
    _json_flag(badges)

    sheet = commands.add_parser("sheet", help=_("feuille de présence d'un jour (PDF)"))
    sheet.add_argument("output", metavar="OUT.pdf")
    sheet.add_argument("--day", metavar="DATE")
    _json_flag(sheet)

    report = commands.add_parser("report", help=_("bilan de l'événement (PDF)"))
    report.add_argument("output", metavar="OUT.pdf")
    _json_flag(report)

    timer = commands.add_parser("timer", help=_("pilote le chronomètre"))
    timer.add_argument("action", choices=("status", "start", "pause", "resume", "next", "prev", "add"))
    timer.add_argument("seconds", nargs="?", type=float, metavar="SECONDS")
    timer.add_argument("--day", metavar="DATE")
    _json_flag(timer)

    person = commands.add_parser("person", help=_("une personne : tout voir ou tout effacer"))
    person.add_argument("action", choices=("show", "erase"))
    person.add_argument("person_id", metavar="ID")
    person.add_argument("--yes", action="store_true", help=_("sans demander de confirmation"))
    _json_flag(person)

    purge = commands.add_parser("purge", help=_("supprime les données personnelles après la durée de conservation"))
    purge.add_argument("--personal-data", action="store_true", required=True)
    purge.add_argument("--yes", action="store_true", help=_("sans demander de confirmation"))
    _json_flag(purge)

    selftest = commands.add_parser("self-test", help=_("vérifie base de données, polices, PDF et Qt"))
    _json_flag(selftest)
    return parser


def resolve_target(db_option: str | None) -> str:
    if db_option:
        return db_option
    if os.environ.get("KIOSK_DB"):
        return os.environ["KIOSK_DB"]
    from kiosk.paths import default_database_path

    return str(default_database_path())


def _choose_language(argv: list[str] | None) -> None:
    """Set the language before the parser is built, so its help is translated too."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=i18n.LANGUAGES)
    known, _rest = early.parse_known_args(argv)
    language = known.lang or os.environ.get("KIOSK_LANG")
    i18n.set_language(language if language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)


def main(argv: list[str] | None = None) -> int:
    _choose_language(argv)
    args = build_parser().parse_args(argv)
    target = resolve_target(args.db)
    try:
        if args.command is None:
            from kiosk.app import run_app

            return run_app(
                target=args.db or os.environ.get("KIOSK_DB"),
                demo=args.demo,
                language=args.lang or os.environ.get("KIOSK_LANG"),
            )
        module_name, function_name = HANDLERS[args.command].split(":")
        module = importlib.import_module(f"kiosk.commands.{module_name}")
        return getattr(module, function_name)(CommandContext(args, target))
    except KioskError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130

