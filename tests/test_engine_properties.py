"""Tests properties of the engine with Hypothesis: any plan, any ticks with any gaps, any mix of
pause, resume, next and back."""

from __future__ import annotations

from dataclasses import dataclass

from fakes import FakeClock, make_plan
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtimer.core.engine import LATE_AFTER, Session, State
from stretchtimer.core.events import (
    Countdown,
    Event,
    Finished,
    Halfway,
    SegmentEnded,
    SegmentStarted,
    Stopped,
)
from stretchtimer.core.model import Plan

KINDS = ("prepare", "hold", "switch", "rest")

plans = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(1, 40), st.sampled_from([None, "left", "right"])),
    min_size=1,
    max_size=6,
).map(lambda parts: make_plan(*parts))

gaps = st.one_of(
    st.floats(0.01, 1.0),  # a screen looking every so often
    st.floats(1.0, 2.0 * LATE_AFTER),  # a stalled loop, around the jump threshold
    st.floats(0.0, 0.0),
)


@dataclass(frozen=True)
class Step:
    """One thing that happens to a running session: time passes, then maybe a command."""

    gap: float
    command: str


steps = st.lists(
    st.builds(
        Step,
        gaps,
        st.sampled_from(["tick"] * 6 + ["pause", "resume", "next", "back"]),
    ),
    max_size=80,
)


def _visits(events: list[Event]) -> list[list[Event]]:
    """The events cut at each SegmentStarted: one list per visit of a segment."""
    out: list[list[Event]] = []
    for event in events:
        if isinstance(event, SegmentStarted) or not out:
            out.append([])
        out[-1].append(event)
    return out


def _drive(plan: Plan, script: list[Step]) -> tuple[Session, FakeClock, list[Event], list[float]]:
    """Run the script, then tick until the end; events, and time left after every tick."""
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    events = session.tick()
    lefts: list[float] = []
    for step in script:
        clock.advance(step.gap)
        if step.command != "tick":
            getattr(session, step.command)()
        events += session.tick()
        lefts.append(session.remaining_total)
        assert session.remaining >= 0 and session.remaining_total >= 0
    session.resume()
    while session.active:
        clock.advance(0.5)
        events += session.tick()
    return session, clock, events, lefts


@settings(max_examples=150, deadline=None)
@given(plans, steps)
def test_events_at_most_once_per_visit_and_in_order(plan: Plan, script: list[Step]) -> None:
    """Within each visit of a segment: one start, at most one halfway, each of 3-2-1 at most
    once and counting down, at most one end, nothing after the end; one Finished in all."""
    session, _, events, _ = _drive(plan, script)
    assert session.state is State.FINISHED
    assert session.held_seconds >= 0  # (a hold restarted with back is held twice: no upper bound)
    assert sum(isinstance(e, Finished) for e in events) == 1
    assert isinstance(events[-1], Finished)
    for visit in _visits([e for e in events if not isinstance(e, Finished)]):
        index = visit[0].index
        assert all(e.index == index for e in visit)
        assert sum(isinstance(e, SegmentStarted) for e in visit) == 1
        assert sum(isinstance(e, Halfway) for e in visit) <= 1
        assert sum(isinstance(e, SegmentEnded) for e in visit) <= 1
        if any(isinstance(e, SegmentEnded) for e in visit):
            assert isinstance(visit[-1], SegmentEnded)
        counts = [e.n for e in visit if isinstance(e, Countdown)]
        assert counts == sorted(set(counts), reverse=True)


@settings(max_examples=150, deadline=None)
@given(plans, steps)
def test_time_left_never_negative_and_never_rises_while_running(
    plan: Plan, script: list[Step]
) -> None:
    """Between two ticks with no command (only time passing, running or paused), the time
    left in the routine never rises; it is never negative."""
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    before = session.remaining_total
    for step in script:
        clock.advance(step.gap)
        if step.command != "tick":
            getattr(session, step.command)()
        else:
            session.tick()
            assert session.remaining_total <= before + 1e-9
        before = session.remaining_total
        assert before >= 0


@settings(max_examples=150, deadline=None)
@given(plans, st.lists(st.tuples(gaps, st.floats(0.0, 30.0)), max_size=12), gaps)
def test_with_pauses_only_it_ends_at_the_plan_plus_the_time_paused(
    plan: Plan, pauses: list[tuple[float, float]], look: float
) -> None:
    """Run with pauses (but no next or back): the end comes exactly at the planned total plus
    the seconds spent paused, however irregularly the clock is looked at."""
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    t0 = clock.now
    paused = 0.0
    last = 0.0  # the clock's last move: the end is seen at the first look after it comes
    for run, pause in pauses:
        clock.advance(run)
        last = run
        session.tick()
        if not session.active:
            break
        session.pause()
        clock.advance(pause)
        paused += pause
        session.resume()
    while session.active:
        last = max(look, 0.05)
        clock.advance(last)
        session.tick()
    end = plan.total_seconds + paused
    assert session.state is State.FINISHED
    assert end - 1e-6 <= clock.now - t0 < end + last + 1e-6  # (float sums: a hair either way)


@settings(max_examples=100, deadline=None)
@given(plans, st.sampled_from(["quit", "pain", "interrupted"]), steps)
def test_stop_is_final(plan: Plan, reason: str, script: list[Step]) -> None:
    """Stopped, a session reports Stopped once and nothing after, whatever is done to it."""
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    session.tick()
    session.stop(reason)
    events = session.tick()
    for step in script:
        clock.advance(step.gap)
        if step.command != "tick":
            getattr(session, step.command)()
        events += session.tick()
    assert [type(e) for e in events] == [Stopped]
    assert session.state is State.STOPPED and session.stop_reason == reason
    assert session.remaining_total == 0


@settings(max_examples=100, deadline=None)
@given(plans, st.lists(st.floats(0.05, 1.0), min_size=1, max_size=20))
def test_looked_at_steadily_every_hold_is_held_whole(plan: Plan, looks: list[float]) -> None:
    """No skips, no jumps: the time held is exactly the plan's hold time, and it is enough."""
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    i = 0
    while session.active:
        clock.advance(looks[i % len(looks)])
        i += 1
        session.tick()
    assert abs(session.held_seconds - plan.hold_seconds) < 1e-6
    assert session.held_enough or plan.hold_seconds == 0
