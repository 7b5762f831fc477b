"""The results list of the reception screen: a flat model of ``ResultRow`` and its painter."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kiosk.core.checkin import ResultRow
from kiosk.core.event import EventInfo
from kiosk.core.formats import format_clock
from kiosk.i18n import _

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_HEIGHT = 68
PRESENT = QColor("#1b5e20")
PRESENT_BG = QColor("#e3f4e4")
ABSENT = QColor("#5f6368")
PRINTED = QColor("#0d47a1")
NOT_PRINTED = QColor("#8a4b00")


class ResultsModel(QAbstractListModel):
    """Rows are replaced as a whole on every keystroke (at most ~50 of them)."""

    def __init__(self, event: EventInfo, parent=None):
        super().__init__(parent)
        self.event_info = event
        self._rows: list[ResultRow] = []

    def set_rows(self, rows: list[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[ResultRow]:
        return self._rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.person.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.status_text(row) + " — " + self.badge_text(row)
        if role == ROW_ROLE:
            return row
        return None

    def status_text(self, row: ResultRow) -> str:
        if row.presence is None:
            return _("Pas encore arrivé(e)")
        return _("Présent(e) depuis {time} ({desk})").format(
            time=format_clock(self.event_info.local(row.presence.checked_in_at)), desk=row.presence.desk
        )

    @staticmethod
    def badge_text(row: ResultRow) -> str:
        return _("Badge imprimé") if row.printed else _("Badge non imprimé")


class ResultDelegate(QStyledItemDelegate):
    """Name large on the left, organisation under it; role, presence and badge on the right."""

    def __init__(self, model: ResultsModel, parent=None):
        super().__init__(parent)
        self.model = model

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt API
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: ResultRow | None = index.data(ROW_ROLE)
        if row is None:
            return
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif row.presence is not None:
            painter.fillRect(rect, PRESENT_BG)
        painter.setPen(QColor("#d0d0d0"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)

        base = QFont(option.font)
        name_font = QFont(base)
        name_font.setPointSizeF(base.pointSizeF() * 1.45)
        name_font.setBold(True)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 1.05)
        right_width = min(380, rect.width() // 2)
        left = QRect(rect.left() + 14, rect.top() + 6, rect.width() - right_width - 28, rect.height() - 12)
        right = QRect(rect.right() - right_width, rect.top() + 6, right_width - 12, rect.height() - 12)

        painter.setFont(name_font)
        painter.setPen(text_color)
        metrics = QFontMetrics(name_font)
        name = metrics.elidedText(row.person.name, Qt.TextElideMode.ElideRight, left.width())
        painter.drawText(left, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, name)
        painter.setFont(small)
        detail = " · ".join(part for part in (row.person.organisation, row.person.function) if part)
        detail = QFontMetrics(small).elidedText(detail, Qt.TextElideMode.ElideRight, left.width())
        painter.drawText(left, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, detail)

        # Right, top: today's status; bottom: role and code, then the badge state.
        bold_small = QFont(small)
        bold_small.setBold(True)
        status_color = PRESENT if row.presence is not None else ABSENT
        badge_color = PRINTED if row.printed else NOT_PRINTED
        if selected:
            status_color = badge_color = text_color
        painter.setFont(bold_small)
        painter.setPen(status_color)
        status = QFontMetrics(bold_small).elidedText(self.model.status_text(row), Qt.TextElideMode.ElideRight, right.width())
        painter.drawText(right, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, status)
        badge = self.model.badge_text(row)
        badge_width = QFontMetrics(bold_small).horizontalAdvance(badge)
        painter.setPen(badge_color)
        painter.drawText(right, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, badge)
        painter.setFont(small)
        painter.setPen(text_color)
        role_rect = QRect(right.left(), right.top(), right.width() - badge_width - 14, right.height())
        role_line = QFontMetrics(small).elidedText(
            f"{row.person.badge_role} · {row.person.code}", Qt.TextElideMode.ElideRight, role_rect.width()
        )
        painter.drawText(role_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, role_line)
        painter.restore()
