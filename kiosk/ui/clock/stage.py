"""The stage display: the speaker's clock on the projector.

Its own top-level window. Digits sized to the window (about half its height, readable
from 20 m on a projected image), colour by phase with the phase also in words and a
shape (a symbol and a bar of the time left), the item's title, the moderator's message,
and blackout. In overtime the background pulses dark red, in step with the seconds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from kiosk.core.timer import ClockView, Phase, Playback, phase_label
from kiosk.i18n import _

BACKGROUND = "#000000"
PHASE_COLOURS = {
    Phase.NORMAL: "#34d36b",
    Phase.WARNING: "#ffb000",
    Phase.DANGER: "#ff3b30",
    Phase.OVERTIME: "#ff3b30",
}
PHASE_SYMBOLS = {Phase.NORMAL: "●", Phase.WARNING: "▲", Phase.DANGER: "■", Phase.OVERTIME: "◆"}
IDLE_COLOUR = "#9aa0a6"
# Overtime pulses once a second between black and a dark red under white digits: seen from
# the podium without a full-screen bright-red strobe (bright red flashes are the ones to avoid).
FLASH_BACKGROUND = "#7a0c0c"
CLOCK_TEMPLATE = "+88:88"  # the widest text the clock shows below an hour


def overtime_flash_on(view: ClockView) -> bool:
    """True during the first half of each overtime second (derived from the time, not counted)."""
    return view.phase == Phase.OVERTIME and view.playback == Playback.RUNNING and (-view.remaining_s) % 1.0 < 0.5


class StageWindow(QWidget):
    """The projector window; ``key_handler`` receives the moderator's keys pressed on it."""

    def __init__(self, key_handler: Callable[[QKeyEvent], bool] | None = None):
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("stageWindow")
        self.setWindowTitle(_("Kiosk — écran scène"))
        self.key_handler = key_handler
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"#stageWindow {{ background: {BACKGROUND}; }}")
        self.setCursor(Qt.CursorShape.BlankCursor)
        self._phase: Phase | None = None
        self._flash = False

        self.title = QLabel()
        self.title.setObjectName("stageTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.speakers = QLabel()
        self.speakers.setObjectName("stageSpeakers")
        self.speakers.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock = QLabel("00:00")
        self.clock.setObjectName("stageClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase = QLabel()
        self.phase.setObjectName("stagePhase")
        self.phase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar_track = QFrame()
        self.bar_track.setObjectName("stageBarTrack")
        self.bar = QFrame(self.bar_track)
        self.bar.setObjectName("stageBar")
        self.message = QLabel()
        self.message.setObjectName("stageMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.speakers)
        layout.addWidget(self.clock, 1)
        layout.addWidget(self.phase)
        bar_row = QHBoxLayout()
        bar_row.addWidget(self.bar_track)
        layout.addLayout(bar_row)
        layout.addWidget(self.message)
        self.blackout_page = QWidget()
        self.blackout_page.setObjectName("stageBlackout")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(page)
        self.stack.addWidget(self.blackout_page)
        self.resize(960, 540)
        self._fit_fonts()

    # -- content ------------------------------------------------------------------------
    def show_view(self, view: ClockView) -> None:
        self.stack.setCurrentIndex(1 if view.blackout else 0)
        self._set_text(self.message, view.message)
        if view.blackout:
            return
        if view.item is None:
            self._set_text(self.title, _("Programme terminé") if view.finished else _("Aucun élément au programme"))
            self._set_text(self.speakers, "")
            self._set_text(self.clock, "")
            self._set_text(self.phase, "")
            self._style(IDLE_COLOUR, None, False)
            self.bar_track.hide()
        else:
            self._set_text(self.title, view.item.title)
            self._set_text(self.speakers, view.item.speakers)
            self._set_text(self.clock, view.remaining_text)
            words = phase_label(view.phase)
            if view.playback == Playback.PAUSED:
                words = _("{phase} — en pause").format(phase=words)
            elif view.playback in (Playback.ARMED, Playback.STOPPED):
                words = _("Prêt")
            self._set_text(self.phase, f"{PHASE_SYMBOLS[view.phase]}  {words}")
            started = view.playback in (Playback.RUNNING, Playback.PAUSED)
            colour = PHASE_COLOURS[view.phase] if started else IDLE_COLOUR
            self._style(colour, view.phase, overtime_flash_on(view))
            total = max(view.duration_s + view.added_s, 1.0)
            self._bar_fraction = min(max(view.remaining_s / total, 0.0), 1.0) if view.phase != Phase.OVERTIME else 1.0
            self.bar_track.show()
            self._place_bar()
        self.message.setVisible(bool(view.message))
        layout_key = (bool(view.message), len(self.clock.text()) > len(CLOCK_TEMPLATE))
        if layout_key != getattr(self, "_layout_key", None):
            self._layout_key = layout_key
            self._fit_fonts()

    @staticmethod
    def _set_text(label: QLabel, text: str) -> None:
        if label.text() != text:
            label.setText(text)

    def _style(self, colour: str, phase: Phase | None, flash: bool) -> None:
        if (phase, flash, colour) == (self._phase, self._flash, getattr(self, "_colour", None)):
            return
        self._phase, self._flash, self._colour = phase, flash, colour
        self.setProperty("phase", phase.value if phase else "")
        background = FLASH_BACKGROUND if flash else BACKGROUND
        digits = "#ffffff" if flash else colour
        self.setStyleSheet(
            f"#stageWindow {{ background: {background}; }}"
            f"#stageClock {{ color: {digits}; }}"
            f"#stageTitle {{ color: #ffffff; }}"
            f"#stageSpeakers {{ color: #c8c8c8; }}"
            f"#stagePhase {{ color: {'#ffffff' if flash else colour}; }}"
            f"#stageBarTrack {{ background: #262626; border-radius: 4px; }}"
            f"#stageBar {{ background: {'#ffffff' if flash else colour}; border-radius: 4px; }}"
            f"#stageMessage {{ background: #ffd60a; color: #000000; border-radius: 10px; padding: 8px 16px; }}"
            f"#stageBlackout {{ background: {BACKGROUND}; }}"
        )

    # -- size -------------------------------------------------------------------------------
    def _place_bar(self) -> None:
        fraction = getattr(self, "_bar_fraction", 1.0)
        self.bar.setGeometry(0, 0, round(self.bar_track.width() * fraction), self.bar_track.height())

    def _fit_fonts(self) -> None:
        height, width = max(self.height(), 200), max(self.width(), 300)
        clock_font = QFont(self.clock.font())
        clock_font.setBold(True)
        clock_font.setPixelSize(100)
        template = CLOCK_TEMPLATE if len(self.clock.text()) <= len(CLOCK_TEMPLATE) else "8:88:88+"
        measured = QFontMetricsF(clock_font).horizontalAdvance(template)
        by_width = 100 * (width * 0.92) / measured
        by_height = height * (0.48 if self.message.text() else 0.6)
        clock_font.setPixelSize(max(24, int(min(by_width, by_height))))
        self.clock.setFont(clock_font)
        for label, share, bold in ((self.title, 0.055, True), (self.speakers, 0.04, False),
                                   (self.phase, 0.065, True), (self.message, 0.08, True)):
            font = QFont(label.font())
            font.setPixelSize(max(12, int(height * share)))
            font.setBold(bold)
            label.setFont(font)
        self.bar_track.setFixedHeight(max(6, int(height * 0.02)))
        self._place_bar()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_fonts()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._fit_fonts()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        if self.key_handler is None or not self.key_handler(event):
            super().keyPressEvent(event)
