"""Badges."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui.context import AppContext
from kiosk.ui.widgets import heading


class BadgesScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Badges")))
        layout.addStretch(1)
