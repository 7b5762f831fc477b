"""The bundled fonts: registered once with reportlab, checked for the letters we meet.

reportlab's built-in Helvetica draws a box for the Wolof and Pulaar letters (ŋ ɓ ɗ ƴ),
so every PDF uses the bundled DejaVu Sans (``resources/fonts``, licence beside it).
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.paths import resource

REGULAR = "KioskSans"
BOLD = "KioskSans-Bold"
FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
# Letters of French, Wolof and Pulaar names that every bundled font must draw.
REQUIRED_LETTERS = "àâäéèêëîïôöùûüçñÿœæÀÂÉÈÊËÎÏÔÖÙÛÜÇÑŸŒÆŋŊɓƁɗƊƴƳ’«»–€"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the bundled fonts with reportlab; return (regular, bold) names."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


def missing_glyphs(text: str, font_name: str = REGULAR) -> set[str]:
    """Characters of ``text`` (other than spaces) that the font cannot draw."""
    register_fonts()
    face = pdfmetrics.getFont(font_name).face
    return {char for char in text if not char.isspace() and ord(char) not in face.charToGlyph}
