"""First start without a database: open the demo, create an event, or open a file."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import _
from kiosk.ui.widgets import heading

DATABASE_FILTER = "Kiosk (*.sqlite *.db);;*"


class WelcomeDialog(QDialog):
    """Ask how to start; ``choice`` is "demo", "create" or "open" once accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Bienvenue dans Kiosk"))
        self.choice: str | None = None
        self.opened_path: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Bienvenue dans Kiosk")))
        layout.addWidget(QLabel(_("Aucune base de données n'est encore ouverte sur ce poste.")))
        for key, text in (
            ("demo", _("Ouvrir l'événement de démonstration")),
            ("create", _("Créer un événement…")),
            ("open", _("Ouvrir un fichier…")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"welcome_{key}")
            button.setMinimumHeight(48)
            button.clicked.connect(lambda _checked=False, k=key: self._choose(k))
            layout.addWidget(button)

    def _choose(self, key: str) -> None:
        if key == "open":
            path, _filter = QFileDialog.getOpenFileName(self, _("Ouvrir une base Kiosk"), "", DATABASE_FILTER)
            if not path:
                return
            self.opened_path = path
        self.choice = key
        self.accept()


class NewEventDialog(QDialog):
    """The fields of ``kiosk init --name --venue --city --from --to``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Créer un événement"))
        self.name = QLineEdit()
        self.venue = QLineEdit()
        self.city = QLineEdit()
        today = QDate.currentDate()
        self.first_day = QDateEdit(today)
        self.last_day = QDateEdit(today)
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        form = QFormLayout()
        form.addRow(_("Nom de l'événement"), self.name)
        form.addRow(_("Lieu"), self.venue)
        form.addRow(_("Ville"), self.city)
        form.addRow(_("Premier jour"), self.first_day)
        form.addRow(_("Dernier jour"), self.last_day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons, alignment=Qt.AlignmentFlag.AlignRight)

    def values(self) -> dict:
        return {
            "name": self.name.text(),
            "venue": self.venue.text(),
            "city": self.city.text(),
            "start_date": date.fromisoformat(self.first_day.date().toString("yyyy-MM-dd")),
            "end_date": date.fromisoformat(self.last_day.date().toString("yyyy-MM-dd")),
        }

    def _accept_if_valid(self) -> None:
        if not self.name.text().strip():
            QMessageBox.warning(self, self.windowTitle(), _("Le nom de l'événement est obligatoire."))
            self.name.setFocus()
            return
        if self.last_day.date() < self.first_day.date():
            QMessageBox.warning(self, self.windowTitle(), _("La date de fin précède la date de début."))
            return
        self.accept()
