"""Badge printing through Qt: preview with QtPdf, print with QtPrintSupport, in a worker thread.

The badge PDF (``kiosk.pdf.badges``) is the one source of truth: the preview and every
printed page are that PDF rendered by QtPdf, flattened on white (QtPdf renders on a
transparent background), and painted onto a ``QPrinter`` whose page is exactly the
badge format with no margins. The chosen printer is remembered per desk as plain data
(``{"name", "output_file"}``); "print to file" in Qt's dialog is kept the same way.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QObject,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget
from reportlab.lib.units import mm

from kiosk.core.badges import BadgeData
from kiosk.core.event import EventInfo
from kiosk.errors import KioskError
from kiosk.files import replaced_atomically
from kiosk.i18n import _
from kiosk.pdf.badges import (
    BadgeFormat,
    BadgeIssue,
    BuildCancelled,
    badges_pdf_bytes,
    build_badges,
    get_format,
)

PRINT_DPI = 300  # raster resolution sent to the printer (card printers are 300 dpi)


class PrintCancelled(Exception):
    pass


def open_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over ``data`` (keep the buffer alive as long as the document)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise KioskError(_("QtPdf n'a pas pu ouvrir le PDF ({status})").format(status=document.status().name))
    return document, buffer


def render_page(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """Page ``page`` rendered at ``size`` pixels, flattened on white."""
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def preview_image(data: bytes, width: int) -> QImage:
    """The first page of a badge PDF, ``width`` pixels wide, on white."""
    document, _buffer = open_pdf(data)
    points = document.pagePointSize(0)
    size = QSize(width, round(width * points.height() / points.width()))
    return render_page(document, 0, size)


def _layout(width: float, height: float, unit: QPageSize.Unit, name: str,
            policy: QPageSize.SizeMatchPolicy) -> QPageLayout:
    size = QPageSize(QSizeF(min(width, height), max(width, height)), unit, name, policy)
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def page_layout(fmt: BadgeFormat) -> QPageLayout:
    """The format's exact page, margins at zero."""
    return _layout(fmt.page[0] / mm, fmt.page[1] / mm, QPageSize.Unit.Millimeter, fmt.key,
                   QPageSize.SizeMatchPolicy.ExactMatch)


def document_layout(points: QSizeF) -> QPageLayout:
    """A PDF page's own size (in points), margins at zero; a standard paper keeps its name (A4)."""
    return _layout(points.width(), points.height(), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)


def make_printer(choice: dict | None, fmt: BadgeFormat) -> QPrinter:
    """A QPrinter for a remembered choice, set to the badge format's page."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    choice = choice or {}
    if choice.get("output_file"):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(choice["output_file"])
    elif choice.get("name"):
        printer.setPrinterName(choice["name"])
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(fmt))
    printer.setDocName(_("Badges Kiosk"))
    return printer


def choice_of(printer: QPrinter) -> dict:
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return {"name": "", "output_file": printer.outputFileName()}
    return {"name": printer.printerName(), "output_file": ""}


def describe_choice(choice: dict | None) -> str:
    if not choice:
        return _("aucune imprimante choisie")
    if choice.get("output_file"):
        return _("fichier PDF {path}").format(path=choice["output_file"])
    return choice.get("name") or _("imprimante par défaut")


def choice_available(choice: dict | None) -> bool:
    """True when the remembered printer can be used without asking again."""
    if not choice:
        return False
    if choice.get("output_file"):
        return Path(choice["output_file"]).parent.is_dir()
    return choice.get("name", "") in QPrinterInfo.availablePrinterNames()


def ask_printer(parent: QWidget, choice: dict | None, fmt: BadgeFormat) -> dict | None:
    """Qt's print dialog, starting from the remembered choice; None when cancelled."""
    printer = make_printer(choice, fmt)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Imprimante des badges"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return choice_of(printer)


def print_pdf(data: bytes, choice: dict, fmt: BadgeFormat, progress=None, cancelled=None) -> int:
    """Send every page of ``data`` to the chosen printer, on the badge format's page."""
    return print_document(data, make_printer(choice, fmt), progress=progress, cancelled=cancelled)


def print_document(data: bytes, printer: QPrinter, pages: Sequence[int] | None = None,
                   progress=None, cancelled=None) -> int:
    """Paint ``pages`` of ``data`` (0-based, all by default) onto a set-up ``printer``; returns the pages sent.

    Each page is rendered at ``PRINT_DPI`` and fills the paper with its proportions kept
    (a badge on its own format fills it exactly). Raises ``PrintCancelled`` (and aborts
    the job, nothing is printed) when ``cancelled()`` turns true before the last page.
    """
    document, _buffer = open_pdf(data)
    pages = list(range(document.pageCount())) if pages is None else list(pages)
    painter = QPainter()
    if not painter.begin(printer):
        raise KioskError(_("Impossible d'imprimer sur {printer}.").format(printer=describe_choice(choice_of(printer))))
    try:
        paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        for done, page in enumerate(pages):
            if cancelled is not None and cancelled():
                printer.abort()
                raise PrintCancelled()
            if done:
                printer.newPage()
            points = document.pagePointSize(page)
            pixels = QSize(round(points.width() / 72 * PRINT_DPI), round(points.height() / 72 * PRINT_DPI))
            scale = min(paper.width() / points.width(), paper.height() / points.height())
            target = QRectF(0, 0, points.width() * scale, points.height() * scale)
            target.moveCenter(QPointF(paper.width() / 2, paper.height() / 2))
            painter.drawImage(target, render_page(document, page, pixels))
            if progress is not None:
                progress(done + 1, len(pages))
    finally:
        if painter.isActive():
            painter.end()
    return len(pages)


_job_ids = itertools.count(1)


@dataclass
class PrintJob:
    """One thing to print or save, handed to the worker thread as plain data."""

    badges: list[BadgeData]
    format_key: str
    crop_marks: bool = True
    printer: dict | None = None  # where to print; None with ``output`` set: save a file
    output: str | None = None
    reprint_reason: str = ""
    kind: str = "single"  # "auto", "single", "batch" or "file"
    id: int = field(default_factory=lambda: next(_job_ids))
    cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    issues: list[BadgeIssue] = field(default_factory=list)

    @property
    def is_print(self) -> bool:
        return self.output is None


class PrintWorker(QObject):
    """Builds and prints jobs one after the other, in the print thread."""

    progress = Signal(object, int, int)  # job, done, total
    done = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal(object)

    def __init__(self, event: EventInfo):
        super().__init__()
        self.event_info = event  # not "event": that would hide QObject.event()

    @Slot(object)
    def run(self, job: PrintJob) -> None:
        fmt = get_format(job.format_key)
        count = len(job.badges)
        pages = -(-count // fmt.per_page)
        total = count + (pages if job.is_print else 0)
        step = max(1, total // 100)

        def building(done: int, _total: int) -> None:
            if done % step == 0 or done == count:
                self.progress.emit(job, done, total)

        def printing(done: int, _total: int) -> None:
            self.progress.emit(job, count + done, total)

        try:
            if job.cancel.is_set():
                raise BuildCancelled()
            if job.is_print:
                data, result = badges_pdf_bytes(job.badges, fmt.key, self.event_info, crop_marks=job.crop_marks,
                                                progress=building, cancelled=job.cancel.is_set)
                print_pdf(data, job.printer or {}, fmt, printing, job.cancel.is_set)
            else:
                with replaced_atomically(job.output) as partial:
                    result = build_badges(partial, job.badges, fmt.key, self.event_info, crop_marks=job.crop_marks,
                                          progress=building, cancelled=job.cancel.is_set)
            job.issues = result.issues
        except (BuildCancelled, PrintCancelled):
            self.cancelled.emit(job)
        except KioskError as exc:
            self.failed.emit(job, str(exc))
        except OSError as exc:
            self.failed.emit(job, _("Écriture impossible : {error}").format(error=exc))
        else:
            self.done.emit(job)


class PrintQueue(QObject):
    """Jobs run in order in one worker thread, which only runs while there is work.

    ``done``, ``failed``, ``cancelled`` and ``progress`` arrive on the GUI thread.
    """

    _run = Signal(object)
    progress = Signal(object, int, int)
    done = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal(object)

    def __init__(self, event: EventInfo, parent: QObject | None = None):
        super().__init__(parent)
        self.pending: dict[int, PrintJob] = {}
        self._thread = QThread(self)
        self._thread.setObjectName("badgePrinting")
        self._worker = PrintWorker(event)
        self._worker.moveToThread(self._thread)
        self._run.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        # Bound methods of this GUI-thread object: queued, so they run on the GUI thread.
        self._worker.done.connect(self._on_done)
        self._worker.cancelled.connect(self._on_cancelled)
        self._worker.failed.connect(self._on_failed)

    def submit(self, job: PrintJob) -> PrintJob:
        self.pending[job.id] = job
        if not self._thread.isRunning():
            self._thread.start()
        self._run.emit(job)
        return job

    def busy_with(self, participant_id: str) -> bool:
        return any(badge.participant_id == participant_id for job in self.pending.values() for badge in job.badges)

    def cancel(self, job: PrintJob | None = None) -> None:
        for pending in ([job] if job is not None else list(self.pending.values())):
            pending.cancel.set()

    @Slot(object)
    def _on_done(self, job: PrintJob) -> None:
        self._forget(job)
        self.done.emit(job)

    @Slot(object)
    def _on_cancelled(self, job: PrintJob) -> None:
        self._forget(job)
        self.cancelled.emit(job)

    @Slot(object, str)
    def _on_failed(self, job: PrintJob, message: str) -> None:
        self._forget(job)
        self.failed.emit(job, message)

    def _forget(self, job: PrintJob) -> None:
        self.pending.pop(job.id, None)
        if not self.pending:
            self._thread.quit()
            self._thread.wait()

    def shutdown(self) -> None:
        """Cancel what is left and stop the thread (the window is closing)."""
        self.cancel()
        self._thread.quit()
        self._thread.wait()
