"""Badge PDFs read back: exact page sizes, every letter, embedded fonts, scannable QR codes."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from kiosk.core.badges import BadgeData, select_badges
from kiosk.core.codes import new_code
from kiosk.core.demo import bulk_insert_participants, demo_participants
from kiosk.errors import UsageError
from kiosk.pdf.badges import (
    FORMATS,
    LEADING,
    MIN_SIZE,
    SIZE_STEP,
    BadgeFormat,
    BadgeStyle,
    BuildCancelled,
    LayoutError,
    build_badges,
    check_format,
    fit_text,
)
from tests.pdf.badge_checks import (
    decode_qr_codes,
    font_dictionaries,
    is_embedded,
    page_sizes_mm,
    pdf_text,
)

WOLOF_PULAAR = "ŋŊɓƁɗƊƴ"
EXPECTED_MM = {"a6": (105, 148), "cr80": (85.6, 54), "a4x8": (210, 297)}
GRID = {"a6": (1, 1), "cr80": (1, 1), "a4x8": (2, 4)}


@pytest.fixture
def badges(demo_db):
    """The demo invitees plus one with every Wolof and Pulaar letter, sorted by last name."""
    bulk_insert_participants(
        demo_db,
        [{"code": new_code(), "first_name": "Ŋagne Ɓinta", "last_name": "Ɗiop ɗ ƴ", "organisation": "Ƴoff ŋ ɓ",
          "badge_role": "Intervenant", "category": "Diaspora"}],
    )
    return select_badges(demo_db)


def _badge(**changes) -> BadgeData:
    base = BadgeData("p1", "GP9VX9", "Awa", "Ndiaye", "OIM Sénégal", "Participant", "Autre")
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("key", ["a6", "cr80", "a4x8"])
def test_every_format_has_its_exact_page_size(tmp_path, badges, demo_event, key):
    out = tmp_path / f"{key}.pdf"
    run = build_badges(out, badges[:20], key, demo_event)
    sizes = page_sizes_mm(out)
    per_page = FORMATS[key].per_page
    assert run.pages == len(sizes) == -(-20 // per_page)
    for width, height in sizes:
        assert (width, height) == pytest.approx(EXPECTED_MM[key], abs=0.01)


def test_a4_sheet_is_tiled_by_eight_a7_landscape_badges():
    fmt = FORMATS["a4x8"]
    assert fmt.badge == pytest.approx((105 * mm, 74 * mm))
    assert fmt.per_page == 8
    xs = sorted({round(x / mm, 3) for x, _y in fmt.slots})
    ys = sorted({round(y / mm, 3) for _x, y in fmt.slots})
    assert xs == [0, 105] and ys == [0.5, 74.5, 148.5, 222.5]


@pytest.mark.parametrize("key", ["a6", "a4x8"])
def test_text_with_wolof_and_pulaar_letters_and_embedded_fonts(tmp_path, badges, demo_event, key):
    out = tmp_path / "badges.pdf"
    run = build_badges(out, badges, key, demo_event)
    assert run.issues == []
    text = pdf_text(out)
    for char in WOLOF_PULAAR:
        assert char in text, char
    for badge in badges[:10]:
        assert badge.code in text and badge.last_name in text
    assert demo_event.name[:30] in text.replace("\n", " ")
    assert "25–27 octobre 2023" in text
    assert "PARTICIPANT" in text and "INTERVENANT" in text
    fonts = font_dictionaries(out)
    assert fonts and all(is_embedded(font) for font in fonts)
    assert not [font for font in fonts if "Helvetica" in str(font.get("/BaseFont"))]
    assert b"Helvetica" not in out.read_bytes()


@pytest.mark.parametrize("key", ["a6", "cr80", "a4x8"])
def test_qr_codes_decode_to_the_participants_codes(tmp_path, badges, demo_event, key):
    chosen = badges[:9]
    out = tmp_path / "badges.pdf"
    build_badges(out, chosen, key, demo_event)
    assert decode_qr_codes(out, grid=GRID[key]) == [badge.code for badge in chosen]


def test_longest_demo_names_and_sixty_character_names_fit_every_format(tmp_path, demo_event):
    longest = {field: max((row[field] for row in demo_participants()), key=len)
               for field in ("first_name", "last_name", "organisation")}
    sixty = _badge(first_name="Marie-" + "x" * 54, last_name=" ".join(["Ndiaye"] * 9)[:60],
                   organisation="O" * 60)
    assert len(sixty.first_name) == len(sixty.last_name) == len(sixty.organisation) == 60
    samples = [_badge(**longest), sixty]
    for key, fmt in FORMATS.items():
        geometry = check_format(fmt)
        lay = fmt.layout
        for badge in samples:
            for text, spec in ((badge.first_name, lay.first), (badge.last_name, lay.last),
                               (badge.organisation, lay.organisation)):
                fitted = fit_text(text, spec, geometry.names.width)
                assert MIN_SIZE <= fitted.size <= spec.max_size
                assert len(fitted.lines) <= 2 and fitted.height <= spec.budget + 1e-6
                assert "".join(fitted.lines).replace(" ", "") == text.replace(" ", ""), "no letter lost"
                for line in fitted.lines:
                    assert pdfmetrics.stringWidth(line, spec.font, fitted.size) <= geometry.names.width + 1e-6
        out = tmp_path / f"long-{key}.pdf"
        build_badges(out, samples, key, demo_event)
        assert decode_qr_codes(out, grid=GRID[key]) == [b.code for b in samples]


def test_names_shrink_in_quarter_points_to_the_floor_then_wrap():
    spec = FORMATS["a6"].layout.first
    width = check_format(FORMATS["a6"]).names.width
    short = fit_text("Awa", spec, width)
    assert short.size == spec.max_size and short.lines == ("Awa",)
    # A name that fits just below the largest size shrinks by whole steps of 0.25 pt.
    name = "Mouhamed El Amine"
    fitted = fit_text(name, spec, width)
    assert fitted.lines == (name,) and spec.floor <= fitted.size < spec.max_size
    assert (spec.max_size - fitted.size) / SIZE_STEP == int((spec.max_size - fitted.size) / SIZE_STEP)
    assert pdfmetrics.stringWidth(name, spec.font, fitted.size + SIZE_STEP) > width
    # Past the floor, two balanced lines, split between words.
    wrapped = fit_text("Jean-Pierre Marie-Christophe Emmanuel de Saint-Louis", spec, width)
    assert len(wrapped.lines) == 2 and wrapped.size > spec.floor * 0.5
    assert wrapped.height <= spec.budget and all(not line.startswith(" ") for line in wrapped.lines)


def test_a_text_that_cannot_fit_is_an_error_not_a_clipped_badge(tmp_path, demo_event):
    with pytest.raises(LayoutError, match="trop long"):
        build_badges(tmp_path / "x.pdf", [_badge(last_name="W" * 120)], "cr80", demo_event)
    assert not (tmp_path / "x.pdf").exists()


def test_a_layout_that_does_not_fit_its_page_is_an_error():
    card = FORMATS["cr80"]
    with pytest.raises(LayoutError, match="dépasse"):
        check_format(dataclasses.replace(card, slots=((10 * mm, 0),)))
    with pytest.raises(LayoutError, match="chevauchent"):
        check_format(dataclasses.replace(FORMATS["a4x8"], slots=((0, 0), (50 * mm, 0))))
    small = BadgeFormat("small", (60 * mm, 40 * mm), (60 * mm, 40 * mm), ((0, 0),), card.layout)
    with pytest.raises(LayoutError, match="ne tient pas"):
        check_format(small)


def test_a_character_the_fonts_cannot_draw_is_reported_not_boxed(tmp_path, demo_event):
    out = tmp_path / "x.pdf"
    run = build_badges(out, [_badge(first_name="Awa 中"), _badge(participant_id="p2")], "a6", demo_event)
    assert [(issue.participant_id, issue.characters) for issue in run.issues] == [("p1", "中")]
    assert "Awa ?" in pdf_text(out)


def test_event_colours_and_language_come_from_event_options(demo_event):
    event = dataclasses.replace(demo_event, options={"badge_colours": {"Presse": "#00ff00"}, "badge_language": "en"})
    style = BadgeStyle.from_event(event)
    assert style.colour("Presse").hexval() == "0x00ff00"
    assert style.colour("Participant").hexval() == "0x1f5fa8"
    assert style.language == "en"
    with pytest.raises(UsageError, match="Couleur"):
        BadgeStyle.from_event(dataclasses.replace(demo_event, options={"badge_colours": {"Presse": "vert"}}))
    with pytest.raises(UsageError, match="Logo"):
        BadgeStyle.from_event(dataclasses.replace(demo_event, options={"badge_logo": "/nowhere/logo.png"}))


def test_logo_is_drawn_once_per_document(tmp_path, demo_event):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 60), (200, 30, 30)).save(logo)
    event = dataclasses.replace(demo_event, options={"badge_logo": str(logo)})
    out = tmp_path / "logo.pdf"
    build_badges(out, [_badge(), _badge(participant_id="p2", code="PKCDVS")], "a6", event)
    assert out.read_bytes().count(b"/Subtype /Image") == 1
    assert "Awa" in pdf_text(out)


def test_crop_marks_are_optional(tmp_path, badges, demo_event):
    with_marks, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    build_badges(with_marks, badges[:8], "a4x8", demo_event, crop_marks=True)
    build_badges(without, badges[:8], "a4x8", demo_event, crop_marks=False)
    from pypdf import PdfReader

    def stroked_lines(path):
        return PdfReader(path).pages[0].get_contents().get_data().count(b" l\n")

    assert stroked_lines(with_marks) > stroked_lines(without) == 0


def test_progress_and_cancel(tmp_path, badges, demo_event):
    seen = []
    build_badges(tmp_path / "a.pdf", badges[:5], "a6", demo_event, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 5) for i in range(1, 6)]
    with pytest.raises(BuildCancelled):
        build_badges(tmp_path / "b.pdf", badges[:5], "a6", demo_event, cancelled=lambda: len(seen) > 6,
                     progress=lambda done, total: seen.append(done))
    assert not (tmp_path / "b.pdf").exists()


def test_line_height_budget_holds_two_lines_at_the_minimum_size():
    for fmt in FORMATS.values():
        for spec in (fmt.layout.first, fmt.layout.last, fmt.layout.organisation):
            assert spec.budget >= 2 * MIN_SIZE * LEADING
