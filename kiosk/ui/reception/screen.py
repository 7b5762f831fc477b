"""Reception (Accueil)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui.context import AppContext
from kiosk.ui.widgets import heading


class ReceptionScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.search_field = QLineEdit()
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(_("Nom, organisation, téléphone ou code…"))
        self.results_view = QListView()
        self.results_view.setObjectName("resultsView")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Accueil")))
        layout.addWidget(self.search_field)
        layout.addWidget(self.results_view, 1)

    def activated(self) -> None:
        self.search_field.setFocus()
