"""The badges screen: auto-print after check-in, skip if printed, reprint with a reason,
batches in the background, all printed through Qt's print path into a PDF file."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.core import badges as core
from kiosk.db.models import BadgePrint
from kiosk.ui.badges import screen as screen_module
from kiosk.ui.badges.screen import BadgesScreen
from tests.pdf.badge_checks import decode_qr_codes, page_sizes_mm


@pytest.fixture
def printed_pdf(tmp_path):
    return tmp_path / "printer.pdf"


@pytest.fixture
def make_screen(app_context, qtbot, printed_pdf):
    screens = []

    def make(*, auto_print=True, printer=True, badge_format="a6"):
        settings = core.BadgeSettings(format=badge_format, auto_print=auto_print,
                                      printer={"name": "", "output_file": str(printed_pdf)} if printer else None)
        core.save_settings(app_context.db, settings)
        screen = BadgesScreen(app_context)
        qtbot.addWidget(screen)
        screen.resize(1200, 700)
        screen.show()
        qtbot.waitExposed(screen)
        screens.append(screen)
        return screen

    yield make
    for screen in screens:
        screen.closing()


def _prints(db):
    with db.transaction() as session:
        return [(p.participant_id, p.format, p.reprint_reason, p.desk_id)
                for p in session.scalars(select(BadgePrint).order_by(BadgePrint.printed_at))]


def test_auto_print_after_check_in_goes_through_qt_printing(make_screen, app_context, qtbot, printed_pdf):
    screen = make_screen()
    person = core.select_badges(app_context.db)[4]
    with qtbot.waitSignal(app_context.badge_printed, timeout=20000) as printed:
        app_context.checked_in.emit(person.participant_id, app_context.day)
    assert printed.args == [person.participant_id]
    assert _prints(app_context.db) == [(person.participant_id, "a6", "", app_context.db.desk.id)]
    # QPrinter (PdfFormat) wrote exactly one A6 page (Qt rounds page sizes to whole
    # points: 1 pt = 0.35 mm), and its QR code scans to the person's code.
    assert page_sizes_mm(printed_pdf) == [pytest.approx((105, 148), abs=0.36)]
    assert decode_qr_codes(printed_pdf) == [person.code]
    assert not screen.queue.pending


def test_auto_print_skips_a_badge_already_printed(make_screen, app_context, qtbot, printed_pdf):
    make_screen()
    person = core.select_badges(app_context.db)[0]
    core.record_prints(app_context.db, [person], "cr80")
    with qtbot.waitSignal(app_context.status_message) as message:
        app_context.checked_in.emit(person.participant_id, app_context.day)
    assert "déjà imprimé" in message.args[0]
    assert not printed_pdf.exists() and len(_prints(app_context.db)) == 1


def test_no_auto_print_when_the_desk_setting_is_off(make_screen, app_context, qtbot, printed_pdf):
    screen = make_screen(auto_print=False)
    person = core.select_badges(app_context.db)[0]
    app_context.checked_in.emit(person.participant_id, app_context.day)
    assert not screen.queue.pending and _prints(app_context.db) == []
    screen.set_auto_print(True)
    assert core.load_settings(app_context.db).auto_print is True and screen.auto_print.isChecked()


def test_reprint_is_explicit_and_needs_a_reason(make_screen, app_context, qtbot, monkeypatch, printed_pdf):
    screen = make_screen(auto_print=False, badge_format="cr80")
    person = core.select_badges(app_context.db)[10]
    screen.select_participant(person.participant_id)
    assert screen.selected_badge() == person
    with qtbot.waitSignal(app_context.badge_printed, timeout=20000):
        screen.print_selected()
    first_print = printed_pdf.read_bytes()
    asked = []
    # Printing again is a reprint: without a reason (dialog cancelled) nothing happens.
    monkeypatch.setattr(screen_module.ReprintDialog, "ask", lambda message, parent=None: asked.append(message))
    screen.print_selected()
    assert asked and person.display_name in asked[0] and not screen.queue.pending
    monkeypatch.setattr(screen_module.ReprintDialog, "ask", lambda message, parent=None: "Badge perdu")
    printed_pdf.unlink()
    with qtbot.waitSignal(app_context.badge_printed, timeout=20000):
        screen.reprint_selected()
    assert printed_pdf.read_bytes()[:4] == first_print[:4] == b"%PDF"
    assert page_sizes_mm(printed_pdf) == [pytest.approx((85.6, 54), abs=0.36)]
    desk = app_context.db.desk.id
    assert _prints(app_context.db) == [(person.participant_id, "cr80", "", desk),
                                       (person.participant_id, "cr80", "Badge perdu", desk)]
    assert screen.log_table.rowCount() == 2 and screen.log_table.item(0, 4).text() == "Badge perdu"


def test_printer_is_asked_the_first_time_then_remembered(make_screen, app_context, qtbot, monkeypatch, printed_pdf):
    screen = make_screen(auto_print=True, printer=False)
    calls = []

    def fake_dialog(parent, choice, fmt):
        calls.append(choice)
        return {"name": "", "output_file": str(printed_pdf)}

    monkeypatch.setattr(screen_module, "ask_printer", fake_dialog)
    everyone = core.select_badges(app_context.db)
    for person in everyone[:2]:
        with qtbot.waitSignal(app_context.badge_printed, timeout=20000):
            app_context.checked_in.emit(person.participant_id, app_context.day)
    assert calls == [None]
    assert core.load_settings(app_context.db).printer == {"name": "", "output_file": str(printed_pdf)}
    assert str(printed_pdf) in screen.printer_label.text()


def test_batch_prints_in_the_background_sorted_by_last_name(make_screen, app_context, qtbot, monkeypatch, printed_pdf):
    screen = make_screen(auto_print=False, badge_format="a4x8")
    monkeypatch.setattr(screen, "_confirm", lambda text: True)
    screen.batch_who.setCurrentIndex(screen.batch_who.findData("category"))
    screen.refresh()
    screen.batch_category.setCurrentText("Presse")
    press = core.select_badges(app_context.db, category="Presse")
    progress = []
    screen.queue.progress.connect(lambda job, done, total: progress.append((done, total)))
    with qtbot.waitSignal(screen.queue.done, timeout=30000):
        screen.print_batch()
        assert screen.progress.isVisible()
    assert progress and progress[-1][0] == progress[-1][1]
    assert [row[0] for row in _prints(app_context.db)] == [badge.participant_id for badge in press]
    assert len(page_sizes_mm(printed_pdf)) == 2
    assert decode_qr_codes(printed_pdf, grid=(2, 4)) == [badge.code for badge in press]


def test_batch_cancel_prints_and_logs_nothing(make_screen, app_context, qtbot, monkeypatch, printed_pdf):
    screen = make_screen(auto_print=False)
    monkeypatch.setattr(screen, "_confirm", lambda text: True)
    screen.batch_who.setCurrentIndex(screen.batch_who.findData("all"))
    with qtbot.waitSignal(screen.queue.cancelled, timeout=30000):
        screen.print_batch()
        screen.cancel_batch()
    assert _prints(app_context.db) == [] and not printed_pdf.exists()
    assert "Annulé" in screen.batch_status.text()


def test_save_batch_as_pdf_is_not_a_print(make_screen, app_context, qtbot, monkeypatch, tmp_path):
    screen = make_screen(auto_print=False)
    out = tmp_path / "lot.pdf"
    monkeypatch.setattr(screen, "_ask_pdf_path", lambda suggested: str(out))
    screen.batch_who.setCurrentIndex(screen.batch_who.findData("not-printed"))
    with qtbot.waitSignal(screen.queue.done, timeout=30000):
        screen.save_batch()
    assert len(PdfReader(out).pages) == 152 and _prints(app_context.db) == []


def test_preview_is_rendered_on_white(make_screen, app_context, qtbot):
    screen = make_screen(auto_print=False)
    person = core.select_badges(app_context.db)[0]
    screen.select_participant(person.participant_id)
    image = screen.preview.pixmap().toImage()
    room = screen.preview.contentsRect()
    assert 120 <= image.width() <= room.width() and image.height() <= room.height()
    assert image.height() / image.width() == pytest.approx(148 / 105, abs=0.01)
    assert image.pixelColor(3, 3).name() == "#ffffff"
    assert screen.last_preview_ms > 0


def test_search_finds_without_accents(make_screen, app_context, qtbot):
    screen = make_screen(auto_print=False)
    screen.search.setText("ndeye")
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    assert all("ndeye" in core.fold(row.display_name) for row in screen.model.rows)


def test_reprint_dialog_is_all_french(qtbot):
    """Qt's own "Cancel" stayed English where Qt's translations are not shipped."""
    from PySide6.QtWidgets import QDialogButtonBox

    from kiosk.ui.badges.dialogs import ReprintDialog

    dialog = ReprintDialog("Réimprimer ?")
    qtbot.addWidget(dialog)
    buttons = dialog.buttons
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
    assert not buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.reason.setCurrentIndex(1)
    assert dialog.chosen_reason() == "Badge perdu" and buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
