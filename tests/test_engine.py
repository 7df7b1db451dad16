"""Tests the timing engine with a fake clock: no drift, pause, next/back, events once, jumps."""

from __future__ import annotations

import pytest
from fakes import FakeClock, make_plan

from stretchtimer.core.engine import Session, State
from stretchtimer.core.events import (
    Countdown,
    Event,
    Finished,
    Halfway,
    SegmentEnded,
    SegmentStarted,
    Stopped,
)

QUICK = make_plan(
    ("prepare", 5, "left"),
    ("hold", 20, "left"),
    ("switch", 5, "right"),
    ("hold", 20, "right"),
    ("prepare", 5, None),
    ("hold", 30, None),
)


def run_for(session: Session, clock: FakeClock, seconds: float, step: float = 0.25) -> list[Event]:
    events: list[Event] = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        events += session.tick()
    return events


def started() -> tuple[Session, FakeClock]:
    clock = FakeClock()
    session = Session(QUICK, clock)
    session.start()
    return session, clock


def test_events_fire_exactly_once_in_order() -> None:
    """A full run reports each start, halfway, 3-2-1 and end exactly once, then Finished."""
    session, clock = started()
    events = session.tick() + run_for(session, clock, 85)
    assert session.state is State.FINISHED
    starts = [e.index for e in events if isinstance(e, SegmentStarted)]
    ends = [e.index for e in events if isinstance(e, SegmentEnded)]
    assert starts == ends == [0, 1, 2, 3, 4, 5]
    assert [e.index for e in events if isinstance(e, Halfway)] == [1, 3, 5]
    hold1 = [e.n for e in events if isinstance(e, Countdown) and e.index == 1]
    assert hold1 == [3, 2, 1]
    assert sum(isinstance(e, Finished) for e in events) == 1
    assert not any(e.late for e in events)
    assert session.tick() == []


def test_no_drift_over_a_long_plan_with_irregular_ticks() -> None:
    """Irregular tick intervals do not change when the plan ends: exactly its total."""
    long_plan = make_plan(*[("hold", 60, None)] * 60)  # one hour
    clock = FakeClock()
    session = Session(long_plan, clock)
    session.start()
    t0 = clock.now
    steps = [0.31, 0.17, 0.5, 0.23, 1.1]
    i = 0
    while session.state is State.RUNNING:
        clock.advance(steps[i % len(steps)])
        i += 1
        session.tick()
        finished = session.remaining_total == 0 and not session.active
        assert abs(session.remaining_total - (3600 - (clock.now - t0))) < 1e-6 or finished
    assert 3600 <= clock.now - t0 < 3600 + max(steps)


def test_remaining_comes_from_the_clock_not_ticks() -> None:
    """Without ticking, remaining still follows the clock."""
    session, clock = started()
    clock.advance(3.5)
    assert session.remaining == pytest.approx(1.5)
    assert session.remaining_total == pytest.approx(85 - 3.5)


def test_pause_and_resume() -> None:
    """Paused time does not count, and a paused session reports nothing."""
    session, clock = started()
    run_for(session, clock, 2)
    session.pause()
    clock.advance(100)
    assert session.tick() == []
    assert session.remaining == pytest.approx(3)
    session.resume()
    assert session.tick() == []  # resuming is not a late jump
    events = run_for(session, clock, 3)
    assert SegmentStarted(1) in events
    assert session.index == 1 and not any(e.late for e in events)


def test_next_and_back_across_sides_and_steps() -> None:
    """next skips forward segment by segment; back restarts or goes back."""
    session, clock = started()
    session.tick()
    session.next()
    assert session.index == 1 and session.segment.side is not None
    assert session.tick() == [SegmentStarted(1)]
    session.next()
    session.next()
    side = session.segment.side
    assert (session.index, side.value if side else None) == (3, "right")
    run_for(session, clock, 5)
    session.back()  # 5 s in: restart the right-side hold
    assert session.index == 3 and session.remaining == pytest.approx(20)
    session.back()  # just started: go to the switch before it
    assert session.index == 2
    session.next()
    session.next()
    assert session.index == 4 and session.step_number == 1  # make_plan puts all in one step
    session.next()
    session.next()
    assert session.state is State.FINISHED
    assert Finished(5) in session.tick()


def test_next_while_paused_stays_paused() -> None:
    """Skipping while paused starts the next segment paused, at its full length."""
    session, clock = started()
    session.pause()
    session.next()
    clock.advance(50)
    assert session.state is State.PAUSED and session.remaining == pytest.approx(20)


def test_held_seconds_counts_only_holds() -> None:
    """Time held is the time spent in holds, skipped parts not counted."""
    session, clock = started()
    run_for(session, clock, 5 + 20 + 5 + 10)
    session.next()
    assert session.held_seconds == pytest.approx(30)


def test_long_gap_jumps_without_a_burst() -> None:
    """After a suspended laptop, it skips to where the clock says, reporting quietly."""
    session, clock = started()
    session.tick()
    clock.advance(37)  # into the right-side hold (starts at 30)
    events = session.tick()
    assert events == [SegmentStarted(3, late=True)]
    assert session.index == 3 and session.remaining == pytest.approx(13)
    assert run_for(session, clock, 1) == []  # the passed halfway is not fired late
    clock.advance(1000)
    assert session.tick() == [Finished(5, late=True)]


def test_stop_records_reason() -> None:
    """stop(reason) ends the session and reports it once."""
    session, clock = started()
    run_for(session, clock, 8)
    session.stop("pain")
    assert session.tick()[-1] == Stopped(1, reason="pain")
    assert session.state is State.STOPPED and session.stop_reason == "pain"
    assert session.held_seconds == pytest.approx(3)
    assert session.tick() == []


def test_held_time_is_what_was_really_held() -> None:
    """Skipped holds and a jump in the clock (a stopped process) are not held; the rest is."""
    session, clock = started()
    run_for(session, clock, 5 + 10)  # get ready, then half the first hold
    clock.advance(30)  # stopped (SIGSTOP) through the rest of it and into the next ones
    session.tick()
    run_for(session, clock, 2)  # back, 15 s into the second hold: 2 s more held
    session.next()  # then skip what is left of it
    assert session.held_seconds == pytest.approx(12.0, abs=0.3)
    assert not session.held_enough  # 12 s of a planned 70 s


def test_held_enough_is_half_the_planned_hold_time() -> None:
    """At least half the planned hold time held: enough; just under half: not."""
    plan = make_plan(("hold", 20, None), ("hold", 20, None))
    for held, enough in ((20.0, True), (19.0, False)):
        clock = FakeClock()
        session = Session(plan, clock)
        session.start()
        run_for(session, clock, held)
        session.next()
        if session.index == 1 and session.state is State.RUNNING:
            session.next()
        assert session.state is State.FINISHED
        assert session.held_enough is enough, session.held_seconds
