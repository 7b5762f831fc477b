"""Badge rules: selection and order, the print log, reprints need a reason, desk settings."""

from datetime import date

import pytest
from sqlalchemy import select

from kiosk.core import badges as core
from kiosk.core.text import fold
from kiosk.db.models import Attendance, AuditEvent, BadgePrint, Participant
from kiosk.errors import UsageError

DAY = date(2023, 10, 27)


def _check_in(db, participant_ids, voided=False):
    with db.transaction() as session:
        for pid in participant_ids:
            session.add(Attendance(participant_id=pid, day=DAY, desk_id=db.desk.id, voided=voided))


def test_everyone_sorted_by_last_name_for_the_pick_up_table(demo_db):
    badges = core.select_badges(demo_db)
    with demo_db.transaction() as session:
        assert len(badges) == len(session.scalars(select(Participant.id)).all()) == 152
    keys = [(fold(b.last_name), fold(b.first_name)) for b in badges]
    assert keys == sorted(keys)
    # Accents do not change the order: "Bâ" sorts with "Ba", before "Badji".
    names = [b.last_name for b in badges]
    assert names.index("Bâ") < names.index("Badji")


def test_one_category_and_deleted_people_left_out(demo_db):
    press = core.select_badges(demo_db, category="Presse")
    assert press and {b.category for b in press} == {"Presse"}
    with demo_db.transaction() as session:
        session.get(Participant, press[0].participant_id).deleted = True
    assert press[0] not in core.select_badges(demo_db, category="Presse")
    assert "Presse" in core.categories(demo_db)


def test_checked_in_on_a_day_ignores_voided_sign_ins(demo_db):
    everyone = core.select_badges(demo_db)
    _check_in(demo_db, [everyone[3].participant_id, everyone[1].participant_id])
    _check_in(demo_db, [everyone[5].participant_id], voided=True)
    present = core.select_badges(demo_db, "checked-in", day=DAY)
    assert [b.participant_id for b in present] == [everyone[1].participant_id, everyone[3].participant_id]
    assert core.select_badges(demo_db, "checked-in", day=date(2023, 10, 25)) == []
    with pytest.raises(UsageError):
        core.select_badges(demo_db, "checked-in")


def test_not_printed_and_reprints_need_a_reason(demo_db):
    everyone = core.select_badges(demo_db)
    first, second = everyone[0], everyone[1]
    assert core.record_prints(demo_db, [first], "a6") == 0
    assert core.is_printed(demo_db, first.participant_id)
    assert first not in core.select_badges(demo_db, "not-printed")
    assert len(core.select_badges(demo_db, "not-printed")) == 151
    # A reprint without a reason logs nothing at all, not even the new badge beside it.
    with pytest.raises(core.ReprintReasonRequired, match="motif"):
        core.record_prints(demo_db, [second, first], "cr80", "  ")
    assert not core.is_printed(demo_db, second.participant_id)
    assert core.record_prints(demo_db, [second, first], "cr80", "Badge perdu") == 1
    with demo_db.transaction() as session:
        rows = session.scalars(select(BadgePrint).order_by(BadgePrint.printed_at)).all()
        assert [(r.participant_id, r.format, r.reprint_reason, r.desk_id) for r in rows] == [
            (first.participant_id, "a6", "", demo_db.desk.id),
            (second.participant_id, "cr80", "", demo_db.desk.id),
            (first.participant_id, "cr80", "Badge perdu", demo_db.desk.id),
        ]
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "badge_reprint")).all()
        assert [(a.entity_id, a.details["reason"]) for a in audit] == [(first.participant_id, "Badge perdu")]
    with pytest.raises(UsageError):
        core.record_prints(demo_db, [first], "a5")


def test_print_log_newest_first_with_desk_names(demo_db):
    everyone = core.select_badges(demo_db)
    core.record_prints(demo_db, [everyone[0]], "a6")
    core.record_prints(demo_db, [everyone[0]], "a4x8", "Badge abîmé")
    log = core.print_log(demo_db)
    assert [(e.name, e.format, e.reprint_reason, e.desk) for e in log] == [
        (everyone[0].display_name, "a4x8", "Badge abîmé", demo_db.desk.name),
        (everyone[0].display_name, "a6", "", demo_db.desk.name),
    ]


def test_settings_are_kept_per_desk(demo_db):
    settings = core.load_settings(demo_db)
    assert settings == core.BadgeSettings()
    settings.auto_print, settings.format, settings.printer = True, "cr80", {"name": "Evolis", "output_file": ""}
    core.save_settings(demo_db, settings)
    assert core.load_settings(demo_db) == settings
    settings.crop_marks = False
    core.save_settings(demo_db, settings)
    assert core.load_settings(demo_db).crop_marks is False


def test_find_ignores_accents_case_and_hooked_letters(demo_db):
    everyone = core.select_badges(demo_db)
    hooked = next(b for b in everyone if b.last_name.startswith(("Ŋ", "Ɓ")))
    plain = hooked.last_name.replace("Ŋ", "Ng").replace("Ɓ", "B").lower()
    assert hooked in core.find_badges(demo_db, plain)
    accented = next(b for b in everyone if "è" in b.first_name)
    found = core.find_badges(demo_db, f"{accented.first_name.replace('è', 'e').upper()} {accented.last_name}")
    assert accented in found
    assert all(fold(accented.first_name.replace("è", "e")) in fold(b.first_name) for b in found)
    assert core.find_badges(demo_db, everyone[7].code.lower()) == [everyone[7]]
    assert core.find_badges(demo_db, "   ") == [] and core.find_badges(demo_db, "zzzqqq") == []


def test_recent_check_ins_latest_first(demo_db):
    everyone = core.select_badges(demo_db)
    _check_in(demo_db, [everyone[2].participant_id])
    _check_in(demo_db, [everyone[9].participant_id, everyone[2].participant_id])
    assert core.recent_check_ins(demo_db, DAY) == [everyone[2], everyone[9]]


def test_a_batch_of_everyone_does_not_depend_on_sqlite_parameter_limit(demo_db):
    """SQLite builds allow 999 or 32,766 bound parameters: a batch of every participant of a
    large event (100,000) must not put one parameter per person into a query."""
    import sqlite3

    from sqlalchemy import event

    def small_limit(connection, _record):
        connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)

    event.listen(demo_db.engine, "connect", small_limit)
    demo_db.engine.dispose()  # new connections, with the small limit
    demo_db.engine.dialect.insertmanyvalues_max_parameters = 90  # SQLAlchemy's own inserts, within it
    everyone = core.select_badges(demo_db)
    assert len(everyone) > 100
    assert core.printed_ids(demo_db, [badge.participant_id for badge in everyone]) == set()
    assert core.record_prints(demo_db, everyone, "a4x8") == 0
    assert core.printed_ids(demo_db, [everyone[0].participant_id]) == {everyone[0].participant_id}
    assert len(core.printed_ids(demo_db)) == len(everyone)
