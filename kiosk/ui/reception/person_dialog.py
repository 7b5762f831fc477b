"""The short form for a walk-in (Ctrl+N) and for correcting a participant (F2).

Possible duplicates (same name whatever accents and case, same phone, same e-mail) are
shown inside the form before anything is saved, with the choice to save anyway or, for a
walk-in, to sign in the person already registered. No nested message box: the form stays
visible and every step is a button (mouse, touch or keyboard).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.people import (
    EDITABLE_FIELDS,
    Person,
    PersonFormError,
    field_labels,
    validate_person,
)
from kiosk.core.text import format_phone
from kiosk.db.models import BADGE_ROLES, CATEGORIES
from kiosk.i18n import _


def sex_choices() -> tuple[tuple[str, str], ...]:
    return (("F", _("Femme")), ("M", _("Homme")), ("U", _("Non précisé")))


class PersonDialog(QDialog):
    """Emits ``saved(values)`` (cleaned) or ``use_existing(person)``; the screen does the writing."""

    saved = Signal(dict)
    use_existing = Signal(object)

    def __init__(
        self,
        find_duplicates: Callable[[dict[str, str], str | None], list[tuple[Person, list[str]]]],
        person: Person | None = None,
        parent: QWidget | None = None,
    ):
        """``find_duplicates(cleaned values, id to leave out)``: see ``SearchIndex.duplicates``."""
        super().__init__(parent)
        self.find_duplicates = find_duplicates
        self.person = person
        self.setObjectName("personDialog")
        self.setWindowTitle(_("Nouvel arrivant") if person is None else _("Corriger la fiche"))
        self.setMinimumWidth(620)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.setFont(font)
        labels = field_labels()
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout()
        form.setVerticalSpacing(8)
        for name in EDITABLE_FIELDS:
            if name == "sex":  # no default: a guess would end up in the counts by sex
                widget = QComboBox()
                widget.addItem(_("— choisir —"), "")
                for code, label in sex_choices():
                    widget.addItem(label, code)
            elif name in ("category", "badge_role"):
                widget = QComboBox()
                for choice in CATEGORIES if name == "category" else BADGE_ROLES:
                    widget.addItem(choice, choice)
            else:
                widget = QLineEdit()
                widget.setMinimumHeight(36)
            widget.setObjectName(f"field_{name}")
            self.inputs[name] = widget
            required = name not in ("function", "phone", "email")
            form.addRow(labels[name] + (" *" if required else ""), widget)
        self.inputs["phone"].setPlaceholderText(_("77 123 45 67 ou +33 6 12 34 56 78"))
        self.inputs["category"].setCurrentIndex(CATEGORIES.index("Autre"))
        if person is not None:
            self.set_values(person.form_values())

        self.errors = QLabel()
        self.errors.setObjectName("formErrors")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b00020; font-weight: bold;")
        self.errors.hide()

        self.duplicates_box = QFrame()
        self.duplicates_box.setObjectName("duplicatesBox")
        self.duplicates_box.setStyleSheet("#duplicatesBox { background: #fff4e5; border: 2px solid #e65100; }")
        box = QVBoxLayout(self.duplicates_box)
        self.duplicates_label = QLabel()
        self.duplicates_label.setObjectName("duplicatesLabel")
        self.duplicates_label.setWordWrap(True)
        self.duplicates_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.duplicates_label)
        choices = QVBoxLayout()  # one above the other: a long name keeps its room
        self.existing_button = QPushButton()
        self.existing_button.setObjectName("useExistingButton")
        self.existing_button.clicked.connect(self._use_existing)
        self.anyway_button = QPushButton(_("Enregistrer quand même"))
        self.anyway_button.setObjectName("saveAnywayButton")
        self.anyway_button.clicked.connect(self._save_anyway)
        for button in (self.existing_button, self.anyway_button):
            button.setMinimumHeight(40)
            choices.addWidget(button)
        box.addLayout(choices)
        self.duplicates_box.hide()

        self.save_button = QPushButton(
            _("Enregistrer et marquer présent(e)") if person is None else _("Enregistrer la correction")
        )
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setMinimumHeight(44)
        self.save_button.clicked.connect(self.submit)
        cancel = QPushButton(_("Annuler"))
        cancel.setMinimumHeight(44)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.duplicates_box)
        layout.addLayout(buttons)
        self._cleaned: dict[str, str] | None = None
        self._duplicates: list[Person] = []

    def set_values(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            widget = self.inputs[name]
            if isinstance(widget, QComboBox):
                position = widget.findData(value)
                if position >= 0:
                    widget.setCurrentIndex(position)
            else:
                widget.setText(format_phone(value) if name == "phone" else value)

    def values(self) -> dict[str, str]:
        return {
            name: widget.currentData() if isinstance(widget, QComboBox) else widget.text()
            for name, widget in self.inputs.items()
        }

    def submit(self) -> None:
        """Validate; show possible duplicates once; else hand the cleaned values over."""
        try:
            cleaned = validate_person(self.values())
        except PersonFormError as exc:
            self.errors.setText("\n".join(exc.errors.values()))
            self.errors.show()
            first = next(iter(exc.errors))
            self.inputs[first].setFocus()
            return
        self.errors.hide()
        exclude = self.person.id if self.person is not None else None
        found = self.find_duplicates(cleaned, exclude)
        if found and cleaned != self._cleaned:
            self._cleaned = cleaned
            self._show_duplicates(found)
            return
        self._finish(cleaned)

    def _show_duplicates(self, found: list[tuple[Person, list[str]]]) -> None:
        why = {"name": _("même nom"), "phone": _("même téléphone"), "email": _("même e-mail")}
        lines = [
            f"• {person.name} — {person.organisation} ({person.code}) : " + ", ".join(why[r] for r in reasons)
            for person, reasons in found[:6]
        ]
        if len(found) > 6:
            lines.append(_("… et {count} autre(s)").format(count=len(found) - 6))
        self.duplicates_label.setText(
            _("Cette personne est peut-être déjà inscrite :") + "\n" + "\n".join(lines)
        )
        # The likeliest first (same name and phone before same name only).
        self._duplicates = [person for person, reasons in sorted(found, key=lambda item: -len(item[1]))]
        likeliest = self._duplicates[0]
        self.existing_button.setVisible(self.person is None)
        name = self.existing_button.fontMetrics().elidedText(likeliest.name, Qt.TextElideMode.ElideRight, 300)
        self.existing_button.setText(
            _("C'est bien {name} ({code}) : enregistrer son arrivée").format(name=name, code=likeliest.code)
        )
        self.duplicates_box.show()
        # Enter on a warning must not make the duplicate: for a walk-in it takes the
        # person already registered; saving anyway is a deliberate click.
        (self.existing_button if self.person is None else self.anyway_button).setFocus()

    def _save_anyway(self) -> None:
        if self._cleaned is not None:
            self._finish(self._cleaned)

    def _use_existing(self) -> None:
        if self._duplicates:
            self.use_existing.emit(self._duplicates[0])
            self.accept()

    def _finish(self, cleaned: dict[str, str]) -> None:
        self.saved.emit(cleaned)
        self.accept()
