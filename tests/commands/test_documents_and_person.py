"""``sheet``, ``report``, ``person`` and ``purge`` as users call them: exit codes and JSON."""

import json

import pytest
from sqlalchemy import select

from kiosk.cli import main
from kiosk.db.models import Event
from tests.core.attendance_data import participants, sign_in


@pytest.fixture
def target(demo_db, db_path):
    return str(db_path)


@pytest.fixture
def run(capsys):
    """``run(*argv)`` -> (exit status, stdout, stderr) of the command line, in this process."""

    def call(*args):
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_sheet_and_report_commands(demo_db, demo_event, target, tmp_path, run):
    person = participants(demo_db, 1)[0]
    sign_in(demo_db, person.id, demo_event.days[1])
    code, out, _err = run("--db", target, "sheet", str(tmp_path / "f.pdf"), "--day", "2023-10-26", "--json")
    answer = json.loads(out)
    assert code == 0 and answer["present"] == 1 and answer["day"] == "2023-10-26" and answer["pages"] == 1
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    code, out, err = run("--db", target, "sheet", str(tmp_path / "empty.pdf"), "--day", "2023-10-25")
    assert code == 1 and "la feuille est vide" in err and "0 présent(s)" in out
    code, _out, err = run("--db", target, "sheet", str(tmp_path / "x.pdf"), "--day", "2023-12-01")
    assert code == 2 and "pas un jour de l'événement" in err
    code, _out, err = run("--db", target, "sheet", str(tmp_path / "missing" / "x.pdf"))
    assert code == 2 and "n'existe pas" in err
    code, out, _err = run("--db", target, "--json", "report", str(tmp_path / "bilan.pdf"))
    answer = json.loads(out)
    assert code == 0 and answer["present"]["total"] == 1 and answer["registered"] == 152
    assert answer["days"]["2023-10-26"]["total"] == 1 and answer["pages"] >= 1


def test_person_show_and_erase(demo_db, target, run, monkeypatch):
    person = participants(demo_db, 1)[0]
    code, out, _err = run("--db", target, "person", "show", person.code.lower(), "--json")
    assert code == 0 and json.loads(out)["participant"]["email"] == person.email
    code, out, _err = run("--db", target, "person", "show", person.id)
    assert code == 0 and person.last_name in out and "Présences (0)" in out
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _out, err = run("--db", target, "person", "erase", person.id)
    assert code == 2 and "--yes" in err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    code, _out, err = run("--db", target, "person", "erase", person.id)
    assert code == 1 and "rien n'a été effacé" in err
    monkeypatch.setattr("builtins.input", lambda _prompt: "o")
    code, out, _err = run("--db", target, "person", "erase", person.id)
    assert code == 0 and "Données personnelles effacées" in out
    code, _out, err = run("--db", target, "person", "erase", person.id, "--yes")
    assert code == 1 and "déjà effacée" in err
    code, out, _err = run("--db", target, "--json", "person", "show", person.id)
    assert code == 0 and json.loads(out)["erased"] is True and person.email not in out
    code, _out, err = run("--db", target, "person", "show", "00000000-0000-0000-0000-000000000000")
    assert code == 1 and "Aucune personne" in err


def test_purge_refused_before_the_retention_end_then_done_once(demo_db, target, run):
    with demo_db.transaction() as session:
        session.scalar(select(Event)).retention_days = 365_000
    code, _out, err = run("--db", target, "purge", "--personal-data", "--yes")
    assert code == 1 and "Purge refusée" in err
    with demo_db.transaction() as session:
        session.scalar(select(Event)).retention_days = 30
    code, out, _err = run("--db", target, "purge", "--personal-data", "--yes", "--json")
    assert code == 0 and json.loads(out)["participants"] == 152
    code, _out, err = run("--db", target, "purge", "--personal-data", "--yes")
    assert code == 1 and "déjà faite" in err


def test_an_erased_person_is_not_brought_back_by_importing_the_old_list(demo_db, target, run):
    from kiosk.paths import resource

    code, _out, _err = run("--db", target, "person", "erase", "GP9VX9", "--yes")
    assert code == 0
    code, out, _err = run("--db", target, "import", str(resource("demo", "participants.csv")), "--json")
    answer = json.loads(out)
    assert answer["added"] == 0
    assert [row["reason"] for row in answer["rejected"]] == ["cette personne a été effacée de Kiosk : elle n'est pas recréée"]
