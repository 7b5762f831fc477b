"""The Documents menu: the sheet and the report made off the GUI thread, shown in the preview, cancel, keys."""

import io
import tempfile

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from kiosk.ui.documents import DocumentsMenu
from kiosk.ui.pdf_preview import PdfPreviewDialog
from tests.core.attendance_data import participants, sign_in_many


@pytest.fixture
def own_temp(monkeypatch, tmp_path):
    """The documents' temporary folders go to a folder of the test, to check they are removed."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _preview(qtbot, window) -> PdfPreviewDialog:
    found = {}

    def shown():
        dialog = window.findChild(PdfPreviewDialog)
        assert dialog is not None and dialog.isVisible()
        found["it"] = dialog

    qtbot.waitUntil(shown, timeout=15000)
    return found["it"]


def _text(dialog: PdfPreviewDialog, page: int = 0) -> str:
    return PdfReader(io.BytesIO(dialog.data)).pages[page].extract_text()


def test_sheet_of_the_chosen_day_opens_in_the_preview(main_window, app_context, qtbot, own_temp):
    menu: DocumentsMenu = main_window.documents_menu
    day = app_context.event.days[1]
    sign_in_many(app_context.db, participants(app_context.db, 20), day)
    app_context.set_day(day)
    assert "26 octobre 2023" in menu.sheet_action.text()
    assert menu.sheet_action.shortcut().toString() == "Ctrl+Shift+F"
    with qtbot.waitSignal(app_context.status_message, timeout=15000) as status:
        menu.sheet_action.trigger()
        dialog = _preview(qtbot, main_window)
    assert "20 présent(s)" in status.args[0] and "20 présent(s)" in dialog.status_label.text()
    assert dialog.page_count() >= 2 and dialog.page_label.text() == f"Page 1 / {dialog.page_count()}"
    assert "Jeudi 26 octobre 2023" in _text(dialog)
    assert not dialog.note_label.isVisible()  # the empty-sheet note is for empty sheets only
    assert list(own_temp.iterdir()) == []  # the PDF went through a temporary folder, now removed
    qtbot.waitUntil(lambda: menu.job is None)  # cleaned up, ready for the next one
    dialog.close_button.click()
    qtbot.waitUntil(lambda: main_window.findChild(PdfPreviewDialog) is None)  # deleted on close


def test_saving_from_the_preview_suggests_the_document_name(main_window, app_context, qtbot, tmp_path,
                                                             monkeypatch):
    suggested = []

    def answer(_parent, _title, proposed, _filter):
        suggested.append(proposed)
        return str(tmp_path / "document"), ""  # without ".pdf": the preview adds it

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    app_context.set_day(app_context.event.days[0])
    main_window.documents_menu.sheet_action.trigger()
    dialog = _preview(qtbot, main_window)
    with qtbot.waitSignal(app_context.status_message) as status:
        dialog.save_button.click()
    assert suggested[0].endswith("feuille-de-presence-2023-10-25.pdf")
    assert (tmp_path / "document.pdf").read_bytes() == dialog.data
    assert str(tmp_path / "document.pdf") in status.args[0]


def test_empty_sheet_says_so_in_the_preview(main_window, app_context, qtbot):
    main_window.documents_menu.sheet_action.trigger()
    dialog = _preview(qtbot, main_window)
    assert dialog.note_label.isVisible() and "Personne" in dialog.note_label.text()
    assert dialog.page_count() == 1


def test_report_from_the_menu(main_window, app_context, qtbot):
    sign_in_many(app_context.db, participants(app_context.db, 5), app_context.event.days[0])
    main_window.documents_menu.report_action.trigger()
    dialog = _preview(qtbot, main_window)
    assert "5 personne(s) venue(s) sur 152" in dialog.status_label.text()
    assert _text(dialog).startswith("Atelier de clôture")
    assert dialog.windowTitle() == "Aperçu — Bilan de l'événement"


def test_cancel_opens_no_preview_and_leaves_no_file(main_window, app_context, qtbot, own_temp, monkeypatch):
    menu: DocumentsMenu = main_window.documents_menu
    sign_in_many(app_context.db, participants(app_context.db, 60), app_context.day)
    real_run = menu._run

    def run_then_cancel(title, label, work):
        real_run(title, label, work)
        menu.progress.canceled.emit()  # as the user pressing "Annuler" before the first page

    monkeypatch.setattr(menu, "_run", run_then_cancel)
    with qtbot.waitSignal(app_context.status_message, timeout=15000) as status:
        menu.sheet_action.trigger()
    assert "annulé" in status.args[0]
    qtbot.waitUntil(lambda: menu.job is None, timeout=5000)
    assert main_window.findChild(PdfPreviewDialog) is None
    assert list(own_temp.iterdir()) == []


def test_a_window_deleted_mid_way_does_not_kill_the_job(app_context, qtbot, own_temp):
    """The app deletes its window on a language switch; a job still running must finish."""
    from kiosk.ui import pdf_preview
    from kiosk.ui.main_window import MainWindow

    sign_in_many(app_context.db, participants(app_context.db, 80), app_context.day)
    window = MainWindow(app_context)
    window.documents_menu.sheet_action.trigger()
    assert len(pdf_preview._RUNNING) == 1
    outcomes = []
    next(iter(pdf_preview._RUNNING)).succeeded.connect(outcomes.append)
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not pdf_preview._RUNNING, timeout=15000)
    assert outcomes[0].data.startswith(b"%PDF") and list(own_temp.iterdir()) == []


def test_a_window_deleted_with_its_preview_open(app_context, qtbot):
    """Closing or rebuilding the main window deletes an open preview with it."""
    from kiosk.ui.main_window import MainWindow

    sign_in_many(app_context.db, participants(app_context.db, 40), app_context.day)
    window = MainWindow(app_context)
    window.show()
    window.documents_menu.sheet_action.trigger()
    dialog = _preview(qtbot, window)
    dialog.last_page()
    destroyed = []
    dialog.destroyed.connect(lambda: destroyed.append(True))
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: destroyed == [True])
