"""The session clock engine: every transition, restore after a restart, wall-clock jumps, accuracy."""

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core import agenda
from kiosk.core.agenda import AgendaError
from kiosk.core.timer import (
    Anchors,
    ClockError,
    ManualClock,
    Phase,
    Playback,
    SessionClock,
    clock_day,
    day_summary,
    format_lateness,
    format_remaining,
)

DAY = datetime(2023, 10, 27).date()


def at(hour, minute, second=0.0):
    return datetime(2023, 10, 27, hour, minute, tzinfo=UTC) + timedelta(seconds=second)


@pytest.fixture
def clock():
    return ManualClock(at(8, 30))


@pytest.fixture
def engine(demo_db, demo_event, clock):
    return SessionClock(demo_db, demo_event, DAY, clock)


def leaf_titles(engine):
    return [e.title for e in engine.leaves]


def test_the_clock_runs_leaf_items_and_blocks_are_headers(engine):
    blocks = [e.title for e in engine.entries if e.is_block]
    assert blocks == [
        "Discours introductifs",
        "SESSION 1 – Rétrospective sur ce que nous avons accompli collectivement",
        "SESSION 2 – Regarder vers l'avenir et la durabilité",
    ]
    assert len(engine.leaves) == 14 and not any(title in blocks for title in leaf_titles(engine))


def test_before_anything_the_first_item_waits_with_its_full_time(engine):
    view = engine.view()
    assert view.item.title == "Réception et inscriptions des participants"
    assert view.playback == Playback.ARMED and view.remaining_s == 1800  # ready, not "stopped"
    assert view.status_dict()["state"] == "stopped"
    assert view.day_end.strftime("%H:%M") == "13:30" and view.late_s == 0


def test_start_counts_down_from_derived_anchors(engine, clock):
    engine.start()
    clock.advance(61.5)
    view = engine.view()
    assert view.playback == Playback.RUNNING
    assert view.remaining_s == pytest.approx(1800 - 61.5)
    assert view.remaining_text == "28:59"


def test_pause_freezes_and_resume_continues(engine, clock):
    engine.start()
    clock.advance(100)
    engine.pause()
    clock.advance(500)  # paused: nothing moves
    assert engine.view().remaining_s == pytest.approx(1700)
    assert engine.view().playback == Playback.PAUSED
    engine.resume()
    clock.advance(50)
    assert engine.view().remaining_s == pytest.approx(1650)
    assert engine.anchors.paused_total_s == pytest.approx(500)


def test_toggle_is_start_pause_resume(engine, clock):
    assert engine.toggle().playback == Playback.RUNNING
    clock.advance(10)
    assert engine.toggle().playback == Playback.PAUSED
    clock.advance(10)
    assert engine.toggle().playback == Playback.RUNNING
    assert engine.view().remaining_s == pytest.approx(1790)


def test_pause_when_not_running_is_refused(engine):
    with pytest.raises(ClockError, match="ne tourne pas"):
        engine.pause()
    with pytest.raises(ClockError, match="pas en pause"):
        engine.resume()


def test_add_and_remove_time(engine, clock):
    engine.start()
    engine.add(60)
    engine.add(300)
    engine.add(-60)
    assert engine.view().remaining_s == pytest.approx(1800 + 300)
    clock.advance(30)
    assert engine.view().remaining_s == pytest.approx(2070)


def test_time_added_before_the_start_is_kept(engine):
    engine.add(120)
    view = engine.start()
    assert view.playback == Playback.RUNNING and view.remaining_s == pytest.approx(1920)


def test_phases_and_overtime_keeps_counting(engine, clock):
    changes = []
    engine.on_phase_change(changes.append)
    engine.start()
    engine.tick()
    clock.advance(1800 - 300)  # 5 minutes left: warning
    assert engine.tick().phase == Phase.WARNING
    clock.advance(240)  # 1 minute left: danger
    assert engine.tick().phase == Phase.DANGER
    clock.advance(60)
    view = engine.tick()
    assert view.phase == Phase.OVERTIME and view.remaining_text == "00:00"
    clock.advance(133)
    view = engine.tick()
    assert view.remaining_s == pytest.approx(-133) and view.remaining_text == "+02:13"
    engine.tick()  # no change, no side effect
    assert [(c.old, c.new) for c in changes] == [
        (Phase.NORMAL, Phase.WARNING), (Phase.WARNING, Phase.DANGER), (Phase.DANGER, Phase.OVERTIME)
    ]


def test_next_records_actual_times_and_keeps_running(engine, clock, demo_db):
    first, second = engine.leaves[0], engine.leaves[1]
    engine.start()
    clock.advance(37 * 60)
    view = engine.next()
    assert view.item.id == second.id and view.playback == Playback.RUNNING
    assert view.remaining_s == 360
    stored = {e.id: e for e in agenda.list_items(demo_db, DAY)}
    assert stored[first.id].actual_start == at(8, 30) and stored[first.id].actual_end == at(9, 7)
    assert stored[second.id].actual_start == at(9, 7) and stored[second.id].actual_end is None
    block = stored[second.parent_id]
    assert block.actual_start == at(9, 7) and block.actual_end is None


def test_next_when_not_running_only_arms(engine):
    view = engine.next()
    assert view.item.id == engine.leaves[1].id and view.playback == Playback.ARMED
    assert engine.view().status_dict()["state"] == "stopped"


def test_next_at_the_end_finishes_the_day(engine, clock):
    last = engine.leaves[-1]
    engine.go_to(last.id)
    engine.start()
    clock.advance(3600)
    view = engine.next()
    assert view.item is None and view.finished and view.playback == Playback.STOPPED
    assert view.status_dict()["item_id"] is None
    with pytest.raises(ClockError, match="terminé"):
        engine.next()


def test_next_on_the_last_item_not_started_is_refused(engine):
    engine.go_to(engine.leaves[-1].id)
    with pytest.raises(ClockError, match="dernier élément"):
        engine.next()


def test_previous_arms_the_item_before(engine, clock):
    engine.start()
    clock.advance(60)
    engine.next()
    clock.advance(60)
    view = engine.previous()
    assert view.item.id == engine.leaves[0].id and view.playback == Playback.ARMED
    assert view.remaining_s == 1800
    with pytest.raises(ClockError, match="premier"):
        engine.previous()


def test_restart_gives_the_full_time_again(engine, clock):
    engine.start()
    clock.advance(200)
    engine.add(60)
    view = engine.restart()
    assert view.playback == Playback.RUNNING and view.remaining_s == 1800
    engine.pause()
    view = engine.restart()
    assert view.playback == Playback.ARMED and view.remaining_s == 1800


def test_undo_puts_back_an_accidental_next(engine, clock, demo_db):
    engine.start()
    clock.advance(120)
    engine.next()
    clock.advance(5)
    view = engine.undo()
    assert view.item.id == engine.leaves[0].id and view.playback == Playback.RUNNING
    assert view.remaining_s == pytest.approx(1800 - 125)  # it kept running all along
    first = agenda.list_items(demo_db, DAY)[0]
    assert first.actual_end is None
    assert engine.undo().playback == Playback.ARMED  # and the start too: ready again
    assert agenda.list_items(demo_db, DAY)[0].actual_start is None
    with pytest.raises(ClockError, match="Rien à annuler"):
        engine.undo()


def test_restore_after_a_restart(demo_db, demo_event, engine, clock):
    engine.start()
    clock.advance(90)
    engine.add(30)
    engine.pause()
    clock.advance(40)
    engine.resume()
    clock.advance(10)
    expected = engine.view().remaining_s
    # the process dies; a new one starts later on the same database
    clock.advance(600)
    reborn = SessionClock(demo_db, demo_event, DAY, ManualClock(clock.wall()))
    view = reborn.view()
    assert view.playback == Playback.RUNNING and view.item.id == engine.leaves[0].id
    assert view.remaining_s == pytest.approx(expected - 600)


def test_a_closed_lid_resumes_as_if_nothing_happened(demo_db, demo_event):
    for counts_sleep in (True, False):
        clock = ManualClock(at(8, 30), steady_counts_sleep=counts_sleep)
        engine = SessionClock(demo_db, demo_event, DAY, clock)
        engine.restart() if engine.anchors.state != Playback.STOPPED else None
        engine.start()
        clock.advance(60)
        clock.sleep(300)  # lid closed for five minutes: the talk went on in the room
        engine.poll()
        assert engine.view().remaining_s == pytest.approx(engine.view().duration_s - 360)


def test_a_wall_clock_change_does_not_change_the_remaining_time(engine, clock, demo_db, demo_event):
    engine.start()
    clock.advance(100)
    clock.set_wall(clock.wall() - timedelta(hours=1))  # somebody set the clock back an hour
    assert engine.check_jump() == pytest.approx(-3600)
    clock.advance(20)
    assert engine.view().remaining_s == pytest.approx(1680)
    # the anchors were moved and stored: a fresh process agrees
    fresh = SessionClock(demo_db, demo_event, DAY, ManualClock(clock.wall()))
    assert fresh.view().remaining_s == pytest.approx(1680)
    clock.set_wall(clock.wall() + timedelta(minutes=10))  # and forward again
    engine.poll()
    assert engine.view().remaining_s == pytest.approx(1680)


def test_a_change_from_another_process_is_picked_up_by_poll(engine, clock, demo_db, demo_event):
    other = SessionClock(demo_db, demo_event, DAY, ManualClock(clock.wall()))
    other.start()
    other.set_message("Merci de conclure")
    assert engine.poll() is True
    view = engine.view()
    assert view.playback == Playback.RUNNING and view.message == "Merci de conclure"
    assert engine.poll() is False


def test_actions_never_clobber_a_change_made_elsewhere(engine, clock, demo_db, demo_event):
    engine.start()
    other = SessionClock(demo_db, demo_event, DAY, ManualClock(clock.wall()))
    other.add(300)
    engine.set_blackout(True)  # without polling first
    view = engine.view()
    assert view.blackout and view.remaining_s == pytest.approx(2100)


def test_message_and_blackout(engine):
    assert engine.set_message("  Merci   de conclure ").message == "Merci de conclure"
    assert engine.set_message("").message == ""
    assert engine.set_blackout(True).blackout
    assert not engine.set_blackout(False).blackout


def test_lateness_and_projected_end_against_the_day_end(engine, clock):
    clock.advance(5 * 60)  # 08:35 and nothing started
    view = engine.view()
    assert view.late_s == pytest.approx(300) and format_lateness(view.late_s) == "en retard de 5 min"
    engine.start()
    clock.advance(37 * 60)  # 09:12: the reception ran over by twelve minutes
    engine.next()
    view = engine.view()
    assert view.late_s == pytest.approx(12 * 60)
    # the fifteen minutes planned between SESSION 2 and the closing absorb it
    assert view.projected_end.strftime("%H:%M") == "13:30"
    engine.add(10 * 60)
    view = engine.view()
    assert format_lateness(view.late_s) == "en retard de 22 min"
    assert view.projected_end.strftime("%H:%M") == "13:37"


def test_a_rehearsal_on_another_day_compares_with_the_real_start(demo_db, demo_event):
    clock = ManualClock(datetime(2024, 5, 2, 15, 0, tzinfo=UTC))
    engine = SessionClock(demo_db, demo_event, DAY, clock)
    engine.start()
    clock.advance(37 * 60)
    view = engine.view()
    assert view.rehearsal_offset_s != 0
    assert format_lateness(view.late_s) == "en retard de 7 min"


def test_end_time_mode_counts_to_the_planned_end(engine, clock, demo_db):
    item = engine.leaves[0]  # 08:30 + 30 min
    agenda.update_item(demo_db, item.id, mode="end_time")
    engine.reload()
    clock.advance(10 * 60)  # started ten minutes late
    engine.start()
    clock.advance(60)
    assert engine.view().remaining_s == pytest.approx(19 * 60)


def test_an_hour_simulated_stays_within_100_ms_of_the_truth(demo_db, demo_event, clock):
    """36,000 refreshes at 10 Hz with uneven timer delays; the displayed time never drifts."""
    item = agenda.add_item(demo_db, DAY, "Table ronde", 90)
    engine = SessionClock(demo_db, demo_event, DAY, clock)
    engine.go_to(item)
    engine.start()
    truth_elapsed = 0.0
    worst = 0.0
    for step in range(36_000):
        delay = 0.1 + (0.013 if step % 7 == 0 else -0.002)  # a timer that fires late or early
        clock.advance(delay)
        truth_elapsed += delay
        if step % 250 == 0:
            engine.poll()
        view = engine.view()
        worst = max(worst, abs(view.remaining_s - (90 * 60 - truth_elapsed)))
        truth = 90 * 60 - truth_elapsed
        shown = format_remaining(view.remaining_s)
        assert shown in {format_remaining(truth - 0.1), format_remaining(truth + 0.1)}
    assert truth_elapsed > 3600
    assert worst < 0.1


def test_format_remaining():
    assert format_remaining(300) == "05:00"
    assert format_remaining(299.01) == "05:00"
    assert format_remaining(299.0) == "04:59"
    assert format_remaining(0.2) == "00:01"
    assert format_remaining(0) == "00:00"
    assert format_remaining(-0.9) == "00:00"
    assert format_remaining(-133.2) == "+02:13"
    assert format_remaining(3725) == "1:02:05"


def test_anchors_elapsed_with_pauses():
    anchors = Anchors(started_at=at(9, 0), paused_at=at(9, 10), paused_total_s=120, state=Playback.PAUSED)
    assert anchors.elapsed(at(9, 30)) == 480


def test_clock_day_follows_the_agenda_and_the_running_clock(demo_db, demo_event, engine):
    assert clock_day(demo_db, demo_event, at(7, 0) - timedelta(days=400)) == DAY
    agenda.add_item(demo_db, demo_event.days[0], "Ouverture", 30)
    assert clock_day(demo_db, demo_event, at(7, 0) - timedelta(days=400)) == demo_event.days[0]
    engine.start()
    assert clock_day(demo_db, demo_event, at(7, 0) - timedelta(days=400)) == DAY


def test_the_item_being_timed_is_never_removed_from_under_the_speaker(engine, clock):
    first, second = engine.leaves[0], engine.leaves[1]
    engine.start()
    clock.advance(60)
    with pytest.raises(AgendaError, match="participants » est au chronomètre"):
        engine.remove_item(first.id)
    engine.next()
    with pytest.raises(AgendaError, match="Représentant OIM"):
        engine.remove_item(second.parent_id)  # nor the block holding it
    assert engine.remove_item(first.id) == [first.id]  # done: it may go
    engine.pause()
    with pytest.raises(AgendaError):
        engine.remove_item(second.id)  # paused is still on the stage
    assert engine.view().item.id == second.id


def test_editing_the_running_item_keeps_it_running(engine, clock, demo_db):
    engine.start()
    engine.next()
    clock.advance(100)
    running = engine.view().item
    agenda.update_item(demo_db, running.id, planned_minutes=10)
    engine.reload()
    assert engine.view().remaining_s == pytest.approx(500)
    agenda.move_item(demo_db, running.id, 1)  # swapped with the next speech
    engine.reload()
    view = engine.view()
    assert view.item.id == running.id and view.playback == Playback.RUNNING
    assert view.next_item.title.endswith("Représentant ARDs")
    surprise = agenda.add_item(demo_db, DAY, "Intervention surprise", 5, after_id=running.id)
    engine.reload()
    assert engine.view().next_item.id == surprise
    assert engine.next().item.id == surprise


def test_day_summary_while_running_at_the_end_and_on_an_empty_day(engine, clock, demo_db, demo_event):
    assert day_summary(engine.view()) == "La journée est à l'heure · fin prévue 13:30 (programme : 13:30)"
    engine.go_to(engine.leaves[-1].id)
    clock.set_wall(at(12, 30))
    engine._rebase()
    engine.start()
    clock.advance(50 * 60)
    view = engine.next()
    assert day_summary(view) == "Journée terminée à 13:20, en avance de 10 min (programme : 13:30)"
    empty = SessionClock(demo_db, demo_event, demo_event.days[0], clock)
    assert day_summary(empty.view()) == ""
    with pytest.raises(ClockError, match="vide"):
        empty.start()


def test_after_the_end_the_refusal_says_how_to_go_back(engine, clock):
    engine.go_to(engine.leaves[-1].id)
    engine.start()
    engine.next()
    with pytest.raises(ClockError, match="revenez à un élément"):
        engine.start()
    view = engine.previous()
    assert view.item.id == engine.leaves[-1].id and view.playback == Playback.ARMED
