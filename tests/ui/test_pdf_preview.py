"""The PDF preview: pages and keys, zoom, printing through QPrinter (to a PDF file), saving."""

import gc
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from kiosk.ui import pdf_preview
from kiosk.ui.pdf_preview import PdfPreviewDialog, pages_to_print


def make_pdf(pages: int, size=A4) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size)
    for page in range(pages):
        canvas.drawString(72, size[1] - 72, f"Page numero {page + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


class PrintToFile:
    """Stands in for Qt's print dialog: the printer writes a PDF file instead."""

    def __init__(self, path, set_up=None):
        self.path, self.set_up, self.asked = path, set_up, []

    def __call__(self, printer: QPrinter, _parent, pages: int) -> bool:
        self.asked.append((printer.pageLayout().pageSize().id(), pages))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.path))
        if self.set_up is not None:
            self.set_up(printer)
        return True


@pytest.fixture
def preview(qtbot, tmp_path):
    def build(data=None, **options) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(data or make_pdf(5), "Essai", "essai.pdf", **options)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts only reach the active window
        return dialog

    return build


def printed_pages(path) -> list:
    return PdfReader(path).pages


def test_page_count_and_navigation_keys(preview, qtbot):
    dialog = preview()
    assert dialog.page_count() == 5
    assert dialog.page_label.text() == "Page 1 / 5"
    assert not dialog.previous_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)
    assert (dialog.current_page(), dialog.page_label.text()) == (1, "Page 2 / 5")
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)
    assert dialog.page_label.text() == "Page 3 / 5"
    qtbot.keyClick(dialog, Qt.Key.Key_PageUp)
    assert dialog.page_label.text() == "Page 2 / 5"
    qtbot.keyClick(dialog, Qt.Key.Key_End)
    assert dialog.page_label.text() == "Page 5 / 5" and not dialog.next_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)  # stays on the last page
    assert dialog.current_page() == 4
    qtbot.keyClick(dialog, Qt.Key.Key_Home)
    assert dialog.page_label.text() == "Page 1 / 5"
    dialog.next_button.click()
    assert dialog.current_page() == 1


def test_scrolling_follows_the_page(preview, qtbot):
    dialog = preview()
    bar = dialog.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: dialog.page_label.text() == "Page 5 / 5")


def test_zoom_keys_and_fit_width(preview, qtbot):
    dialog = preview()
    fitted = dialog.zoom()
    assert dialog.zoom_label.text() == f"{round(fitted * 100)} %"
    qtbot.keyClick(dialog, Qt.Key.Key_Plus)
    assert dialog.zoom() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus)
    assert dialog.zoom() == pytest.approx(fitted / 1.25)
    assert dialog.zoom_label.text() == f"{round(fitted / 1.25 * 100)} %"
    qtbot.keyClick(dialog, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom() == pytest.approx(fitted)
    dialog.fit_page_button.click()  # the whole page is narrower than the width
    assert dialog.zoom() < fitted
    for _step in range(20):
        dialog.zoom_in_button.click()
    assert dialog.zoom() == pytest.approx(4.0) and not dialog.zoom_in_button.isEnabled()


def test_print_renders_every_page_onto_the_printer(preview, qtbot, tmp_path):
    chooser = PrintToFile(tmp_path / "imprime.pdf")
    dialog = preview(choose_printer=chooser)
    with qtbot.waitSignal(dialog.printed, timeout=30000) as printed:
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert chooser.asked[0][1] == 5
    assert printed.args[0] == 5 and str(tmp_path / "imprime.pdf") in printed.args[1]
    pages = printed_pages(tmp_path / "imprime.pdf")
    assert len(pages) == 5
    assert all(len(list(page.images)) == 1 for page in pages)  # each page drawn as one image...
    assert pages[0].images[0].image.size == (round(A4[0] / 72 * 300), round(A4[1] / 72 * 300))  # ...at 300 dpi
    # The printer was set to the document's own paper (A4 portrait, Qt rounds to whole points).
    assert float(pages[0].mediabox.width) == pytest.approx(A4[0], abs=1)
    assert float(pages[0].mediabox.height) == pytest.approx(A4[1], abs=1)
    assert "5 page(s)" in dialog.status_label.text()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.print_button.isEnabled())


def test_print_a_landscape_document_on_landscape_paper(preview, qtbot, tmp_path):
    dialog = preview(make_pdf(2, landscape(A4)), choose_printer=PrintToFile(tmp_path / "paysage.pdf"))
    with qtbot.waitSignal(dialog.printed, timeout=30000):
        dialog.print_button.click()
    page = printed_pages(tmp_path / "paysage.pdf")[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_print_a_range_or_the_current_page(preview, qtbot, tmp_path):
    def pages_two_to_three(printer: QPrinter) -> None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)

    dialog = preview(choose_printer=PrintToFile(tmp_path / "plage.pdf", pages_two_to_three))
    with qtbot.waitSignal(dialog.printed, timeout=30000) as printed:
        dialog.print_button.click()
    assert printed.args[0] == 2 and len(printed_pages(tmp_path / "plage.pdf")) == 2
    qtbot.waitUntil(lambda: dialog.job is None)

    dialog.choose_printer = PrintToFile(
        tmp_path / "courante.pdf", lambda printer: printer.setPrintRange(QPrinter.PrintRange.CurrentPage))
    dialog.last_page()
    with qtbot.waitSignal(dialog.printed, timeout=30000) as printed:
        dialog.print_button.click()
    assert printed.args[0] == 1 and len(printed_pages(tmp_path / "courante.pdf")) == 1


def test_pages_to_print_follows_the_dialog():
    printer = QPrinter()
    assert pages_to_print(printer, 4, 2) == [0, 1, 2, 3]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(3, 9)  # beyond the end: up to the last page
    assert pages_to_print(printer, 4, 0) == [2, 3]
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert pages_to_print(printer, 4, 0) == [3, 2]
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert pages_to_print(printer, 4, 1) == [1]


def test_cancelled_print_sends_nothing(preview, qtbot, tmp_path, monkeypatch):
    real_start = pdf_preview.start_job

    def start_then_cancel(job):
        job.cancel()  # as "Annuler" pressed before the first page is sent
        real_start(job)

    monkeypatch.setattr(pdf_preview, "start_job", start_then_cancel)
    printed = []
    dialog = preview(choose_printer=PrintToFile(tmp_path / "annule.pdf"))
    dialog.printed.connect(lambda *args: printed.append(args))
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert "annulée" in dialog.status_label.text() and printed == []
    # A real printer drops an aborted job; Qt's PDF output still closes its file, with no page drawn.
    path = tmp_path / "annule.pdf"
    assert not path.exists() or not any(list(page.images) for page in printed_pages(path))


def test_choosing_no_printer_prints_nothing(preview, qtbot):
    dialog = preview(choose_printer=lambda _printer, _parent, _pages: False)
    dialog.print_button.click()
    assert dialog.job is None and dialog.print_button.isEnabled()


def test_save_writes_the_same_bytes(preview, qtbot, tmp_path, monkeypatch):
    data = make_pdf(3)
    (tmp_path / "sortie").mkdir()
    suggested = []

    def answer(_parent, _title, proposed, _filter):
        suggested.append(proposed)
        return str(tmp_path / "sortie" / "copie"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    dialog = preview(data)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    target = tmp_path / "sortie" / "copie.pdf"
    assert suggested[0].endswith("essai.pdf")
    assert saved.args == [str(target)] and target.read_bytes() == data
    assert list((tmp_path / "sortie").iterdir()) == [target]  # no partial file left
    assert str(target) in dialog.status_label.text()


def test_save_failure_is_reported_and_keeps_the_preview(preview, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "absent" / "x.pdf"), ""))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    dialog = preview()
    dialog.save_button.click()
    assert "absent" in warnings[0] and dialog.isVisible()


def test_a_file_can_be_previewed_and_escape_closes(preview, qtbot, tmp_path):
    path = tmp_path / "fichier.pdf"
    path.write_bytes(make_pdf(2))
    dialog = preview(path)
    assert dialog.page_label.text() == "Page 1 / 2"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_dialog_dropped_after_a_page_change_is_deleted_cleanly(qtbot):
    """Deleting the dialog removes its view's document; the view must not report a page change then."""
    dialog = PdfPreviewDialog(make_pdf(3), "Essai", "essai.pdf")
    dialog.show()
    dialog.last_page()
    destroyed = []
    dialog.view.destroyed.connect(lambda: destroyed.append(True))
    del dialog
    gc.collect()
    assert destroyed == [True]  # (it used to crash the process here)


@pytest.mark.parametrize("change", ["fit_page", "zoom_in", "zoom_out", "fit_width"])
def test_zooming_keeps_the_page_on_show_at_the_top(preview, change):
    dialog = preview()
    bar = dialog.view.verticalScrollBar()
    dialog.go_to(2)
    getattr(dialog, change)()
    kept = bar.value()
    dialog.first_page()
    dialog.go_to(2)  # from another page: where page 3 starts at this zoom
    assert dialog.page_label.text() == "Page 3 / 5" and bar.value() == kept > 0
