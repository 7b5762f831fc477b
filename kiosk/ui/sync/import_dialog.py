"""Importing an invitee list: the columns (mapping step), a preview of every row and of
the changes, then the import itself, all in a worker thread.

Nothing is written before "Importer"; the import replans inside its transaction, so what
is written is exactly what the preview shows unless another desk changed the database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.i18n import _
from kiosk.io import headers as hdr
from kiosk.io.importer import (
    ADD,
    REJECT,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    apply_import,
    effective_mapping,
    plan_import,
    write_rejects,
)
from kiosk.io.source import SourceTable, read_source
from kiosk.ui.context import AppContext
from kiosk.ui.sync.worker import TaskRunner

WARN_BACKGROUND = QColor("#fff4d6")
REJECT_BACKGROUND = QColor("#fde2e1")
_ROOT = QModelIndex()


def action_labels() -> dict[str, str]:
    return {ADD: _("Ajout"), UPDATE: _("Mise à jour"), UNCHANGED: _("Inchangé"), REJECT: _("Refusée")}


def plan_summary(plan: ImportPlan) -> str:
    return _("{added} ajout(s), {updated} mise(s) à jour, {unchanged} inchangé(s), {rejected} refusée(s), "
             "{doubtful} à vérifier").format(
        added=plan.count(ADD), updated=plan.count(UPDATE), unchanged=plan.count(UNCHANGED),
        rejected=len(plan.rejected), doubtful=len({entry["row"] for entry in plan.warnings}),
    )


class PreviewModel(QAbstractTableModel):
    """One line per file row: row number, planned action, name, organisation, what changes or why."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []
        self.labels = action_labels()
        self.field_labels = hdr.field_labels()
        self.headers = [_("Ligne"), _("Action"), _("Nom"), _("Structure"), _("Détail")]

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.rows = list(plan.rows) if plan else []
        self.endResetModel()

    def rowCount(self, parent=_ROOT):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def detail(self, row) -> str:
        parts = [row.reason] if row.reason else []
        parts += [
            _("{field} : « {old} » → « {new} »").format(field=self.field_labels.get(name, name), old=old, new=new)
            for name, (old, new) in row.changes.items()
        ]
        return " ; ".join(parts + row.warnings)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return row.row
            if column == 1:
                return self.labels[row.action] + (" ⚠" if row.warnings else "")
            if column == 2:
                return row.name or " ".join(cell for cell in row.cells[:3] if cell)
            if column == 3:
                return row.values.get("organisation", "")
            return self.detail(row)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return self.detail(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.action == REJECT:
                return QBrush(REJECT_BACKGROUND)
            if row.warnings:
                return QBrush(WARN_BACKGROUND)
        return None


class ImportDialog(QDialog):
    """Columns, preview, import; ``result_plan`` holds the applied plan after ``accept``."""

    def __init__(self, ctx: AppContext, path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.source: SourceTable | None = None
        self.plan: ImportPlan | None = None
        self.result_plan: ImportPlan | None = None
        self.mapping_error = ""
        self._replan_pending = False
        self.runner = TaskRunner(self)
        self.setObjectName("importDialog")
        self.setWindowTitle(_("Importer une liste d'invités — {name}").format(name=self.path.name))
        self.resize(1100, 680)
        self._build()
        self.runner.progress.connect(self._progress)
        self.runner.failed.connect(self._failed)
        self.runner.busy_changed.connect(self._busy)
        self._start(self._read_and_plan, self._planned)

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.source_label = QLabel(_("Lecture de {name}…").format(name=self.path.name))
        self.source_label.setObjectName("importSource")
        self.source_label.setWordWrap(True)
        layout.addWidget(self.source_label)

        splitter = QSplitter(Qt.Orientation.Vertical)
        columns_box = QWidget()
        columns_layout = QVBoxLayout(columns_box)
        columns_layout.setContentsMargins(0, 0, 0, 0)
        self.mapping_hint = QLabel()
        self.mapping_hint.setObjectName("mappingHint")
        self.mapping_hint.setWordWrap(True)
        columns_layout.addWidget(self.mapping_hint)
        self.columns = QTableWidget(0, 3)
        self.columns.setObjectName("mappingTable")
        self.columns.setHorizontalHeaderLabels([_("Colonne du fichier"), _("Exemple"), _("Champ Kiosk")])
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.columns.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.columns.verticalHeader().setVisible(False)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        columns_layout.addWidget(self.columns)
        splitter.addWidget(columns_box)

        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        preview_layout.addWidget(self.summary)
        self.model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("importPreview")
        self.preview.setModel(self.model)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().setVisible(False)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 120, 220, 240)):
            self.preview.setColumnWidth(column, width)
        preview_layout.addWidget(self.preview)
        splitter.addWidget(preview_box)
        splitter.setSizes([220, 420])
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setVisible(False)
        bottom.addWidget(self.progress, 1)
        self.rejects_button = QPushButton(_("Enregistrer les lignes à revoir…"))
        self.rejects_button.setObjectName("saveRejectsButton")
        self.rejects_button.setToolTip(_("Les lignes refusées ou à vérifier, avec leur numéro et le motif, en CSV pour Excel"))
        self.rejects_button.clicked.connect(self.save_rejects)
        bottom.addWidget(self.rejects_button)
        self.cancel_button = QPushButton(_("Annuler"))
        self.cancel_button.clicked.connect(self._cancel)
        bottom.addWidget(self.cancel_button)
        self.import_button = QPushButton(_("Importer"))
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.apply)
        bottom.addWidget(self.import_button)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.apply)

    # -- work -------------------------------------------------------------------------------
    def _start(self, function, on_done) -> None:
        self.runner.start(function, on_done)

    def _read_and_plan(self, progress):
        source = read_source(self.path)
        return source, self._plan(source, None, progress)

    def _plan(self, source: SourceTable, mapping, progress):
        try:
            return plan_import(self.ctx.db, source, mapping, progress=progress), ""
        except KioskError as exc:
            return None, str(exc)

    def _planned(self, result) -> None:
        source, (plan, error) = result
        first_time = self.source is None
        self.source, self.plan, self.mapping_error = source, plan, error
        self.source_label.setText(
            f"<b>{self.path.name}</b> — {source.describe()}"
            + "".join(f"<br><span style='color:#9a5b00'>{warning}</span>" for warning in source.warnings)
        )
        if first_time:
            self._fill_columns(effective_mapping(source.headers))
        self._show_plan()

    def _fill_columns(self, mapping: dict[int, str]) -> None:
        labels = hdr.field_labels()
        self.columns.setRowCount(len(self.source.headers))
        sample = self.source.rows[0][1] if self.source.rows else []
        for index, header in enumerate(self.source.headers):
            self.columns.setItem(index, 0, QTableWidgetItem(header or _("(sans titre)")))
            self.columns.setItem(index, 1, QTableWidgetItem(sample[index] if index < len(sample) else ""))
            combo = QComboBox()
            combo.setObjectName(f"mapping_{index}")
            combo.addItem(_("— ignorer —"), None)
            for name in hdr.FIELDS:
                combo.addItem(labels[name], name)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(index))))
            if index not in mapping:
                self.columns.item(index, 0).setBackground(QBrush(WARN_BACKGROUND))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.columns.setCellWidget(index, 2, combo)
        self.columns.resizeColumnToContents(2)

    def mapping(self) -> dict[int, str]:
        found = {}
        for index in range(self.columns.rowCount()):
            name = self.columns.cellWidget(index, 2).currentData()
            if name:
                found[index] = name
        return found

    def set_field(self, column: int, field: str | None) -> None:
        combo = self.columns.cellWidget(column, 2)
        combo.setCurrentIndex(max(0, combo.findData(field)))

    def _mapping_changed(self) -> None:
        if self.source is None:
            return
        if self.runner.busy:
            self._replan_pending = True
            self.runner.cancel()
            return
        self._replan()

    def _replan(self) -> None:
        source, mapping = self.source, self.mapping()
        self._start(lambda progress: (source, self._plan(source, mapping, progress)), self._planned)

    def _show_plan(self) -> None:
        unknown = [h for index, h in enumerate(self.source.headers) if h and index not in self.mapping()]
        hint = _("Vérifiez à quel champ correspond chaque colonne.")
        if unknown:
            hint += " " + _("Colonnes non reconnues (ignorées si vous ne choisissez rien) : {columns}").format(
                columns=", ".join(unknown))
        self.mapping_hint.setText(hint)
        self.model.set_plan(self.plan)
        if self.plan is None:
            self.summary.setText(self.mapping_error)
            self.summary.setStyleSheet("color: #b00020")
        else:
            self.summary.setStyleSheet("")
            self.summary.setText(_("Aperçu (rien n'est encore écrit) : {summary}").format(summary=plan_summary(self.plan)))
        self._busy(self.runner.busy)

    def _progress(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        if not busy and self._replan_pending:
            self._replan_pending = False
            self._replan()
            return
        self.progress.setVisible(busy)
        can_import = not busy and self.plan is not None and (self.plan.count(ADD) + self.plan.count(UPDATE)) > 0
        self.import_button.setEnabled(can_import)
        self.rejects_button.setEnabled(not busy and self.plan is not None and bool(self.plan.rejected or self.plan.warnings))
        self.columns.setEnabled(self.source is not None)

    def _failed(self, message: str, cancelled: bool) -> None:
        if cancelled:
            return
        if self.source is None:
            QMessageBox.warning(self, _("Import impossible"), message)
            self.reject()
            return
        self.summary.setText(message)
        self.summary.setStyleSheet("color: #b00020")

    # -- actions ----------------------------------------------------------------------------
    def apply(self) -> None:
        if not self.import_button.isEnabled():
            return
        source, mapping = self.source, self.mapping()
        self.import_button.setEnabled(False)
        self._start(lambda progress: apply_import(self.ctx.db, source, mapping, progress=progress), self._applied)

    def _applied(self, plan: ImportPlan) -> None:
        self.result_plan = plan
        self.accept()

    def save_rejects(self) -> None:
        if self.plan is None:
            return
        default = str(self.path.with_name(self.path.stem + "-a-revoir.csv"))
        path, _filter = QFileDialog.getSaveFileName(self, _("Lignes à revoir"), default, _("CSV (*.csv)"))
        if not path:
            return
        try:
            count = write_rejects(self.plan, path)
        except OSError as exc:
            QMessageBox.warning(self, _("Lignes à revoir"), _("Écriture impossible : {error}").format(error=exc.strerror))
            return
        self.ctx.status_message.emit(_("{count} ligne(s) à revoir enregistrée(s) dans {path}").format(count=count, path=path))

    def _cancel(self) -> None:
        if self.runner.busy:
            self.runner.cancel()
        self.reject()

    def done(self, result: int) -> None:
        self.runner.wait()
        super().done(result)
