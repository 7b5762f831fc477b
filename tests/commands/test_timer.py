"""``kiosk timer``: status as JSON (CONTRACT.md), driving the stored anchors, refusals."""

import json

import pytest

from kiosk.cli import main
from kiosk.core.timer import Playback, SessionClock

DAY = "2023-10-27"


@pytest.fixture
def target(demo_db, db_path):
    return str(db_path)


def timer(capsys, target, *args):
    code = main(["--db", target, "timer", *args, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


def test_status_json_has_the_contract_keys(capsys, target):
    code, answer, _err = timer(capsys, target, "status")
    assert code == 0
    assert {"item_id", "title", "state", "phase", "remaining_s", "late_s"} <= set(answer)
    assert answer["title"] == "Réception et inscriptions des participants"
    assert answer["state"] == "stopped" and answer["phase"] == "normal"
    assert answer["remaining_s"] == 1800 and answer["day"] == DAY


def test_start_pause_resume_add_next_prev(capsys, target, demo_db, demo_event):
    assert timer(capsys, target, "start")[1]["state"] == "running"
    code, answer, _ = timer(capsys, target, "add", "120")
    assert code == 0 and answer["remaining_s"] > 1800
    assert timer(capsys, target, "pause")[1]["state"] == "paused"
    assert timer(capsys, target, "resume")[1]["state"] == "running"
    code, answer, _ = timer(capsys, target, "next")
    assert answer["title"].startswith("Discours introductif – Représentant OIM") and answer["state"] == "running"
    code, answer, _ = timer(capsys, target, "prev")
    assert answer["title"].startswith("Réception") and answer["state"] == "stopped"
    # the stored anchors are what a desk app reads
    engine = SessionClock(demo_db, demo_event, demo_event.days[-1])
    assert engine.view().playback == Playback.ARMED


def test_a_refused_action_exits_1_with_the_reason(capsys, target):
    code, answer, err = timer(capsys, target, "pause")
    assert code == 1 and "ne tourne pas" in err
    assert answer["state"] == "stopped"


def test_add_needs_seconds(capsys, target):
    assert main(["--db", target, "timer", "add"]) == 2
    assert "secondes" in capsys.readouterr().err
    assert main(["--db", target, "timer", "start", "30"]) == 2


def test_day_option_and_empty_day(capsys, target):
    code, answer, _err = timer(capsys, target, "status", "--day", "2023-10-25")
    assert code == 1 and answer["item_id"] is None
    assert main(["--db", target, "timer", "status", "--day", "2023-11-30"]) == 2


def test_human_output(capsys, target):
    assert main(["--db", target, "timer", "start"]) == 0
    out = capsys.readouterr().out
    assert "Réception et inscriptions des participants — en cours" in out
    assert "fin prévue 13:30 (programme : 13:30)" in out and "Ensuite : Discours introductif" in out


def test_a_finished_day_says_when_it_ended(capsys, target, demo_db, demo_event):
    engine = SessionClock(demo_db, demo_event, demo_event.days[-1])
    engine.go_to(engine.leaves[-1].id)
    engine.start()
    assert main(["--db", target, "timer", "next"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Programme du 27 octobre 2023 terminé.\nJournée terminée à ")
    assert "(programme : 13:30)" in out and "fin prévue" not in out
