"""See a PDF in the app, then print it or save it: the preview of the documents.

``PdfPreviewDialog`` shows every page of a PDF (QtPdf's ``QPdfView``, pages on white)
with page navigation and zoom, and three actions: print through Qt's print dialog,
save as PDF (written atomically), close. Printing renders each page at 300 dpi onto the
``QPrinter`` in a worker thread (``kiosk.ui.badges.printing.print_document``) behind a
progress dialog that cancels, so the window never freezes.

``PdfJob`` runs any such long PDF work (making a document, printing it) off the GUI
thread; a job outlives the window that started it and is waited for at exit.
``written_pdf`` turns a ``write(path)`` function into bytes, through a temporary folder.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QPointF,
    QSettings,
    QStandardPaths,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk import APP_NAME
from kiosk.errors import KioskError
from kiosk.files import replaced_atomically
from kiosk.i18n import _
from kiosk.io.work import Cancelled
from kiosk.ui.badges.printing import (
    PrintCancelled,
    choice_of,
    describe_choice,
    document_layout,
    open_pdf,
    print_document,
)

SETTINGS_FOLDER = "documents/last_folder"
SETTINGS_PRINTER = "documents/printer"
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


def written_pdf(write: Callable[[Path], object], file_name: str = "document.pdf") -> tuple[bytes, object]:
    """Run ``write(path)`` on a path in a temporary folder; return the PDF's bytes and what ``write`` returned.

    The folder is removed in every case (a cancel or an error included).
    """
    with tempfile.TemporaryDirectory(prefix="kiosk-") as folder:
        path = Path(folder) / file_name
        result = write(path)
        return path.read_bytes(), result


# -- work off the GUI thread ---------------------------------------------------------
class PdfJob(QThread):
    """Runs ``work(job)`` off the GUI thread.

    Making a PDF reports with ``job.on_page`` (which raises ``Cancelled`` once asked);
    printing reports with ``job.report`` and polls ``job.is_cancelled``, so a cancel
    aborts the print job instead of sending half of it.
    """

    progressed = Signal(int, int)  # done, (estimated) total
    succeeded = Signal(object)  # what work returned
    failed = Signal(str)  # "" when cancelled by the user

    def __init__(self, work: Callable[[PdfJob], object], parent=None):
        super().__init__(parent)
        self._work = work
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def is_cancelled(self) -> bool:
        return self._cancelled

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    def on_page(self, page: int, estimate: int) -> None:
        if self._cancelled:
            raise Cancelled()
        self.report(page, estimate)

    def run(self) -> None:
        try:
            outcome = self._work(self)
        except (Cancelled, PrintCancelled):
            self.failed.emit("")  # the user asked for it: nothing to report
        except KioskError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(_("Impossible d'écrire le PDF : {error}").format(error=exc.strerror or exc))
        else:
            self.succeeded.emit(outcome)


# Jobs hold no parent: a window rebuilt mid-way (language switch) or closed must not
# destroy a running thread; they are dropped when finished, and waited for at exit.
_RUNNING: set[PdfJob] = set()
_waits_at_exit: list[bool] = []


def _finish_running_jobs() -> None:
    for job in list(_RUNNING):
        job.cancel()
        job.wait()


def _forget(job: PdfJob) -> None:
    _RUNNING.discard(job)
    job.deleteLater()


def start_job(job: PdfJob) -> None:
    """Start ``job`` once its owner has connected its signals (its cleanup runs after theirs)."""
    if not _waits_at_exit:
        QCoreApplication.instance().aboutToQuit.connect(_finish_running_jobs)
        _waits_at_exit.append(True)
    _RUNNING.add(job)
    job.finished.connect(lambda: _forget(job))
    job.start()


class JobProgress(QProgressDialog):
    """Window-modal progress of a ``PdfJob`` with "Annuler"; closes itself when the job ends."""

    def __init__(self, job: PdfJob, title: str, label: str, parent: QWidget):
        super().__init__(label, _("Annuler"), 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(400)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.canceled.connect(job.cancel)
        # Bound methods of this QObject: disconnected by Qt if the dialog goes away first.
        job.progressed.connect(self.show_progress)
        job.finished.connect(self.finish)
        self.setValue(0)  # starts the clock: shown after 400 ms even before the first page is done

    def show_progress(self, done: int, total: int) -> None:
        self.setMaximum(total)
        self.setValue(done)

    def finish(self) -> None:
        self.close()
        self.deleteLater()


# -- choosing the printer --------------------------------------------------------------
def ask_print_settings(printer: QPrinter, parent: QWidget, pages: int) -> bool:
    """Qt's print dialog on ``printer`` (all pages, a range or the current page); False when cancelled."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Imprimer le document"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
    dialog.setMinMax(1, pages)
    return dialog.exec() == QDialog.DialogCode.Accepted


def pages_to_print(printer: QPrinter, count: int, current: int) -> list[int]:
    """The 0-based pages the print dialog asked for, in the order asked."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        pages = [current]
    elif mode == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        pages = list(range(printer.fromPage() - 1, min(printer.toPage() or count, count)))
    else:
        pages = list(range(count))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


# -- the dialog ------------------------------------------------------------------------
class PdfPreviewDialog(QDialog):
    """A PDF on screen: PgUp/PgDn pages, +/- zoom, Ctrl+P print, Ctrl+S save, Esc close.

    ``choose_printer(printer, parent, pages) -> bool`` sets up the ``QPrinter`` (Qt's
    print dialog by default; tests give a PDF file instead of a printer).
    """

    printed = Signal(int, str)  # pages sent, where
    saved = Signal(str)  # path written

    def __init__(
        self,
        source: bytes | str | Path,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
        *,
        summary: str = "",
        note: str = "",
        choose_printer: Callable[[QPrinter, QWidget, int], bool] = ask_print_settings,
    ):
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(_("Aperçu — {title}").format(title=title))
        self.title, self.file_name, self.choose_printer = title, file_name, choose_printer
        self.data = source if isinstance(source, bytes) else Path(source).read_bytes()
        self.document, self._buffer = open_pdf(self.data)
        self.job: PdfJob | None = None
        self.progress: JobProgress | None = None

        self.view = QPdfView(self)
        self.view.setObjectName("previewView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.navigator = self.view.pageNavigator()
        self.navigator.currentPageChanged.connect(self._show_page)
        self.view.viewport().installEventFilter(self)

        self.previous_button = QPushButton(_("◀ Page précédente"))
        self.previous_button.setToolTip(_("Page précédente (Pg préc.)"))
        self.previous_button.clicked.connect(self.previous_page)
        self.page_label = QLabel()
        self.page_label.setObjectName("previewPage")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setMinimumWidth(self.page_label.fontMetrics().horizontalAdvance(_("Page {page} / {pages}").format(
            page=888, pages=888)) + 16)
        self.next_button = QPushButton(_("Page suivante ▶"))
        self.next_button.setToolTip(_("Page suivante (Pg suiv.)"))
        self.next_button.clicked.connect(self.next_page)
        self.zoom_out_button = QPushButton("−")
        self.zoom_out_button.setToolTip(_("Réduire (-)"))
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("previewZoom")
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("888 %") + 16)
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setToolTip(_("Agrandir (+)"))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_width_button = QPushButton(_("Pleine largeur (Ctrl+0)"))
        self.fit_width_button.clicked.connect(self.fit_width)
        self.fit_page_button = QPushButton(_("Page entière"))
        self.fit_page_button.clicked.connect(self.fit_page)
        for button in (self.previous_button, self.next_button, self.zoom_out_button, self.zoom_in_button,
                       self.fit_width_button, self.fit_page_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the view and the actions
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(button.sizeHint().height() + 8)

        tools = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_width_button,
                       self.fit_page_button):
            tools.addWidget(widget)

        self.note_label = QLabel(note)
        self.note_label.setObjectName("previewNote")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px; border-radius: 3px;")
        self.note_label.setVisible(bool(note))

        self.status_label = QLabel(summary)
        self.status_label.setObjectName("previewStatus")
        self.status_label.setWordWrap(True)
        self.print_button = QPushButton(_("Imprimer… (Ctrl+P)"))
        self.print_button.setObjectName("previewPrint")
        self.print_button.clicked.connect(self.print_pages)
        self.save_button = QPushButton(_("Enregistrer en PDF… (Ctrl+S)"))
        self.save_button.setObjectName("previewSave")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(_("Fermer (Échap)"))
        self.close_button.setObjectName("previewClose")
        self.close_button.clicked.connect(self.reject)
        self.print_button.setDefault(True)

        actions = QHBoxLayout()
        actions.addWidget(self.status_label, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.note_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

        keys = (
            (QKeySequence.StandardKey.MoveToNextPage, self.next_page),
            (QKeySequence.StandardKey.MoveToPreviousPage, self.previous_page),
            (QKeySequence(Qt.Key.Key_Home), self.first_page),
            (QKeySequence(Qt.Key.Key_End), self.last_page),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence(Qt.Key.Key_Plus), self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence(Qt.Key.Key_Minus), self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit_width),
            (QKeySequence.StandardKey.Print, self.print_pages),
            (QKeySequence.StandardKey.Save, self.save),
        )
        for sequence, slot in keys:
            QShortcut(sequence, self).activated.connect(slot)

        # The dialog owns the document, as its last child: deleted after the view, so the
        # view never reports a page change to a dialog being deleted (that crashes).
        self._buffer.setParent(self.document)
        self.document.setParent(self)
        self._show_page()
        self._show_zoom()
        self._size_to(parent)
        self.view.setFocus()

    def _size_to(self, parent: QWidget | None) -> None:
        """Most of the main window, centred on it (no window manager does that on a kiosk)."""
        if parent is None:
            self.resize(1000, 700)
            return
        window = parent.window()
        self.resize(round(window.width() * 0.92), round(window.height() * 0.94))
        centre = window.geometry().center()
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)

    # -- pages ---------------------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """0-based."""
        return self.navigator.currentPage()

    def go_to(self, page: int) -> None:
        """Scroll so that ``page`` (0-based) starts at the top of the view."""
        count = self.page_count()
        page = max(0, min(page, count - 1))
        if page == self.current_page():  # the view scrolls only when the page number changes
            if count == 1:
                self.view.verticalScrollBar().setValue(0)
            else:
                self.navigator.jump(page + 1 if page + 1 < count else page - 1, QPointF(), 0)
        self.navigator.jump(page, QPointF(), 0)
        self._show_page()

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def first_page(self) -> None:
        self.go_to(0)

    def last_page(self) -> None:
        self.go_to(self.page_count() - 1)

    def _show_page(self, *_args) -> None:
        page, count = self.current_page(), self.page_count()
        self.page_label.setText(_("Page {page} / {pages}").format(page=page + 1, pages=count))
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < count - 1)

    # -- zoom ----------------------------------------------------------------------------
    def zoom(self) -> float:
        """The scale on screen, 1.0 being the page's real size, whatever the zoom mode."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(self.current_page())
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        height = self.view.viewport().height() - margins.top() - margins.bottom()
        pixels_per_point = self.screen().logicalDotsPerInch() / 72  # as QPdfView counts
        scale = width / (points.width() * pixels_per_point)
        if self.view.zoomMode() == QPdfView.ZoomMode.FitInView:
            scale = min(scale, height / (points.height() * pixels_per_point))
        return scale

    def set_zoom(self, factor: float) -> None:
        page = self.current_page()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_RANGE[0], min(factor, ZOOM_RANGE[1])))
        self._zoomed(page)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        page = self.current_page()
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._zoomed(page)

    def fit_page(self) -> None:
        page = self.current_page()
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._zoomed(page)

    def _zoomed(self, page: int) -> None:
        """The page on show before the zoom stays on show, from its top (the view scrolls by itself)."""
        self.go_to(page)
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(_("{percent} %").format(percent=round(self.zoom() * 100)))
        self.zoom_in_button.setEnabled(self.zoom() < ZOOM_RANGE[1] - 1e-6)
        self.zoom_out_button.setEnabled(self.zoom() > ZOOM_RANGE[0] + 1e-6)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self._show_zoom()  # a fitted zoom changes with the view's size
        return super().eventFilter(watched, event)

    # -- print -----------------------------------------------------------------------------
    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        remembered = QSettings(APP_NAME, APP_NAME).value(SETTINGS_PRINTER, "")
        if remembered and remembered in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(remembered)
        printer.setFullPage(True)
        printer.setPageLayout(document_layout(self.document.pagePointSize(0)))
        printer.setDocName(self.title)
        return printer

    def print_pages(self) -> None:
        if self.job is not None:
            return
        printer = self._printer()
        if not self.choose_printer(printer, self, self.page_count()):
            return
        pages = pages_to_print(printer, self.page_count(), self.current_page())
        if not pages:
            QMessageBox.information(self, self.title, _("Aucune page à imprimer dans l'intervalle choisi."))
            return
        where = describe_choice(choice_of(printer))
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            QSettings(APP_NAME, APP_NAME).setValue(SETTINGS_PRINTER, printer.printerName())
        data = self.data

        def work(job: PdfJob) -> int:
            # ``printer`` is only used by this thread until the job ends.
            return print_document(data, printer, pages, progress=job.report, cancelled=job.is_cancelled)

        job = PdfJob(work)
        self.progress = JobProgress(job, self.title, _("Impression de {count} page(s) — {printer}…").format(
            count=len(pages), printer=where), self)
        self.progress.setObjectName("printProgress")
        self.progress.setMaximum(len(pages))
        job.succeeded.connect(lambda count: self._printed(count, where))
        job.failed.connect(self._print_failed)
        job.finished.connect(self._print_ended)
        self.job = job
        self.print_button.setEnabled(False)
        start_job(job)

    def _printed(self, count: int, where: str) -> None:
        self.status_label.setText(_("Imprimé : {count} page(s) — {printer}.").format(count=count, printer=where))
        self.printed.emit(count, where)

    def _print_failed(self, message: str) -> None:
        if not message:
            self.status_label.setText(_("Impression annulée : rien n'a été envoyé à l'imprimante."))
            return
        QMessageBox.warning(self, self.title, message)

    def _print_ended(self) -> None:
        self.job = None
        self.print_button.setEnabled(True)

    # -- save ------------------------------------------------------------------------------
    def save(self) -> None:
        settings = QSettings(APP_NAME, APP_NAME)
        folder = settings.value(SETTINGS_FOLDER, "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Enregistrer en PDF"), str(Path(folder) / self.file_name), _("Documents PDF (*.pdf)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            with replaced_atomically(path) as partial:
                partial.write_bytes(self.data)
        except OSError as exc:
            QMessageBox.warning(self, self.title, _("Impossible d'écrire {path} : {error}").format(
                path=path, error=exc.strerror or exc))
            return
        settings.setValue(SETTINGS_FOLDER, str(path.parent))
        self.status_label.setText(_("Enregistré : {path}").format(path=path))
        self.saved.emit(str(path))

    def reject(self) -> None:
        if self.job is not None:  # printing: Esc goes to the progress dialog's "Annuler" first
            return
        super().reject()


def show_pdf_preview(
    parent: QWidget, data: bytes, title: str, file_name: str, *, summary: str = "", note: str = "",
    status: Callable[[str], None] | None = None,
) -> PdfPreviewDialog:
    """Open the preview over ``parent`` (window-modal, deleted when closed); ``status`` hears of saves and prints."""
    dialog = PdfPreviewDialog(data, title, file_name, parent, summary=summary, note=note)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if status is not None:
        dialog.saved.connect(lambda path: status(_("{title} : PDF enregistré sous {path}").format(title=title, path=path)))
        dialog.printed.connect(lambda count, where: status(
            _("{title} : {count} page(s) imprimée(s) — {printer}.").format(title=title, count=count, printer=where)))
    dialog.open()
    return dialog
