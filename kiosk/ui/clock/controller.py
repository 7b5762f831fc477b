"""Qt adapter around the session clock engine: timers, signals, errors as messages.

The refresh timer fires just after each second boundary of the displayed time (and at
least every 100 ms), so the seconds tick evenly; a second timer polls the stored
``revision`` every 250 ms, so a change made from the command line shows within a second.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from kiosk.core.event import EventInfo
from kiosk.core.timer import Clock, ClockView, PhaseChange, SessionClock
from kiosk.db import Database
from kiosk.errors import KioskError
from kiosk.i18n import _

MAX_REFRESH_MS = 100
IDLE_REFRESH_MS = 1000
POLL_MS = 250


def ms_to_next_boundary(remaining_s: float, period_s: float = 0.5) -> int:
    """Milliseconds until the displayed time (or the overtime flash) next changes."""
    position = -remaining_s if remaining_s <= 0 else remaining_s
    step = position % period_s
    wait = step if remaining_s > 0 else period_s - step
    return max(1, math.ceil((wait if wait > 1e-6 else period_s) * 1000 - 1e-6) + 2)


class ClockController(QObject):
    ticked = Signal(object)  # ClockView, at every refresh
    changed = Signal(object)  # ClockView, after an action or a change made elsewhere
    phase_changed = Signal(object)  # PhaseChange
    failed = Signal(str)  # a message for the user

    def __init__(self, db: Database, event: EventInfo, day: date, clock: Clock | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.engine = SessionClock(db, event, day, clock)
        self.engine.on_phase_change(self._phase_changed)
        self.view: ClockView = self.engine.tick()
        self.visible = lambda: True  # the owner says whether anybody looks
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setTimerType(Qt.TimerType.PreciseTimer)
        self._refresh.timeout.connect(self.refresh)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.poll)

    @property
    def running(self) -> bool:
        return self._poll.isActive()

    def start(self) -> None:
        self._poll.start()
        self.refresh()

    def stop(self) -> None:
        self._poll.stop()
        self._refresh.stop()

    def _phase_changed(self, change: PhaseChange) -> None:
        self.phase_changed.emit(change)

    def refresh(self) -> ClockView:
        self.view = self.engine.tick()
        self.ticked.emit(self.view)
        if self.running:
            wait = min(MAX_REFRESH_MS, ms_to_next_boundary(self.view.remaining_s)) if self.visible() else IDLE_REFRESH_MS
            self._refresh.start(wait)
        return self.view

    def poll(self) -> None:
        try:
            changed = self.engine.poll()
        except SQLAlchemyError as exc:
            self.failed.emit(_("Chronomètre : base de données indisponible ({error}).").format(error=exc.__class__.__name__))
            return
        if changed:
            self.changed.emit(self.engine.view())
            self.refresh()

    def act(self, action: str, *args) -> ClockView | None:
        """Run an engine action; a refusal becomes a ``failed`` message, not an exception."""
        try:
            view = getattr(self.engine, action)(*args)
        except KioskError as exc:
            self.failed.emit(str(exc))
            return None
        except SQLAlchemyError as exc:
            self.failed.emit(_("Action non enregistrée : base de données indisponible ({error}).").format(
                error=exc.__class__.__name__))
            return None
        self.changed.emit(view)
        return self.refresh()

    def reload(self) -> None:
        """The agenda was edited here: read it again."""
        self.engine.reload()
        self.changed.emit(self.engine.view())
        self.refresh()

    def set_day(self, day: date) -> None:
        self.engine.set_day(day)
        self.changed.emit(self.engine.view())
        self.refresh()
