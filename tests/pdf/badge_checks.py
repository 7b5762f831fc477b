"""Reading badge PDFs back: page sizes, text, embedded fonts, and QR codes via zbar."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

MM = 72 / 25.4


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    return [(float(page.mediabox.width) / MM, float(page.mediabox.height) / MM) for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def font_dictionaries(path: Path) -> list:
    """Every font dictionary used by any page (descendant fonts of composite fonts included)."""
    fonts = []
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            fonts.append(font)
            fonts += [descendant.get_object() for descendant in font.get("/DescendantFonts") or []]
    return fonts


def is_embedded(font) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return font.get("/Subtype") == "/Type0"  # its descendant carries the file
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def decode_qr_codes(path: Path, dpi: int = 150, grid: tuple[int, int] = (1, 1)) -> list[str]:
    """Render every page with pdftoppm and decode its QR codes with zbarimg, in page order.

    ``grid`` (columns, rows) cuts each page into one image per badge first: zbar misses
    some symbols when it is given eight at once.
    """
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm and zbarimg are needed (poppler-utils, zbar-tools)")
    folder = path.parent / f"{path.stem}-pages"
    folder.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(path), str(folder / "page")], check=True)
    images = []
    for page in sorted(folder.glob("page*.png")):
        columns, rows = grid
        with Image.open(page) as picture:
            width, height = picture.width / columns, picture.height / rows
            for row in range(rows):
                for column in range(columns):
                    box = (round(column * width), round(row * height), round((column + 1) * width), round((row + 1) * height))
                    cell = folder / f"{page.stem}-{row}-{column}.png"
                    picture.crop(box).save(cell)
                    images.append(cell)
    codes = []
    for image in images:
        result = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(image)],
                                capture_output=True, text=True)
        assert result.returncode in (0, 4), result.stderr  # 4: no symbol in that image (an empty slot)
        codes += [line for line in result.stdout.splitlines() if line]
    return codes
