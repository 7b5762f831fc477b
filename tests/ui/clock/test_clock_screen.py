"""The moderator's console: keys, message, blackout, editing, CSV, a change made elsewhere."""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from kiosk.core import agenda
from kiosk.core.timer import ManualClock, Playback, SessionClock
from kiosk.ui.clock.screen import ClockScreen, stage_target

DAY = datetime(2023, 10, 27).date()


@pytest.fixture
def clock():
    return ManualClock(datetime(2023, 10, 27, 8, 30, tzinfo=UTC))


@pytest.fixture
def screen(app_context, clock, qtbot):
    widget = ClockScreen(app_context, clock=clock)
    qtbot.addWidget(widget)
    qtbot.addWidget(widget.stage)
    widget.confirm_same_screen = lambda: False
    widget.resize(1216, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activated()
    yield widget
    widget.closing()


def test_it_opens_on_the_day_with_an_agenda(screen):
    view = screen.controller.view
    assert view.day == DAY and view.item.title == "Réception et inscriptions des participants"
    assert screen.model.rowCount() == 17
    assert screen.remaining_label.text() == "30:00"


def test_space_starts_pauses_and_resumes(screen, clock, qtbot):
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    assert screen.controller.view.playback == Playback.RUNNING
    clock.advance(65)
    screen.controller.refresh()
    assert screen.remaining_label.text() == "28:55"
    assert screen.toggle_button.text().startswith("Pause")
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    assert screen.controller.view.playback == Playback.PAUSED
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.controller.view.playback == Playback.RUNNING


def test_n_and_p_move_in_the_rundown(screen, qtbot):
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    qtbot.keyClick(screen.table, Qt.Key.Key_N)
    view = screen.controller.view
    assert view.item.title == "Discours introductif – Représentant OIM Sénégal"
    assert view.playback == Playback.RUNNING
    assert screen.model.current_id == view.item.id
    assert screen.table.selectionModel().selectedRows()[0].row() == screen.model.row_of(view.item.id)
    qtbot.keyClick(screen.table, Qt.Key.Key_P)
    assert screen.controller.view.item.title.startswith("Réception")
    assert screen.controller.view.playback == Playback.ARMED


def test_plus_and_minus_add_or_remove_a_minute(screen, qtbot):
    qtbot.keyClick(screen.table, Qt.Key.Key_Plus)
    qtbot.keyClick(screen.table, Qt.Key.Key_Plus)
    qtbot.keyClick(screen.table, Qt.Key.Key_Minus)
    assert screen.controller.view.remaining_s == 31 * 60
    assert screen.remaining_label.text() == "31:00"


def test_b_blacks_out_the_stage_and_keys_do_not_fire_while_typing(screen, qtbot):
    qtbot.keyClick(screen.table, Qt.Key.Key_B)
    assert screen.controller.view.blackout and screen.stage.stack.currentIndex() == 1
    assert screen.blackout_button.isChecked()
    screen.message_edit.setFocus()
    qtbot.keyClicks(screen.message_edit, "Plus que 2 min N B")
    assert screen.controller.view.blackout  # B typed in the box did not toggle it
    assert screen.controller.view.item.title.startswith("Réception")  # nor N move on
    qtbot.keyClick(screen.message_edit, Qt.Key.Key_Return)
    assert screen.controller.view.message == "Plus que 2 min N B"
    assert screen.stage.message.text() == "Plus que 2 min N B"
    qtbot.keyClick(screen.table, Qt.Key.Key_B)
    assert not screen.controller.view.blackout and screen.stage.stack.currentIndex() == 0


def test_conclude_and_clear_message_buttons(screen, qtbot):
    qtbot.mouseClick(screen.findChild(type(screen.toggle_button), "clockConclude"), Qt.MouseButton.LeftButton)
    assert screen.controller.view.message == "Merci de conclure"
    assert screen.message_label.isVisible()
    qtbot.mouseClick(screen.findChild(type(screen.toggle_button), "clockClearMessage"), Qt.MouseButton.LeftButton)
    assert screen.controller.view.message == "" and not screen.stage.message.isVisibleTo(screen.stage)


def test_f_on_a_single_screen_asks_before_covering_the_console(screen, qtbot):
    asked = []
    screen.confirm_same_screen = lambda: asked.append(True) or False
    qtbot.keyClick(screen.table, Qt.Key.Key_F)
    assert asked and screen.stage.isVisible() and not screen.stage.isFullScreen()
    screen.confirm_same_screen = lambda: True
    qtbot.keyClick(screen.table, Qt.Key.Key_F)
    qtbot.waitUntil(screen.stage.isFullScreen)
    qtbot.keyClick(screen.stage, Qt.Key.Key_F)  # F on the stage window leaves full screen
    qtbot.waitUntil(lambda: not screen.stage.isFullScreen())


def test_stage_target_prefers_another_screen():
    class Screen:
        def __init__(self, name):
            self._name = name

        def name(self):
            return self._name

    laptop, projector = Screen("eDP-1"), Screen("HDMI-1")
    assert stage_target([laptop, projector], laptop, "") == (projector, False)
    assert stage_target([laptop], laptop, "HDMI-1") == (laptop, True)
    assert stage_target([laptop, projector], laptop, "eDP-1") == (laptop, True)


def test_keys_on_the_stage_window_drive_the_clock(screen, qtbot):
    screen.show_stage_window()
    qtbot.keyClick(screen.stage, Qt.Key.Key_Space)
    assert screen.controller.view.playback == Playback.RUNNING
    qtbot.keyClick(screen.stage, Qt.Key.Key_N)
    assert screen.controller.view.item.title.startswith("Discours introductif – Représentant OIM")


def test_a_change_from_the_command_line_shows_within_a_second(screen, app_context, qtbot):
    other = SessionClock(app_context.db, app_context.event, DAY)
    other.start()
    other.add(120)
    qtbot.waitUntil(lambda: screen.controller.view.playback == Playback.RUNNING, timeout=1000)
    assert screen.toggle_button.text().startswith("Pause")


def test_undo_after_an_accidental_next(screen, clock, qtbot):
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    clock.advance(30)
    qtbot.keyClick(screen.table, Qt.Key.Key_N)
    assert screen.undo_button.isEnabled()
    qtbot.keyClick(screen.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    view = screen.controller.view
    assert view.item.title.startswith("Réception") and view.playback == Playback.RUNNING


def test_remove_and_restore_an_item(screen, qtbot):
    screen.table.selectRow(7)
    title = screen.model.entries[7].title
    qtbot.mouseClick(screen.findChild(type(screen.toggle_button), "agendaRemove"), Qt.MouseButton.LeftButton)
    assert title not in [e.title for e in screen.model.entries]
    qtbot.mouseClick(screen.restore_button, Qt.MouseButton.LeftButton)
    assert screen.model.entries[7].title == title


def test_move_an_item_down(screen, qtbot):
    screen.table.selectRow(0)
    first = screen.model.entries[0]
    qtbot.mouseClick(screen.findChild(type(screen.toggle_button), "agendaDown"), Qt.MouseButton.LeftButton)
    assert screen.model.entries[6].id == first.id  # after the block and its five speeches


def test_csv_export_then_import(screen, tmp_path, app_context):
    path = tmp_path / "programme.csv"
    screen.export_csv(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("id,day,block,title") and "Réception et inscriptions" in text
    path.write_text("titre,durée\nOuverture,20\nDébat,40\n", encoding="utf-8")
    assert screen.import_csv(path, confirm=False)
    assert [e.title for e in screen.model.entries] == ["Ouverture", "Débat"]
    assert [e.title for e in agenda.list_items(app_context.db, DAY)] == ["Ouverture", "Débat"]


def test_an_empty_day_says_where_the_agenda_is(screen, app_context):
    app_context.set_day(app_context.event.days[1])
    assert screen.empty_label.isVisible() and not screen.table.isVisible()
    assert "27 octobre" in screen.empty_label.text()


def test_refusals_become_status_messages(screen, app_context, qtbot):
    with qtbot.waitSignal(app_context.status_message) as message:
        qtbot.keyClick(screen.table, Qt.Key.Key_P)
    assert "premier" in message.args[0]


def test_the_clock_day_is_chosen_on_the_screen(screen, app_context, qtbot):
    """The desk's day (status bar) may already be the 25th while the clock shows the 27th."""
    assert app_context.day == app_context.event.days[0] and screen.controller.view.day == DAY
    assert screen.day_combo.currentText() == "vendredi 27 octobre 2023"
    screen.day_combo.activated.emit(0)
    assert screen.controller.view.day == app_context.event.days[0]
    assert screen.empty_label.isVisible() and screen.late_label.text() == ""
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    assert "vide" in screen.notice_label.text()
    screen.day_combo.activated.emit(2)
    assert screen.controller.view.item.title.startswith("Réception")


def test_a_refusal_shows_beside_the_buttons_then_goes(screen, qtbot):
    screen._notice_timer.setInterval(50)
    qtbot.keyClick(screen.table, Qt.Key.Key_P)
    assert "premier" in screen.notice_label.text()
    qtbot.waitUntil(lambda: screen.notice_label.text() == "", timeout=1000)


def test_removing_the_item_on_the_clock_is_refused(screen, qtbot):
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    screen.table.selectRow(0)
    qtbot.mouseClick(screen.findChild(type(screen.toggle_button), "agendaRemove"), Qt.MouseButton.LeftButton)
    notice = screen.notice_label
    assert "est au chronomètre" in notice.text()
    qtbot.waitUntil(lambda: notice.height() >= notice.heightForWidth(notice.width()))  # shown in full
    assert notice.geometry().right() <= notice.parentWidget().contentsRect().right()
    assert screen.model.entries[0].title.startswith("Réception") and not screen.restore_button.isEnabled()
    assert screen.controller.view.playback == Playback.RUNNING


def test_plus_keeps_the_rundown_where_the_moderator_scrolled(screen, qtbot):
    resets = []
    screen.model.modelReset.connect(lambda: resets.append(True))
    screen.table.scrollToBottom()
    scrolled = screen.table.verticalScrollBar().value()
    qtbot.keyClick(screen.table, Qt.Key.Key_Plus)
    qtbot.keyClick(screen.table, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
    assert screen.controller.view.remaining_s == 32 * 60
    assert not resets and screen.table.verticalScrollBar().value() == scrolled


def test_the_end_of_the_day_on_the_console(screen, clock, qtbot):
    engine = screen.controller.engine
    screen.controller.act("go_to", engine.leaves[-1].id)
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    clock.advance(3600)
    qtbot.keyClick(screen.table, Qt.Key.Key_N)
    assert screen.state_label.text() == "Programme terminé" and screen.remaining_label.text() == "--:--"
    assert screen.late_label.text().startswith("Journée terminée à ")
    qtbot.keyClick(screen.table, Qt.Key.Key_N)
    assert "terminé" in screen.notice_label.text()


def test_f_puts_the_stage_on_the_projector_unless_told_otherwise(screen, qtbot, monkeypatch):
    """No preference is pinned by merely showing the screens: a projector plugged in later is used."""
    import kiosk.ui.clock.screen as module

    asked = []
    real = module.stage_target
    monkeypatch.setattr(module, "stage_target", lambda screens, main, name: asked.append(name) or real(screens, main, name))
    screen.screen_combo.setItemData(0, "eDP-1")  # what the list shows is not a choice
    qtbot.keyClick(screen.table, Qt.Key.Key_F)
    assert asked and set(asked) == {""}
    screen.screen_combo.setItemData(0, "eDP-1")
    screen._screen_chosen(0)  # the moderator picks it: now it is
    qtbot.keyClick(screen.table, Qt.Key.Key_F)
    assert asked[-1] == "eDP-1"


def test_an_unplugged_projector_never_leaves_the_stage_over_the_console(screen, qtbot):
    screen.confirm_same_screen = lambda: True
    qtbot.keyClick(screen.table, Qt.Key.Key_F)
    qtbot.waitUntil(screen.stage.isFullScreen)
    screen._screen_removed()  # what QGuiApplication.screenRemoved calls
    assert not screen.stage.isVisible()
    assert "débranché" in screen.notice_label.text()


def test_importing_a_file_without_the_running_item_warns_first(screen, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import kiosk.ui.clock.screen as module

    questions = []
    monkeypatch.setattr(module.QMessageBox, "question",
                        lambda parent, title, text: questions.append(text) or QMessageBox.StandardButton.No)
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    path = tmp_path / "programme.csv"
    path.write_text("titre,durée\nOuverture,20\n", encoding="utf-8")
    assert not screen.import_csv(path)
    assert "« Réception et inscriptions des participants », au chronomètre en ce moment" in questions[0]
    assert screen.model.entries[0].title.startswith("Réception")


def test_the_item_being_timed_is_not_offered_as_a_block(screen, qtbot, monkeypatch):
    from kiosk.ui.clock import rundown

    offered = []
    monkeypatch.setattr(rundown.ItemDialog, "exec",
                        lambda dialog: offered.extend(dialog.block.itemText(i) for i in range(dialog.block.count())) or 0)
    qtbot.mouseClick(screen.findChild(type(screen.toggle_button), "agendaAdd"), Qt.MouseButton.LeftButton)
    assert "Réception et inscriptions des participants" in offered  # a top-level item may take sub-items
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    offered.clear()
    qtbot.mouseClick(screen.findChild(type(screen.toggle_button), "agendaAdd"), Qt.MouseButton.LeftButton)
    assert offered and "Réception et inscriptions des participants" not in offered
