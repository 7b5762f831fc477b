"""The "Documents" menu: the day's attendance sheet and the end-of-event report as PDFs.

The PDF is written in a worker thread with a progress dialog that can cancel (a file
already at that place is then left as it was); when done, the user can open it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QThread,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog

from kiosk import APP_NAME
from kiosk.core.formats import format_day
from kiosk.errors import KioskError
from kiosk.i18n import _
from kiosk.io.work import Cancelled
from kiosk.ui.context import AppContext

SETTINGS_FOLDER = "documents/last_folder"


@dataclass(frozen=True)
class Outcome:
    path: Path
    summary: str
    empty: bool = False


class DocumentJob(QThread):
    """Runs ``work(on_page)`` off the GUI thread; ``on_page`` raises ``Cancelled`` once asked."""

    progressed = Signal(int, int)  # page, estimated pages
    succeeded = Signal(object)  # Outcome
    failed = Signal(str)

    def __init__(self, work: Callable[[Callable[[int, int], None]], Outcome], parent=None):
        super().__init__(parent)
        self._work = work
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def _on_page(self, page: int, estimate: int) -> None:
        if self._cancelled:
            raise Cancelled()
        self.progressed.emit(page, estimate)

    def run(self) -> None:
        try:
            outcome = self._work(self._on_page)
        except Cancelled:
            self.failed.emit("")  # the user asked for it: nothing to report
        except KioskError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(_("Impossible d'écrire le PDF : {error}").format(error=exc.strerror or exc))
        else:
            self.succeeded.emit(outcome)


# Jobs hold no parent: a window rebuilt mid-way (language switch) or closed must not
# destroy a running thread; they are dropped when finished, and waited for at exit.
_RUNNING: set[DocumentJob] = set()
_waits_at_exit: list[bool] = []


def _finish_running_jobs() -> None:
    for job in list(_RUNNING):
        job.cancel()
        job.wait()


def _forget(job: DocumentJob) -> None:
    _RUNNING.discard(job)
    job.deleteLater()


class DocumentsMenu(QObject):
    """Builds the menu on the main window and runs its two documents."""

    def __init__(self, window: QMainWindow, ctx: AppContext):
        super().__init__(window)
        self.window = window
        self.title = ""
        self.ctx = ctx
        self.job: DocumentJob | None = None
        self.progress: QProgressDialog | None = None
        menu = window.menuBar().addMenu(_("&Documents"))
        menu.setObjectName("documentsMenu")
        self.sheet_action = QAction(window)
        self.sheet_action.setObjectName("sheetAction")
        self.sheet_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.sheet_action.triggered.connect(self.make_sheet)
        self.report_action = QAction(_("Bilan de l'événement (PDF)…"), window)
        self.report_action.setObjectName("reportAction")
        self.report_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.report_action.triggered.connect(self.make_report)
        for action in (self.sheet_action, self.report_action):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            menu.addAction(action)
            window.addAction(action)
        self._name_sheet_action(ctx.day)
        ctx.day_changed.connect(self._name_sheet_action)

    def _name_sheet_action(self, day) -> None:
        self.sheet_action.setText(_("Feuille de présence du {day} (PDF)…").format(day=format_day(day)))

    # -- choosing where ----------------------------------------------------------
    def _ask_path(self, title: str, file_name: str) -> Path | None:
        settings = QSettings(APP_NAME, APP_NAME)
        folder = settings.value(SETTINGS_FOLDER, "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, title, str(Path(folder) / file_name), _("Documents PDF (*.pdf)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        settings.setValue(SETTINGS_FOLDER, str(path.parent))
        return path

    # -- the two documents -------------------------------------------------------
    def make_sheet(self) -> None:
        from kiosk.pdf.sheet import write_sheet

        day = self.ctx.day
        title = _("Feuille de présence")
        path = self._ask_path(title, _("feuille-de-presence-{day}.pdf").format(day=day.isoformat()))
        if path is None:
            return
        db, event = self.ctx.db, self.ctx.event

        def work(on_page) -> Outcome:
            sheet, pages = write_sheet(db, event, day, path, on_page=on_page)
            return Outcome(path, _("Feuille de présence du {day} : {count} présent(s), {pages} page(s).").format(
                day=format_day(day), count=len(sheet.people), pages=pages), empty=not sheet.people)

        self._run(title, _("Préparation de la feuille de présence…"), work)

    def make_report(self) -> None:
        from kiosk.pdf.report import write_report

        title = _("Bilan de l'événement")
        path = self._ask_path(title, _("bilan-{event}.pdf").format(event=self.ctx.event.start_date.isoformat()))
        if path is None:
            return
        db, event = self.ctx.db, self.ctx.event

        def work(on_page) -> Outcome:
            summary, pages = write_report(db, event, path, on_page=on_page)
            return Outcome(path, _("Bilan : {present} personne(s) venue(s) sur {registered} inscrite(s), {pages} page(s).").format(
                present=summary.overall.total, registered=summary.registered, pages=pages))

        self._run(title, _("Préparation du bilan…"), work)

    # -- running -----------------------------------------------------------------
    def _run(self, title: str, label: str, work) -> None:
        if self.job is not None:
            return
        progress = QProgressDialog(label, _("Annuler"), 0, 0, self.window)
        progress.setObjectName("documentProgress")
        progress.setWindowTitle(title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        job = DocumentJob(work)
        if not _waits_at_exit:
            QCoreApplication.instance().aboutToQuit.connect(_finish_running_jobs)
            _waits_at_exit.append(True)
        _RUNNING.add(job)
        # Bound methods of this QObject: disconnected by Qt if the window goes away first.
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        job.finished.connect(self._cleanup)
        job.finished.connect(lambda: _forget(job))  # last: after the menu's own handlers
        progress.canceled.connect(job.cancel)
        self.job, self.progress, self.title = job, progress, title
        job.start()

    def _progressed(self, page: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(page)

    def _cleanup(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
        self.job = self.progress = None

    def _done(self, outcome: Outcome) -> None:
        self.ctx.status_message.emit(_("{summary} Enregistré : {path}").format(summary=outcome.summary, path=outcome.path))
        box = QMessageBox(QMessageBox.Icon.Information, self.title, outcome.summary, parent=self.window)
        box.setObjectName("documentDone")
        where = str(outcome.path)
        if outcome.empty:
            where = _("Personne n'est encore enregistré présent ce jour-là : la feuille ne contient que l'en-tête.") + "\n\n" + where
        box.setInformativeText(where)
        open_button = box.addButton(_("Ouvrir le PDF"), QMessageBox.ButtonRole.AcceptRole)
        open_button.setObjectName("documentOpen")
        box.addButton(_("Fermer"), QMessageBox.ButtonRole.RejectRole).setObjectName("documentClose")
        box.setDefaultButton(open_button)
        box.finished.connect(lambda _result: box.clickedButton() is open_button and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(outcome.path))))
        box.open()

    def _failed(self, message: str) -> None:
        if not message:  # cancelled by the user
            self.ctx.status_message.emit(_("Document annulé : aucun fichier modifié."))
            return
        QMessageBox.warning(self.window, self.title, message)


def add_documents_menu(window: QMainWindow, ctx: AppContext) -> DocumentsMenu:
    """The "Documents" menu on ``window`` (kept alive by the window)."""
    menu = DocumentsMenu(window, ctx)
    window.documents_menu = menu  # type: ignore[attr-defined]
    return menu

