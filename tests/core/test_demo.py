"""The bundled demo event follows the concept note."""

from datetime import date, time

from sqlalchemy import select

from kiosk.core import codes
from kiosk.core.demo import add_synthetic_participants
from kiosk.db.models import AgendaItem, Participant


def test_demo_event_and_days(demo_event):
    assert demo_event.name == "Atelier de clôture du Programme M4SD (Phase III) au niveau national"
    assert (demo_event.venue, demo_event.city) == ("Hôtel BIG FAIM", "Thiès")
    assert demo_event.days == (date(2023, 10, 25), date(2023, 10, 26), date(2023, 10, 27))


def test_closing_day_agenda_has_the_notes_times(demo_db):
    with demo_db.transaction() as session:
        items = session.scalars(
            select(AgendaItem).where(AgendaItem.day == date(2023, 10, 27)).order_by(AgendaItem.position)
        ).all()
        top = [(i.planned_start, i.planned_minutes, i.title) for i in items if i.parent_id is None]
        by_id = {i.id: i for i in items}
        children = {}
        for item in items:
            if item.parent_id:
                children.setdefault(by_id[item.parent_id].title, []).append(item)
    assert [(start.strftime("%H:%M"), minutes) for start, minutes, _ in top] == [
        ("08:30", 30), ("09:00", 30), ("09:30", 15), ("09:45", 75), ("11:00", 75), ("12:15", 15), ("12:30", 60)
    ]
    assert top[0][2] == "Réception et inscriptions des participants"
    assert top[-1][2] == "Pause déjeuner et fin"
    speeches = children["Discours introductifs"]
    assert [s.speakers.split()[-2] if "Sénégal" in s.speakers else s.speakers.split()[-1] for s in speeches] == [
        "OIM", "PNUD", "ARDs", "DDC", "MAESE"
    ]
    assert all(time(9, 0) <= s.planned_start < time(9, 30) for s in speeches)
    session1 = [c.planned_minutes for c in children["SESSION 1 – Rétrospective sur ce que nous avons accompli collectivement"]]
    session2 = [c.planned_minutes for c in children["SESSION 2 – Regarder vers l'avenir et la durabilité"]]
    assert session1 == [15, 15, 45]
    assert session2 == [15, 45]  # the block itself keeps the note's 75 minutes


def test_demo_invitees(demo_db):
    with demo_db.transaction() as session:
        people = session.scalars(select(Participant)).all()
    assert 140 <= len(people) <= 160
    assert all(codes.is_valid(p.code) for p in people)
    assert len({p.code for p in people}) == len(people)
    women = sum(p.sex == "F" for p in people) / len(people)
    assert 0.35 <= women <= 0.45
    names = " ".join(f"{p.first_name} {p.last_name}" for p in people)
    for letter in "èŊƁ":
        assert letter in names
    assert all(p.email.endswith("@example.sn") for p in people)
    organisations = {p.organisation for p in people}
    for expected in ("OIM Sénégal", "PNUD Sénégal", "ARD de Saint-Louis", "ARD de Sédhiou", "ARD de Diourbel", "ARD de Thiès"):
        assert expected in organisations
    assert sum(p.category == "Bénéficiaire" for p in people) >= 2


def test_synthetic_participants_have_unique_valid_codes(demo_db):
    add_synthetic_participants(demo_db, 3000)
    with demo_db.transaction() as session:
        all_codes = list(session.scalars(select(Participant.code)))
    assert len(all_codes) == len(set(all_codes)) > 3000
    assert all(codes.is_valid(code) for code in all_codes)
