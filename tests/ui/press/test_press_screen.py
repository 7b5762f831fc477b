"""The Presse screen driven like the communications officer does: from the keyboard."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.core import press
from kiosk.core.press import ContactDraft

PRESS_INDEX = 3


@pytest.fixture
def screen(main_window, qtbot):
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)  # shortcuts only reach the active window
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main_window.stack.currentIndex() == PRESS_INDEX)
    return main_window.screens[PRESS_INDEX]


def focused():
    return QApplication.focusWidget()


def type_text(qtbot, text: str) -> None:
    """Type into the focused widget, or into the suggestion list when it is open (as a real keyboard)."""
    for char in text:
        widget = QApplication.activePopupWidget() or focused()
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


def key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.activePopupWidget() or focused(), key, modifier)


def test_full_quick_entry_by_keyboard_alone(screen, app_context, qtbot):
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focused() is screen.form.lookup
    type_text(qtbot, "Pape Diallo")  # nobody registered under that name
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is screen.form.outlet)
    assert (screen.form.first_name.text(), screen.form.last_name.text()) == ("Pape", "Diallo")
    type_text(qtbot, "Walf FM")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is screen.form.media_type
    type_text(qtbot, "R")  # combo keyboard search: Radio
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "77 555 12 34")
    for _step in range(7):  # e-mail, four languages, press card, request type
        key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)  # deadline box
    key(qtbot, Qt.Key.Key_Space)
    while focused() is not screen.form.interviewee_input:
        key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "ŋagne")
    key(qtbot, Qt.Key.Key_Return)  # the first suggestion: Aïssatou Ŋagne, a beneficiary
    qtbot.waitUntil(lambda: screen.form.interviewees.rowCount() == 1)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is screen.form.interviewees
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Right)  # the Photo cell
    key(qtbot, Qt.Key.Key_Space)
    with qtbot.waitSignal(app_context.press_changed):
        key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    (row,) = press.list_contacts(app_context.db)
    assert (row.journalist, row.outlet, row.media_type, row.phone) == ("Pape Diallo", "Walf FM", "radio", "+221775551234")
    assert row.deadline_at is not None and not row.embargo
    assert row.interviewed[0].startswith("Aïssatou Ŋagne")
    (consent,) = row.consents
    assert consent.photo and not consent.recording and consent.participant_id
    assert screen.form.is_blank() and focused() is screen.form.lookup  # ready for the next journalist
    assert [r.id for r in screen.visible_rows()] == [row.id]


def test_registered_journalist_is_prefilled_and_not_entered_twice(screen, app_context, qtbot):
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "mareme")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.form.outlet.text() == "Le Soleil")
    assert screen.form.participant_id is not None
    assert focused() is screen.form.media_type
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (row,) = press.list_contacts(app_context.db)
    assert (row.journalist, row.email) == ("Marème Lô", "mareme.lo@example.sn")

    # Picking her again opens her record instead of a second one.
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Lô")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.form.contact_id == row.id)


def test_errors_name_the_fields_and_nothing_is_saved(screen, app_context, qtbot):
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Awa")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Média" in screen.form.errors.text() and "Téléphone ou e-mail" in screen.form.errors.text()
    assert focused() is screen.form.outlet
    assert press.list_contacts(app_context.db) == []


def test_edit_from_the_list(screen, app_context, qtbot):
    contact_id = press.save_contact(app_context.db, ContactDraft(first_name="Coumba", last_name="Bâ",
                                                                  outlet="Radio Thiès FM", phone="769758777"))
    app_context.press_changed.emit()
    screen.table.setFocus()
    screen.table.selectRow(0)
    key(qtbot, Qt.Key.Key_Return)
    assert screen.form.contact_id == contact_id and focused() is screen.form.first_name
    screen.form.topics.setFocus()
    type_text(qtbot, "Emploi des jeunes à Thiès")
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    row = press.get_contact(app_context.db, contact_id)
    assert row.topics == "Emploi des jeunes à Thiès" and row.phone == "+221769758777"
    assert len(press.list_contacts(app_context.db)) == 1


def test_duplicate_is_offered_as_a_merge(screen, app_context, qtbot, monkeypatch):
    first = press.save_contact(app_context.db, ContactDraft(first_name="Babacar", last_name="Dièye", outlet="RTS",
                                                             phone="771240079"))
    offered = []
    monkeypatch.setattr(screen, "ask_merge", lambda existing: offered.append(existing.id) or "merge")
    screen.form.lookup.setFocus()
    type_text(qtbot, "Babacar Dieye")
    key(qtbot, Qt.Key.Key_Return)  # the registered Babacar Dièye is proposed first
    qtbot.waitUntil(lambda: screen.form.outlet.text() == "RTS")
    screen.form.topics.setText("Bilan M4SD")
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert offered == [first]
    (row,) = press.list_contacts(app_context.db)
    assert row.id == first and row.topics == "Bilan M4SD" and row.participant_id is not None


def test_search_filters_and_follow_up_view(screen, app_context, qtbot):
    db = app_context.db
    today = app_context.event.today()
    base = ContactDraft(phone="770000000")
    press.save_contact(db, replace(base, first_name="Ndèye", last_name="Sarr", outlet="RTS", media_type="television",
                                   follow_up=True, follow_up_on=today - timedelta(days=1)))
    press.save_contact(db, replace(base, first_name="Ousmane", last_name="Fall", outlet="Sud FM", media_type="radio",
                                   topics="diaspora", follow_up=True, follow_up_on=today + timedelta(days=3)))
    press.save_contact(db, replace(base, first_name="Aminata", last_name="Sow", outlet="RTS", media_type="radio"))
    app_context.press_changed.emit()
    names = lambda: [row.journalist for row in screen.visible_rows()]  # noqa: E731
    assert len(names()) == 3

    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is screen.search
    type_text(qtbot, "ndeye")
    assert names() == ["Ndèye Sarr"]
    screen.search.clear()
    type_text(qtbot, "DIASPORA")
    assert names() == ["Ousmane Fall"]
    screen.search.clear()

    screen.outlet_filter.setCurrentIndex(screen.outlet_filter.findData("RTS"))
    assert sorted(names()) == ["Aminata Sow", "Ndèye Sarr"]
    screen.media_filter.setCurrentIndex(screen.media_filter.findData("radio"))
    assert names() == ["Aminata Sow"]
    screen.outlet_filter.setCurrentIndex(0)
    screen.media_filter.setCurrentIndex(0)

    screen.due_filter.setChecked(True)
    assert names() == ["Ndèye Sarr"]
    screen.due_filter.setChecked(False)
    screen.tabs.setCurrentIndex(1)
    assert names() == ["Ndèye Sarr", "Ousmane Fall"]  # open follow-ups, the earliest first
    assert "(2)" in screen.tabs.tabText(1)
    screen.table.selectRow(0)
    screen.done_button.click()
    assert names() == ["Ousmane Fall"]


def test_delete_then_undo(screen, app_context, qtbot):
    press.save_contact(app_context.db, ContactDraft(first_name="Fama", last_name="Bassène", outlet="Walf TV",
                                                    email="fama@walf.sn"))
    app_context.press_changed.emit()
    screen.table.setFocus()
    screen.table.selectRow(0)
    with qtbot.waitSignal(app_context.press_changed):
        key(qtbot, Qt.Key.Key_Delete)
    assert screen.visible_rows() == [] and screen.undo_bar.isVisible()
    key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [row.journalist for row in screen.visible_rows()] == ["Fama Bassène"]
    assert not screen.undo_bar.isVisible()


def test_ctrl_n_on_the_press_screen_does_not_reach_other_screens(screen, main_window, qtbot):
    main_window.show_screen(0)
    screen.form.first_name.setText("brouillon")
    qtbot.keyClick(main_window.screens[0], Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert screen.form.first_name.text() == "brouillon"


def test_pdf_button_previews_the_list_then_saves_it(screen, app_context, qtbot, tmp_path, monkeypatch):
    from kiosk.ui.pdf_preview import PdfPreviewDialog

    press.save_contact(app_context.db, ContactDraft(last_name="Seck", outlet="RTS", phone="774842315"))
    messages = []
    app_context.status_message.connect(messages.append)
    screen.pdf_button.click()
    assert "1 page" in messages[-1]
    preview = screen.findChild(PdfPreviewDialog)
    assert preview.isVisible() and preview.page_label.text() == "Page 1 / 1"
    target = tmp_path / "liste"
    monkeypatch.setattr("kiosk.ui.pdf_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    preview.save_button.click()
    assert (tmp_path / "liste.pdf").read_bytes() == preview.data
    assert str(tmp_path / "liste.pdf") in messages[-1]


def test_follow_up_date_defaults_to_the_next_day(screen, app_context):
    screen.form.follow_up.setChecked(True)
    assert screen.form.draft().follow_up_on == app_context.event.today() + timedelta(days=1)
    assert isinstance(screen.form.draft().follow_up_on, date)
