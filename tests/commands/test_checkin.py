"""``kiosk check-in``: exactly one match, JSON answer, already present, ambiguous names."""

import json
from datetime import date

import pytest

from kiosk.cli import main


@pytest.fixture
def target(demo_db, db_path):
    return str(db_path)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_in_by_code_then_already(target, capsys):
    code, out, _err = run(capsys, "--db", target, "check-in", "gpçvxç", "--day", "2023-10-26", "--json")
    assert code == 0
    answer = json.loads(out)
    assert set(answer) == {"participant_id", "code", "name", "day", "checked_in_at", "already"}
    assert answer["code"] == "GP9VX9" and answer["day"] == "2023-10-26" and answer["already"] is False
    code, out, _err = run(capsys, "--db", target, "check-in", "GP9VX9", "--day", "2023-10-26")
    assert code == 0 and "déjà présent(e)" in out


def test_check_in_by_full_name(target, capsys):
    code, out, _err = run(capsys, "--db", target, "check-in", "ndiaye awa", "--json", "--day", "2023-10-25")
    assert code == 0 and json.loads(out)["name"] == "Awa Ndiaye"


def test_ambiguous_name_lists_candidates_and_changes_nothing(target, capsys, demo_db):
    from kiosk.core.checkin import presence_for_day

    code, out, err = run(capsys, "--db", target, "check-in", "ndiaye", "--day", "2023-10-25")
    assert code == 1 and out == ""
    assert "GP9VX9" in err and "Awa Ndiaye" in err
    assert presence_for_day(demo_db, date(2023, 10, 25)) == {}


def test_no_match_exits_1(target, capsys):
    code, _out, err = run(capsys, "--db", target, "check-in", "zzzz")
    assert code == 1 and "zzzz" in err


def test_bad_day_exits_2(target, capsys):
    code, _out, err = run(capsys, "--db", target, "check-in", "GP9VX9", "--day", "2024-01-01")
    assert code == 2 and "2024-01-01" in err
