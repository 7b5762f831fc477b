"""badge_ms_per_page: a 1,000-badge A6 batch with QR codes; badge_preview_ms: one badge
built, rendered by QtPdf and shown on the badges screen."""

from __future__ import annotations

import statistics
import time
from io import BytesIO

from kiosk.core.badges import select_badges
from kiosk.core.demo import add_synthetic_participants
from kiosk.core.event import load_event
from kiosk.db import Database
from kiosk.pdf.badges import build_badges

BATCH = 1000
TARGETS = {
    "badge_ms_per_page": (15.0, "ms"),
    "badge_preview_ms": (200.0, "ms"),
}


def _batch_ms(badges, format_key, event) -> float:
    """Median over three runs of the time to write the whole batch, in ms."""
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        build_badges(BytesIO(), badges, format_key, event)
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def _preview_ms(db, event, badges) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.badges.screen import BadgesScreen
    from kiosk.ui.context import AppContext

    app = QApplication.instance() or QApplication([])
    screen = BadgesScreen(AppContext(db, event))
    screen.resize(1200, 700)
    screen.show()
    app.processEvents()
    times = []
    for badge in badges[:15]:
        screen.select_participant(badge.participant_id)
        times.append(screen.last_preview_ms)
    screen.closing()
    screen.deleteLater()
    app.processEvents()
    return times[0], statistics.median(times)


def measure(ctx) -> dict[str, float]:
    db = Database.open(ctx.demo_copy())
    try:
        add_synthetic_participants(db, BATCH - 152)
        event = load_event(db)
        badges = select_badges(db)[:BATCH]
        assert len(badges) == BATCH
        a6 = _batch_ms(badges, "a6", event)
        cr80 = _batch_ms(badges, "cr80", event)
        a4x8 = _batch_ms(badges, "a4x8", event)
        first, median = _preview_ms(db, event, badges[::67])
    finally:
        db.close()
    return {
        "badge_ms_per_page": a6 / BATCH,
        "badge_ms_per_page_cr80": cr80 / BATCH,
        "badge_ms_per_page_a4x8": a4x8 / (BATCH / 8),
        "badge_preview_ms": median,
        "badge_preview_first_ms": first,
    }
