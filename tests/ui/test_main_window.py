from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.ui.main_window import screen_specs


def test_ctrl_digits_switch_through_the_five_screens(main_window, qtbot):
    keys = ["reception", "badges", "clock", "press", "sync"]
    assert [spec.key for spec in screen_specs()] == keys
    for index in (1, 2, 3, 4, 0):
        qtbot.keyClick(main_window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda i=index: main_window.stack.currentIndex() == i)
        assert main_window.current_screen().objectName() == f"{keys[index]}Screen"
        assert main_window.nav_buttons.button(index).isChecked()


def test_reception_search_field_has_focus_on_start(main_window, qtbot):
    field = main_window.findChild(QLineEdit, "searchField")
    qtbot.waitUntil(field.hasFocus)


def test_status_bar_shows_event_day_desk_and_database(main_window):
    texts = [main_window.event_label.text(), main_window.desk_label.text(), main_window.db_label.text()]
    assert "Atelier de clôture" in texts[0] and "Thiès" in texts[0]
    assert texts[1] == "Poste : Poste 1"
    assert texts[2] == "Base : kiosk.sqlite"
    assert main_window.db_label.toolTip().endswith("kiosk.sqlite")
    assert main_window.event_label.toolTip().endswith("Hôtel BIG FAIM, Thiès")
    assert main_window.day_combo.count() == 3
    assert main_window.day_combo.currentText() == "mercredi 25 octobre 2023"


def test_choosing_a_day_in_the_status_bar_changes_the_shared_day(main_window, app_context, qtbot):
    with qtbot.waitSignal(app_context.day_changed) as blocker:
        main_window.day_combo.setCurrentIndex(2)
    assert blocker.args == [date(2023, 10, 27)]
    assert app_context.day == date(2023, 10, 27)


def test_window_title_names_the_event(main_window):
    assert main_window.windowTitle().startswith("Kiosk — Atelier de clôture")
    assert not main_window.windowIcon().isNull()


def test_at_midnight_a_desk_on_today_follows_to_the_next_event_day(app_context, main_window, qtbot):
    from datetime import UTC, datetime

    app_context.set_day(date(2023, 10, 25))
    assert main_window.midnight_timer.isActive()
    with qtbot.waitSignal(app_context.day_changed):
        assert app_context.follow_today(datetime(2023, 10, 26, 0, 0, 30, tzinfo=UTC))
    assert main_window.day_combo.currentText() == "jeudi 26 octobre 2023"
    # a day chosen on purpose (not yesterday) is left alone, and so is the day after the event
    app_context.set_day(date(2023, 10, 25))
    assert not app_context.follow_today(datetime(2023, 10, 27, 0, 0, 30, tzinfo=UTC))
    app_context.set_day(date(2023, 10, 27))
    assert not app_context.follow_today(datetime(2023, 10, 28, 0, 0, 30, tzinfo=UTC))
    assert app_context.day == date(2023, 10, 27)
