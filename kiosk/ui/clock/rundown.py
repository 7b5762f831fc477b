"""The rundown table (planned and actual times) and the dialog that edits one item."""

from __future__ import annotations

from datetime import date, time
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from kiosk.core import agenda
from kiosk.core.agenda import AgendaEntry, AgendaError
from kiosk.core.event import EventInfo
from kiosk.core.formats import format_clock
from kiosk.db import Database
from kiosk.i18n import _

NO_PARENT = QModelIndex()
CURRENT_BACKGROUND = QColor("#fff3c4")
DONE_FOREGROUND = QColor("#6b6b6b")


class Column(IntEnum):
    START = 0
    MINUTES = 1
    TITLE = 2
    SPEAKERS = 3
    THRESHOLDS = 4
    ACTUAL_START = 5
    ACTUAL_END = 6
    GAP = 7


def column_titles() -> dict[Column, str]:
    return {
        Column.START: _("Début prévu"),
        Column.MINUTES: _("Durée"),
        Column.TITLE: _("Titre"),
        Column.SPEAKERS: _("Intervenants"),
        Column.THRESHOLDS: _("Alertes"),
        Column.ACTUAL_START: _("Début réel"),
        Column.ACTUAL_END: _("Fin réelle"),
        Column.GAP: _("Écart"),
    }


def _mm_ss(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class RundownModel(QAbstractTableModel):
    """The day's items; the one on the clock is highlighted, blocks are bold headers."""

    ItemIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, event: EventInfo, parent=None):
        super().__init__(parent)
        self.event_info = event
        self.entries: list[AgendaEntry] = []
        self.current_id: str | None = None
        self._titles = column_titles()

    def set_entries(self, entries, current_id: str | None) -> None:
        """A reset only when the agenda changed, so the view keeps its scroll position on +1 min."""
        entries = list(entries)
        if entries == self.entries:
            self.set_current(current_id)
            return
        self.beginResetModel()
        self.entries = entries
        self.current_id = current_id
        self.endResetModel()

    def set_current(self, current_id: str | None) -> None:
        if current_id == self.current_id:
            return
        self.current_id = current_id
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, len(Column) - 1))

    def row_of(self, item_id: str | None) -> int:
        return next((row for row, entry in enumerate(self.entries) if entry.id == item_id), -1)

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._titles[Column(section)]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.TITLE, Column.SPEAKERS):
            return entry.title if column == Column.TITLE else entry.speakers
        if role == Qt.ItemDataRole.FontRole and (entry.is_block or entry.id == self.current_id):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and entry.id == self.current_id:
            return QBrush(CURRENT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and entry.actual_end is not None and entry.id != self.current_id:
            return QBrush(DONE_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != Column.TITLE and column != Column.SPEAKERS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == self.ItemIdRole:
            return entry.id
        return None

    def _text(self, entry: AgendaEntry, column: Column) -> str:
        if column == Column.START:
            return entry.planned_start.strftime("%H:%M") if entry.planned_start else ""
        if column == Column.MINUTES:
            suffix = _(" (heure de fin)") if entry.mode == "end_time" else ""
            return _("{minutes} min").format(minutes=entry.planned_minutes) + suffix
        if column == Column.TITLE:
            marker = "▶ " if entry.id == self.current_id else ""
            return "      " * entry.depth + marker + entry.title
        if column == Column.SPEAKERS:
            return entry.speakers
        if column == Column.THRESHOLDS:
            return "" if entry.is_block else f"{_mm_ss(entry.warning_s)} / {_mm_ss(entry.danger_s)}"
        if column == Column.ACTUAL_START:
            return format_clock(self.event_info.local(entry.actual_start)) if entry.actual_start else ""
        if column == Column.ACTUAL_END:
            return format_clock(self.event_info.local(entry.actual_end)) if entry.actual_end else ""
        if column == Column.GAP and entry.actual_start and entry.actual_end:
            used = (entry.actual_end - entry.actual_start).total_seconds() / 60
            gap = round(used - entry.planned_minutes)
            return _("à l'heure") if gap == 0 else f"{gap:+d} min"
        return ""


def _to_qtime(value: time | None) -> QTime:
    return QTime(value.hour, value.minute) if value else QTime(9, 0)


class ItemDialog(QDialog):
    """Add or edit one agenda item."""

    def __init__(self, db: Database, day: date, entries: list[AgendaEntry], item: AgendaEntry | None = None,
                 after: AgendaEntry | None = None, parent: QWidget | None = None, timed_id: str | None = None):
        super().__init__(parent)
        self.db, self.day, self.item, self.after = db, day, item, after
        self.saved_id: str | None = None
        self.setWindowTitle(_("Modifier l'élément") if item else _("Ajouter un élément"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.title = QLineEdit(item.title if item else "")
        self.title.setObjectName("itemTitle")
        self.speakers = QLineEdit(item.speakers if item else "")
        self.speakers.setPlaceholderText(_("ex. Représentant OIM Sénégal"))
        self.has_start = QCheckBox(_("Heure de début prévue"))
        self.start = QTimeEdit(_to_qtime(item.planned_start if item else None))
        self.start.setDisplayFormat("HH:mm")
        self.has_start.setChecked(bool(item and item.planned_start))
        self.start.setEnabled(self.has_start.isChecked())
        self.has_start.toggled.connect(self.start.setEnabled)
        start_row = QHBoxLayout()
        start_row.addWidget(self.has_start)
        start_row.addWidget(self.start)
        start_row.addStretch(1)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("itemMinutes")
        self.minutes.setRange(1, agenda.MAX_MINUTES)
        self.minutes.setSuffix(_(" min"))
        self.minutes.setValue(item.planned_minutes if item else 10)
        self.mode = QComboBox()
        self.mode.addItem(_("Compte à rebours de la durée"), "duration")
        self.mode.addItem(_("Jusqu'à l'heure de fin prévue"), "end_time")
        self.mode.setCurrentIndex(1 if item and item.mode == "end_time" else 0)
        self.warning = self._threshold(item.warning_s if item else agenda.DEFAULT_WARNING_S)
        self.danger = self._threshold(item.danger_s if item else agenda.DEFAULT_DANGER_S)
        self.block = QComboBox()
        self.block.addItem(_("(aucun : élément principal)"), None)
        for entry in entries:
            # a sub-item would turn the item being timed into a block header, off the clock
            if entry.depth == 0 and entry.id != timed_id and (item is None or entry.id != item.id):
                self.block.addItem(entry.title, entry.id)
        default_parent = item.parent_id if item else (after.parent_id if after and not after.is_block else None)
        self.block.setCurrentIndex(max(0, self.block.findData(default_parent)))
        self.block.setEnabled(item is None)  # moving between blocks: remove and add again
        form.addRow(_("Titre"), self.title)
        form.addRow(_("Intervenants"), self.speakers)
        form.addRow(_("Début"), start_row)
        form.addRow(_("Durée"), self.minutes)
        form.addRow(_("Mode"), self.mode)
        form.addRow(_("Orange quand il reste (min:s)"), self.warning)
        form.addRow(_("Rouge quand il reste (min:s)"), self.danger)
        form.addRow(_("Dans le bloc"), self.block)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _threshold(seconds: int) -> QTimeEdit:
        edit = QTimeEdit(QTime(0, min(seconds // 60, 59), seconds % 60))
        edit.setDisplayFormat("mm:ss")
        return edit

    @staticmethod
    def _seconds(edit: QTimeEdit) -> int:
        value = edit.time()
        return value.minute() * 60 + value.second()

    def values(self) -> dict:
        start = self.start.time()
        return {
            "title": self.title.text(),
            "speakers": self.speakers.text(),
            "planned_start": time(start.hour(), start.minute()) if self.has_start.isChecked() else None,
            "planned_minutes": self.minutes.value(),
            "warning_s": self._seconds(self.warning),
            "danger_s": self._seconds(self.danger),
            "mode": self.mode.currentData(),
        }

    def accept(self) -> None:
        values = self.values()
        try:
            if self.item is not None:
                self.saved_id = agenda.update_item(self.db, self.item.id, **values).id
            else:
                title = values.pop("title")
                minutes = values.pop("planned_minutes")
                parent = self.block.currentData()
                after = self.after.id if self.after and (self.after.parent_id == parent or self.after.id == parent) else None
                if after == parent:
                    after = None
                self.saved_id = agenda.add_item(self.db, self.day, title, minutes, after_id=after, parent_id=parent, **values)
        except AgendaError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        super().accept()
