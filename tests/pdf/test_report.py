"""The end-of-event report read back: the donors' table, walk-ins, badges, press, agenda."""

from datetime import timedelta

from sqlalchemy import select

from kiosk.core.privacy import erase_person
from kiosk.db.models import AgendaItem, BadgePrint, PressContact
from kiosk.pdf.report import write_report
from tests.core.attendance_data import at, participants, rename, sign_in_many
from tests.pdf.pdf_checks import assert_only_bundled_fonts, page_texts


def test_report_shows_counts_by_day_sex_category_and_the_agenda(demo_db, demo_event, tmp_path):
    d1, d2, d3 = demo_event.days
    people = participants(demo_db, 30)
    sign_in_many(demo_db, people[:20], d1)
    sign_in_many(demo_db, people[10:30], d3)
    rename(demo_db, people[0].id, "Ɓinta", "Ŋom", registration="walk_in")
    with demo_db.transaction() as session:
        session.add(BadgePrint(participant_id=people[0].id, format="a6"))
        session.add(PressContact(journalist="Aïda Sow", outlet="Walf TV"))
        item = session.scalars(select(AgendaItem).where(AgendaItem.day == d3).order_by(AgendaItem.position)).first()
        item.actual_start = at(d3, 8, 42)
        item.actual_end = item.actual_start + timedelta(minutes=31)
    erase_person(demo_db, people[1].id)
    path = tmp_path / "bilan.pdf"
    summary, pages = write_report(demo_db, demo_event, path)
    texts = page_texts(path)
    joined = "\n".join(texts)
    assert len(texts) == pages >= 1
    assert summary.overall.total == 30 and summary.per_day[d2].total == 0
    assert "Bilan de l'événement" in texts[0] and "Hôtel BIG FAIM, Thiès" in texts[0]
    assert "Participants par catégorie et par sexe" in joined and "Présences par jour" in joined
    for category in summary.overall.categories():
        assert category in joined
    assert "1 personne(s) ont fait effacer" in joined
    assert "Ordre du jour : prévu et réel" in joined and item.title in joined
    assert "08:42" in joined and "+12 min" in joined and "31 min" in joined
    assert "Ŋom" not in joined  # a report names nobody
    assert f"Page {pages} / {pages}" in texts[-1]
    assert_only_bundled_fonts(path)
