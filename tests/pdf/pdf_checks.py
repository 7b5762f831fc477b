"""Reading a PDF back: its text per page and the fonts it uses."""

from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def font_report(path: Path) -> dict[str, bool]:
    """BaseFont name -> embedded (has a font file), over every page."""
    fonts = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def assert_only_bundled_fonts(path: Path) -> None:
    fonts = font_report(path)
    assert fonts and all(embedded for embedded in fonts.values()), fonts
    assert all(name.endswith(("+DejaVuSans", "+DejaVuSans-Bold")) for name in fonts), fonts  # subsets of the bundled TTFs
    assert b"Helvetica" not in path.read_bytes()
