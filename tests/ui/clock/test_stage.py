"""The stage display in each phase, with an injected clock (no sleeps)."""

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QColor

from kiosk.core.timer import ManualClock
from kiosk.ui.clock.controller import ClockController, ms_to_next_boundary
from kiosk.ui.clock.stage import FLASH_BACKGROUND, PHASE_COLOURS, StageWindow

DAY = datetime(2023, 10, 27).date()


@pytest.fixture
def clock():
    return ManualClock(datetime(2023, 10, 27, 9, 0, tzinfo=UTC))


@pytest.fixture
def rig(demo_db, demo_event, clock, qtbot):
    controller = ClockController(demo_db, demo_event, DAY, clock)
    stage = StageWindow()
    qtbot.addWidget(stage)
    controller.ticked.connect(stage.show_view)
    controller.act("next")  # the first six-minute speech: warning at 5:00, danger at 1:00
    controller.act("start")
    stage.resize(1366, 768)
    stage.show()
    qtbot.waitExposed(stage)
    return controller, stage


def big_clock(stage):
    return stage.findChild(type(stage.title), "stageClock")


def test_normal_warning_danger_overtime(rig, clock):
    controller, stage = rig
    controller.refresh()
    assert big_clock(stage).text() == "06:00"
    assert stage.property("phase") == "normal" and "Temps normal" in stage.phase.text()
    assert PHASE_COLOURS["normal"] in big_clock(stage).styleSheet() or PHASE_COLOURS["normal"] in stage.styleSheet()
    clock.advance(61)
    controller.refresh()
    assert big_clock(stage).text() == "04:59"
    assert stage.property("phase") == "warning" and "▲" in stage.phase.text()
    assert PHASE_COLOURS["warning"] in stage.styleSheet()
    clock.advance(4 * 60)
    controller.refresh()
    assert stage.property("phase") == "danger" and "Dernière minute" in stage.phase.text()
    clock.advance(59 + 133.2)
    controller.refresh()
    assert big_clock(stage).text() == "+02:13"
    assert stage.property("phase") == "overtime" and "Temps dépassé" in stage.phase.text()


def test_overtime_flashes_in_step_with_the_seconds(rig, clock):
    controller, stage = rig
    clock.advance(6 * 60 + 10.2)
    controller.refresh()
    flashing = stage.styleSheet()
    clock.advance(0.5)
    controller.refresh()
    steady = stage.styleSheet()
    assert flashing != steady
    assert f"#stageWindow {{ background: {FLASH_BACKGROUND}; }}" in flashing
    assert "#stageWindow { background: #000000; }" in steady
    # a pulse to dark red under white digits, not a full-screen bright-red strobe
    assert QColor(FLASH_BACKGROUND).lightnessF() < 0.3 and "#stageClock { color: #ffffff; }" in flashing


def test_digits_fill_the_screen(rig):
    _controller, stage = rig
    font = big_clock(stage).font()
    assert font.pixelSize() >= 0.3 * stage.height()  # about 25 cm digits on a 2 m wide image


def test_message_and_blackout(rig):
    controller, stage = rig
    size_before = big_clock(stage).font().pixelSize()
    controller.act("set_message", "Merci de conclure")
    assert stage.message.text() == "Merci de conclure" and stage.message.isVisible()
    assert big_clock(stage).font().pixelSize() <= size_before
    controller.act("set_blackout", True)
    assert stage.stack.currentIndex() == 1 and not big_clock(stage).isVisible()
    controller.act("set_blackout", False)
    controller.act("set_message", "")
    assert stage.stack.currentIndex() == 0 and not stage.message.isVisible()


def test_phase_change_signal_fires_once(rig, clock, qtbot):
    controller, _stage = rig
    changes = []
    controller.phase_changed.connect(changes.append)
    clock.advance(6 * 60)
    controller.refresh()
    controller.refresh()
    assert [c.new for c in changes] == ["overtime"]


def test_refresh_is_aligned_to_the_next_second():
    assert ms_to_next_boundary(299.25) == 252
    assert ms_to_next_boundary(299.75) == 252
    assert ms_to_next_boundary(-10.2) == 302
    assert ms_to_next_boundary(300.0) == 502


def test_after_the_last_item_the_stage_says_so_without_a_bar(rig, clock):
    controller, stage = rig
    engine = controller.engine
    controller.act("go_to", engine.leaves[-1].id)
    clock.advance(60)
    controller.act("next")
    assert controller.view.finished
    assert stage.title.text() == "Programme terminé" and big_clock(stage).text() == ""
    assert not stage.bar_track.isVisible() and stage.phase.text() == ""
