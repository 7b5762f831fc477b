"""The press contacts as a table: a column enum, a sort role, rows of plain ``ContactRow``."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kiosk.core.formats import format_moment
from kiosk.core.press import ContactRow, follow_up_status_labels, media_type_labels
from kiosk.core.text import fold, format_phone
from kiosk.i18n import _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
DUE_COLOUR = QColor(170, 20, 20)


class Column(IntEnum):
    TIME = 0
    JOURNALIST = 1
    OUTLET = 2
    MEDIA_TYPE = 3
    CONTACT = 4
    FOLLOW_UP = 5


def column_titles() -> dict[Column, str]:
    return {
        Column.TIME: _("Heure"),
        Column.JOURNALIST: _("Journaliste"),
        Column.OUTLET: _("Média"),
        Column.MEDIA_TYPE: _("Type"),
        Column.CONTACT: _("Contact"),
        Column.FOLLOW_UP: _("Suivi"),
    }


class ContactTableModel(QAbstractTableModel):
    def __init__(self, tz, today: date, parent=None):
        super().__init__(parent)
        self._rows: list[ContactRow] = []
        self._tz = tz
        self._today = today
        self._titles = column_titles()
        self._media = media_type_labels()
        self._status = follow_up_status_labels()

    def set_rows(self, rows: list[ContactRow], today: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self.endResetModel()

    def row_at(self, row: int) -> ContactRow:
        return self._rows[row]

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[Column(section)]
        return None

    def _follow_up_text(self, row: ContactRow) -> str:
        if not row.follow_up:
            return ""
        status = self._status.get(row.follow_up_status, "")
        return f"{row.follow_up_on:%d/%m} · {status}" if row.follow_up_on else status

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.CONTACT:
                return "\n".join(part for part in (format_phone(row.phone), row.email) if part)
            if column == Column.JOURNALIST and row.interviewed:
                return _("A interviewé : {names}").format(names=", ".join(row.interviewed))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.FOLLOW_UP and row.follow_up_due(self._today):
            return QBrush(DUE_COLOUR)
        return None

    def _display(self, row: ContactRow, column: Column) -> str:
        if column == Column.TIME:
            return format_moment(row.created_at.astimezone(self._tz) if row.created_at else None)
        if column == Column.JOURNALIST:
            return row.journalist
        if column == Column.OUTLET:
            return row.outlet
        if column == Column.MEDIA_TYPE:
            return self._media.get(row.media_type, "")
        if column == Column.CONTACT:
            return format_phone(row.phone) or row.email
        return self._follow_up_text(row)

    def _sort_key(self, row: ContactRow, column: Column) -> str:
        if column == Column.TIME:
            return row.created_at.isoformat() if row.created_at else ""
        if column == Column.JOURNALIST:
            return f"{fold(row.last_name)} {fold(row.first_name)}"
        if column == Column.FOLLOW_UP:
            if not row.follow_up_open:
                return "~"  # closed or none: after every open one
            return row.follow_up_on.isoformat() if row.follow_up_on else ""
        return fold(self._display(row, column))
