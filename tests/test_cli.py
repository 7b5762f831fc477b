"""The command line of CONTRACT.md, run as users run it (a separate process)."""

import json
import subprocess
import sys

import pytest


def kiosk(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, env=env, timeout=120)


def test_version():
    result = kiosk("--version")
    assert result.returncode == 0 and result.stdout.startswith("Kiosk ")


def test_init_demo_then_self_test(tmp_path):
    target = str(tmp_path / "demo.sqlite")
    result = kiosk("--db", target, "init", "--demo", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["participants"] == 152
    assert answer["event"]["days"] == ["2023-10-25", "2023-10-26", "2023-10-27"]
    check = kiosk("--db", target, "self-test", "--json")
    assert check.returncode == 0, check.stdout + check.stderr
    assert [c["ok"] for c in json.loads(check.stdout)["checks"]] == [True, True, True, True]


def test_init_empty_event_and_synthetic_participants(tmp_path):
    target = str(tmp_path / "event.sqlite")
    result = kiosk(
        "--db", target, "--json", "init", "--name", "Forum régional", "--venue", "CICAD",
        "--city", "Diamniadio", "--from", "2024-03-04", "--to", "2024-03-05", "--participants", "500",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["participants"] == 500 and answer["event"]["city"] == "Diamniadio"


def test_init_twice_is_refused(tmp_path):
    target = str(tmp_path / "demo.sqlite")
    assert kiosk("--db", target, "init", "--demo").returncode == 0
    second = kiosk("--db", target, "init", "--demo")
    assert second.returncode == 2 and "déjà un événement" in second.stderr


@pytest.mark.parametrize("content", [b"nom;prenom\nDiop;Fatou\n", b"\x00\x01binary"])
def test_a_file_that_is_not_a_database_exits_2_and_is_unchanged(tmp_path, content):
    bad = tmp_path / "invites.sqlite"
    bad.write_bytes(content)
    for command in (["self-test"], ["init", "--demo"]):
        result = kiosk("--db", str(bad), *command)
        assert result.returncode == 2
        assert "pas une base de données Kiosk" in (result.stderr + result.stdout)
    assert bad.read_bytes() == content


def test_bad_path_exits_2(tmp_path):
    result = kiosk("--db", str(tmp_path / "missing" / "x.sqlite"), "init", "--demo")
    assert result.returncode == 2
    assert "n'existe pas" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_bad_usage_exits_2():
    assert kiosk("init", "--participants", "many").returncode == 2
    assert kiosk("no-such-command").returncode == 2


def test_english_messages(tmp_path):
    result = kiosk("--lang", "en", "--db", str(tmp_path / "missing" / "x.sqlite"), "init", "--demo")
    assert "does not exist" in result.stderr


def test_kiosk_db_environment_variable(tmp_path):
    import os

    env = dict(os.environ, KIOSK_DB=str(tmp_path / "env.sqlite"))
    assert kiosk("init", "--demo", env=env).returncode == 0
    assert (tmp_path / "env.sqlite").exists()


def test_help_is_in_the_interface_language():
    french = kiosk("--help").stdout
    assert french.startswith("utilisation : kiosk") and "affiche cette aide et quitte" in french
    assert "show this help" not in french
    english = kiosk("--lang", "en", "timer", "--help").stdout
    assert english.startswith("usage: kiosk timer") and "show this help message and exit" in english
