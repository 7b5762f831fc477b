"""Counts for the documents: presence from sign-ins, each person once per day and once overall."""

from datetime import timedelta

from sqlalchemy import select

from kiosk.core.privacy import erase_person
from kiosk.core.stats import attendance_sheet, event_summary
from kiosk.db.models import AgendaItem, BadgePrint, PressContact
from tests.core.attendance_data import at, participants, rename, sign_in


def test_sheet_lists_present_people_by_last_name_with_their_first_sign_in(demo_db, demo_event):
    day = demo_event.days[2]
    first, second, third, absent = participants(demo_db, 4)
    rename(demo_db, first.id, "Ɓinta", "Ŋom")
    rename(demo_db, second.id, "Fatou", "Ndiaye")
    rename(demo_db, third.id, "Awa", "Bâ")
    sign_in(demo_db, first.id, day, at(day, 9, 15))
    sign_in(demo_db, first.id, day, at(day, 8, 40))  # the earlier of two sign-ins counts
    sign_in(demo_db, second.id, day, at(day, 10))
    sign_in(demo_db, third.id, day, at(day, 8, 50), voided=True)  # voided: not present
    sign_in(demo_db, absent.id, demo_event.days[0])  # another day
    sheet = attendance_sheet(demo_db, day)
    assert [person.last_name for person in sheet.people] == ["Ndiaye", "Ŋom"]  # Ŋ folds to "ng", after "nd"
    assert sheet.people[1].checked_in_at == at(day, 8, 40)
    assert sheet.label == "Atelier de clôture du Programme M4SD"
    assert sheet.erased == 0


def test_erased_people_leave_the_sheet_but_stay_in_the_counts(demo_db, demo_event):
    day = demo_event.days[0]
    kept, erased = participants(demo_db, 2)
    sign_in(demo_db, kept.id, day)
    sign_in(demo_db, erased.id, day)
    before = event_summary(demo_db, demo_event)
    erase_person(demo_db, erased.id)
    sheet = attendance_sheet(demo_db, day)
    assert [person.participant_id for person in sheet.people] == [kept.id] and sheet.erased == 1
    after = event_summary(demo_db, demo_event)
    assert after.overall.as_dict() == before.overall.as_dict()
    assert after.registered == before.registered == 152 and after.erased == 1


def test_summary_counts_each_person_once_per_day_and_once_overall(demo_db, demo_event):
    people = participants(demo_db, 6)
    d1, d2, _d3 = demo_event.days
    for person in people[:4]:
        sign_in(demo_db, person.id, d1)
        sign_in(demo_db, person.id, d1, at(d1, 11))  # a second sign-in the same day
    for person in people[2:6]:
        sign_in(demo_db, person.id, d2)
    rename(demo_db, people[5].id, people[5].first_name, people[5].last_name, registration="walk_in", sex="U")
    summary = event_summary(demo_db, demo_event)
    assert summary.per_day[d1].total == 4 and summary.per_day[d2].total == 4
    assert summary.overall.total == 6 and summary.overall.walk_ins == 1
    assert sum(summary.overall.by_sex.values()) == 6 and summary.overall.by_sex["U"] >= 1
    expected = {}
    for person in people:
        expected[person.category] = expected.get(person.category, 0) + 1
    assert dict(summary.overall.by_category) == expected
    assert sum(summary.overall.by_category_sex.values()) == 6


def test_summary_badges_press_and_agenda(demo_db, demo_event):
    first, second = participants(demo_db, 2)
    with demo_db.transaction() as session:
        session.add_all([BadgePrint(participant_id=first.id, format="a6"),
                         BadgePrint(participant_id=first.id, format="a6", reprint_reason="perdu"),
                         BadgePrint(participant_id=second.id, format="cr80")])
        session.add_all([PressContact(journalist="Moussa Ndour", outlet="RTS"),
                         PressContact(journalist="Aïda Sow", outlet=" rts "),
                         PressContact(journalist="Effacé", outlet="Walf", deleted=True)])
        item = session.scalars(select(AgendaItem).where(AgendaItem.parent_id.is_(None)).order_by(AgendaItem.position)).first()
        day = item.day
        item.actual_start = at(day, 8, 37)
        item.actual_end = item.actual_start + timedelta(minutes=34)
    summary = event_summary(demo_db, demo_event)
    assert (summary.badges_printed, summary.badge_reprints, summary.people_with_badge) == (3, 1, 2)
    assert (summary.press_contacts, summary.press_outlets) == (2, 1)
    line = summary.agenda[0]
    assert line.title == item.title and line.level == 0
    assert line.start_late_minutes == 7 and line.actual_minutes == 34
    children = [line for line in summary.agenda if line.level == 1]
    assert children and all(line.actual_start is None for line in children)
    assert summary.as_dict()["agenda"][0]["start_late_minutes"] == 7
