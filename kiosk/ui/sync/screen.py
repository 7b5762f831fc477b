"""Export & synchro: the exchange folder (a USB stick), export this desk, merge the
other desks' bundles found there, import an invitee list, and the history of it all.

Keys on this screen: Ctrl+E export, Ctrl+M merge the selected bundle, Ctrl+I import a
list, F5 look at the folder again. Long work runs in a worker thread with a progress bar
and a Cancel button; a cancelled export, merge or import changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.formats import format_moment
from kiosk.i18n import _
from kiosk.io.bundle import BundleInfo, find_bundles
from kiosk.io.csvio import DEFAULT, EXCEL_FR
from kiosk.io.export import ExportResult, desk_bundle_name, export_bundle
from kiosk.io.history import (
    HistoryEntry,
    exchange_folder,
    history,
    record_export,
    set_exchange_folder,
)
from kiosk.io.importer import ImportPlan
from kiosk.io.merge import MergeReport, merge_bundle, merge_summary
from kiosk.ui.context import AppContext
from kiosk.ui.sync.import_dialog import ImportDialog, plan_summary
from kiosk.ui.sync.worker import TaskRunner
from kiosk.ui.widgets import heading

SHOWN_CONFLICTS = 50


def _count(counts: dict, name: str) -> int:
    return int(counts.get(name, 0))


class SyncScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.bundles: list[BundleInfo] = []
        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._progress)
        self.runner.failed.connect(self._failed)
        self.runner.busy_changed.connect(self._busy)
        self._build()
        self._shortcuts()
        self.folder.setText(exchange_folder(ctx.db))
        self.refresh()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Export & synchro")))

        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(_("Dossier d'échange (clé USB) :")))
        self.folder = QLineEdit()
        self.folder.setObjectName("syncFolder")
        self.folder.setPlaceholderText(_("Choisissez la clé USB ou un dossier partagé"))
        self.folder.editingFinished.connect(self._folder_edited)
        folder_row.addWidget(self.folder, 1)
        self.choose_button = QPushButton(_("Choisir…"))
        self.choose_button.setObjectName("chooseFolderButton")
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.choose_button)
        layout.addLayout(folder_row)

        boxes = QGridLayout()
        export_box = QGroupBox(_("Exporter ce poste"))
        export_layout = QVBoxLayout(export_box)
        self.export_hint = QLabel()
        self.export_hint.setWordWrap(True)
        export_layout.addWidget(self.export_hint)
        self.excel_fr = QCheckBox(_("Pour Excel en français (point-virgule)"))
        self.excel_fr.setObjectName("excelFrCheck")
        export_layout.addWidget(self.excel_fr)
        export_layout.addStretch(1)
        self.export_button = QPushButton(_("Exporter (Ctrl+E)"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export)
        export_layout.addWidget(self.export_button)
        boxes.addWidget(export_box, 0, 0)

        merge_box = QGroupBox(_("Fusionner un autre poste"))
        merge_layout = QVBoxLayout(merge_box)
        self.bundle_table = QTableWidget(0, 4)
        self.bundle_table.setObjectName("bundleTable")
        self.bundle_table.setHorizontalHeaderLabels([_("Poste"), _("Exporté le"), _("Participants"), _("Présences")])
        self.bundle_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.bundle_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.bundle_table.verticalHeader().setVisible(False)
        self.bundle_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.bundle_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.bundle_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bundle_table.itemSelectionChanged.connect(lambda: self._busy(self.runner.busy))
        self.bundle_table.doubleClicked.connect(lambda _index: self.merge())
        merge_layout.addWidget(self.bundle_table)
        merge_buttons = QHBoxLayout()
        self.rescan_button = QPushButton(_("Actualiser (F5)"))
        self.rescan_button.clicked.connect(self.refresh)
        merge_buttons.addWidget(self.rescan_button)
        self.other_bundle_button = QPushButton(_("Autre lot…"))
        self.other_bundle_button.setToolTip(_("Fusionner un lot rangé ailleurs que dans le dossier d'échange"))
        self.other_bundle_button.clicked.connect(self.merge_other)
        merge_buttons.addWidget(self.other_bundle_button)
        merge_buttons.addStretch(1)
        self.merge_button = QPushButton(_("Fusionner (Ctrl+M)"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.clicked.connect(self.merge)
        merge_buttons.addWidget(self.merge_button)
        merge_layout.addLayout(merge_buttons)
        boxes.addWidget(merge_box, 0, 1)

        import_box = QGroupBox(_("Importer une liste d'invités"))
        import_layout = QVBoxLayout(import_box)
        hint = QLabel(_("CSV ou Excel (.xlsx), en-têtes en français ou en anglais. Un aperçu montre chaque ligne "
                        "et ce qui changera avant que rien ne soit écrit ; réimporter la même liste ne crée "
                        "pas de doublons."))
        hint.setWordWrap(True)
        import_layout.addWidget(hint)
        import_layout.addStretch(1)
        self.import_button = QPushButton(_("Importer un fichier… (Ctrl+I)"))
        self.import_button.setObjectName("importFileButton")
        self.import_button.clicked.connect(self.choose_import)
        import_layout.addWidget(self.import_button)
        boxes.addWidget(import_box, 0, 2)
        boxes.setColumnStretch(0, 3)
        boxes.setColumnStretch(1, 5)
        boxes.setColumnStretch(2, 3)
        layout.addLayout(boxes, 2)

        work_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setVisible(False)
        work_row.addWidget(self.progress, 1)
        self.cancel_button = QPushButton(_("Annuler"))
        self.cancel_button.setObjectName("syncCancelButton")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.runner.cancel)
        work_row.addWidget(self.cancel_button)
        layout.addLayout(work_row)
        self.message = QLabel()
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        history_title = QLabel(_("Historique de ce poste"))
        font = history_title.font()
        font.setBold(True)
        history_title.setFont(font)
        layout.addWidget(history_title)
        self.history_table = QTableWidget(0, 4)
        self.history_table.setObjectName("syncHistory")
        self.history_table.setHorizontalHeaderLabels([_("Date"), _("Opération"), _("Résultat"), _("Dossier ou fichier")])
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.history_table.setColumnWidth(0, 130)
        self.history_table.setColumnWidth(1, 110)
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.doubleClicked.connect(self._show_history_details)
        layout.addWidget(self.history_table, 3)
        self._busy(False)

    def _shortcuts(self) -> None:
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Ctrl+E", self.export), ("Ctrl+M", self.merge), ("Ctrl+I", self.choose_import),
                           ("F5", self.refresh)):
            QShortcut(QKeySequence(keys), self, activated=slot, context=scope)

    # -- state ------------------------------------------------------------------------------
    def activated(self) -> None:
        self.refresh()

    def closing(self) -> None:
        self.runner.wait()

    def folder_path(self) -> Path | None:
        text = self.folder.text().strip()
        return Path(text).expanduser() if text else None

    def export_target(self) -> Path | None:
        folder = self.folder_path()
        return folder / desk_bundle_name(self.ctx.db.desk.id, self.ctx.db.desk.name) if folder else None

    def refresh(self) -> None:
        folder = self.folder_path()
        target = self.export_target()
        self.export_hint.setText(
            _("Écrit les fichiers CSV de toutes les données de ce poste dans\n{path}\n"
              "(remplacé à chaque export).").format(path=target)
            if target else _("Choisissez d'abord le dossier d'échange.")
        )
        found = [info for info in find_bundles(folder) if info.desk_id != self.ctx.db.desk.id] if folder else []
        # This event's bundles first (newest first); another event's stay listed, greyed, with the reason.
        self.bundles = sorted(found, key=lambda info: info.event_id != self.ctx.event.id)
        self.bundle_table.setRowCount(len(self.bundles))
        for row, info in enumerate(self.bundles):
            when = format_moment(self.ctx.event.local(info.exported_at), year=True) if info.exported_at else "?"
            name = info.desk_name or info.directory.name
            other_event = info.event_id != self.ctx.event.id
            if other_event:
                name = _("{desk} — autre événement : « {event} »").format(desk=name, event=info.event_name or "?")
            cells = [name, when, str(_count(info.counts, "participants.csv")), str(_count(info.counts, "attendance.csv"))]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.directory))
                if other_event:
                    item.setForeground(QBrush(QColor("#777777")))
                    item.setToolTip(_("{path}\nLot d'un autre événement : il ne peut pas être fusionné ici.").format(
                        path=info.directory))
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.bundle_table.setItem(row, column, item)
        if self.bundles:
            self.bundle_table.selectRow(0)
        self._fill_history()
        self._busy(self.runner.busy)

    def _fill_history(self) -> None:
        entries = history(self.ctx.db)
        self.history_entries = entries
        self.history_table.setRowCount(len(entries))
        names = {"export": _("Export"), "merge": _("Fusion"), "import": _("Import")}
        for row, entry in enumerate(entries):
            cells = [format_moment(self.ctx.event.local(entry.at), year=True), names.get(entry.action, entry.action),
                     self._history_result(entry), self._history_place(entry)]
            for column, text in enumerate(cells):
                self.history_table.setItem(row, column, QTableWidgetItem(text))

    @staticmethod
    def _history_result(entry: HistoryEntry) -> str:
        details = entry.details
        if entry.action == "export":
            counts = details.get("counts", {})
            return _("{participants} participants, {attendance} présences").format(
                participants=_count(counts, "participants.csv"), attendance=_count(counts, "attendance.csv"))
        if entry.action == "merge":
            source = (details.get("source_desk") or {}).get("name", "?")
            return _("de « {desk} » : {summary}").format(desk=source, summary=merge_summary(details))
        return _("{added} ajout(s), {updated} mise(s) à jour, {rejected} refusée(s)").format(
            added=details.get("added", 0), updated=details.get("updated", 0), rejected=details.get("rejected", 0))

    @staticmethod
    def _history_place(entry: HistoryEntry) -> str:
        return entry.details.get("directory") or entry.details.get("file") or ""

    def _busy(self, busy: bool) -> None:
        has_folder = self.folder_path() is not None
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.export_button.setEnabled(not busy and has_folder)
        self.merge_button.setEnabled(not busy and bool(self.bundle_table.selectionModel().selectedRows()))
        for widget in (self.import_button, self.choose_button, self.other_bundle_button, self.rescan_button, self.folder):
            widget.setEnabled(not busy)
        if not busy:
            self.progress.reset()

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if what:
            self.progress.setFormat(f"{what} — %p %")

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020" if error else "")
        self.message.setText(text)
        self.ctx.status_message.emit(text.split("\n")[0])

    def _failed(self, message: str, cancelled: bool) -> None:
        self._say(message, error=not cancelled)
        if not cancelled:
            QMessageBox.warning(self, _("Export & synchro"), message)

    # -- folder --------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = self.folder.text() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, _("Dossier d'échange (clé USB)"), start)
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str) -> None:
        self.folder.setText(folder)
        set_exchange_folder(self.ctx.db, folder)
        self.refresh()

    def _folder_edited(self) -> None:
        if self.folder.text().strip() != exchange_folder(self.ctx.db):
            self.set_folder(self.folder.text().strip())

    # -- export ----------------------------------------------------------------------------------
    def export(self) -> None:
        target = self.export_target()
        if target is None:
            self.choose_folder()
            target = self.export_target()
            if target is None:
                return
        db, variant = self.ctx.db, EXCEL_FR if self.excel_fr.isChecked() else DEFAULT

        def work(progress):
            result = export_bundle(db, target, variant=variant, progress=progress)
            record_export(db, result)
            return result

        self._say(_("Export en cours…"))
        self.runner.start(work, self._exported)

    def _exported(self, result: ExportResult) -> None:
        self._say(_("Export terminé : {participants} participants, {attendance} présences dans {path}").format(
            participants=_count(result.counts, "participants.csv"), attendance=_count(result.counts, "attendance.csv"),
            path=result.directory))
        self.refresh()

    # -- merge -----------------------------------------------------------------------------------
    def merge(self) -> None:
        rows = self.bundle_table.selectionModel().selectedRows()
        if rows and not self.runner.busy:
            self.merge_directory(self.bundles[rows[0].row()].directory)

    def merge_other(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Lot d'un autre poste"), self.folder.text() or str(Path.home()))
        if folder:
            self.merge_directory(Path(folder))

    def merge_directory(self, directory: Path) -> None:
        db = self.ctx.db
        self._say(_("Fusion en cours…"))
        self.runner.start(lambda progress: merge_bundle(db, directory, progress=progress), self._merged)

    def _merged(self, report: MergeReport) -> None:
        details = report.as_dict()
        text = _("Fusion du lot de « {desk} » : {summary}").format(
            desk=report.source_desk.get("name", "?"), summary=merge_summary(details))
        self._say(text)
        self.ctx.participants_changed.emit()
        self.ctx.agenda_changed.emit()
        self.ctx.press_changed.emit()
        self.refresh()
        if report.conflicts:
            self._show_conflicts(text, report.conflicts)

    def _show_conflicts(self, text: str, conflicts: list[dict]) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, _("Fusion"), text, QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(_("Conflits réglés automatiquement : voir le détail."))
        lines = [f"{c['table']} {c['id']} : {c['reason']}" for c in conflicts[:SHOWN_CONFLICTS]]
        if len(conflicts) > SHOWN_CONFLICTS:
            lines.append(_("… et {count} autre(s)").format(count=len(conflicts) - SHOWN_CONFLICTS))
        box.setDetailedText("\n".join(lines))
        box.open()

    def _show_history_details(self, index) -> None:
        entry = self.history_entries[index.row()]
        if entry.action == "merge" and entry.details.get("conflicts"):
            self._show_conflicts(self._history_result(entry), entry.details["conflicts"])

    # -- import ----------------------------------------------------------------------------------
    def choose_import(self) -> None:
        if self.runner.busy:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Liste d'invités"), self.folder.text() or str(Path.home()),
            _("Listes (*.csv *.xlsx *.txt);;Tous les fichiers (*)"))
        if path:
            self.open_import(path)

    def open_import(self, path: str | Path) -> ImportDialog:
        dialog = ImportDialog(self.ctx, path, self)
        dialog.accepted.connect(lambda: self._imported(dialog.result_plan))
        dialog.open()
        return dialog

    def _imported(self, plan: ImportPlan | None) -> None:
        if plan is None:
            return
        self._say(_("Import de {name} : {summary}").format(name=plan.source.path.name, summary=plan_summary(plan)))
        self.ctx.participants_changed.emit()
        self.refresh()
