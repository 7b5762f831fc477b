"""The "Documents" menu: the day's attendance sheet and the end-of-event report.

The PDF is made in a worker thread with a progress dialog that can cancel, then shown
in the preview (``kiosk.ui.pdf_preview``), where it is printed or saved as PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from kiosk.core.formats import format_day
from kiosk.i18n import _
from kiosk.ui.context import AppContext
from kiosk.ui.pdf_preview import JobProgress, PdfJob, show_pdf_preview, start_job, written_pdf


@dataclass(frozen=True)
class Outcome:
    data: bytes
    file_name: str  # suggested when saving
    summary: str
    empty: bool = False


class DocumentsMenu(QObject):
    """Builds the menu on the main window and runs its two documents."""

    def __init__(self, window: QMainWindow, ctx: AppContext):
        super().__init__(window)
        self.window = window
        self.title = ""
        self.ctx = ctx
        self.job: PdfJob | None = None
        self.progress: JobProgress | None = None
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

    # -- the two documents -------------------------------------------------------
    def make_sheet(self) -> None:
        from kiosk.pdf.sheet import write_sheet

        day = self.ctx.day
        db, event = self.ctx.db, self.ctx.event
        file_name = _("feuille-de-presence-{day}.pdf").format(day=day.isoformat())

        def work(job: PdfJob) -> Outcome:
            data, (sheet, pages) = written_pdf(lambda path: write_sheet(db, event, day, path, on_page=job.on_page))
            return Outcome(data, file_name, _("Feuille de présence du {day} : {count} présent(s), {pages} page(s).").format(
                day=format_day(day), count=len(sheet.people), pages=pages), empty=not sheet.people)

        self._run(_("Feuille de présence"), _("Préparation de la feuille de présence…"), work)

    def make_report(self) -> None:
        from kiosk.pdf.report import write_report

        db, event = self.ctx.db, self.ctx.event
        file_name = _("bilan-{event}.pdf").format(event=event.start_date.isoformat())

        def work(job: PdfJob) -> Outcome:
            data, (summary, pages) = written_pdf(lambda path: write_report(db, event, path, on_page=job.on_page))
            return Outcome(data, file_name, _("Bilan : {present} personne(s) venue(s) sur {registered} inscrite(s), {pages} page(s).").format(
                present=summary.overall.total, registered=summary.registered, pages=pages))

        self._run(_("Bilan de l'événement"), _("Préparation du bilan…"), work)

    # -- running -----------------------------------------------------------------
    def _run(self, title: str, label: str, work: Callable[[PdfJob], Outcome]) -> None:
        if self.job is not None:
            return
        job = PdfJob(work)
        progress = JobProgress(job, title, label, self.window)
        progress.setObjectName("documentProgress")
        # Bound methods of this QObject: disconnected by Qt if the window goes away first.
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        job.finished.connect(self._cleanup)
        self.job, self.progress, self.title = job, progress, title
        start_job(job)

    def _cleanup(self) -> None:
        self.job = self.progress = None

    def _done(self, outcome: Outcome) -> None:
        self.ctx.status_message.emit(outcome.summary)
        note = ""
        if outcome.empty:
            note = _("Personne n'est encore enregistré présent ce jour-là : la feuille ne contient que l'en-tête.")
        show_pdf_preview(self.window, outcome.data, self.title, outcome.file_name, summary=outcome.summary, note=note,
                         status=self.ctx.status_message.emit)

    def _failed(self, message: str) -> None:
        if not message:  # cancelled by the user
            self.ctx.status_message.emit(_("Document annulé : rien n'a été enregistré."))
            return
        QMessageBox.warning(self.window, self.title, message)


def add_documents_menu(window: QMainWindow, ctx: AppContext) -> DocumentsMenu:
    """The "Documents" menu on ``window`` (kept alive by the window)."""
    menu = DocumentsMenu(window, ctx)
    window.documents_menu = menu  # type: ignore[attr-defined]
    return menu

