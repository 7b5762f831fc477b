"""``kiosk import``, ``export`` and ``merge`` run as users run them (a separate process)."""

import csv
import json
import subprocess
import sys

from kiosk.core.codes import is_valid


def kiosk(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120)


def test_init_demo_then_export_gives_the_note_agenda_and_the_invitees(tmp_path):
    db, bundle = str(tmp_path / "x.sqlite"), tmp_path / "D"
    assert kiosk("--db", db, "init", "--demo").returncode == 0
    result = kiosk("--db", db, "export", str(bundle), "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["files"]["participants.csv"]["rows"] == 152
    with (bundle / "participants.csv").open(encoding="utf-8", newline="") as handle:
        people = list(csv.DictReader(handle))
    assert 140 <= len(people) <= 160 and all(is_valid(person["code"]) for person in people)
    assert len({person["code"] for person in people}) == len(people)
    with (bundle / "agenda.csv").open(encoding="utf-8", newline="") as handle:
        agenda = [row for row in csv.DictReader(handle) if row["day"] == "2023-10-27"]
    items = {row["title"]: (row["planned_start"], int(row["planned_minutes"])) for row in agenda}
    assert items["Réception et inscriptions des participants"] == ("08:30", 30)
    assert items["Discours introductifs"] == ("09:00", 30)
    assert items["Discours introductif – Représentant MAESE"] == ("09:24", 6)
    assert items["SESSION 1 – Rétrospective sur ce que nous avons accompli collectivement"] == ("09:45", 75)
    assert items["Discussions en plénière, avec des intervenants des gouvernements nationaux et locaux, des OSC et "
                 "deux bénéficiaires qui apporteront leur témoignage"] == ("10:15", 45)
    assert items["SESSION 2 – Regarder vers l'avenir et la durabilité"] == ("11:00", 75)
    assert items["Discussion, questions, retours"] == ("11:15", 45)
    assert items["Remarque de clôture et point de presse"] == ("12:15", 15)
    assert [row["planned_start"] for row in agenda] == sorted(row["planned_start"] for row in agenda)
    speeches = [title for title in items if title.startswith("Discours introductif –")]
    assert len(speeches) == 5


def test_import_exit_codes_json_and_rejects(tmp_path):
    db = str(tmp_path / "x.sqlite")
    assert kiosk("--db", db, "init", "--demo").returncode == 0
    good = tmp_path / "good.csv"
    good.write_text("Prénom;Nom;Structure\nAwa;Fall;PNUD\n", encoding="cp1252")
    dry = kiosk("--db", db, "import", str(good), "--dry-run", "--json")
    assert dry.returncode == 0 and json.loads(dry.stdout)["added"] == 1 and json.loads(dry.stdout)["dry_run"]
    first = json.loads(kiosk("--db", db, "import", str(good), "--json").stdout)
    again = json.loads(kiosk("--db", db, "import", str(good), "--json").stdout)
    assert (first["added"], again["added"], again["unchanged"]) == (1, 0, 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("Prénom,Nom\nAwa,Fall\n,\nAwa,Fall\n;;,\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    result = kiosk("--db", db, "import", str(bad), "--json", "--rejects", str(rejects))
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert answer["rejected"] == [{"row": 4, "reason": "même personne que la ligne 2 (doublon)"},
                                  {"row": 5, "reason": "nom sans aucune lettre : « ;; »"}]
    assert "4;refusée" in rejects.read_text(encoding="utf-8-sig")
    unreadable = tmp_path / "x.xls"
    unreadable.write_bytes(b"\xd0\xcf\x11\xe0")
    result = kiosk("--db", db, "import", str(unreadable))
    assert result.returncode == 2 and ".xlsx" in result.stderr
    renamed = tmp_path / "liste.csv"
    renamed.write_bytes(b"%PDF-1.4\n" + bytes(range(160, 256)))
    result = kiosk("--db", db, "import", str(renamed))
    assert result.returncode == 2 and "liste.csv est un document PDF" in result.stderr


def test_merge_twice_changes_nothing(tmp_path):
    first, second = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    assert kiosk("--db", first, "init", "--demo").returncode == 0
    assert kiosk("--db", first, "export", str(tmp_path / "A"), "--excel-fr").returncode == 0
    merged = kiosk("--db", second, "merge", str(tmp_path / "A"), "--json")
    assert merged.returncode == 0, merged.stderr
    answer = json.loads(merged.stdout)
    assert answer["added"]["participants"] == 152 and answer["conflicts"] == []
    again = json.loads(kiosk("--db", second, "merge", str(tmp_path / "A"), "--json").stdout)
    assert (again["added"], again["updated"], again["conflicts"]) == ({}, {}, [])
    (tmp_path / "A" / "participants.csv").write_text("abîmé", encoding="utf-8")
    broken = kiosk("--db", second, "merge", str(tmp_path / "A"))
    assert broken.returncode == 2 and "SHA-256" in broken.stderr
