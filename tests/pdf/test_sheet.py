"""The attendance sheet read back: names with Wolof letters, order, repeated header, page numbers."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.pdf import document
from kiosk.pdf.sheet import render_sheet, write_sheet
from tests.core.attendance_data import at, participants, rename, sign_in, sign_in_many
from tests.pdf.pdf_checks import assert_only_bundled_fonts, page_texts


def test_sheet_of_a_busy_day_spans_pages_with_header_and_numbers(demo_db, demo_event, tmp_path):
    day = demo_event.days[2]
    people = participants(demo_db, 40)
    rename(demo_db, people[0].id, "Ɓinta", "Ŋom", organisation="Mairie de Thiès-Nord")
    rename(demo_db, people[1].id, "Ndèye Fatou", "Ɗiop")
    rename(demo_db, people[2].id, "Aïssatou", "Zoumarou")
    sign_in_many(demo_db, people, day, start=at(day, 8, 5))
    path = tmp_path / "feuille.pdf"
    sheet, pages = write_sheet(demo_db, demo_event, day, path)
    texts = page_texts(path)
    assert len(texts) == pages >= 3 and len(sheet.people) == 40
    joined = "\n".join(texts)
    assert "Feuille de présence" in texts[0] and "Vendredi 27 octobre 2023" in texts[0]
    assert "ŊOM" in joined and "Ɓinta" in joined and "ƊIOP" in joined and "Ndèye Fatou" in joined
    assert "08:05" in joined  # the first sign-in time, local (Dakar is UTC+0)
    for number, text in enumerate(texts, start=1):
        assert "Signature" in text and "Arrivée" in text  # the header repeats
        assert f"Page {number} / {pages}" in text
    assert joined.index("ƊIOP") < joined.index("ŊOM") < joined.index("ZOUMAROU")
    assert "40 présent(s)" in texts[-1]
    assert_only_bundled_fonts(path)


def test_an_empty_day_says_so_in_english(demo_db, demo_event, tmp_path):
    i18n.set_language("en")
    path = tmp_path / "sheet.pdf"
    sheet, pages = write_sheet(demo_db, demo_event, demo_event.days[0], path)
    text = page_texts(path)[0]
    assert pages == 1 and not sheet.people
    assert "Attendance sheet" in text and "No attendance recorded that day." in text
    assert "Wednesday 25 October 2023" in text


def test_a_failed_write_leaves_the_previous_file_and_no_partial_one(demo_db, demo_event, tmp_path, monkeypatch):
    person = participants(demo_db, 1)[0]
    sign_in(demo_db, person.id, demo_event.days[0])
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "feuille.pdf"
    sheet, _pages = write_sheet(demo_db, demo_event, demo_event.days[0], target)
    previous = target.read_bytes()

    def fail_half_way(self, story, **_kwargs):
        Path(self.filename).write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document.SimpleDocTemplate, "build", fail_half_way)
    with pytest.raises(OSError):
        render_sheet(target, demo_event, sheet, printed_at=datetime.now(UTC))
    assert target.read_bytes() == previous
    assert [path.name for path in target.parent.iterdir()] == ["feuille.pdf"]
