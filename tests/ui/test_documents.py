"""The Documents menu: the sheet and the report written off the GUI thread, cancel, keys."""

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from kiosk.ui.documents import DocumentsMenu
from tests.core.attendance_data import participants, sign_in_many


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """The save dialog answers with a file in tmp_path (without ".pdf": the menu adds it)."""
    asked = []

    def answer(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(tmp_path / "out" / "document"), ""

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def _finished_box(qtbot, window) -> QMessageBox:
    box = {}

    def shown():
        found = window.findChild(QMessageBox, "documentDone")
        assert found is not None and found.isVisible()
        box["it"] = found

    qtbot.waitUntil(shown, timeout=15000)
    return box["it"]


def _close(box: QMessageBox) -> None:
    box.findChild(QPushButton, "documentClose").click()  # not "Ouvrir": no PDF viewer in tests


def test_sheet_of_the_chosen_day_from_the_menu(main_window, app_context, qtbot, save_to, tmp_path):
    menu: DocumentsMenu = main_window.documents_menu
    day = app_context.event.days[1]
    sign_in_many(app_context.db, participants(app_context.db, 20), day)
    app_context.set_day(day)
    assert "26 octobre 2023" in menu.sheet_action.text()
    assert menu.sheet_action.shortcut().toString() == "Ctrl+Shift+F"
    with qtbot.waitSignal(app_context.status_message, timeout=15000) as status:
        menu.sheet_action.trigger()
        box = _finished_box(qtbot, main_window)
        _close(box)
    path = tmp_path / "out" / "document.pdf"
    assert "feuille-de-presence-2023-10-26.pdf" in save_to[0]
    assert "20 présent(s)" in status.args[0] and str(path) in status.args[0]
    reader = PdfReader(path)
    assert len(reader.pages) >= 2 and "Jeudi 26 octobre 2023" in reader.pages[0].extract_text()
    qtbot.waitUntil(lambda: menu.job is None)  # cleaned up, ready for the next one


def test_report_from_the_menu(main_window, app_context, qtbot, save_to, tmp_path):
    sign_in_many(app_context.db, participants(app_context.db, 5), app_context.event.days[0])
    main_window.documents_menu.report_action.trigger()
    box = _finished_box(qtbot, main_window)
    assert "5 personne(s) venue(s) sur 152" in box.text()
    _close(box)
    assert PdfReader(tmp_path / "out" / "document.pdf").pages[0].extract_text().startswith(
        "Atelier de clôture")


def test_cancel_leaves_no_file(main_window, app_context, qtbot, save_to, tmp_path, monkeypatch):
    menu: DocumentsMenu = main_window.documents_menu
    sign_in_many(app_context.db, participants(app_context.db, 60), app_context.day)
    started = []
    real_run = menu._run

    def run_then_cancel(title, label, work):
        real_run(title, label, work)
        started.append(menu.job)
        menu.progress.canceled.emit()  # as the user pressing "Annuler" before the first page

    monkeypatch.setattr(menu, "_run", run_then_cancel)
    with qtbot.waitSignal(app_context.status_message, timeout=15000) as status:
        menu.sheet_action.trigger()
    assert "annulé" in status.args[0]
    qtbot.waitUntil(lambda: menu.job is None, timeout=5000)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_window_deleted_mid_way_does_not_kill_the_job(app_context, qtbot, save_to, tmp_path):
    """The app deletes its window on a language switch; a job still running must finish."""
    from kiosk.ui import documents
    from kiosk.ui.main_window import MainWindow

    sign_in_many(app_context.db, participants(app_context.db, 80), app_context.day)
    window = MainWindow(app_context)
    window.documents_menu.sheet_action.trigger()
    assert len(documents._RUNNING) == 1
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not documents._RUNNING, timeout=15000)
    assert (tmp_path / "out" / "document.pdf").read_bytes().startswith(b"%PDF")
