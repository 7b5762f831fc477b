"""Starting the desk app: first start, demo copy, language switch."""

from PySide6.QtWidgets import QApplication, QPushButton

from kiosk import i18n
from kiosk.app import DeskApp, fresh_demo_database
from kiosk.core.event import load_event
from kiosk.core.people import count_participants
from kiosk.ui.welcome import NewEventDialog, WelcomeDialog


def test_fresh_demo_database_is_recreated_each_time(tmp_path):
    first = fresh_demo_database()
    first.rename_desk("Poste modifié")
    path = first.path
    first.close()
    second = fresh_demo_database()
    assert second.path == path
    assert second.desk.name == "Poste 1"
    assert count_participants(second) == 152
    second.close()


def test_welcome_dialog_offers_demo_create_and_open(qtbot):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    names = {button.objectName() for button in dialog.findChildren(QPushButton)}
    assert names == {"welcome_demo", "welcome_create", "welcome_open"}
    dialog.findChild(QPushButton, "welcome_demo").click()
    assert dialog.choice == "demo" and dialog.result() == dialog.DialogCode.Accepted


def test_new_event_dialog_requires_a_name(qtbot, monkeypatch):
    warnings = []
    monkeypatch.setattr("kiosk.ui.welcome.QMessageBox.warning", lambda *args: warnings.append(args[2]))
    dialog = NewEventDialog()
    qtbot.addWidget(dialog)
    dialog._accept_if_valid()
    assert warnings == ["Le nom de l'événement est obligatoire."]
    dialog.name.setText("Forum de Ziguinchor")
    dialog._accept_if_valid()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.values()["name"] == "Forum de Ziguinchor"


def test_language_switch_rebuilds_the_window_in_english(demo_db, qtbot):
    desk = DeskApp(QApplication.instance())
    desk.apply_language("fr")
    window = desk.show_window(demo_db)
    qtbot.addWidget(window)
    assert window.nav_buttons.button(0).text().startswith("Accueil")
    desk.change_language("en")
    try:
        qtbot.addWidget(desk.window)
        assert desk.window is not window
        assert desk.window.nav_buttons.button(0).text().startswith("Reception")
        assert desk.window.menuBar().actions()[0].text() == "&File"
        assert load_event(desk.window.ctx.db).name.startswith("Atelier")
    finally:
        desk.apply_language("fr")
        assert i18n.current_language() == "fr"


def test_interface_uses_the_bundled_font_that_draws_wolof_letters(qapp):
    from PySide6.QtGui import QFontMetrics

    from kiosk.app import install_bundled_fonts

    app = qapp
    previous = app.font()
    try:
        assert install_bundled_fonts(app) == "DejaVu Sans"
        metrics = QFontMetrics(app.font())
        assert all(metrics.inFontUcs4(ord(letter)) for letter in "ŋŊɓƁɗƊƴèç")
    finally:
        app.setFont(previous)
