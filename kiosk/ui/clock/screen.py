"""Chronomètre: the moderator's console (rundown, playback, message, stage display).

Keys (when this screen has focus, and on the stage window): Space start/pause, N next,
P previous, + / - one minute, F stage display full screen, B blackout, Ctrl+Z undo.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import agenda
from kiosk.core.formats import format_day
from kiosk.core.timer import (
    Clock,
    ClockView,
    Phase,
    PhaseChange,
    Playback,
    clock_day,
    day_summary,
    phase_label,
    playback_label,
)
from kiosk.db.settings import read_options, write_options
from kiosk.errors import KioskError
from kiosk.i18n import _
from kiosk.io.csvio import DEFAULT, EXCEL_FR
from kiosk.ui.clock.controller import ClockController
from kiosk.ui.clock.rundown import Column, ItemDialog, RundownModel
from kiosk.ui.clock.stage import PHASE_COLOURS, StageWindow
from kiosk.ui.context import AppContext
from kiosk.ui.widgets import heading

SETTINGS_KEY = "clock"
CONCLUDE = "Merci de conclure"
NOTICE_MS = 8000  # how long a refusal stays beside the buttons


@dataclass
class ClockSettings:
    chime: bool = False  # QApplication.beep() when an item reaches zero
    stage_screen: str = ""  # the name of the screen chosen for the stage display


def load_settings(db) -> ClockSettings:
    return read_options(db, SETTINGS_KEY, ClockSettings)


def save_settings(db, settings: ClockSettings) -> None:
    write_options(db, SETTINGS_KEY, settings)


def stage_target(screens: list, main_screen, preferred_name: str):
    """The screen for the stage display and whether it is the moderator's own (ask first)."""
    preferred = next((s for s in screens if s.name() == preferred_name), None)
    others = [s for s in screens if s is not main_screen]
    target = preferred or (others[0] if others else main_screen)
    return target, target is main_screen


class ClockScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, clock: Clock | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.settings = load_settings(ctx.db)
        self.removed: list[str] = []  # ids of the last removal, for "Rétablir"
        day = clock_day(ctx.db, ctx.event)
        self.controller = ClockController(ctx.db, ctx.event, day, clock, self)
        self.controller.visible = lambda: self.isVisible() or self.stage.isVisible()
        self.stage = StageWindow(self._stage_key)
        # tests replace this to answer the "one screen only" question
        self.confirm_same_screen = self._ask_same_screen
        self._build()
        self.controller.ticked.connect(self._show_tick)
        self.controller.changed.connect(self._show_change)
        self.controller.failed.connect(self._failed)
        self.controller.phase_changed.connect(self._phase_changed)
        ctx.day_changed.connect(self._day_changed)
        ctx.agenda_changed.connect(self.controller.reload)
        self._show_change(self.controller.engine.view())
        self.controller.start()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 8, 12, 8)
        root.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(heading(_("Chronomètre")))
        top.addWidget(QLabel(_("programme du")))
        self.day_combo = QComboBox()
        self.day_combo.setObjectName("clockDay")
        self.day_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the clock's keys stay on the console
        for day in self.ctx.event.days:
            self.day_combo.addItem(format_day(day))
        self.day_combo.activated.connect(lambda index: self.controller.set_day(self.ctx.event.days[index]))
        top.addWidget(self.day_combo)
        top.addStretch(1)
        self.rehearsal = QLabel()
        self.rehearsal.setObjectName("clockRehearsal")
        self.rehearsal.setStyleSheet("color: #8a5a00;")
        top.addWidget(self.rehearsal)
        root.addLayout(top)

        panel = QFrame()
        panel.setObjectName("clockPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(panel)
        grid.setContentsMargins(12, 8, 12, 8)
        self.state_label = QLabel()
        self.state_label.setObjectName("clockState")
        self.title_label = QLabel()
        self.title_label.setObjectName("clockTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.speakers_label = QLabel()
        self.next_label = QLabel()
        self.next_label.setObjectName("clockNext")
        self.next_label.setWordWrap(True)
        self.late_label = QLabel()
        self.late_label.setObjectName("clockLate")
        late_font = self.late_label.font()
        late_font.setBold(True)
        late_font.setPointSizeF(late_font.pointSizeF() * 1.2)
        self.late_label.setFont(late_font)
        self.message_label = QLabel()
        self.message_label.setObjectName("clockMessageShown")
        self.message_label.setStyleSheet("background: #ffd60a; color: black; padding: 2px 8px; border-radius: 4px;")
        self.blackout_label = QLabel(_("ÉCRAN SCÈNE NOIR"))
        self.blackout_label.setStyleSheet("background: black; color: white; padding: 2px 8px; border-radius: 4px;")
        self.remaining_label = QLabel("00:00")
        self.remaining_label.setObjectName("clockRemaining")
        self.remaining_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.remaining_label.font())
        big.setPixelSize(84)
        big.setBold(True)
        self.remaining_label.setFont(big)
        self.remaining_label.setMinimumWidth(330)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("clockPhase")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left = QVBoxLayout()
        left.setSpacing(3)
        for widget in (self.state_label, self.title_label, self.speakers_label, self.next_label, self.late_label):
            left.addWidget(widget)
        badges = QHBoxLayout()
        badges.addWidget(self.message_label)
        badges.addWidget(self.blackout_label)
        badges.addStretch(1)
        left.addLayout(badges)
        self.notice_label = QLabel()  # a refusal, in full, where the moderator is looking
        self.notice_label.setObjectName("clockNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("color: #b3261e;")
        left.addWidget(self.notice_label)
        left.addStretch(1)
        grid.addLayout(left, 0, 0)
        right = QVBoxLayout()
        right.addWidget(self.remaining_label)
        right.addWidget(self.phase_label)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        root.addWidget(panel)

        controls = QHBoxLayout()
        self.toggle_button = self._button(_("Démarrer (Espace)"), lambda: self.controller.act("toggle"), "clockToggle")
        controls.addWidget(self.toggle_button)
        controls.addWidget(self._button(_("◀ Précédent (P)"), lambda: self.controller.act("previous"), "clockPrevious"))
        controls.addWidget(self._button(_("Suivant ▶ (N)"), lambda: self.controller.act("next"), "clockNext"))
        controls.addSpacing(10)
        for seconds, text in ((-300, "−5"), (-60, "−1"), (60, "+1"), (300, "+5")):
            button = self._button(_("{value} min").format(value=text), lambda _c=False, s=seconds: self.controller.act("add", s))
            button.setToolTip(_("Ajoute ou retire du temps à l'élément en cours (+ et - : une minute)"))
            controls.addWidget(button)
        controls.addWidget(self._button(_("Recommencer"), lambda: self.controller.act("restart"), "clockRestart"))
        self.undo_button = self._button(_("Annuler (Ctrl+Z)"), self._undo, "clockUndo")
        controls.addWidget(self.undo_button)
        controls.addStretch(1)
        root.addLayout(controls)

        speaker = QHBoxLayout()
        speaker.addWidget(QLabel(_("Message à l'orateur :")))
        self.message_edit = QLineEdit()
        self.message_edit.setObjectName("clockMessage")
        self.message_edit.setPlaceholderText(_("texte libre, Entrée pour l'afficher"))
        self.message_edit.setMaxLength(120)
        self.message_edit.returnPressed.connect(self._send_message)
        speaker.addWidget(self.message_edit, 1)
        speaker.addWidget(self._button(_("Afficher"), self._send_message))
        speaker.addWidget(self._button(_("« Merci de conclure »"), lambda: self.controller.act("set_message", _(CONCLUDE)), "clockConclude"))
        speaker.addWidget(self._button(_("Effacer le message"), lambda: self.controller.act("set_message", ""), "clockClearMessage"))
        speaker.addSpacing(10)
        self.blackout_button = self._button(_("Écran noir (B)"), self._toggle_blackout, "clockBlackout")
        self.blackout_button.setCheckable(True)
        speaker.addWidget(self.blackout_button)
        root.addLayout(speaker)

        stage_row = QHBoxLayout()
        stage_row.addWidget(self._button(_("Écran scène plein écran (F)"), self.toggle_stage_full_screen, "clockStage"))
        stage_row.addWidget(self._button(_("Fenêtre scène"), self.show_stage_window, "clockStageWindow"))
        stage_row.addWidget(QLabel(_("sur :")))
        self.screen_combo = QComboBox()
        self.screen_combo.setObjectName("clockScreenChoice")
        self.screen_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._fill_screens()
        self.screen_combo.activated.connect(self._screen_chosen)
        QGuiApplication.instance().screenAdded.connect(self._fill_screens)
        QGuiApplication.instance().screenRemoved.connect(self._screen_removed)
        stage_row.addWidget(self.screen_combo)
        self.chime = QCheckBox(_("Signal sonore à zéro"))
        self.chime.setObjectName("clockChime")
        self.chime.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chime.setChecked(self.settings.chime)
        self.chime.toggled.connect(self._chime_toggled)
        stage_row.addWidget(self.chime)
        stage_row.addStretch(1)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self._notice_timer.timeout.connect(self.notice_label.clear)
        root.addLayout(stage_row)

        edit_row = QHBoxLayout()
        edit_row.addWidget(QLabel(_("Programme :")))
        for text, slot, name in (
            (_("Ajouter…"), self._add_item, "agendaAdd"),
            (_("Modifier…"), self._edit_item, "agendaEdit"),
            (_("Supprimer"), self._remove_item, "agendaRemove"),
        ):
            edit_row.addWidget(self._button(text, slot, name))
        self.restore_button = self._button(_("Rétablir"), self._restore_items, "agendaRestore")
        self.restore_button.setEnabled(False)
        edit_row.addWidget(self.restore_button)
        edit_row.addWidget(self._button(_("Monter"), lambda: self._move_item(-1), "agendaUp"))
        edit_row.addWidget(self._button(_("Descendre"), lambda: self._move_item(1), "agendaDown"))
        edit_row.addWidget(self._button(_("Mettre au chrono"), self._go_to_selected, "agendaGoTo"))
        edit_row.addStretch(1)
        edit_row.addWidget(self._button(_("Importer CSV…"), self._import_csv, "agendaImport"))
        edit_row.addWidget(self._button(_("Exporter CSV…"), self._export_csv, "agendaExport"))
        root.addLayout(edit_row)

        self.model = RundownModel(self.ctx.event, self)
        self.table = QTableView()
        self.table.setObjectName("clockRundown")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.SPEAKERS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.SPEAKERS, 170)
        self.table.doubleClicked.connect(lambda index: self._edit_item())
        root.addWidget(self.table, 1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("clockEmpty")
        self.empty_label.setWordWrap(True)
        root.addWidget(self.empty_label)

        self._shortcut(["Space"], lambda: self.controller.act("toggle"))
        self._shortcut(["N"], lambda: self.controller.act("next"))
        self._shortcut(["P"], lambda: self.controller.act("previous"))
        self._shortcut(["+", "=", "Shift++"], lambda: self.controller.act("add", 60))
        self._shortcut(["-", "Shift+-"], lambda: self.controller.act("add", -60))
        self._shortcut(["F"], self.toggle_stage_full_screen)
        self._shortcut(["B"], self._toggle_blackout)
        self._shortcut([QKeySequence.StandardKey.Undo], self._undo)

    def _button(self, text: str, slot, name: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if name:
            button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _shortcut(self, keys, slot) -> None:
        shortcut = QShortcut(self)
        shortcut.setKeys([QKeySequence(k) for k in keys])
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # -- showing ----------------------------------------------------------------------------
    def _show_change(self, view: ClockView) -> None:
        """The anchors or the agenda changed: list, labels and buttons."""
        selected = self._selected()
        previous_current = self.model.current_id
        current = view.item.id if view.item else None
        self.model.set_entries(view.entries, current)
        # the selection follows the clock unless the moderator picked another row
        follow = selected is None or selected.id == previous_current
        row = self.model.row_of(current if follow else selected.id)
        if row >= 0:
            self.table.selectRow(row)
        self.day_combo.setCurrentIndex(self.ctx.event.days.index(view.day) if view.day in self.ctx.event.days else -1)
        empty = not view.entries
        self.table.setVisible(not empty)
        if empty:
            others = [d for d in agenda.days_with_agenda(self.ctx.db) if d != view.day]
            text = _("Le programme de ce jour est vide : ajoutez des éléments ou importez un CSV.")
            if others:
                text += " " + _("Programme disponible le {day} (choisissez ce jour en haut de l'écran).").format(
                    day=format_day(others[0]))
            self.empty_label.setText(text)
        self.empty_label.setVisible(empty)
        label = self.controller.engine.undo_label()
        self.undo_button.setEnabled(label is not None)
        self.undo_button.setToolTip(_("Annuler : {action} (Ctrl+Z)").format(action=label) if label else "")
        self.blackout_button.setChecked(view.blackout)
        self._show_tick(view)

    def _show_tick(self, view: ClockView) -> None:
        self.stage.show_view(view)
        if view.item is None:
            self.state_label.setText(_("Programme terminé") if view.finished else _("Aucun élément"))
            self.title_label.setText("")
            self.speakers_label.setText("")
            self.remaining_label.setText("--:--")
            self.phase_label.setText("")
        else:
            self.state_label.setText(_("Au chronomètre — {state}").format(state=playback_label(view.playback)))
            self._set(self.title_label, view.item.title)
            self._set(self.speakers_label, view.item.speakers)
            self._set(self.remaining_label, view.remaining_text)
            self._set(self.phase_label, phase_label(view.phase))
        colour = PHASE_COLOURS[view.phase] if view.started else "#5f6368"
        if view.phase == Phase.NORMAL and view.started:
            colour = "#1e8e3e"  # darker green: readable on the light console
        style = f"color: {colour};"
        if self.remaining_label.styleSheet() != style:
            self.remaining_label.setStyleSheet(style)
            self.phase_label.setStyleSheet(style)
        self._set(self.next_label, _("Ensuite : {title}").format(title=view.next_item.title) if view.next_item else _("Ensuite : —"))
        self._set(self.late_label, day_summary(view))
        late_colour = "#b3261e" if view.late_s >= 60 else "#1e8e3e"
        if self.late_label.styleSheet() != f"color: {late_colour};":
            self.late_label.setStyleSheet(f"color: {late_colour};")
        self._set(self.message_label, _("Message affiché : {message}").format(message=view.message) if view.message else "")
        self.message_label.setVisible(bool(view.message))
        self.blackout_label.setVisible(view.blackout)
        toggle = _("Pause (Espace)") if view.playback == Playback.RUNNING else (
            _("Reprendre (Espace)") if view.playback == Playback.PAUSED else _("Démarrer (Espace)"))
        self._set(self.toggle_button, toggle)
        offset = view.rehearsal_offset_s
        self._set(self.rehearsal, _("Répétition hors du jour du programme : les horaires partent du premier démarrage") if offset else "")
        self.model.set_current(view.item.id if view.item else None)

    @staticmethod
    def _set(widget, text: str) -> None:
        if widget.text() != text:
            widget.setText(text)

    def _failed(self, message: str) -> None:
        """A refusal: in the status bar, and beside the stage buttons for a few seconds."""
        self.ctx.status_message.emit(message)
        self.notice_label.setText(message)
        self._notice_timer.start()

    def _phase_changed(self, change: PhaseChange) -> None:
        if change.new == Phase.OVERTIME and change.playback == Playback.RUNNING and self.settings.chime:
            QApplication.beep()

    # -- playback helpers ------------------------------------------------------------------
    def _send_message(self) -> None:
        text = self.message_edit.text().strip()
        if text and self.controller.act("set_message", text) is not None:
            self.message_edit.clear()
            self.setFocus()

    def _toggle_blackout(self) -> None:
        self.controller.act("set_blackout", not self.controller.view.blackout)

    def _undo(self) -> None:
        self.controller.act("undo")

    def _stage_key(self, event: QKeyEvent) -> bool:
        """Keys pressed on the stage window drive the clock too."""
        actions = {
            Qt.Key.Key_Space: lambda: self.controller.act("toggle"),
            Qt.Key.Key_N: lambda: self.controller.act("next"),
            Qt.Key.Key_P: lambda: self.controller.act("previous"),
            Qt.Key.Key_Plus: lambda: self.controller.act("add", 60),
            Qt.Key.Key_Equal: lambda: self.controller.act("add", 60),
            Qt.Key.Key_Minus: lambda: self.controller.act("add", -60),
            Qt.Key.Key_F: self.toggle_stage_full_screen,
            Qt.Key.Key_B: self._toggle_blackout,
        }
        action = actions.get(Qt.Key(event.key()))
        if action is None:
            return False
        action()
        return True

    # -- stage display -----------------------------------------------------------------------
    def _fill_screens(self) -> None:
        """The screens plugged in now; the one shown is where F would put the stage display."""
        self.screen_combo.clear()
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            self.screen_combo.addItem(f"{screen.name()} ({size.width()}×{size.height()})", screen.name())
        target, _same = stage_target(QGuiApplication.screens(), self._main_screen(), self.settings.stage_screen)
        self.screen_combo.setCurrentIndex(max(0, self.screen_combo.findData(target.name())))

    def _screen_removed(self, _screen=None) -> None:
        """A projector unplugged: Qt would move the full-screen stage over the console; close it instead."""
        self._fill_screens()
        if self.stage.isVisible() and self.stage.isFullScreen() and len(QGuiApplication.screens()) == 1:
            self.stage.showNormal()
            self.stage.hide()
            self._failed(_("Écran du projecteur débranché : l'écran scène est fermé (F pour le rouvrir)."))

    def _main_screen(self):
        return self.window().screen() if self.window() is not None else QGuiApplication.primaryScreen()

    def _screen_chosen(self, index: int) -> None:
        self.settings.stage_screen = self.screen_combo.itemData(index) or ""
        save_settings(self.ctx.db, self.settings)

    def _chime_toggled(self, on: bool) -> None:
        self.settings.chime = on
        save_settings(self.ctx.db, self.settings)

    def _ask_same_screen(self) -> bool:
        answer = QMessageBox.question(
            self,
            _("Écran scène"),
            _("L'écran scène en plein écran irait sur l'écran de cette console et la couvrirait.\n"
              "Continuer ? (Échap ou F sur l'écran scène pour revenir)"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def toggle_stage_full_screen(self) -> None:
        """F: the stage display full screen on its screen; again: back to a window."""
        if self.stage.isVisible() and self.stage.isFullScreen():
            self.stage.showNormal()
            self.stage.resize(960, 540)
            return
        self._fill_screens()  # a projector plugged in since
        target, same = stage_target(QGuiApplication.screens(), self._main_screen(), self.settings.stage_screen)
        if same and not self.confirm_same_screen():
            self.show_stage_window()
            return
        self.stage.show_view(self.controller.view)
        self.stage.setGeometry(target.geometry())
        self.stage.show()
        if self.stage.windowHandle() is not None:
            self.stage.windowHandle().setScreen(target)
        self.stage.showFullScreen()
        self.controller.refresh()

    def show_stage_window(self) -> None:
        """The stage display as an ordinary window (to check it, or drag it to the projector)."""
        self.stage.show_view(self.controller.view)
        if not self.stage.isVisible():
            self.stage.resize(960, 540)
        self.stage.showNormal()
        self.stage.raise_()
        self.controller.refresh()

    # -- agenda editing ------------------------------------------------------------------------
    def _selected(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.entries[rows[0].row()] if rows else None

    def _agenda_edited(self) -> None:
        self.ctx.agenda_changed.emit()  # the controller reloads on it, like every other screen

    def _add_item(self) -> None:
        timed = self.controller.view.item.id if self.controller.view.started else None
        dialog = ItemDialog(self.ctx.db, self.controller.engine.day, self.model.entries, after=self._selected(),
                            parent=self, timed_id=timed)
        if dialog.exec():
            self._agenda_edited()
            self.table.selectRow(self.model.row_of(dialog.saved_id))

    def _edit_item(self) -> None:
        item = self._selected()
        if item is None:
            self.ctx.status_message.emit(_("Choisissez d'abord un élément dans la liste."))
            return
        dialog = ItemDialog(self.ctx.db, self.controller.engine.day, self.model.entries, item=item, parent=self)
        if dialog.exec():
            self._agenda_edited()

    def _remove_item(self) -> None:
        item = self._selected()
        if item is None:
            self.ctx.status_message.emit(_("Choisissez d'abord un élément dans la liste."))
            return
        try:
            self.removed = self.controller.engine.remove_item(item.id)
        except KioskError as exc:
            self._failed(str(exc))
            return
        self.restore_button.setEnabled(True)
        self._agenda_edited()
        self.ctx.status_message.emit(
            _("« {title} » retiré du programme ({count} élément(s)) — « Rétablir » pour annuler.").format(
                title=item.title, count=len(self.removed))
        )

    def _restore_items(self) -> None:
        if self.removed:
            agenda.restore_items(self.ctx.db, self.removed)
            self.removed = []
            self.restore_button.setEnabled(False)
            self._agenda_edited()

    def _move_item(self, delta: int) -> None:
        item = self._selected()
        if item is not None and agenda.move_item(self.ctx.db, item.id, delta):
            self._agenda_edited()
            self.table.selectRow(self.model.row_of(item.id))

    def _go_to_selected(self) -> None:
        item = self._selected()
        if item is not None:
            self.controller.act("go_to", item.id)

    def _import_csv(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Importer un programme"), "", _("Fichiers CSV (*.csv)"))
        if path:
            self.import_csv(Path(path))

    def import_csv(self, path: Path, confirm: bool = True) -> bool:
        day = self.controller.engine.day
        try:
            items = agenda.read_csv_file(path, day, self.ctx.event.days)
        except KioskError as exc:
            QMessageBox.warning(self, _("Importer un programme"), str(exc))
            return False
        days = sorted({item.day for item in items})
        question = _("Remplacer le programme de : {days} par les {count} élément(s) du fichier ?").format(
            days=", ".join(format_day(d, weekday=False) for d in days), count=len(items))
        timed = self.controller.view
        if timed.started and timed.item.id not in {item.id for item in items}:
            question += "\n\n" + _("« {title} », au chronomètre en ce moment, n'est pas dans le fichier : "
                                    "il quittera l'écran scène.").format(title=timed.item.title)
        if confirm and QMessageBox.question(self, _("Importer un programme"), question) != QMessageBox.StandardButton.Yes:
            return False
        try:
            agenda.import_csv(self.ctx.db, items)
        except KioskError as exc:
            QMessageBox.warning(self, _("Importer un programme"), str(exc))
            return False
        self._agenda_edited()
        self.ctx.status_message.emit(_("Programme importé : {count} élément(s).").format(count=len(items)))
        return True

    def _export_csv(self) -> None:
        comma, excel = _("CSV (UTF-8, virgule) (*.csv)"), _("CSV pour Excel en français (point-virgule) (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self, _("Exporter le programme"), f"programme-{self.controller.engine.day.isoformat()}.csv", f"{comma};;{excel}")
        if path:
            self.export_csv(Path(path), EXCEL_FR if chosen == excel else DEFAULT)

    def export_csv(self, path: Path, variant=DEFAULT) -> None:
        text = agenda.export_csv(self.ctx.db, [self.controller.engine.day], self.ctx.event.tz, variant)
        try:
            path.write_text(text, encoding=variant.encoding, newline="")
        except OSError as exc:
            QMessageBox.warning(self, _("Exporter le programme"), _("Impossible d'écrire {path} : {error}").format(
                path=path, error=exc.strerror))
            return
        self.ctx.status_message.emit(_("Programme exporté dans {path}.").format(path=path))

    # -- screen life --------------------------------------------------------------------------
    def _day_changed(self, day) -> None:
        self.controller.set_day(day)

    def activated(self) -> None:
        if not self.message_edit.hasFocus():
            self.setFocus()
        self.controller.refresh()

    def closing(self) -> None:
        if self.controller.running:
            QGuiApplication.instance().screenAdded.disconnect(self._fill_screens)
            QGuiApplication.instance().screenRemoved.disconnect(self._screen_removed)
        self.controller.stop()
        self.stage.close()
