"""The reprint dialog: a reprint is an explicit act, with a reason kept in the print log."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from kiosk.core.badges import REPRINT_REASONS
from kiosk.i18n import _


class ReprintDialog(QDialog):
    """Asks why a badge is printed again; OK stays disabled until a reason is given."""

    def __init__(self, message: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Réimpression"))
        layout = QVBoxLayout(self)
        label = QLabel(message)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.reason = QComboBox()
        self.reason.setObjectName("reprintReason")
        self.reason.setEditable(True)
        self.reason.addItem("")
        for reason in REPRINT_REASONS:
            self.reason.addItem(_(reason), reason)
        self.reason.lineEdit().setPlaceholderText(_("Motif (choisir ou saisir)"))
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Réimprimer"))
        # Set here: Qt's own French is missing where its translations are not shipped.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.currentTextChanged.connect(self._update)
        self._update()
        self.reason.setFocus()

    def chosen_reason(self) -> str:
        """The French reason for a listed one (the log is shared by every desk), else the text typed."""
        text = self.reason.currentText().strip()
        index = self.reason.findText(text)
        data = self.reason.itemData(index) if index >= 0 else None
        return data or text

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.currentText().strip()))

    @classmethod
    def ask(cls, message: str, parent: QWidget | None = None) -> str | None:
        dialog = cls(message, parent)
        return dialog.chosen_reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
