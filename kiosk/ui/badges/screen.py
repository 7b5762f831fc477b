"""The badges screen: find a person, preview and print the badge, reprint with a reason,
print or save batches in the background, this desk's printer and auto-print setting,
and the print log.

The screen exists from the start of the main window, so it also owns the auto-print
service: a check-in on the reception screen (``ctx.checked_in``) prints the badge when
the desk has auto-print on and the person has no printed badge yet.
"""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import badges as core
from kiosk.core.badges import BadgeData
from kiosk.core.formats import format_clock
from kiosk.errors import KioskError
from kiosk.i18n import _
from kiosk.pdf.badges import FORMATS, badges_pdf_bytes, format_label, get_format
from kiosk.ui.badges.dialogs import ReprintDialog
from kiosk.ui.badges.printing import (
    PrintJob,
    PrintQueue,
    ask_printer,
    choice_available,
    describe_choice,
    preview_image,
)
from kiosk.ui.context import AppContext
from kiosk.ui.widgets import heading

SEARCH_DELAY_MS = 150
# Kept in French in the shared log, like the listed reprint reasons.
DUPLICATE_AUTO_REASON = "Impression automatique en double (déjà imprimé sur un autre poste)"


class PeopleModel(QAbstractTableModel):
    """Badges as plain data, with whether each one is printed."""

    COLUMNS = ("name", "organisation", "role", "code", "printed")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[BadgeData] = []
        self.printed: set[str] = set()

    def set_rows(self, rows: list[BadgeData], printed: set[str]) -> None:
        self.beginResetModel()
        self.rows, self.printed = rows, printed
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        badge = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "name":
            return f"{badge.last_name} {badge.first_name}".strip()
        if column == "printed":
            return _("oui") if badge.participant_id in self.printed else _("non")
        return {"organisation": badge.organisation, "role": badge.role, "code": badge.code}[column]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Nom, prénom"), _("Organisation"), _("Rôle"), _("Code"), _("Imprimé"))[section]


class BadgesScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.settings = core.load_settings(ctx.db)
        self.queue = PrintQueue(ctx.event, self)
        self.queue.progress.connect(self._job_progress)
        self.queue.done.connect(self._job_done)
        self.queue.failed.connect(self._job_failed)
        self.queue.cancelled.connect(self._job_cancelled)
        self._dirty = True
        self.last_preview_ms = 0.0
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        ctx.checked_in.connect(self._on_checked_in)
        for signal in (ctx.badge_printed, ctx.attendance_changed, ctx.participant_changed):
            signal.connect(self._mark_dirty)
        ctx.participants_changed.connect(self._participants_changed)
        ctx.day_changed.connect(self._mark_dirty)

    # -- layout --------------------------------------------------------------------
    def _build(self) -> None:
        root = QHBoxLayout(self)
        left = QVBoxLayout()
        root.addLayout(left, 3)
        right = QVBoxLayout()
        root.addLayout(right, 2)

        left.addWidget(heading(_("Badges")))
        self.search = QLineEdit()
        self.search.setObjectName("badgeSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Nom, organisation ou code (vide : dernières arrivées du jour)"))
        left.addWidget(self.search)
        self.list_caption = QLabel()
        left.addWidget(self.list_caption)
        self.model = PeopleModel(self)
        self.table = QTableView()
        self.table.setObjectName("badgePeople")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self.update_preview())
        left.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.print_button = QPushButton(_("Imprimer le badge (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_selected)
        self.reprint_button = QPushButton(_("Réimprimer… (Ctrl+R)"))
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.save_button = QPushButton(_("Enregistrer en PDF… (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_selected)
        for button in (self.print_button, self.reprint_button, self.save_button):
            actions.addWidget(button)
        left.addLayout(actions)

        batch = QGroupBox(_("Lot de badges (triés par nom de famille)"))
        batch_layout = QVBoxLayout(batch)
        choose = QHBoxLayout()
        self.batch_who = QComboBox()
        self.batch_who.setObjectName("batchWho")
        for key, label in (("not-printed", _("Pas encore imprimés")), ("all", _("Tous")),
                           ("checked-in", _("Présents ce jour")), ("category", _("Une catégorie"))):
            self.batch_who.addItem(label, key)
        self.batch_category = QComboBox()
        self.batch_category.setObjectName("batchCategory")
        self.batch_who.currentIndexChanged.connect(
            lambda: self.batch_category.setEnabled(self.batch_who.currentData() == "category")
        )
        self.batch_category.setEnabled(False)
        choose.addWidget(self.batch_who)
        choose.addWidget(self.batch_category, 1)
        batch_layout.addLayout(choose)
        buttons = QHBoxLayout()
        self.batch_print_button = QPushButton(_("Imprimer le lot…"))
        self.batch_print_button.clicked.connect(self.print_batch)
        self.batch_save_button = QPushButton(_("Enregistrer le lot en PDF…"))
        self.batch_save_button.clicked.connect(self.save_batch)
        buttons.addWidget(self.batch_print_button)
        buttons.addWidget(self.batch_save_button)
        batch_layout.addLayout(buttons)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("batchProgress")
        self.cancel_button = QPushButton(_("Annuler (Échap)"))
        self.cancel_button.clicked.connect(self.cancel_batch)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        batch_layout.addLayout(progress_row)
        self.batch_status = QLabel()
        self.batch_status.setWordWrap(True)
        batch_layout.addWidget(self.batch_status)
        self._show_progress(False)
        left.addWidget(batch)

        desk = QGroupBox(_("Ce poste"))
        form = QFormLayout(desk)
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("badgeFormat")
        for key in FORMATS:
            self.format_combo.addItem(format_label(key), key)
        self.format_combo.setCurrentIndex(list(FORMATS).index(self.settings.format))
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        form.addRow(_("Format :"), self.format_combo)
        self.crop_marks = QCheckBox(_("Traits de coupe (A4)"))
        self.crop_marks.setChecked(self.settings.crop_marks)
        self.crop_marks.toggled.connect(self._crop_marks_changed)
        form.addRow("", self.crop_marks)
        self.auto_print = QCheckBox(_("Imprimer automatiquement à l'arrivée (sauf badge déjà imprimé)"))
        self.auto_print.setObjectName("autoPrint")
        self.auto_print.setChecked(self.settings.auto_print)
        self.auto_print.toggled.connect(self.set_auto_print)
        form.addRow("", self.auto_print)
        printer_row = QHBoxLayout()
        self.printer_label = QLabel()
        self.printer_label.setWordWrap(True)
        choose_printer = QPushButton(_("Choisir…"))
        choose_printer.clicked.connect(self.choose_printer)
        printer_row.addWidget(self.printer_label, 1)
        printer_row.addWidget(choose_printer)
        form.addRow(_("Imprimante :"), printer_row)
        right.addWidget(desk)

        self.preview = QLabel()
        self.preview.setObjectName("badgePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(260, 220)
        self.preview.setStyleSheet("QLabel#badgePreview { background: #d9d9d9; border: 1px solid #aaa; }")
        right.addWidget(self.preview, 3)

        right.addWidget(QLabel(_("Journal d'impression (derniers badges)")))
        self.log_table = QTableWidget(0, 5)
        self.log_table.setObjectName("printLog")
        self.log_table.setHorizontalHeaderLabels([_("Heure"), _("Nom"), _("Format"), _("Poste"), _("Motif")])
        self.log_table.verticalHeader().hide()
        self.log_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.log_table.horizontalHeader().setStretchLastSection(True)
        right.addWidget(self.log_table, 2)

        for keys, slot in (("Ctrl+P", self.print_selected), ("Ctrl+R", self.reprint_selected),
                           ("Ctrl+S", self.save_selected), ("Ctrl+F", self.search.setFocus),
                           ("Escape", self.cancel_batch)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.search.returnPressed.connect(self.table.setFocus)
        self._show_printer()

    # -- screen life ---------------------------------------------------------------
    def activated(self) -> None:
        if self._dirty:
            self.refresh()
        self.search.setFocus()

    def closing(self) -> None:
        self.queue.shutdown()

    def _mark_dirty(self, *_args) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _participants_changed(self) -> None:
        self.batch_category.clear()
        self._mark_dirty()

    def refresh(self) -> None:
        """Reload the list (search results, or today's latest arrivals), the log, the preview."""
        self._dirty = False
        selected = self.selected_badge()
        query = self.search.text().strip()
        if query:
            rows = core.find_badges(self.ctx.db, query)
            self.list_caption.setText(_("{count} résultat(s)").format(count=len(rows)))
        else:
            rows = core.recent_check_ins(self.ctx.db, self.ctx.day)
            self.list_caption.setText(_("Dernières arrivées du jour ({count})").format(count=len(rows)))
        self.model.set_rows(rows, core.printed_ids(self.ctx.db, [row.participant_id for row in rows]))
        if rows:
            ids = [row.participant_id for row in rows]
            keep = ids.index(selected.participant_id) if selected and selected.participant_id in ids else 0
            self.table.selectRow(keep)
        if self.batch_category.count() == 0:
            self.batch_category.addItems(core.categories(self.ctx.db))
        self._refresh_log()
        self.update_preview()

    def _refresh_log(self) -> None:
        entries = core.print_log(self.ctx.db, limit=100)
        self.log_table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            when = self.ctx.event.local(entry.printed_at)
            values = (format_clock(when), entry.name, entry.format, entry.desk, _(entry.reprint_reason) if entry.reprint_reason else "")
            for column, value in enumerate(values):
                self.log_table.setItem(row, column, QTableWidgetItem(value))

    # -- selection and preview -----------------------------------------------------
    def selected_badge(self) -> BadgeData | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def select_participant(self, participant_id: str) -> None:
        """Show one person in the list and select them (used after a scan or from a test)."""
        badge = core.badge_for(self.ctx.db, participant_id)
        self.search.blockSignals(True)
        self.search.setText(badge.code)
        self.search.blockSignals(False)
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API: the preview follows the room it has
        super().resizeEvent(event)
        if self.isVisible():
            self.update_preview()

    def update_preview(self) -> None:
        badge = self.selected_badge()
        if badge is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("Choisissez une personne pour voir son badge."))
            return
        started = time.perf_counter()
        page_w, page_h = get_format(self.settings.format).badge
        room = self.preview.contentsRect().size()
        width = max(120, min(room.width() - 16, round((room.height() - 16) * page_w / page_h)))
        try:
            data, _run = badges_pdf_bytes([badge], self.settings.format, self.ctx.event, crop_marks=False)
            image = preview_image(data, width)
        except KioskError as exc:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(str(exc))
            return
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.last_preview_ms = (time.perf_counter() - started) * 1000

    # -- settings ------------------------------------------------------------------
    def _save_settings(self) -> None:
        core.save_settings(self.ctx.db, self.settings)

    def _format_changed(self) -> None:
        self.settings.format = self.format_combo.currentData()
        self._save_settings()
        self.update_preview()

    def _crop_marks_changed(self, checked: bool) -> None:
        self.settings.crop_marks = checked
        self._save_settings()

    def set_auto_print(self, enabled: bool) -> None:
        if self.auto_print.isChecked() != enabled:
            self.auto_print.setChecked(enabled)  # comes back here through toggled
            return
        self.settings.auto_print = enabled
        self._save_settings()
        self.ctx.status_message.emit(
            _("Impression automatique activée sur ce poste.") if enabled else _("Impression automatique désactivée.")
        )

    def _show_printer(self) -> None:
        self.printer_label.setText(describe_choice(self.settings.printer))

    def choose_printer(self) -> bool:
        choice = ask_printer(self, self.settings.printer, get_format(self.settings.format))
        if choice is None:
            return False
        self.settings.printer = choice
        self._save_settings()
        self._show_printer()
        return True

    def _printer_ready(self) -> bool:
        """The remembered printer, or Qt's dialog the first time (and when it is gone)."""
        return choice_available(self.settings.printer) or self.choose_printer()

    # -- printing ------------------------------------------------------------------
    def _submit(self, badges: list[BadgeData], kind: str, reason: str = "", output: str | None = None) -> PrintJob | None:
        if output is None and not self._printer_ready():
            self.ctx.status_message.emit(_("Impression annulée : aucune imprimante choisie."))
            return None
        job = PrintJob(badges=badges, format_key=self.settings.format, crop_marks=self.settings.crop_marks,
                       printer=None if output else dict(self.settings.printer), output=output,
                       reprint_reason=reason, kind=kind)
        if kind in ("batch", "file"):
            self._show_progress(True)
            self.progress.setRange(0, 0)
            self.batch_status.setText(_("Préparation de {count} badge(s)…").format(count=len(badges)))
        return self.queue.submit(job)

    def _on_checked_in(self, participant_id: str, _day: date) -> None:
        if not self.settings.auto_print:
            return
        badge = core.badge_for(self.ctx.db, participant_id)
        if core.is_printed(self.ctx.db, participant_id) or self.queue.busy_with(participant_id):
            self.ctx.status_message.emit(
                _("Badge de {name} déjà imprimé : pas de réimpression automatique.").format(name=badge.display_name)
            )
            return
        self._submit([badge], "auto")

    def print_selected(self) -> None:
        badge = self.selected_badge()
        if badge is None:
            return
        if core.is_printed(self.ctx.db, badge.participant_id):
            self.reprint_selected()
            return
        self._submit([badge], "single")

    def reprint_selected(self) -> None:
        badge = self.selected_badge()
        if badge is None:
            return
        reason = ReprintDialog.ask(
            _("Réimprimer le badge de {name} ({code}) ? Le motif est noté dans le journal.").format(
                name=badge.display_name, code=badge.code
            ),
            self,
        )
        if reason:
            self._submit([badge], "single", reason)

    def _ask_pdf_path(self, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer les badges en PDF"), suggested, _("PDF (*.pdf)"))
        if not path:
            return None
        return path if path.lower().endswith(".pdf") else path + ".pdf"

    def save_selected(self) -> None:
        badge = self.selected_badge()
        if badge is None:
            return
        path = self._ask_pdf_path(f"badge-{badge.code}.pdf")
        if path:
            self._submit([badge], "file", output=path)

    def batch_badges(self) -> list[BadgeData]:
        who = self.batch_who.currentData()
        if who == "category":
            return core.select_badges(self.ctx.db, category=self.batch_category.currentText())
        return core.select_badges(self.ctx.db, who, day=self.ctx.day)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, _("Lot de badges"), text)
        return answer == QMessageBox.StandardButton.Yes

    def print_batch(self) -> None:
        badges = self.batch_badges()
        if not badges:
            QMessageBox.information(self, _("Lot de badges"), _("Aucun badge dans ce lot."))
            return
        already = core.printed_ids(self.ctx.db, [badge.participant_id for badge in badges])
        reason = ""
        if already:
            reason = ReprintDialog.ask(
                _("{already} des {count} badges de ce lot sont déjà imprimés : motif de leur réimpression ?").format(
                    already=len(already), count=len(badges)
                ),
                self,
            )
            if not reason:
                return
        elif not self._confirm(_("Imprimer {count} badge(s) ({format}) ?").format(
                count=len(badges), format=format_label(self.settings.format))):
            return
        self._submit(badges, "batch", reason)

    def save_batch(self) -> None:
        badges = self.batch_badges()
        if not badges:
            QMessageBox.information(self, _("Lot de badges"), _("Aucun badge dans ce lot."))
            return
        path = self._ask_pdf_path(f"badges-{self.settings.format}.pdf")
        if path:
            self._submit(badges, "file", output=path)

    def cancel_batch(self) -> None:
        if self.queue.pending:
            self.queue.cancel()
            self.batch_status.setText(_("Annulation…"))

    # -- job results (GUI thread) ----------------------------------------------------
    def _show_progress(self, visible: bool) -> None:
        self.progress.setVisible(visible)
        self.cancel_button.setVisible(visible)
        self.batch_print_button.setEnabled(not visible)
        self.batch_save_button.setEnabled(not visible)

    def _job_progress(self, job: PrintJob, done: int, total: int) -> None:
        if job.kind in ("batch", "file"):
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.batch_status.setText(_("{done} / {total}").format(done=min(done, len(job.badges)), total=len(job.badges))
                                      if done <= len(job.badges) else _("Envoi à l'imprimante…"))

    def _job_finished(self, job: PrintJob, message: str) -> None:
        if job.kind in ("batch", "file"):
            self._show_progress(bool(self.queue.pending))
            self.batch_status.setText(message)
        self.ctx.status_message.emit(message)

    def _job_done(self, job: PrintJob) -> None:
        names = ", ".join(badge.display_name for badge in job.badges[:3]) + (" …" if len(job.badges) > 3 else "")
        if job.is_print:
            try:
                core.record_prints(self.ctx.db, job.badges, job.format_key, job.reprint_reason)
            except core.ReprintReasonRequired:
                # Printed meanwhile by another desk (merge) or another job: it is on paper, log it.
                core.record_prints(self.ctx.db, job.badges, job.format_key, DUPLICATE_AUTO_REASON)
            for badge in job.badges:
                self.ctx.badge_printed.emit(badge.participant_id)
            message = _("Badge(s) imprimé(s) : {names}").format(names=names)
        else:
            message = _("{count} badge(s) enregistré(s) dans {path}").format(count=len(job.badges), path=job.output)
        self._job_finished(job, message)
        if job.issues:
            details = "\n".join(f"{issue.name} : {issue.characters}" for issue in job.issues)
            text = _("Caractères que les polices ne dessinent pas (imprimés « ? ») :\n{details}").format(details=details)
            if job.kind == "auto":
                self.ctx.status_message.emit(text.replace("\n", " "))
            else:
                QMessageBox.warning(self, _("Badges"), text)
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _job_failed(self, job: PrintJob, error: str) -> None:
        self._job_finished(job, _("Échec de l'impression : {error}").format(error=error))
        if job.kind != "auto":
            QMessageBox.warning(self, _("Badges"), error)

    def _job_cancelled(self, job: PrintJob) -> None:
        self._job_finished(job, _("Annulé : rien n'a été imprimé ni enregistré."))
