"""timer_worst_deviation_ms: a real 60-second run of the session clock and its stage display.

The clock runs the demo's first item on the real clocks, with the desk app's refresh and
250 ms database poll; a 5 ms sampler reads the stage display's big time (``stageClock``)
and compares it with the truth (a monotonic clock read at the start); it also compares
the engine's remaining time with the truth read just before and just after the call. The displayed
``MM:SS`` is right while the true remaining time lies in ``(N - 1, N]`` seconds; the
deviation is how far outside that interval the truth was. The sampler's own delay adds
to the figure, so it is an upper bound. ``KIOSK_BENCH_TIMER_S`` shortens the run.
"""

from __future__ import annotations

import os
import time

from kiosk.core.event import load_event
from kiosk.core.timer import clock_day
from kiosk.db import Database

SAMPLE_MS = 5
TARGETS = {"timer_worst_deviation_ms": (100.0, "ms"), "timer_engine_deviation_ms": (10.0, "ms")}


def _shown_seconds(text: str) -> int:
    sign = -1 if text.startswith("+") else 1
    parts = [int(part) for part in text.lstrip("+").split(":")]
    total = 0
    for part in parts:
        total = total * 60 + part
    return sign * total


def measure(ctx) -> dict[str, float]:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from kiosk.ui.clock.controller import ClockController
    from kiosk.ui.clock.stage import StageWindow

    seconds = float(os.environ.get("KIOSK_BENCH_TIMER_S", "60"))
    app = QApplication.instance() or QApplication([])
    db = Database.open(ctx.demo_copy())
    event = load_event(db)
    controller = ClockController(db, event, clock_day(db, event))
    stage = StageWindow()
    controller.ticked.connect(stage.show_view)
    stage.resize(1366, 768)
    stage.show()
    label = stage.findChild(QLabel, "stageClock")
    controller.start()
    duration = controller.engine.view().duration_s
    worst_display = worst_engine = 0.0
    samples = 0

    t0 = time.monotonic()
    controller.act("start")

    def sample() -> None:
        nonlocal worst_display, worst_engine, samples
        truth = duration - (time.monotonic() - t0)
        shown = _shown_seconds(label.text())
        deviation = 0.0 if shown - 1 < truth <= shown else min(abs(truth - shown), abs(truth - (shown - 1)))
        worst_display = max(worst_display, deviation)
        before = duration - (time.monotonic() - t0)
        remaining = controller.engine.view().remaining_s
        after = duration - (time.monotonic() - t0)  # the truth lies in [after, before] during the call
        worst_engine = max(worst_engine, after - remaining, remaining - before, 0.0)
        samples += 1
        if time.monotonic() - t0 >= seconds:
            app.quit()

    sampler = QTimer()
    sampler.setTimerType(Qt.TimerType.PreciseTimer)
    sampler.timeout.connect(sample)
    sampler.start(SAMPLE_MS)
    app.exec()
    sampler.stop()
    controller.stop()
    stage.close()
    db.close()
    return {
        "timer_worst_deviation_ms": round(worst_display * 1000, 1),
        "timer_engine_deviation_ms": round(worst_engine * 1000, 3),
        "timer_run_s": round(time.monotonic() - t0, 1),
        "timer_samples": samples,
    }
