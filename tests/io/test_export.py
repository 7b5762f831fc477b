"""The export bundle: CONTRACT.md's files and formats, read back intact by Python's csv module."""

import csv
import hashlib
import json
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import insert, select

from kiosk.db.migrations import SCHEMA_VERSION
from kiosk.db.models import AgendaItem, Attendance, Participant
from kiosk.errors import UsageError
from kiosk.io.csvio import DEFAULT, EXCEL_FR
from kiosk.io.export import export_bundle
from kiosk.io.tables import exported_tables

TRICKY = {
    "first_name": "Ŋagne « Ɓalde »",
    "last_name": 'Ndèye "la grande" Ƴaaŋ',
    "organisation": "=HYPERLINK(\"http://x\";\"clic\")",
    "function": "@SUM(1+1)",
    "region": "-Thiès",
    "phone": "+221771234567",
    "email": "awa@example.sn",
    "notes": "ligne 1\nligne 2, avec virgule; et point-virgule\r\n\ttabulé",
}


def read(path, variant):
    with path.open(encoding=variant.encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=variant.delimiter))


@pytest.mark.parametrize("variant", [DEFAULT, EXCEL_FR], ids=lambda v: v.key)
def test_both_variants_read_back_with_every_value_intact(demo_db, tmp_path, variant):
    from kiosk.io.csvio import unneutralise

    with demo_db.transaction() as session:
        session.execute(insert(Participant), [{"id": "00000000-0000-4000-8000-000000000001", "code": "ZZZZZ0", **TRICKY}])
    result = export_bundle(demo_db, tmp_path / "bundle", variant=variant)
    raw = (tmp_path / "bundle" / "participants.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (variant is EXCEL_FR)
    assert raw.split(b"\n")[0].endswith(b"\r")
    rows = read(tmp_path / "bundle" / "participants.csv", variant)
    assert len(rows) == 153 == result.counts["participants.csv"]
    row = next(row for row in rows if row["code"] == "ZZZZZ0")
    for name, value in TRICKY.items():
        cell = row[name]
        assert cell[0] not in "=+-@\t\r", f"{name} not neutralised: {cell!r}"
        assert unneutralise(cell) == value
    assert row["first_name"] == TRICKY["first_name"] and row["notes"] == TRICKY["notes"]


def test_contract_columns_and_formats(demo_db, tmp_path):
    with demo_db.transaction() as session:
        person = session.scalars(select(Participant)).first()
        session.add(Attendance(participant_id=person.id, day=date(2023, 10, 27),
                               checked_in_at=datetime(2023, 10, 27, 8, 41, 5, tzinfo=UTC), desk_id=demo_db.desk.id))
    export_bundle(demo_db, tmp_path / "b")
    folder = tmp_path / "b"
    headers = {path.name: next(csv.reader(path.open(encoding="utf-8"))) for path in folder.glob("*.csv")}
    assert headers["participants.csv"][:9] == ["id", "code", "first_name", "last_name", "sex", "organisation",
                                               "category", "updated_at", "deleted"]
    assert headers["attendance.csv"][:6] == ["id", "participant_id", "day", "checked_in_at", "desk", "voided"]
    assert headers["badge_prints.csv"][:5] == ["id", "participant_id", "printed_at", "format", "desk"]
    assert headers["press_contacts.csv"][:5] == ["id", "journalist", "outlet", "updated_at", "deleted"]
    assert headers["agenda.csv"][:7] == ["id", "day", "title", "planned_start", "planned_minutes", "actual_start", "actual_end"]
    expected_files = {"participants.csv", "attendance.csv", "badge_prints.csv", "press_contacts.csv", "agenda.csv",
                      "desks.csv", "events.csv", "audit_events.csv", "event_days.csv"}
    assert expected_files <= set(headers)
    assert len(headers) == len(exported_tables())  # every shared table, whoever added it
    assert all(header[0] == "id" for header in headers.values())
    attendance = read(folder / "attendance.csv", DEFAULT)[0]
    assert attendance["day"] == "2023-10-27" and attendance["checked_in_at"] == "2023-10-27T08:41:05+00:00"
    assert attendance["desk"] == "Poste 1" and attendance["voided"] == "0"
    agenda = read(folder / "agenda.csv", DEFAULT)
    assert agenda[0]["planned_start"] == "08:30"
    assert not {"setting.csv", "settings.csv", "clock_states.csv"} & set(headers)


def test_manifest(demo_db, demo_event, tmp_path):
    result = export_bundle(demo_db, tmp_path / "b")
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == result.manifest
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["desk"] == {"id": demo_db.desk.id, "name": "Poste 1"}
    assert manifest["event"]["id"] == demo_event.id and manifest["event"]["start_date"] == "2023-10-25"
    assert datetime.fromisoformat(manifest["exported_at"]).tzinfo is not None
    for name, entry in manifest["files"].items():
        data = (tmp_path / "b" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(list(csv.reader(data.decode().splitlines()))) == entry["rows"] + 1 or "\n" in data.decode()


def test_an_existing_bundle_is_replaced_as_a_whole(demo_db, tmp_path):
    target = tmp_path / "usb" / "kiosk-poste-1"
    export_bundle(demo_db, target, variant=EXCEL_FR)
    (target / "stale.csv").write_text("old", encoding="utf-8")
    export_bundle(demo_db, target)
    assert not (target / "stale.csv").exists()
    assert (target / "participants.csv").read_bytes()[:3] != b"\xef\xbb\xbf"
    assert [p.name for p in (tmp_path / "usb").iterdir()] == ["kiosk-poste-1"]  # no temporary left


def test_a_folder_with_other_files_is_not_replaced(demo_db, tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "img.jpg").write_bytes(b"x")
    with pytest.raises(UsageError, match="contient déjà d'autres fichiers"):
        export_bundle(demo_db, tmp_path / "photos")
    assert [p.name for p in (tmp_path / "photos").iterdir()] == ["img.jpg"]


def test_a_failed_export_leaves_the_old_bundle(demo_db, tmp_path, monkeypatch):
    from kiosk.io import export as export_module

    export_bundle(demo_db, tmp_path / "out" / "b")
    before = (tmp_path / "out" / "b" / "manifest.json").read_text()

    def cancel(done, total, what):
        if done > 100:
            raise export_module.UsageError("stop")

    with pytest.raises(UsageError):
        export_bundle(demo_db, tmp_path / "out" / "b", progress=cancel)
    assert (tmp_path / "out" / "b" / "manifest.json").read_text() == before
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["b"]


def test_export_reads_one_snapshot(demo_db, tmp_path, monkeypatch):
    """A write committed by another connection while exporting is in no file."""
    from kiosk.io import export as export_module

    original = export_module._write_table
    written = []

    def write_then_interfere(connection, spec, *args):
        if spec.name == "agenda_item" and not written:
            with demo_db.transaction() as session:
                session.add(AgendaItem(day=date(2023, 10, 27), title="Ajout tardif", planned_start=time(14, 0)))
                person = session.scalars(select(Participant)).first()
                session.add(Attendance(participant_id=person.id, day=date(2023, 10, 27)))
            written.append(True)
        return original(connection, spec, *args)

    monkeypatch.setattr(export_module, "_write_table", write_then_interfere)
    result = export_bundle(demo_db, tmp_path / "b")
    assert written and result.counts["agenda.csv"] == 17 and result.counts["attendance.csv"] == 0


def test_excel_fr_keeps_number_like_text_as_text_and_reads_it_back(demo_db, tmp_path):
    """Excel opening the file would drop the zero of 012345 and read 1234E5 as 123,400,000."""
    from kiosk.db import Database
    from kiosk.io.merge import merge_bundle

    people = [{"id": f"00000000-0000-4000-8000-00000000000{n}", "code": code, "first_name": "Awa",
               "last_name": "Fall", "organisation": organisation, "function": "2023"}
              for n, (code, organisation) in enumerate((("012345", "1,5"), ("1234E5", "PNUD")), start=1)]
    with demo_db.transaction() as session:
        session.execute(insert(Participant), people)
    for variant, written in ((EXCEL_FR, ["'012345", "'1,5", "'2023", "'1234E5"]),
                             (DEFAULT, ["012345", "1,5", "2023", "1234E5"])):
        export_bundle(demo_db, tmp_path / variant.key, variant=variant)
        rows = {row["id"]: row for row in read(tmp_path / variant.key / "participants.csv", variant)}
        first, second = rows[people[0]["id"]], rows[people[1]["id"]]
        assert [first["code"], first["organisation"], first["function"], second["code"]] == written
        agenda = read(tmp_path / variant.key / "agenda.csv", variant)
        assert agenda[0]["planned_minutes"].isdigit()  # a number column stays a number
    other = Database.open(tmp_path / "other.sqlite", create=True)
    merge_bundle(other, tmp_path / EXCEL_FR.key)
    with other.transaction() as session:
        back = session.get(Participant, people[0]["id"])
        assert (back.code, back.organisation, back.function) == ("012345", "1,5", "2023")
    other.close()
