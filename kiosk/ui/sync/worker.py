"""Long work (export, merge, import) in a worker thread, with progress and cancel.

The function runs with a ``progress(done, total, what)`` callback; cancelling makes the
next progress call raise ``Cancelled``, which rolls the work back (nothing is half-done).
Results and errors come back to the GUI thread as signals.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.errors import KioskError
from kiosk.i18n import _
from kiosk.io.work import Cancelled


class _Job(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str, bool)  # message, cancelled

    def __init__(self, function: Callable):
        super().__init__()
        self.function = function
        self.cancel_event = threading.Event()

    def _progress(self, done: int, total: int, what: str) -> None:
        if self.cancel_event.is_set():
            raise Cancelled()
        self.progress.emit(done, total, what)

    @Slot()
    def run(self) -> None:
        try:
            result = self.function(self._progress)
        except Cancelled as exc:
            self.failed.emit(str(exc), True)
        except KioskError as exc:
            self.failed.emit(str(exc), False)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a silent crash
            traceback.print_exc()
            self.failed.emit(_("Erreur inattendue : {error}").format(error=exc), False)
        else:
            self.done.emit(result)


class TaskRunner(QObject):
    """Runs one job at a time; ``busy`` while it runs."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str, bool)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._job: _Job | None = None
        self._on_done: Callable | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, function: Callable, on_done: Callable | None = None) -> bool:
        if self.busy:
            return False
        self._on_done = on_done
        self._thread = QThread(self)
        self._job = _Job(function)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.progress.connect(self.progress)
        self._job.done.connect(self._finish_ok)
        self._job.failed.connect(self._finish_failed)
        self.busy_changed.emit(True)
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel_event.set()

    def wait(self) -> None:
        """Cancel and wait (the window is closing)."""
        if self._thread is not None:
            self.cancel()
            self._thread.quit()
            self._thread.wait()

    def _stop_thread(self) -> None:
        thread, job = self._thread, self._job
        self._thread = self._job = None
        if thread is not None:
            thread.quit()
            thread.wait()
            job.deleteLater()
            thread.deleteLater()
        self.busy_changed.emit(False)

    @Slot(object)
    def _finish_ok(self, result) -> None:
        on_done = self._on_done
        self._stop_thread()
        if on_done is not None:
            on_done(result)
        self.succeeded.emit(result)

    @Slot(str, bool)
    def _finish_failed(self, message: str, cancelled: bool) -> None:
        self._stop_thread()
        self.failed.emit(message, cancelled)
