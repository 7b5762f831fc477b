"""Presse: log each journalist in seconds, find them again, follow up, print the press list.

Left, the list (search, filters, the open follow-ups); right, the form. Keys, scoped to
this screen: Ctrl+N new contact, Ctrl+Entrée / Ctrl+S save, Ctrl+F search, Entrée on a
row edits it, Suppr deletes it (Ctrl+Z brings it back).
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import press
from kiosk.core.formats import format_moment
from kiosk.core.press import ContactRow, DuplicateContactError, PressValidationError
from kiosk.errors import KioskError
from kiosk.i18n import _
from kiosk.pdf.press_list import write_press_list
from kiosk.ui.context import AppContext
from kiosk.ui.pdf_preview import show_pdf_preview, written_pdf
from kiosk.ui.press.form import ContactForm
from kiosk.ui.press.model import ID_ROLE, SORT_ROLE, Column, ContactTableModel
from kiosk.ui.widgets import heading

ALL_TAB, FOLLOW_UP_TAB = 0, 1
FORM_WIDTH = 560


class PressScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._rows: list[ContactRow] = []
        self._deleted: ContactRow | None = None
        self._build()
        self._shortcuts()
        ctx.press_changed.connect(self.reload)
        ctx.participants_changed.connect(self.form.refresh_lists)
        ctx.participant_changed.connect(lambda _id: self.form.refresh_lists())
        self.form.refresh_lists()
        self.reload()

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(heading(_("Presse")))
        top.addStretch(1)
        self.pdf_button = QPushButton(_("Liste de presse PDF…"))
        self.pdf_button.setObjectName("pressPdfButton")
        self.pdf_button.setToolTip(_("La liste des contacts pour le rapport de communication (30 par page)"))
        self.pdf_button.clicked.connect(self.export_pdf)
        top.addWidget(self.pdf_button)

        self.search = QLineEdit()
        self.search.setObjectName("pressSearch")
        self.search.setPlaceholderText(_("Rechercher un nom, un média, un sujet… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filters)
        self.search.returnPressed.connect(self._edit_first_match)
        self.outlet_filter = QComboBox()
        self.outlet_filter.setObjectName("pressOutletFilter")
        self.outlet_filter.setMinimumContentsLength(12)
        self.outlet_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.outlet_filter.currentIndexChanged.connect(self.apply_filters)
        self.media_filter = QComboBox()
        self.media_filter.setObjectName("pressMediaFilter")
        self.media_filter.addItem(_("Tous les types"), "")
        for code, label in press.media_type_labels().items():
            self.media_filter.addItem(label, code)
        self.media_filter.currentIndexChanged.connect(self.apply_filters)
        self.due_filter = QCheckBox(_("Suivi à échéance"))
        self.due_filter.setObjectName("pressDueFilter")
        self.due_filter.setToolTip(_("Seulement les suivis ouverts dont la date est aujourd'hui ou passée"))
        self.due_filter.toggled.connect(self.apply_filters)
        filters = QHBoxLayout()
        filters.addWidget(self.outlet_filter, 1)
        filters.addWidget(self.media_filter)
        filters.addWidget(self.due_filter)

        self.tabs = QTabBar()
        self.tabs.setObjectName("pressTabs")
        self.tabs.addTab("")
        self.tabs.addTab("")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.currentChanged.connect(self._tab_changed)

        self.model = ContactTableModel(self.ctx.event.tz, self.ctx.event.today(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("pressTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.TIME, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.JOURNALIST, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.TIME, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((Column.OUTLET, 100), (Column.MEDIA_TYPE, 84),
                              (Column.CONTACT, 134), (Column.FOLLOW_UP, 92)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._edit_index)
        self.table.doubleClicked.connect(self._edit_index)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._sync_buttons())

        self.edit_button = QPushButton(_("Modifier (Entrée)"))
        self.edit_button.clicked.connect(lambda: self._edit_index(self.table.currentIndex()))
        self.delete_button = QPushButton(_("Supprimer (Suppr)"))
        self.delete_button.setObjectName("pressDeleteButton")
        self.delete_button.clicked.connect(self.delete_selected)
        self.done_button = QPushButton(_("Suivi fait"))
        self.done_button.setObjectName("pressFollowUpDoneButton")
        self.done_button.setToolTip(_("Marquer le suivi du contact sélectionné comme fait"))
        self.done_button.clicked.connect(self.mark_follow_up_done)
        self.count_label = QLabel()
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.done_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)

        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("pressUndoBar")
        self.undo_bar.setStyleSheet("#pressUndoBar { background: #fff4d6; border: 1px solid #e0c36a; }")
        self.undo_label = QLabel()
        self.undo_button = QPushButton(_("Annuler la suppression (Ctrl+Z)"))
        self.undo_button.setObjectName("pressUndoButton")
        self.undo_button.clicked.connect(self.undo_delete)
        undo = QHBoxLayout(self.undo_bar)
        undo.setContentsMargins(8, 4, 8, 4)
        undo.addWidget(self.undo_label, 1)
        undo.addWidget(self.undo_button)
        self.undo_bar.hide()

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addLayout(filters)
        left.addWidget(self.tabs)
        left.addWidget(self.table, 1)
        left.addWidget(self.undo_bar)
        left.addLayout(actions)

        self.form = ContactForm(self.ctx)
        self.form.existing_contact_picked.connect(self._open_existing)
        self.new_button = QPushButton(_("Nouveau (Ctrl+N)"))
        self.new_button.setObjectName("pressNewButton")
        self.new_button.clicked.connect(self.new_contact)
        self.save_button = QPushButton(_("Enregistrer (Ctrl+Entrée)"))
        self.save_button.setObjectName("pressSaveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.form)
        right.addStretch(1)
        right.addLayout(buttons)
        form_box = QWidget()
        form_box.setLayout(right)
        form_box.setFixedWidth(FORM_WIDTH)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addSpacing(8)
        body.addWidget(form_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    def _shortcuts(self) -> None:
        """Scoped to this screen, so Ctrl+N here does not clash with the reception's Ctrl+N."""
        def bind(keys, slot, parent: QWidget | None = None) -> None:
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), parent or self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)

        bind(("Ctrl+N",), self.new_contact)
        bind(("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"), self.save)
        bind(("Ctrl+F",), self.focus_search)
        bind(("Ctrl+Z",), self.undo_delete, self.table)
        bind(("Delete",), self.delete_selected, self.table)

    # -- screen life ----------------------------------------------------------------------
    def activated(self) -> None:
        self.reload()
        if self.form.is_blank():
            self.form.focus_start()

    # -- list ---------------------------------------------------------------------------
    def reload(self) -> None:
        self._rows = press.list_contacts(self.ctx.db)
        current = self.outlet_filter.currentData()
        self.outlet_filter.blockSignals(True)
        self.outlet_filter.clear()
        self.outlet_filter.addItem(_("Tous les médias"), "")
        for outlet in press.outlets(self._rows):
            self.outlet_filter.addItem(outlet, outlet)
        self.outlet_filter.setCurrentIndex(max(self.outlet_filter.findData(current), 0))
        self.outlet_filter.blockSignals(False)
        self.apply_filters()

    def _tab_changed(self, index: int) -> None:
        if index == FOLLOW_UP_TAB:
            self.table.sortByColumn(Column.FOLLOW_UP, Qt.SortOrder.AscendingOrder)
        else:
            self.table.sortByColumn(Column.TIME, Qt.SortOrder.DescendingOrder)
        self.apply_filters()

    def apply_filters(self) -> None:
        today = self.ctx.event.today()
        follow_up = "due" if self.due_filter.isChecked() else (
            "open" if self.tabs.currentIndex() == FOLLOW_UP_TAB else "all")
        rows = press.filter_contacts(
            self._rows,
            query=self.search.text(),
            outlet=self.outlet_filter.currentData() or "",
            media_type=self.media_filter.currentData() or "",
            follow_up=follow_up,
            today=today,
        )
        self.model.set_rows(rows, today)
        open_count = len(press.open_follow_ups(self._rows))
        self.tabs.setTabText(ALL_TAB, _("Tous les contacts ({count})").format(count=len(self._rows)))
        self.tabs.setTabText(FOLLOW_UP_TAB, _("Suivis ouverts ({count})").format(count=open_count))
        self.count_label.setText(_("{shown} affiché(s)").format(shown=len(rows)))
        self._sync_buttons()

    def visible_rows(self) -> list[ContactRow]:
        """The rows as shown, in the table's order."""
        return [self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def selected_row(self) -> ContactRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def _sync_buttons(self) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.done_button.setEnabled(row is not None and row.follow_up_open)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _edit_first_match(self) -> None:
        if self.proxy.rowCount():
            self._edit_index(self.proxy.index(0, 0))

    def _edit_index(self, index) -> None:
        if index.isValid():
            self.edit(self.proxy.data(index, ID_ROLE))

    def edit(self, contact_id: str) -> None:
        try:
            row = press.get_contact(self.ctx.db, contact_id)
        except KioskError as exc:
            self.ctx.status_message.emit(str(exc))
            return
        self.form.load(row)
        self.form.first_name.setFocus()

    def _open_existing(self, contact_id: str) -> None:
        self.edit(contact_id)
        self.ctx.status_message.emit(
            _("Ce journaliste est déjà dans la liste : sa fiche est ouverte pour la compléter."))

    # -- actions --------------------------------------------------------------------------
    def new_contact(self) -> None:
        self.form.clear()
        self.form.focus_start()

    def ask_merge(self, existing: ContactRow) -> str | None:
        """"merge", "separate" or None (cancel). Tests replace this method."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Déjà dans la liste"))
        when = format_moment(self.ctx.event.local(existing.created_at) if existing.created_at else None)
        box.setText(_("{name} ({outlet}) a déjà été saisi le {when}. Fusionner avec la fiche existante ?").format(
            name=existing.journalist, outlet=existing.outlet, when=when))
        box.setInformativeText(_("La fusion complète la fiche existante : rien n'est perdu."))
        merge = box.addButton(_("Fusionner"), QMessageBox.ButtonRole.AcceptRole)
        separate = box.addButton(_("Garder deux fiches"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Annuler"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(merge)
        box.exec()
        return {merge: "merge", separate: "separate"}.get(box.clickedButton())

    def save(self) -> None:
        draft = self.form.draft()
        editing = self.form.contact_id
        db = self.ctx.db
        try:
            try:
                contact_id = press.save_contact(db, draft, editing)
            except DuplicateContactError as duplicate:
                choice = self.ask_merge(duplicate.existing)
                if choice == "merge":
                    contact_id = press.merge_into(db, duplicate.existing.id, draft, merged_from=editing)
                elif choice == "separate":
                    contact_id = press.save_contact(db, draft, editing, allow_duplicate=True)
                else:
                    return
        except PressValidationError as invalid:
            self.form.show_errors(invalid.errors)
            return
        except KioskError as exc:
            QMessageBox.warning(self, _("Presse"), str(exc))
            return
        row = press.get_contact(db, contact_id)
        message = _("Contact modifié : {name} ({outlet})") if editing else _("Contact enregistré : {name} ({outlet})")
        self.ctx.status_message.emit(message.format(name=row.journalist, outlet=row.outlet))
        self._deleted = None
        self.undo_bar.hide()
        self.form.clear()
        self.form.focus_start()
        self.form.refresh_lists()
        self.ctx.press_changed.emit()

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        press.delete_contact(self.ctx.db, row.id)
        self._deleted = row
        self.undo_label.setText(_("Supprimé : {name} ({outlet})").format(name=row.journalist, outlet=row.outlet))
        self.undo_bar.show()
        if self.form.contact_id == row.id:
            self.form.clear()
        self.ctx.press_changed.emit()
        self.table.setFocus()

    def undo_delete(self) -> None:
        if self._deleted is None:
            return
        press.restore_contact(self.ctx.db, self._deleted.id)
        self.ctx.status_message.emit(_("Contact rétabli : {name}").format(name=self._deleted.journalist))
        self._deleted = None
        self.undo_bar.hide()
        self.ctx.press_changed.emit()

    def mark_follow_up_done(self) -> None:
        row = self.selected_row()
        if row is None or not row.follow_up_open:
            return
        press.set_follow_up_status(self.ctx.db, row.id, "fait")
        self.ctx.status_message.emit(_("Suivi fait : {name}").format(name=row.journalist))
        self.ctx.press_changed.emit()

    def export_pdf(self) -> None:
        """The press list in the preview, to print or save from there."""
        try:
            data, pages = written_pdf(lambda path: write_press_list(self.ctx.db, path))
        except OSError as exc:
            QMessageBox.warning(self, _("Liste de presse PDF"), _("Impossible d'écrire le PDF : {error}").format(
                error=exc.strerror or exc))
            return
        summary = _("Liste de presse : {pages} page(s).").format(pages=pages)
        self.ctx.status_message.emit(summary)
        show_pdf_preview(self, data, _("Liste de presse"), _("liste-de-presse.pdf"), summary=summary,
                         status=self.ctx.status_message.emit)
