"""The desk app's main window: five screens (Ctrl+1..Ctrl+5), menus and a status bar."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import APP_NAME, __version__, i18n
from kiosk.core.formats import format_day
from kiosk.errors import KioskError
from kiosk.i18n import _
from kiosk.paths import resource
from kiosk.ui.badges.screen import BadgesScreen
from kiosk.ui.clock.screen import ClockScreen
from kiosk.ui.context import AppContext
from kiosk.ui.documents import add_documents_menu
from kiosk.ui.press.screen import PressScreen
from kiosk.ui.reception.screen import ReceptionScreen
from kiosk.ui.sync.screen import SyncScreen


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str
    factory: type


def screen_specs() -> tuple[ScreenSpec, ...]:
    """The five screens, in the order of Ctrl+1..Ctrl+5 (CONTRACT.md)."""
    return (
        ScreenSpec("reception", _("Accueil"), ReceptionScreen),
        ScreenSpec("badges", _("Badges"), BadgesScreen),
        ScreenSpec("clock", _("Chronomètre"), ClockScreen),
        ScreenSpec("press", _("Presse"), PressScreen),
        ScreenSpec("sync", _("Export & synchro"), SyncScreen),
    )


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "kiosk.svg")))


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    open_database_requested = Signal()

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {ctx.event.name}")
        self.setWindowIcon(app_icon())
        # Below this the reception counters and the press form no longer fit (looked at).
        self.setMinimumSize(1280, 700)

        self.stack = QStackedWidget()
        self.screens: list[QWidget] = []
        self.nav_buttons = QButtonGroup(self)
        self.nav_buttons.setExclusive(True)
        nav = QVBoxLayout()
        nav.setContentsMargins(8, 8, 8, 8)
        nav.setSpacing(6)
        for index, spec in enumerate(screen_specs()):
            screen = spec.factory(ctx)
            screen.setObjectName(f"{spec.key}Screen")
            self.screens.append(screen)
            self.stack.addWidget(screen)
            button = QPushButton(f"{spec.title.replace('&', '&&')}\nCtrl+{index + 1}")
            button.setObjectName(f"nav_{spec.key}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(64)
            self.nav_buttons.addButton(button, index)
            nav.addWidget(button)
        nav.addStretch(1)
        self.nav_buttons.idClicked.connect(self.show_screen)

        navigation = QWidget()
        navigation.setObjectName("navigation")
        navigation.setLayout(nav)
        navigation.setFixedWidth(150)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        ctx.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.midnight_timer = QTimer(self)
        self.midnight_timer.setInterval(60_000)
        self.midnight_timer.timeout.connect(ctx.follow_today)
        self.midnight_timer.start()
        self.show_screen(0)

    # -- screens -----------------------------------------------------------------
    def show_screen(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.nav_buttons.button(index).setChecked(True)
        screen = self.screens[index]
        activated = getattr(screen, "activated", None)
        if activated is not None:
            activated()

    def current_screen(self) -> QWidget:
        return self.stack.currentWidget()

    # -- menus -------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&Fichier"))
        open_action = QAction(_("Ouvrir une autre base…"), self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.open_database_requested)
        file_menu.addAction(open_action)
        rename = QAction(_("Nom du poste…"), self)
        rename.triggered.connect(self._rename_desk)
        file_menu.addAction(rename)
        file_menu.addSeparator()
        quit_action = QAction(_("Quitter"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(_("&Affichage"))
        for index, spec in enumerate(screen_specs()):
            action = QAction(spec.title.replace("&", "&&"), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _checked=False, i=index: self.show_screen(i))
            view_menu.addAction(action)
            self.addAction(action)
        view_menu.addSeparator()
        fullscreen = QAction(_("Plein écran"), self)
        fullscreen.setShortcut(QKeySequence("F11"))
        fullscreen.triggered.connect(self._toggle_full_screen)
        view_menu.addAction(fullscreen)

        add_documents_menu(self, self.ctx)
        language_menu = self.menuBar().addMenu(_("&Langue"))
        group = QActionGroup(self)
        for code, label in (("fr", "Français"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setChecked(i18n.current_language() == code)
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(_("&Aide"))
        about = QAction(_("À propos de Kiosk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def _choose_language(self, code: str) -> None:
        if code != i18n.current_language():
            self.language_requested.emit(code)

    def _rename_desk(self) -> None:
        name, accepted = QInputDialog.getText(
            self, _("Nom du poste"), _("Nom de ce poste (affiché sur les présences) :"), text=self.ctx.db.desk.name
        )
        if not accepted:
            return
        try:
            self.ctx.db.rename_desk(name)
        except KioskError as exc:
            QMessageBox.warning(self, _("Nom du poste"), str(exc))
            return
        self._refresh_status()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("À propos de Kiosk"),
            _("Kiosk {version}\nAccueil, badges, chronomètre et presse pour les événements, hors ligne.").format(
                version=__version__
            ),
        )

    # -- status bar --------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.event_label = QLabel()
        self.day_combo = QComboBox()
        self.day_combo.setObjectName("dayCombo")
        self.day_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for day in self.ctx.event.days:
            self.day_combo.addItem(format_day(day), day)
        self.day_combo.setCurrentIndex(self.ctx.event.days.index(self.ctx.day))
        self.day_combo.currentIndexChanged.connect(
            lambda index: self.ctx.set_day(self.day_combo.itemData(index))
        )
        self.ctx.day_changed.connect(
            lambda day: self.day_combo.setCurrentIndex(self.ctx.event.days.index(day))
        )
        self.desk_label = QLabel()
        self.db_label = QLabel()
        bar.addPermanentWidget(self.event_label)
        bar.addPermanentWidget(QLabel(_("Jour :")))
        bar.addPermanentWidget(self.day_combo)
        bar.addPermanentWidget(self.desk_label)
        bar.addPermanentWidget(self.db_label)
        self._refresh_status()

    def _refresh_status(self) -> None:
        event = self.ctx.event
        full = f"{event.name} — {event.venue}, {event.city}"
        self.event_label.setText(self.event_label.fontMetrics().elidedText(full, Qt.TextElideMode.ElideMiddle, 420))
        self.event_label.setToolTip(full)
        self.desk_label.setText(_("Poste : {name}").format(name=self.ctx.db.desk.name))
        database = self.ctx.db.display_name()
        short = self.ctx.db.path.name if self.ctx.db.path is not None else database
        self.db_label.setText(_("Base : {name}").format(name=self.db_label.fontMetrics().elidedText(short, Qt.TextElideMode.ElideMiddle, 200)))
        self.db_label.setToolTip(database)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        for screen in self.screens:
            closing = getattr(screen, "closing", None)
            if closing is not None:
                closing()
        super().closeEvent(event)
