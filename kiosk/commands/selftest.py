"""``kiosk self-test``: database, fonts, PDF rendering and Qt, each checked for real."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from kiosk.cli import CommandContext
from kiosk.errors import UsageError
from kiosk.i18n import _

SAMPLE_TEXT = "Ndèye Guèye · Ŋagne · Ɓalde · ƴ ɗ"


def check_database(target: str) -> str:
    from kiosk.db import Database
    from kiosk.db.database import target_to_url

    _url, path = target_to_url(target)
    if path is not None and not path.exists():
        with tempfile.TemporaryDirectory() as folder:
            db = Database.open(Path(folder) / "self-test.sqlite", create=True)
            try:
                with db.transaction() as session:
                    mode = session.execute(text("PRAGMA journal_mode")).scalar()
            finally:
                db.close()
        return _("base temporaire créée et relue (journal {mode}); aucune base à {target}").format(mode=mode, target=target)
    db = Database.open(target)
    try:
        with db.transaction() as session:
            if db.engine.dialect.name == "sqlite":
                result = session.execute(text("PRAGMA integrity_check")).scalar()
                if result != "ok":
                    raise RuntimeError(result)
            count = session.execute(text("SELECT count(*) FROM participant")).scalar()
    finally:
        db.close()
    return _("{target} intègre, {count} participant(s)").format(target=target, count=count)


def check_fonts() -> str:
    from kiosk.pdf.fonts import BOLD, REGULAR, REQUIRED_LETTERS, missing_glyphs

    for font in (REGULAR, BOLD):
        missing = missing_glyphs(REQUIRED_LETTERS, font)
        if missing:
            raise RuntimeError(_("{font} ne dessine pas : {chars}").format(font=font, chars=" ".join(sorted(missing))))
    return _("polices intégrées complètes (français, wolof, pulaar)")


def make_sample_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    from kiosk.pdf.fonts import BOLD, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 100), initialFontName=BOLD, initialFontSize=12)
    canvas.drawString(10, 50, SAMPLE_TEXT)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def check_pdf() -> str:
    data = make_sample_pdf()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise RuntimeError(_("PDF produit illisible"))
    return _("PDF de {size} octets avec police intégrée").format(size=len(data))


def check_qt() -> str:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel(SAMPLE_TEXT)
    label.adjustSize()
    image = label.grab().toImage()
    if image.isNull() or image.width() < 20:
        raise RuntimeError(_("Qt n'a pas pu dessiner une étiquette"))
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(make_sample_pdf()))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() != 1:
        raise RuntimeError(_("QtPdf n'a pas pu ouvrir le PDF ({status})").format(status=document.status()))
    page = document.render(0, image.size().expandedTo(label.size()))
    page = page.convertToFormat(QImage.Format.Format_ARGB32)
    if page.isNull():
        raise RuntimeError(_("QtPdf n'a pas pu rendre la page"))
    return _("Qt {version} ({platform}), aperçu PDF rendu").format(
        version=_qt_version(), platform=app.platformName()
    )


def _qt_version() -> str:
    import PySide6

    return PySide6.__version__


def run(ctx: CommandContext) -> int:
    checks: list[tuple[str, Callable[[], str]]] = [
        (_("base de données"), lambda: check_database(ctx.target)),
        (_("polices"), check_fonts),
        (_("rendu PDF"), check_pdf),
        ("Qt", check_qt),
    ]
    results = []
    unusable_input = False
    for name, check in checks:
        try:
            results.append({"name": name, "ok": True, "detail": check()})
        except UsageError as exc:
            unusable_input = True
            results.append({"name": name, "ok": False, "detail": str(exc)})
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none aborts the rest
            results.append({"name": name, "ok": False, "detail": f"{type(exc).__name__}: {exc}"})
    ok = all(result["ok"] for result in results)
    lines = [
        f"{'OK   ' if r['ok'] else _('ÉCHEC')} {r['name']} : {r['detail']}" for r in results
    ]
    ctx.emit({"ok": ok, "checks": results}, "\n".join(lines))
    if unusable_input:
        return 2
    return 0 if ok else 1
