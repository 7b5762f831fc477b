"""What every screen shares: the database, the event, the chosen day, and a signal bus.

Screens talk to each other only through these signals (a check-in on the reception
screen tells the badges screen to print, a change of day refreshes every screen).
The context is a plain object holding a QObject for the signals: as a QObject itself,
its ``event`` attribute would hide ``QObject.event()`` from Qt.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, Signal

from kiosk.core.event import EventInfo
from kiosk.db import Database


class SignalBus(QObject):
    day_changed = Signal(object)  # datetime.date
    participants_changed = Signal()  # many rows changed (import, merge)
    participant_changed = Signal(str)  # participant id: added or edited
    attendance_changed = Signal(str)  # participant id: checked in or voided
    checked_in = Signal(str, object)  # participant id, day: a new check-in (auto-print)
    badge_printed = Signal(str)  # participant id
    agenda_changed = Signal()
    press_changed = Signal()
    status_message = Signal(str)  # a short message for the status bar


class AppContext:
    def __init__(self, db: Database, event: EventInfo, parent: QObject | None = None):
        self.db = db
        self.event = event
        self._day = event.default_day()
        self.bus = SignalBus(parent)
        bus = self.bus
        self.day_changed = bus.day_changed
        self.participants_changed = bus.participants_changed
        self.participant_changed = bus.participant_changed
        self.attendance_changed = bus.attendance_changed
        self.checked_in = bus.checked_in
        self.badge_printed = bus.badge_printed
        self.agenda_changed = bus.agenda_changed
        self.press_changed = bus.press_changed
        self.status_message = bus.status_message

    @property
    def day(self) -> date:
        return self._day

    def follow_today(self, now: datetime | None = None) -> bool:
        """At midnight, move a desk that was working on "today" to the new event day.

        A day chosen deliberately (not today) is left alone. Returns True if it moved.
        """
        today = self.event.today(now)
        previous = today - timedelta(days=1)
        if self._day == previous and today in self.event.days:
            self.set_day(today)
            return True
        return False

    def set_day(self, day: date) -> None:
        if day not in self.event.days:
            raise ValueError(f"{day} is not a day of the event")
        if day != self._day:
            self._day = day
            self.day_changed.emit(day)
