"""The session clock: stored anchors, everything else derived (no Qt, injected clock).

Time is derived, never counted: ``remaining = duration + added - elapsed`` with
``elapsed = now - started_at - paused time``. The anchors (``ClockState``, one row per
day) are wall-clock instants, written on every discrete change (start, pause, resume,
next, prev, add, restart...), so a crash, a restart or a closed lid resumes the running
item exactly, and the command line and the desk app drive the same clock.

Inside a process "now" comes from a steady clock added to a wall-clock reference, so the
display never stutters when the system clock is corrected. Each poll compares both: a
difference means the wall clock jumped. When the machine slept (its steady clock stops
during sleep on some systems) the talk went on in the room, so the stored anchors are
right and only the reference is renewed. When somebody set the clock, the anchors are
moved by the jump (and saved) so the running item keeps its remaining time.

Playback (stopped / armed / running / paused) and phase (normal / warning / danger /
overtime) are separate; phase-change listeners fire only when the phase changes.

The clock runs the *leaf* items of the agenda (blocks such as "SESSION 1" are headers).
"""

from __future__ import annotations

import math
import sys
import time as _time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from sqlalchemy import select, update

from kiosk.core import agenda
from kiosk.core.agenda import AgendaEntry, Slot
from kiosk.core.event import EventInfo
from kiosk.core.formats import format_clock
from kiosk.db import Database
from kiosk.db.models import ClockState, utcnow
from kiosk.errors import KioskError
from kiosk.i18n import _

JUMP_TOLERANCE_S = 1.0
UNDO_DEPTH = 20
MESSAGE_MAX = 300


class Playback(StrEnum):
    STOPPED = "stopped"  # nothing on the clock
    ARMED = "armed"  # an item is loaded, not started
    RUNNING = "running"
    PAUSED = "paused"


class Phase(StrEnum):
    NORMAL = "normal"
    WARNING = "warning"
    DANGER = "danger"
    OVERTIME = "overtime"


class ClockError(KioskError):
    """An action the clock cannot do now (the message says why)."""


# -- clocks -------------------------------------------------------------------------------
class Clock(Protocol):
    steady_counts_sleep: bool

    def wall(self) -> datetime: ...

    def steady(self) -> float: ...


class SystemClock:
    """The real clocks: UTC wall time and the steadiest counter the system has.

    Linux's CLOCK_BOOTTIME and Windows' monotonic clock keep counting while the machine
    sleeps; elsewhere the monotonic clock may stop during sleep (``steady_counts_sleep``).
    """

    _BOOTTIME = getattr(_time, "CLOCK_BOOTTIME", None)
    steady_counts_sleep = _BOOTTIME is not None or sys.platform == "win32"

    def wall(self) -> datetime:
        return datetime.now(UTC)

    def steady(self) -> float:
        if self._BOOTTIME is not None:
            return _time.clock_gettime(self._BOOTTIME)
        return _time.monotonic()


class ManualClock:
    """A clock moved by hand: tests and simulations (an hour in a few milliseconds)."""

    def __init__(self, start: datetime, *, steady_counts_sleep: bool = True):
        self._wall = start.astimezone(UTC)
        self._steady = 1000.0
        self.steady_counts_sleep = steady_counts_sleep

    def wall(self) -> datetime:
        return self._wall

    def steady(self) -> float:
        return self._steady

    def advance(self, seconds: float) -> None:
        self._wall += timedelta(seconds=seconds)
        self._steady += seconds

    def set_wall(self, instant: datetime) -> None:
        """Somebody set the system clock: only the wall clock moves."""
        self._wall = instant.astimezone(UTC)

    def sleep(self, seconds: float) -> None:
        """The lid was closed for ``seconds``."""
        self._wall += timedelta(seconds=seconds)
        if self.steady_counts_sleep:
            self._steady += seconds


# -- anchors --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Anchors:
    """What ``ClockState`` stores for a day."""

    item_id: str | None = None
    state: Playback = Playback.STOPPED
    started_at: datetime | None = None
    paused_at: datetime | None = None
    paused_total_s: float = 0.0
    added_s: float = 0.0
    message: str = ""
    blackout: bool = False
    revision: int = 0

    def elapsed(self, now: datetime) -> float:
        if self.started_at is None:
            return 0.0
        until = self.paused_at if self.paused_at is not None else now
        return (until - self.started_at).total_seconds() - self.paused_total_s

    def shifted(self, seconds: float) -> Anchors:
        delta = timedelta(seconds=seconds)
        return replace(
            self,
            started_at=self.started_at + delta if self.started_at else None,
            paused_at=self.paused_at + delta if self.paused_at else None,
        )

    @classmethod
    def from_row(cls, row: ClockState | None) -> Anchors:
        if row is None:
            return cls()
        return cls(
            item_id=row.item_id, state=Playback(row.state), started_at=row.started_at,
            paused_at=row.paused_at, paused_total_s=row.paused_total_s, added_s=row.added_s,
            message=row.message, blackout=row.blackout, revision=row.revision,
        )

    def stored_fields(self) -> dict:
        return {
            "item_id": self.item_id, "state": self.state.value, "started_at": self.started_at,
            "paused_at": self.paused_at, "paused_total_s": self.paused_total_s,
            "added_s": self.added_s, "message": self.message, "blackout": self.blackout,
        }


def duration_s(item: AgendaEntry, slot: Slot | None, started_at: datetime | None, now: datetime) -> float:
    """The time an item has before any added time: its minutes, or until its planned end."""
    if item.mode == "end_time" and slot is not None:
        return (slot.end - (started_at or now)).total_seconds()
    return item.planned_minutes * 60.0


def phase_for(remaining: float, item: AgendaEntry | None) -> Phase:
    if item is None:
        return Phase.NORMAL
    if remaining <= 0:
        return Phase.OVERTIME
    if remaining <= item.danger_s:
        return Phase.DANGER
    if remaining <= item.warning_s:
        return Phase.WARNING
    return Phase.NORMAL


def format_remaining(remaining: float) -> str:
    """``04:59`` counting down (shown rounded up, so ``00:00`` exactly at zero), ``+02:13`` over."""
    if remaining > 0:
        total, sign = math.ceil(remaining - 1e-9), ""
    else:
        total = math.floor(-remaining + 1e-9)
        sign = "+" if total > 0 else ""
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes:02d}:{seconds:02d}"


def format_lateness(late_s: float) -> str:
    minutes = round(abs(late_s) / 60)
    if minutes == 0:
        return _("à l'heure")
    if late_s > 0:
        return _("en retard de {minutes} min").format(minutes=minutes)
    return _("en avance de {minutes} min").format(minutes=minutes)


def day_summary(view: ClockView) -> str:
    """How late the day runs and when it ends, against the planned end ("" for an empty day)."""
    if not view.entries:
        return ""
    lateness = format_lateness(view.late_s)
    if view.finished:
        if view.projected_end is None:
            return _("Programme terminé.")
        text = _("Journée terminée à {end}, {lateness}").format(end=format_clock(view.projected_end), lateness=lateness)
    else:
        text = _("La journée est {lateness}").format(lateness=lateness)
        if view.projected_end is not None:
            text += " · " + _("fin prévue {end}").format(end=format_clock(view.projected_end))
    if view.day_end is not None and view.projected_end is not None:
        text += " " + _("(programme : {end})").format(end=format_clock(view.day_end))
    return text


def phase_label(phase: Phase) -> str:
    return {
        Phase.NORMAL: _("Temps normal"),
        Phase.WARNING: _("Bientôt la fin"),
        Phase.DANGER: _("Dernière minute"),
        Phase.OVERTIME: _("Temps dépassé"),
    }[phase]


def playback_label(playback: Playback) -> str:
    return {
        Playback.STOPPED: _("arrêté"),
        Playback.ARMED: _("prêt"),
        Playback.RUNNING: _("en cours"),
        Playback.PAUSED: _("en pause"),
    }[playback]


# -- the derived view -------------------------------------------------------------------------
@dataclass(frozen=True)
class ClockView:
    """Everything a view shows at one instant (plain data)."""

    day: date
    now: datetime
    item: AgendaEntry | None  # on the clock, or the one a start would start
    next_item: AgendaEntry | None
    playback: Playback
    phase: Phase
    remaining_s: float
    duration_s: float
    elapsed_s: float
    added_s: float
    message: str
    blackout: bool
    late_s: float
    projected_end: datetime | None  # local, in programme time, to the minute
    day_end: datetime | None  # local planned end of the day
    rehearsal_offset_s: float  # 0 on the day itself; else planned times are moved by this
    finished: bool
    revision: int
    entries: tuple[AgendaEntry, ...] = field(repr=False, default=())

    @property
    def remaining_text(self) -> str:
        return format_remaining(self.remaining_s)

    @property
    def started(self) -> bool:
        return self.playback in (Playback.RUNNING, Playback.PAUSED)

    def status_dict(self) -> dict:
        """The ``timer status --json`` answer (CONTRACT.md), plus a few extra keys."""
        return {
            "item_id": self.item.id if self.item else None,
            "title": self.item.title if self.item else None,
            "state": Playback.STOPPED.value if self.playback == Playback.ARMED else self.playback.value,
            "phase": self.phase.value,
            "remaining_s": round(self.remaining_s, 3),
            "late_s": round(self.late_s, 3),
            "playback": self.playback.value,
            "day": self.day.isoformat(),
            "next_title": self.next_item.title if self.next_item else None,
            "projected_end": self.projected_end.strftime("%H:%M") if self.projected_end else None,
            "day_end": self.day_end.strftime("%H:%M") if self.day_end else None,
            "message": self.message,
            "blackout": self.blackout,
            "finished": self.finished,
        }


@dataclass(frozen=True)
class PhaseChange:
    item_id: str | None
    old: Phase
    new: Phase
    playback: Playback


# -- the engine -------------------------------------------------------------------------------
class SessionClock:
    """The clock of one day: actions persist anchors; ``view()`` derives the rest."""

    def __init__(self, db: Database, event: EventInfo, day: date, clock: Clock | None = None):
        self.db = db
        self.event = event
        self.day = day
        self.clock: Clock = clock or SystemClock()
        self.anchors = Anchors()
        self.entries: tuple[AgendaEntry, ...] = ()
        self._undo: list[tuple[str, Anchors, dict]] = []
        self._listeners: list[Callable[[PhaseChange], None]] = []
        self._last_phase: tuple[str | None, Phase] | None = None
        self._rebase()
        self.reload()

    # -- time ----------------------------------------------------------------------------
    def _rebase(self) -> None:
        self._wall_ref = self.clock.wall()
        self._steady_ref = self.clock.steady()

    def now(self) -> datetime:
        """Wall time carried forward by the steady clock since the last reference."""
        return self._wall_ref + timedelta(seconds=self.clock.steady() - self._steady_ref)

    def check_jump(self) -> float | None:
        """Detect a wall-clock jump since the reference; return it in seconds (None if none)."""
        jump = (self.clock.wall() - self.now()).total_seconds()
        if abs(jump) < JUMP_TOLERANCE_S:
            return None
        if jump > 0 and not self.clock.steady_counts_sleep:
            self._rebase()  # the machine slept: time passed in the room, the anchors hold
            return jump
        self._rebase()
        self._shift_stored_anchors(jump)
        return jump

    def _shift_stored_anchors(self, jump: float) -> None:
        """The clock was set: move the wall anchors with it so nobody loses or gains time."""
        if self.anchors.started_at is None:
            return
        shifted = self.anchors.shifted(jump)
        with self.db.transaction() as session:
            result = session.execute(
                update(ClockState)
                .where(ClockState.day == self.day, ClockState.revision == self.anchors.revision)
                .values(**shifted.stored_fields(), revision=ClockState.revision + 1, updated_at=utcnow())
            )
            changed = result.rowcount == 1
        if changed:
            self.anchors = replace(shifted, revision=self.anchors.revision + 1)
        else:  # another process moved them first
            self.reload()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        with self.db.transaction() as session:
            self.anchors = Anchors.from_row(session.get(ClockState, self.day))
        self.entries = tuple(agenda.list_items(self.db, self.day))

    def stored_revision(self) -> int:
        with self.db.transaction() as session:
            return session.scalar(select(ClockState.revision).where(ClockState.day == self.day)) or 0

    def poll(self) -> bool:
        """Cheap check for a change made elsewhere (command line, another window); True if reloaded."""
        self.check_jump()
        if self.stored_revision() != self.anchors.revision:
            self.reload()
            return True
        return False

    def set_day(self, day: date) -> None:
        self.day = day
        self._undo.clear()
        self._last_phase = None
        self.reload()

    # -- derived -----------------------------------------------------------------------------
    @property
    def leaves(self) -> list[AgendaEntry]:
        return agenda.leaves(self.entries)

    def _index(self, item_id: str | None) -> int | None:
        for index, entry in enumerate(self.leaves):
            if entry.id == item_id:
                return index
        return None

    def _upcoming_index(self) -> int | None:
        """The item a start would start: the one on the clock, else the one after the last
        item that was started (the first item on a fresh day); None once the day is over."""
        index = self._index(self.anchors.item_id)
        if index is not None:
            return index
        started = [i for i, entry in enumerate(self.leaves) if entry.actual_start is not None]
        if not started:
            return 0 if self.leaves else None
        following = started[-1] + (1 if self.leaves[started[-1]].actual_end is not None else 0)
        return following if following < len(self.leaves) else None

    def _rehearsal_offset(self, now: datetime, slots: dict[str, Slot]) -> float:
        """0 on the agenda's own day; on another day (a rehearsal, the demo) planned times
        are moved so the day's first item starts when it really started (or now)."""
        if self.event.today(now) == self.day or not self.leaves:
            return 0.0
        first = slots[self.leaves[0].id].start
        starts = [e.actual_start for e in self.leaves if e.actual_start]
        anchor = min(starts) if starts else now
        return (anchor - first).total_seconds()

    def view(self) -> ClockView:
        now = self.now()
        tz = self.event.tz
        leaves = self.leaves
        slots = agenda.schedule(self.entries, tz)
        offset = self._rehearsal_offset(now, slots)
        index = self._upcoming_index()
        on_clock = self._index(self.anchors.item_id) is not None
        anchors = self.anchors if on_clock else Anchors()  # timing anchors of the item on the clock only
        item = leaves[index] if index is not None else None
        duration = remaining = 0.0
        if item is not None:
            slot = slots[item.id]
            moved = Slot(slot.start + timedelta(seconds=offset), slot.end + timedelta(seconds=offset))
            duration = duration_s(item, moved, anchors.started_at, now)
            remaining = duration + anchors.added_s - anchors.elapsed(now)
        if on_clock:
            playback = anchors.state
        else:  # the item a start would start is ready; nothing at all is stopped
            playback = Playback.ARMED if item is not None else Playback.STOPPED
        late, projected = self._projection(now - timedelta(seconds=offset), index, remaining, playback, slots, offset)
        return ClockView(
            day=self.day, now=now, item=item,
            next_item=leaves[index + 1] if index is not None and index + 1 < len(leaves) else None,
            playback=playback, phase=phase_for(remaining, item),
            remaining_s=remaining, duration_s=duration, elapsed_s=anchors.elapsed(now), added_s=anchors.added_s,
            message=self.anchors.message, blackout=self.anchors.blackout, late_s=late,
            projected_end=_to_minute(projected.astimezone(tz)) if projected else None,
            day_end=agenda.day_end(self.entries, self.day, tz, self.event.options),
            rehearsal_offset_s=offset, finished=bool(leaves) and index is None,
            revision=self.anchors.revision, entries=self.entries,
        )

    def _projection(self, now_p, index, remaining, playback, slots, offset) -> tuple[float, datetime | None]:
        """How late the day runs and when it will end, in programme time.

        The item on the clock ends ``remaining`` from now (now, in overtime); an item not
        started yet starts at its planned time or now, whichever is later; later items
        follow, and a planned gap absorbs delay.
        """
        leaves = self.leaves
        if not leaves:
            return 0.0, None
        if index is None:  # the day is over: how late did it end?
            ends = [e.actual_end for e in leaves if e.actual_end]
            if not ends:
                return 0.0, None
            end = max(ends) - timedelta(seconds=offset)
            return (end - slots[leaves[-1].id].end).total_seconds(), end
        current = leaves[index]
        slot = slots[current.id]
        if playback in (Playback.RUNNING, Playback.PAUSED) or current.mode == "end_time":
            end = now_p + timedelta(seconds=max(remaining, 0.0))
        else:
            end = max(now_p, slot.start) + timedelta(seconds=max(remaining, 0.0))
        late = (end - slot.end).total_seconds()
        for entry in leaves[index + 1:]:
            following = slots[entry.id]
            end = max(end, following.start) + (following.end - following.start)
        return late, end

    def tick(self) -> ClockView:
        """The view now; phase-change listeners fire when (and only when) the phase changed."""
        current = self.view()
        key = (current.item.id if current.item else None, current.phase)
        previous, self._last_phase = self._last_phase, key
        if previous is not None and previous != key and previous[0] == key[0]:
            change = PhaseChange(key[0], previous[1], current.phase, current.playback)
            for listener in list(self._listeners):
                listener(change)
        return current

    def on_phase_change(self, listener: Callable[[PhaseChange], None]) -> None:
        self._listeners.append(listener)

    # -- actions -----------------------------------------------------------------------------
    def _apply(self, label: str, change: Callable[[Anchors, datetime, dict], Anchors]) -> ClockView:
        """Read the stored anchors, apply ``change`` at now, store them (revision + 1), keep an undo step.

        ``change`` may record actual times in its dict argument: {item_id: (start, end)}.
        """
        now = self.now()
        with self.db.transaction() as session:
            row = session.get(ClockState, self.day)
            if row is None:
                row = ClockState(day=self.day, revision=0)
                session.add(row)
                session.flush()
            before = Anchors.from_row(row)
            self.anchors = before
            self.entries = tuple(agenda.entries_in(session, self.day))
            times_before = {e.id: (e.actual_start, e.actual_end) for e in self.leaves}
            times: dict = {}
            after = change(before, now, times)
            for key, value in after.stored_fields().items():
                setattr(row, key, value)
            row.revision = before.revision + 1
            row.updated_at = utcnow()
            if times:
                agenda.record_actual_times(session, self.day, times)
        self._undo.append((label, before, {k: times_before.get(k, (None, None)) for k in times}))
        del self._undo[:-UNDO_DEPTH]
        self.reload()
        return self.view()

    def _require_item(self, anchors: Anchors) -> AgendaEntry:
        index = self._index(anchors.item_id)
        if index is None:
            index = self._upcoming_index()
        if index is None:
            if not self.leaves:
                raise ClockError(_("Le programme de ce jour est vide."))
            raise ClockError(_("Le programme du jour est terminé : revenez à un élément (Précédent, ou « Mettre au chrono ») "
                               "pour le relancer."))
        return self.leaves[index]

    def _begin(self, item: AgendaEntry, anchors: Anchors, now: datetime, times: dict) -> Anchors:
        times[item.id] = (item.actual_start or now, None)
        return replace(
            anchors, item_id=item.id, state=Playback.RUNNING, started_at=now, paused_at=None,
            paused_total_s=0.0, added_s=0.0 if anchors.item_id != item.id or anchors.started_at else anchors.added_s,
        )

    def start(self) -> ClockView:
        """Start the item on the clock (or the first one not done); resume if paused."""

        def change(anchors: Anchors, now: datetime, times: dict) -> Anchors:
            if anchors.state == Playback.RUNNING and self._index(anchors.item_id) is not None:
                return anchors
            if anchors.state == Playback.PAUSED and self._index(anchors.item_id) is not None:
                return _resumed(anchors, now)
            return self._begin(self._require_item(anchors), anchors, now, times)

        return self._apply(_("démarrer"), change)

    def pause(self) -> ClockView:
        def change(anchors: Anchors, now: datetime, times: dict) -> Anchors:
            if anchors.state != Playback.RUNNING:
                raise ClockError(_("Le chronomètre ne tourne pas : rien à mettre en pause."))
            return replace(anchors, state=Playback.PAUSED, paused_at=now)

        return self._apply(_("pause"), change)

    def resume(self) -> ClockView:
        def change(anchors: Anchors, now: datetime, times: dict) -> Anchors:
            if anchors.state != Playback.PAUSED:
                raise ClockError(_("Le chronomètre n'est pas en pause : rien à reprendre."))
            return _resumed(anchors, now)

        return self._apply(_("reprendre"), change)

    def toggle(self) -> ClockView:
        """Space: start, pause or resume."""
        state = self.anchors.state if self._index(self.anchors.item_id) is not None else Playback.STOPPED
        return self.pause() if state == Playback.RUNNING else self.start()

    def _switch(self, anchors: Anchors, now: datetime, times: dict, target: int | None, keep_running: bool) -> Anchors:
        """Leave the item on the clock (its actual end is now if it was started) for ``target``."""
        index = self._index(anchors.item_id)
        was_running = anchors.state == Playback.RUNNING and index is not None
        if index is not None and anchors.started_at is not None:
            current = self.leaves[index]
            times[current.id] = (current.actual_start or anchors.started_at, now)
        fresh = replace(anchors, started_at=None, paused_at=None, paused_total_s=0.0, added_s=0.0)
        if target is None:
            return replace(fresh, item_id=None, state=Playback.STOPPED)
        item = self.leaves[target]
        if keep_running and was_running:
            return self._begin(item, fresh, now, times)
        return replace(fresh, item_id=item.id, state=Playback.ARMED)

    def next(self) -> ClockView:
        """End the item on the clock and go to the next one (which starts if the clock was running);
        after the last item the day is over and the clock stops."""

        def change(anchors: Anchors, now: datetime, times: dict) -> Anchors:
            index = self._index(anchors.item_id)
            started = index is not None and anchors.started_at is not None
            if index is None:
                index = self._upcoming_index()
            if index is None:
                raise ClockError(_("Le programme est terminé : il n'y a pas d'élément suivant."))
            if index + 1 < len(self.leaves):
                return self._switch(anchors, now, times, index + 1, keep_running=True)
            if not started:
                raise ClockError(_("« {title} » est le dernier élément du programme : il n'y a rien après.").format(
                    title=self.leaves[index].title))
            return self._switch(anchors, now, times, None, keep_running=True)

        return self._apply(_("suivant"), change)

    def previous(self) -> ClockView:
        """Go back one item, ready to start (the item left ends now if it was started)."""

        def change(anchors: Anchors, now: datetime, times: dict) -> Anchors:
            index = self._index(anchors.item_id)
            if index is None:
                index = self._upcoming_index()
                target = (index - 1) if index is not None else len(self.leaves) - 1
            else:
                target = index - 1
            if target < 0:
                raise ClockError(_("Déjà au premier élément du programme."))
            return self._switch(anchors, now, times, target, keep_running=False)

        return self._apply(_("précédent"), change)

    def go_to(self, item_id: str) -> ClockView:
        """Put a chosen item on the clock (it starts at once if the clock was running)."""

        def change(anchors: Anchors, now: datetime, times: dict) -> Anchors:
            target = self._index(item_id)
            if target is None:
                raise ClockError(_("Cet élément ne peut pas passer au chronomètre (bloc ou élément supprimé)."))
            if target == self._index(anchors.item_id):
                return anchors
            return self._switch(anchors, now, times, target, keep_running=True)

        return self._apply(_("aller à un élément"), change)

    def add(self, seconds: float) -> ClockView:
        """Give (or, negative, take) time to the item on the clock."""

        def change(anchors: Anchors, now: datetime, times: dict) -> Anchors:
            item = self._require_item(anchors)
            if anchors.item_id != item.id:
                anchors = replace(anchors, item_id=item.id, state=Playback.ARMED, started_at=None,
                                  paused_at=None, paused_total_s=0.0, added_s=0.0)
            return replace(anchors, added_s=anchors.added_s + seconds)

        label = _("ajouter {seconds} s") if seconds >= 0 else _("retirer {seconds} s")
        return self._apply(label.format(seconds=round(abs(seconds))), change)

    def restart(self) -> ClockView:
        """The item on the clock gets its full time again (still running if it was)."""

        def change(anchors: Anchors, now: datetime, times: dict) -> Anchors:
            item = self._require_item(anchors)
            if anchors.state == Playback.RUNNING and anchors.item_id == item.id:
                return replace(anchors, started_at=now, paused_at=None, paused_total_s=0.0, added_s=0.0)
            return replace(anchors, item_id=item.id, state=Playback.ARMED, started_at=None,
                           paused_at=None, paused_total_s=0.0, added_s=0.0)

        return self._apply(_("recommencer"), change)

    def set_message(self, text: str) -> ClockView:
        text = " ".join(text.split())[:MESSAGE_MAX]
        return self._apply(
            _("message") if text else _("effacer le message"),
            lambda anchors, now, times: replace(anchors, message=text),
        )

    def set_blackout(self, on: bool) -> ClockView:
        return self._apply(_("écran noir"), lambda anchors, now, times: replace(anchors, blackout=on))

    def remove_item(self, item_id: str) -> list[str]:
        """Remove an agenda item (a block with its sub-items), never the one being timed."""
        self.reload()
        started = self.anchors.started_at is not None and self._index(self.anchors.item_id) is not None
        removed = agenda.remove_item(self.db, item_id, protected=self.anchors.item_id if started else None)
        self.reload()
        return removed

    def undo_label(self) -> str | None:
        return self._undo[-1][0] if self._undo else None

    def undo(self) -> ClockView:
        """Put back the anchors (and actual times) as they were before the last action here."""
        if not self._undo:
            raise ClockError(_("Rien à annuler."))
        _label, before, times = self._undo.pop()

        def change(anchors: Anchors, now: datetime, recorded: dict) -> Anchors:
            recorded.update(times)
            return replace(before, revision=anchors.revision)

        view = self._apply(_("annuler"), change)
        self._undo.pop()  # undoing is not itself undone
        return view


def _to_minute(instant: datetime) -> datetime:
    """Rounded to the nearest minute, as a projected end is shown (HH:MM)."""
    return (instant + timedelta(seconds=30)).replace(second=0, microsecond=0)


def _resumed(anchors: Anchors, now: datetime) -> Anchors:
    paused = (now - anchors.paused_at).total_seconds() if anchors.paused_at else 0.0
    return replace(anchors, state=Playback.RUNNING, paused_at=None, paused_total_s=anchors.paused_total_s + paused)


def clock_day(db: Database, event: EventInfo, now: datetime | None = None) -> date:
    """The day the clock works on, the same for the desk app and the command line: today if
    it has an agenda, else the day whose clock was last used, else the first day with an agenda."""
    now = now or utcnow()
    with_agenda = agenda.days_with_agenda(db)
    today = event.today(now)
    if today in event.days and today in with_agenda:
        return today
    with db.transaction() as session:
        active = session.scalar(
            select(ClockState.day)
            .where(ClockState.state != Playback.STOPPED.value, ClockState.day.in_(event.days))
            .order_by(ClockState.updated_at.desc())
        )
    if active is not None:
        return active
    return with_agenda[0] if with_agenda else event.default_day(now)
