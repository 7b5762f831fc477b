"""The contact form: quick fields first (name, outlet, phone or e-mail), the rest below.

The form only turns widgets into a ``ContactDraft`` and back; saving, merging and
checking belong to ``kiosk.core.press`` (called by the screen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QObject,
    QStringListModel,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kiosk.core import press
from kiosk.core.formats import format_moment
from kiosk.core.press import Consent, ContactDraft, ContactRow, Interviewee, RegisteredJournalist
from kiosk.core.text import format_phone
from kiosk.i18n import _
from kiosk.ui.context import AppContext

ERROR_STYLE = "border: 2px solid #b41414;"
PERSON, CATEGORY, PHOTO, RECORDING = range(4)


def _combo(labels: dict[str, str], none_label: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(none_label, "")
    for code, label in labels.items():
        combo.addItem(label, code)
    return combo


def _checkboxes(labels: dict[str, str]) -> tuple[dict[str, QCheckBox], QHBoxLayout]:
    """One check box per code, side by side on a row."""
    boxes = {code: QCheckBox(label) for code, label in labels.items()}
    row = QHBoxLayout()
    row.setSpacing(10)
    for box in boxes.values():
        row.addWidget(box)
    row.addStretch(1)
    return boxes, row


def _select(combo: QComboBox, code: str) -> None:
    combo.setCurrentIndex(max(combo.findData(code), 0))


class SuggestionBox(QObject):
    """A line edit that proposes matches as you type (accent-insensitive search from the core).

    Enter picks the highlighted suggestion, or the first one while the list is open;
    with the list closed (Esc), Enter takes the text as typed. ``chosen(label, text)``
    gets the suggestion (None for typed text) and what was typed.
    """

    def __init__(self, edit: QLineEdit, search: Callable[[str], list[str]],
                 chosen: Callable[[str | None, str], None], parent: QObject):
        super().__init__(parent)
        self.edit = edit
        self._search = search
        self._chosen = chosen
        self._popup_enter = False
        self._picked = False
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        edit.setCompleter(self.completer)
        self.completer.popup().installEventFilter(self)  # after the completer's own filter: runs first
        self.completer.activated.connect(self._activated)
        edit.textEdited.connect(self._edited)
        edit.returnPressed.connect(self._return)

    def _edited(self, text: str) -> None:
        labels = self._search(text) if text.strip() else []
        self.model.setStringList(labels)
        if labels:
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._popup_enter = True
        return False

    def _activated(self, label: str) -> None:
        self._picked = True
        self._finish(label, label)

    def _return(self) -> None:
        popup_enter, self._popup_enter = self._popup_enter, False
        if self._picked:  # the completer already handled this Enter
            self._picked = False
            return
        text = self.edit.text().strip()
        if text:
            labels = self.model.stringList()
            self._finish(labels[0] if popup_enter and labels else None, text)

    def _finish(self, label: str | None, text: str) -> None:
        self.reset()
        self._chosen(label, text)

    def reset(self) -> None:
        self.model.setStringList([])
        self.completer.popup().hide()
        QTimer.singleShot(0, self.edit.clear)  # after the completer has written its choice


class ContactForm(QWidget):
    """Emits ``journalist_linked(contact_id)`` when a registered journalist already has a contact."""

    existing_contact_picked = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id: str | None = None
        self.participant_id: str | None = None
        self._row: ContactRow | None = None
        self._candidates: list[Interviewee] | None = None
        self._journalists: dict[str, RegisteredJournalist] = {}
        self._outlet_media: dict[str, str] = {}
        self._build()

    # -- building --------------------------------------------------------------------
    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.title = QLabel()
        self.title.setObjectName("pressFormTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        grid.addWidget(self.title, 0, 0, 1, 4)

        self.lookup = self._line("pressLookup", _("Nom : les inscrits « Presse » sont proposés"))
        self.lookup_box = SuggestionBox(self.lookup, self._search_journalists, self._lookup_chosen, self)
        self.linked = QLabel()
        self.linked.setObjectName("pressLinked")
        grid.addWidget(QLabel(_("Journaliste")), 1, 0)
        grid.addWidget(self.lookup, 1, 1, 1, 2)
        grid.addWidget(self.linked, 1, 3)

        self.first_name = self._line("pressFirstName")
        self.last_name = self._line("pressLastName")
        grid.addWidget(QLabel(_("Prénom")), 2, 0)
        grid.addWidget(self.first_name, 2, 1)
        grid.addWidget(QLabel(_("Nom")), 2, 2)
        grid.addWidget(self.last_name, 2, 3)

        self.outlet = self._line("pressOutlet", _("Radio, journal, site…"))
        self.outlet_model = QStringListModel(self)
        outlet_completer = QCompleter(self.outlet_model, self)
        outlet_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        outlet_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.outlet.setCompleter(outlet_completer)
        self.outlet.editingFinished.connect(self._outlet_chosen)
        self.media_type = _combo(press.media_type_labels(), "—")
        self.media_type.setObjectName("pressMediaType")
        grid.addWidget(QLabel(_("Média")), 3, 0)
        grid.addWidget(self.outlet, 3, 1)
        grid.addWidget(QLabel(_("Type de média")), 3, 2)
        grid.addWidget(self.media_type, 3, 3)

        self.phone = self._line("pressPhone", _("77 123 45 67"))
        self.email = self._line("pressEmail", _("nom@redaction.sn"))
        grid.addWidget(QLabel(_("Téléphone")), 4, 0)
        grid.addWidget(self.phone, 4, 1)
        grid.addWidget(QLabel(_("E-mail")), 4, 2)
        grid.addWidget(self.email, 4, 3)

        self.languages, languages = _checkboxes(press.language_labels())
        grid.addWidget(QLabel(_("Langues")), 5, 0)
        grid.addLayout(languages, 5, 1, 1, 3)

        self.press_card = self._line("pressCard", _("facultatif"))
        self.request_type = _combo(press.request_type_labels(), "—")
        self.request_type.setObjectName("pressRequestType")
        grid.addWidget(QLabel(_("Carte de presse")), 6, 0)
        grid.addWidget(self.press_card, 6, 1)
        grid.addWidget(QLabel(_("Demande")), 6, 2)
        grid.addWidget(self.request_type, 6, 3)

        self.has_deadline = QCheckBox(_("Oui, pour le"))
        self.deadline = QDateTimeEdit()
        self.deadline.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.deadline.setCalendarPopup(True)
        self.embargo = QCheckBox(_("Embargo"))
        self.embargo.setToolTip(_("Cochez si l'heure est un embargo (pas de diffusion avant) plutôt qu'un délai."))
        self.has_deadline.toggled.connect(self._sync_enabled)
        deadline = QHBoxLayout()
        deadline.addWidget(self.has_deadline)
        deadline.addWidget(self.deadline, 1)
        deadline.addWidget(self.embargo)
        grid.addWidget(QLabel(_("Délai")), 7, 0)
        grid.addLayout(deadline, 7, 1, 1, 3)

        self.interviewee_input = self._line("pressIntervieweeInput", _("Ajouter : nom d'un intervenant, d'un bénéficiaire… puis Entrée"))
        self.interviewee_box = SuggestionBox(self.interviewee_input, self._search_interviewees,
                                             self._interviewee_chosen, self)
        grid.addWidget(QLabel(_("Interviewé(s)")), 8, 0)
        grid.addWidget(self.interviewee_input, 8, 1, 1, 3)
        self.interviewees = QTableWidget(0, 4)
        self.interviewees.setObjectName("pressInterviewees")
        self.interviewees.setHorizontalHeaderLabels(
            [_("Personne"), _("Catégorie"), _("Photo"), _("Enregistrement")]
        )
        self.interviewees.verticalHeader().hide()
        header = self.interviewees.horizontalHeader()
        header.setSectionResizeMode(PERSON, QHeaderView.ResizeMode.Stretch)
        for column in (CATEGORY, PHOTO, RECORDING):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.interviewees.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.interviewees.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.interviewees.setFixedHeight(84)
        self.interviewees.setToolTip(
            _("Consentement d'un bénéficiaire : cochez Photo et/ou Enregistrement (Espace). Suppr retire la ligne.")
        )
        self.interviewees.installEventFilter(self)
        grid.addWidget(self.interviewees, 9, 1, 1, 3)

        self.topics = self._line("pressTopics", _("Sujets abordés"))
        grid.addWidget(QLabel(_("Sujets")), 10, 0)
        grid.addWidget(self.topics, 10, 1, 1, 3)

        self.materials, materials = _checkboxes(press.material_labels())
        grid.addWidget(QLabel(_("Remis")), 11, 0)
        grid.addLayout(materials, 11, 1, 1, 3)

        self.follow_up = QCheckBox(_("Suivi nécessaire"))
        self.follow_up.setObjectName("pressFollowUp")
        self.follow_up.toggled.connect(self._sync_enabled)
        self.follow_up_on = QDateEdit()
        self.follow_up_on.setObjectName("pressFollowUpOn")
        self.follow_up_on.setDisplayFormat("dd/MM/yyyy")
        self.follow_up_on.setCalendarPopup(True)
        self.follow_up_status = QComboBox()
        self.follow_up_status.setObjectName("pressFollowUpStatus")
        for code, label in press.follow_up_status_labels().items():
            self.follow_up_status.addItem(label, code)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up)
        follow.addWidget(QLabel(_("le")))
        follow.addWidget(self.follow_up_on, 1)
        follow.addWidget(self.follow_up_status, 1)
        grid.addWidget(QLabel(_("Suivi")), 12, 0)
        grid.addLayout(follow, 12, 1, 1, 3)

        self.consent_media_list = QCheckBox(_("Accepte de rester sur la liste médias"))
        self.consent_media_list.setObjectName("pressConsentMediaList")
        grid.addWidget(QLabel(_("Consentement")), 13, 0)
        grid.addWidget(self.consent_media_list, 13, 1, 1, 3)

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("pressNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(46)
        grid.addWidget(QLabel(_("Notes")), 14, 0)
        grid.addWidget(self.notes, 14, 1, 1, 3)

        self.errors = QLabel()
        self.errors.setObjectName("pressErrors")
        self.errors.setStyleSheet("color: #b41414;")
        self.errors.setWordWrap(True)
        self.errors.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        grid.addWidget(self.errors, 15, 0, 1, 4)

        for row in range(16):
            label = grid.itemAtPosition(row, 0)
            if label is not None and isinstance(label.widget(), QLabel) and label.widget() not in (self.title, self.errors):
                label.widget().setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        order = [self.lookup, self.first_name, self.last_name, self.outlet, self.media_type, self.phone, self.email,
                 *self.languages.values(), self.press_card, self.request_type, self.has_deadline, self.deadline,
                 self.embargo, self.interviewee_input, self.interviewees, self.topics, *self.materials.values(),
                 self.follow_up, self.follow_up_on, self.follow_up_status, self.consent_media_list, self.notes]
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.clear()

    # -- lists that feed the completers --------------------------------------------------
    def refresh_lists(self) -> None:
        """Reload the outlets and the people who can be interviewed (after any change)."""
        self._outlet_media = press.outlet_media_types(self.ctx.db)
        self.outlet_model.setStringList(sorted(self._outlet_media, key=str.casefold))
        self._candidates = None

    def candidates(self) -> list[Interviewee]:
        if self._candidates is None:
            self._candidates = press.interviewee_candidates(self.ctx.db)
        return self._candidates

    # -- registered journalists -------------------------------------------------------
    def _search_journalists(self, text: str) -> list[str]:
        found = press.registered_journalists(self.ctx.db, text)
        self._journalists = {journalist.label: journalist for journalist in found}
        return list(self._journalists)

    def _lookup_chosen(self, label: str | None, text: str) -> None:
        """A registered journalist, or a new name: "Pape Alioune Seck" -> Pape Alioune / Seck."""
        journalist = self._journalists.get(label) if label else None
        if journalist is not None:
            self.link_journalist(journalist)
            return
        first, _sep, last = text.rpartition(" ")
        self.first_name.setText(first)
        self.last_name.setText(last)
        self.outlet.setFocus()

    def link_journalist(self, journalist: RegisteredJournalist) -> None:
        """Prefill from the registration, or open the journalist's contact when there is one."""
        if journalist.contact_id is not None and journalist.contact_id != self.contact_id:
            self.existing_contact_picked.emit(journalist.contact_id)
            return
        media_type = self._outlet_media.get(journalist.organisation, "")
        prefill = press.draft_from_participant(journalist, media_type)
        current = self.draft()
        self._set_fields(replace(current, **{
            name: getattr(prefill, name) for name in ("first_name", "last_name", "outlet", "phone", "email",
                                                      "participant_id")
        }, media_type=current.media_type or media_type))
        (self.interviewee_input if self.media_type.currentData() else self.media_type).setFocus()

    def _outlet_chosen(self) -> None:
        media_type = self._outlet_media.get(self.outlet.text().strip(), "")
        if media_type and not self.media_type.currentData():
            _select(self.media_type, media_type)

    # -- interviewees and consents ------------------------------------------------------
    def _search_interviewees(self, text: str) -> list[str]:
        return [candidate.name for candidate in press.search_interviewees(self.candidates(), text)]

    def _interviewee_chosen(self, label: str | None, text: str) -> None:
        self.add_interviewee(label or text)

    def add_interviewee(self, name: str) -> None:
        self._append_interviewee(press.resolve_interviewee(name, self.candidates()), None)

    def _append_interviewee(self, person: Interviewee, consent: Consent | None) -> None:
        for row in range(self.interviewees.rowCount()):
            if self.interviewees.item(row, PERSON).text() == person.name:
                return
        row = self.interviewees.rowCount()
        self.interviewees.insertRow(row)
        name = QTableWidgetItem(person.name)
        name.setData(Qt.ItemDataRole.UserRole, person.participant_id)
        self.interviewees.setItem(row, PERSON, name)
        category = person.category or (_("programme") if person.source == "agenda" else _("saisi"))
        self.interviewees.setItem(row, CATEGORY, QTableWidgetItem(category))
        for column, given in ((PHOTO, consent.photo if consent else False),
                              (RECORDING, consent.recording if consent else False)):
            item = QTableWidgetItem()
            if person.asks_consent:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if given else Qt.CheckState.Unchecked)
                item.setText(_("oui") if given else _("non"))
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setText("—")
            self.interviewees.setItem(row, column, item)
        if consent is not None and consent.recorded_at is not None:
            when = format_moment(self.ctx.event.local(consent.recorded_at))
            tip = _("Consentement recueilli le {when} ({desk})").format(when=when, desk=consent.recorded_by)
            for column in range(4):
                self.interviewees.item(row, column).setToolTip(tip)
        self.interviewees.itemChanged.connect(self._consent_toggled, Qt.ConnectionType.UniqueConnection)

    def _consent_toggled(self, item: QTableWidgetItem) -> None:
        if item.column() in (PHOTO, RECORDING) and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            text = _("oui") if item.checkState() == Qt.CheckState.Checked else _("non")
            if item.text() != text:
                item.setText(text)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.interviewees and event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.interviewees.currentRow() >= 0:
                self.interviewees.removeRow(self.interviewees.currentRow())
                return True
        return super().eventFilter(watched, event)

    def _interviewee_rows(self) -> tuple[tuple[str, ...], tuple[Consent, ...]]:
        names, consents = [], []
        for row in range(self.interviewees.rowCount()):
            person = self.interviewees.item(row, PERSON)
            names.append(person.text())
            photo, recording = self.interviewees.item(row, PHOTO), self.interviewees.item(row, RECORDING)
            if photo.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                consents.append(Consent(
                    person=person.text(),
                    participant_id=person.data(Qt.ItemDataRole.UserRole),
                    photo=photo.checkState() == Qt.CheckState.Checked,
                    recording=recording.checkState() == Qt.CheckState.Checked,
                ))
        return tuple(names), tuple(consents)

    # -- draft in, draft out ------------------------------------------------------------
    def draft(self) -> ContactDraft:
        interviewed, consents = self._interviewee_rows()
        deadline = None
        if self.has_deadline.isChecked():
            local = self.deadline.dateTime().toPython()
            deadline = press.to_utc(local.replace(second=0, microsecond=0), self.ctx.event.tz)
        return ContactDraft(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            outlet=self.outlet.text(),
            media_type=self.media_type.currentData(),
            languages=tuple(code for code, box in self.languages.items() if box.isChecked()),
            phone=self.phone.text(),
            email=self.email.text(),
            press_card=self.press_card.text(),
            interviewed=interviewed,
            topics=self.topics.text(),
            request_type=self.request_type.currentData(),
            deadline_at=deadline,
            embargo=self.embargo.isChecked(),
            **{code: box.isChecked() for code, box in self.materials.items()},
            follow_up=self.follow_up.isChecked(),
            follow_up_on=self.follow_up_on.date().toPython() if self.follow_up.isChecked() else None,
            follow_up_status=self.follow_up_status.currentData() if self.follow_up.isChecked() else "",
            consent_media_list=self.consent_media_list.isChecked(),
            notes=self.notes.toPlainText(),
            participant_id=self.participant_id,
            consents=consents,
        )

    def _set_fields(self, draft: ContactDraft) -> None:
        self.first_name.setText(draft.first_name)
        self.last_name.setText(draft.last_name)
        self.outlet.setText(draft.outlet)
        _select(self.media_type, draft.media_type)
        for code, box in self.languages.items():
            box.setChecked(code in draft.languages)
        self.phone.setText(format_phone(draft.phone) if draft.phone.startswith("+") else draft.phone)
        self.email.setText(draft.email)
        self.press_card.setText(draft.press_card)
        _select(self.request_type, draft.request_type)
        self.has_deadline.setChecked(draft.deadline_at is not None)
        self.deadline.setDateTime(self._local_qt(draft.deadline_at) if draft.deadline_at else self._default_deadline())
        self.embargo.setChecked(draft.embargo)
        self.interviewees.setRowCount(0)
        consents = {consent.person: consent for consent in draft.consents}
        for name in draft.interviewed:
            self._append_interviewee(press.resolve_interviewee(name, self.candidates()), consents.get(name))
        self.topics.setText(draft.topics)
        for code, box in self.materials.items():
            box.setChecked(getattr(draft, code))
        self.follow_up.setChecked(draft.follow_up)
        self.follow_up_on.setDate(QDate(draft.follow_up_on or self._default_follow_up()))
        _select(self.follow_up_status, draft.follow_up_status or "a_faire")
        self.consent_media_list.setChecked(draft.consent_media_list)
        self.notes.setPlainText(draft.notes)
        self.participant_id = draft.participant_id
        self.linked.setText(_("Inscrit : fiche liée") if draft.participant_id else "")
        self._sync_enabled()

    def _local_qt(self, instant: datetime) -> QDateTime:
        local = self.ctx.event.local(instant)
        return QDateTime(QDate(local.date()), QTime(local.hour, local.minute))

    def _default_deadline(self) -> QDateTime:
        now = self.ctx.event.local(datetime.now(self.ctx.event.tz))
        return QDateTime(QDate(now.date()), QTime(18, 0))

    def _default_follow_up(self) -> date:
        return self.ctx.event.today() + timedelta(days=1)

    def _sync_enabled(self) -> None:
        self.deadline.setEnabled(self.has_deadline.isChecked())
        self.embargo.setEnabled(self.has_deadline.isChecked())
        self.follow_up_on.setEnabled(self.follow_up.isChecked())
        self.follow_up_status.setEnabled(self.follow_up.isChecked())

    def clear(self) -> None:
        """An empty form for a new contact."""
        self.contact_id = None
        self._row = None
        self.lookup.clear()
        self._set_fields(ContactDraft())
        self.title.setText(_("Nouveau contact — prénom, nom, média et téléphone ou e-mail suffisent"))
        self.show_errors({})

    def load(self, row: ContactRow) -> None:
        """Open a stored contact for editing."""
        self.contact_id = row.id
        self._row = row
        self.lookup.clear()
        self._set_fields(row.draft())
        when = format_moment(self.ctx.event.local(row.created_at) if row.created_at else None)
        self.title.setText(_("Modifier : {name} ({outlet}) — saisi le {when} par {author}").format(
            name=row.journalist, outlet=row.outlet, when=when, author=row.author or "?"))
        self.show_errors({})

    def is_blank(self) -> bool:
        return self.contact_id is None and self.draft() == ContactDraft()

    # -- errors ---------------------------------------------------------------------------
    def field_widget(self, key: str) -> QWidget:
        return {
            "name": self.first_name,
            "outlet": self.outlet,
            "phone": self.phone,
            "email": self.email,
            "contact": self.phone,
            "media_type": self.media_type,
            "request_type": self.request_type,
            "follow_up_status": self.follow_up_status,
            "languages": next(iter(self.languages.values())),
        }.get(key, self.first_name)

    def show_errors(self, errors: dict[str, str]) -> None:
        for widget in (self.first_name, self.last_name, self.outlet, self.phone, self.email):
            widget.setStyleSheet("")
        self.errors.setText("\n".join(errors.values()))
        self.errors.setVisible(bool(errors))
        if not errors:
            return
        for key in errors:
            widget = self.field_widget(key)
            widget.setStyleSheet(ERROR_STYLE)
            if key == "name":
                self.first_name.setStyleSheet(ERROR_STYLE)
            if key == "contact":
                self.email.setStyleSheet(ERROR_STYLE)
        self.field_widget(next(iter(errors))).setFocus()

    def focus_start(self) -> None:
        self.lookup.setFocus()
