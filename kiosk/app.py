"""Starting the desk app: language, database, first-start dialog, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from kiosk import APP_NAME, i18n
from kiosk.core.demo import install_demo
from kiosk.core.event import NoEventError, create_event, load_event
from kiosk.db import Database
from kiosk.errors import KioskError
from kiosk.i18n import _
from kiosk.paths import default_database_path, resource, user_data_dir
from kiosk.ui.context import AppContext
from kiosk.ui.main_window import MainWindow, app_icon
from kiosk.ui.welcome import DATABASE_FILTER, NewEventDialog, WelcomeDialog

SETTINGS_LANGUAGE = "language"
SETTINGS_LAST_DATABASE = "last_database"
DEMO_FILE_NAME = "demo.sqlite"
INTERFACE_FONT_POINTS = 10


def install_bundled_fonts(app: QApplication) -> str | None:
    """Draw the interface with the bundled DejaVu Sans: every name's letters, on any laptop.

    A laptop without fonts covering ŋ or Ɓ would otherwise show boxes. Returns the family.
    """
    family = None
    for path in sorted(resource("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family:
        app.setFont(QFont(family, INTERFACE_FONT_POINTS))
    return family


def fresh_demo_database(target: str | None = None) -> Database:
    """A new copy of the demo event: in the data folder, or in an empty TARGET."""
    if target is None:
        path = user_data_dir() / DEMO_FILE_NAME
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        target = str(path)
    db = Database.open(target, create=True)
    try:
        install_demo(db)
    except KioskError:
        db.close()
        raise
    return db


class DeskApp:
    """Owns the QApplication's one main window and what it needs; rebuilds it on demand."""

    def __init__(self, app: QApplication):
        self.app = app
        install_bundled_fonts(app)
        self.settings = QSettings(APP_NAME, APP_NAME)
        self.translator: QTranslator | None = None
        self.window: MainWindow | None = None
        self.db: Database | None = None

    # -- language ------------------------------------------------------------------
    def apply_language(self, language: str) -> None:
        i18n.set_language(language)
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        QLocale.setDefault(QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English))
        if language == "fr":
            translator = QTranslator(self.app)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load("qtbase_fr", folder):
                self.app.installTranslator(translator)
                self.translator = translator

    def change_language(self, language: str) -> None:
        self.settings.setValue(SETTINGS_LANGUAGE, language)
        self.apply_language(language)
        self.show_window(self.db)

    # -- database ------------------------------------------------------------------
    def first_start(self) -> Database | None:
        dialog = WelcomeDialog()
        dialog.setWindowIcon(app_icon())
        if not dialog.exec():
            return None
        if dialog.choice == "demo":
            return fresh_demo_database()
        if dialog.choice == "open":
            return Database.open(dialog.opened_path)
        form = NewEventDialog()
        if not form.exec():
            return None
        db = Database.open(default_database_path(), create=True)
        create_event(db, **form.values())
        return db

    def ask_other_database(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self.window, _("Ouvrir une base Kiosk"), "", DATABASE_FILTER)
        if not path:
            return
        try:
            db = Database.open(path)
            load_event(db)
        except KioskError as exc:
            QMessageBox.warning(self.window, _("Ouvrir une base Kiosk"), str(exc))
            return
        old = self.db
        self.show_window(db)
        if old is not None:
            old.close()

    def show_window(self, db: Database) -> MainWindow:
        self.db = db
        if db.path is not None:
            self.settings.setValue(SETTINGS_LAST_DATABASE, str(db.path))
        ctx = AppContext(db, load_event(db))
        old = self.window
        window = MainWindow(ctx)
        ctx.bus.setParent(window)
        window.language_requested.connect(self.change_language)
        window.open_database_requested.connect(self.ask_other_database)
        if old is not None:
            window.setGeometry(old.geometry())
            old.close()
            old.deleteLater()
        self.window = window
        if old is None:  # also fills the screen where no window manager maximises it
            window.setGeometry(self.app.primaryScreen().availableGeometry())
        window.showMaximized()
        return window


def run_app(target: str | None = None, demo: bool = False, language: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")
    desk = DeskApp(app)
    desk.apply_language(language or desk.settings.value(SETTINGS_LANGUAGE, i18n.current_language()))
    try:
        if demo:
            db = fresh_demo_database(target)
        elif target is not None:
            db = Database.open(target)
        elif default_database_path().exists():
            db = Database.open(default_database_path())
        else:
            db = desk.first_start()
            if db is None:
                return 0
        try:
            load_event(db)
        except NoEventError:
            form = NewEventDialog()
            if not form.exec():
                return 0
            create_event(db, **form.values())
        desk.show_window(db)
    except KioskError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.exit_code
    return app.exec()
