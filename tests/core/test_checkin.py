"""Signing in: once per person and day, undo with an audit trail, counters, scans, settings."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from kiosk.core import checkin
from kiosk.core.checkin import Reception, check_in, presence_for_day, void_check_in
from kiosk.core.people import find_by_code
from kiosk.core.search import load_index
from kiosk.db.models import Attendance, AuditEvent, BadgePrint, Desk

AT_0841 = datetime(2023, 10, 25, 8, 41, 12, tzinfo=UTC)  # Africa/Dakar is UTC+0


@pytest.fixture
def awa(demo_db):
    return find_by_code(demo_db, "GP9VX9")


@pytest.fixture
def reception(demo_db, demo_event):
    return Reception(demo_db, demo_event, load_index(demo_db), demo_event.days[0])


def attendances(db):
    with db.transaction() as session:
        return session.scalars(select(Attendance)).all()


def test_commits_are_durable(demo_db):
    with demo_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_one_sign_in_per_person_and_day(demo_db, demo_event, awa):
    day = demo_event.days[0]
    first = check_in(demo_db, awa, day, now=AT_0841)
    assert not first.already and first.desk == demo_db.desk.name
    second = check_in(demo_db, awa, day)
    assert second.already and second.attendance_id == first.attendance_id
    assert second.message(demo_event) == "Déjà présent(e) depuis 08:41 (Poste 1)"  # the desk as named
    assert len(attendances(demo_db)) == 1
    other_day = check_in(demo_db, awa, demo_event.days[1])
    assert not other_day.already and len(attendances(demo_db)) == 2


def test_already_present_names_the_other_desk(demo_db, demo_event, awa):
    with demo_db.transaction() as session:
        session.add(Desk(id="desk-2", name="Poste 2"))
        session.add(Attendance(participant_id=awa.id, day=demo_event.days[0], checked_in_at=AT_0841, desk_id="desk-2"))
    result = check_in(demo_db, awa, demo_event.days[0])
    assert result.already and "depuis 08:41 (Poste 2)" in result.message(demo_event)
    assert presence_for_day(demo_db, demo_event.days[0])[awa.id].desk == "Poste 2"


def test_undo_voids_with_a_reason_in_the_audit_trail(demo_db, demo_event, awa):
    result = check_in(demo_db, awa, demo_event.days[0])
    assert void_check_in(demo_db, result.attendance_id) == awa.id
    (row,) = attendances(demo_db)
    assert row.voided and row.void_reason == checkin.UNDO_REASON and row.voided_at is not None
    with demo_db.transaction() as session:
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "attendance.void")).one()
    assert audit.entity_id == row.id and audit.details["reason"] == checkin.UNDO_REASON
    assert audit.details["participant_id"] == awa.id
    with pytest.raises(checkin.AlreadyVoided):
        void_check_in(demo_db, result.attendance_id)
    again = check_in(demo_db, awa, demo_event.days[0])
    assert not again.already and again.attendance_id != result.attendance_id


def test_reception_scans_lower_case_and_azerty_digits(reception):
    assert reception.scanned("GP9VX9").code == "GP9VX9"
    assert reception.scanned("gp9vx9").code == "GP9VX9"
    assert reception.scanned("gpçvxç").code == "GP9VX9"  # QWERTY scanner on an AZERTY laptop
    assert reception.scanned(" GP9VX9 \n").code == "GP9VX9"
    assert reception.scanned("GP9VX8") is None  # wrong check character
    assert reception.scanned("awa") is None


def test_reception_rows_show_presence_and_badge(demo_db, reception, awa):
    (row,) = [r for r in reception.search("awa ndiaye") if r.person.id == awa.id]
    assert row.presence is None and not row.printed
    reception.check_in(awa, now=AT_0841)
    with demo_db.transaction() as session:
        session.add(BadgePrint(participant_id=awa.id, format="a6"))
    reception.refresh_printed()
    (row,) = [r for r in reception.search("GP9VX9")]
    assert row.presence.checked_in_at == AT_0841 and row.printed


def test_counters(reception, demo_db):
    before = reception.counters()
    assert before.present == 0 and before.expected == 152 and sum(before.expected_by_category.values()) == 152
    people = [hit.person for hit in reception.index.search("ndiaye")][:3]
    results = [reception.check_in(p) for p in people]
    after = reception.counters()
    assert after.present == 3
    assert sum(after.present_by_sex.values()) == 3
    assert sum(after.present_by_category.values()) == 3
    reception.undo(results[0])
    assert reception.counters().present == 2


def test_set_day_reloads_presence(reception, demo_event, awa):
    reception.check_in(awa)
    reception.set_day(demo_event.days[1])
    assert reception.counters().present == 0
    reception.set_day(demo_event.days[0])
    assert reception.counters().present == 1


def test_settings_round_trip(demo_db):
    assert checkin.load_settings(demo_db) == {"sound": False}
    checkin.save_settings(demo_db, {"sound": True})
    assert checkin.load_settings(demo_db) == {"sound": True}
    checkin.save_settings(demo_db, {"sound": False})
    assert checkin.load_settings(demo_db) == {"sound": False}


def test_json_answer(demo_db, demo_event, awa):
    answer = check_in(demo_db, awa, demo_event.days[2], now=AT_0841).as_json()
    assert answer == {
        "participant_id": awa.id, "code": "GP9VX9", "name": "Awa Ndiaye", "day": "2023-10-27",
        "checked_in_at": AT_0841.isoformat(), "already": False,
    }


def test_day_warning_when_the_desk_day_is_not_today(demo_event):
    from datetime import UTC, datetime

    from kiosk.core.checkin import day_warning

    first, second, last = demo_event.days
    morning = datetime(2023, 10, 27, 8, 30, tzinfo=UTC)
    assert day_warning(demo_event, last, morning) == ""
    assert day_warning(demo_event, second, morning) == (
        "Attention : arrivées notées pour le jeudi 26 octobre 2023, or nous sommes le vendredi 27 octobre 2023"
    )
    # Before or after the event there is no "today" to go to: no warning.
    assert day_warning(demo_event, first, datetime(2023, 10, 20, 9, 0, tzinfo=UTC)) == ""
