"""The PDF press list read back: 30 contacts a page, accents intact, only the bundled font."""

from pypdf import PdfReader

from kiosk.core import press
from kiosk.core.press import ContactDraft
from kiosk.pdf.fonts import register_fonts
from kiosk.pdf.press_list import ROWS_PER_PAGE, fit, write_press_list


def fonts_used(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_31_contacts_make_two_pages_with_accents_and_the_bundled_font(demo_db, tmp_path):
    press.save_contact(demo_db, ContactDraft(first_name="Ndèye Fatou", last_name="Ŋom", outlet="Sud FM",
                                             media_type="radio", phone="77 123 45 67", interviewed=("Aïssatou Ŋagne",),
                                             consent_media_list=True))
    for number in range(ROWS_PER_PAGE):
        press.save_contact(demo_db, ContactDraft(first_name="Journaliste", last_name=f"N{number:02d}",
                                                 outlet="Walf Quotidien", email=f"j{number}@walf.sn"))
    path = tmp_path / "presse.pdf"
    assert write_press_list(demo_db, path) == 2
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    first, second = (page.extract_text() for page in reader.pages)
    assert "Liste de presse" in first and "Atelier de clôture" in first
    assert "Page 1/2" in first and "Page 2/2" in second
    # Sorted by outlet: Sud FM comes before Walf, so the accented contact is on page 1.
    assert "Ndèye Fatou Ŋom" in first and "Aïssatou Ŋagne" in first and "+221 77 123 45 67" in first
    assert "N29" in second and "N29" not in first
    assert all("KioskSans" in name or "DejaVu" in name for name in fonts_used(reader)), fonts_used(reader)


def test_empty_list_is_one_page_saying_so(demo_db, tmp_path):
    path = tmp_path / "vide.pdf"
    assert write_press_list(demo_db, path) == 1
    assert "Aucun contact presse" in PdfReader(path).pages[0].extract_text()


def test_long_text_shrinks_then_is_cut():
    register_fonts()
    text, size = fit("Agence de presse sénégalaise – rédaction centrale de Dakar", "KioskSans", 80)
    assert text.endswith("…") and size == 6.0
    assert fit("RTS", "KioskSans", 80) == ("RTS", 7.5)
