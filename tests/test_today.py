"""Tests today's proposal (the slot by the hour, the user's versions, a flare, a gap, the
minutes there are) and the speed of the coach over a long history."""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta

from test_coach_rules import (
    CHILD,
    KNEE,
    MORNING,
    NECK,
    TILT,
    TWIST,
    ago,
    at,
    check,
    decided,
    routine,
    session,
    step,
)

from stretchtimer.core.coach import suggest
from stretchtimer.core.model import Routine, Sides
from stretchtimer.core.plan import plan
from stretchtimer.core.records import Decision, MorningCheck, SessionRecord, StepRecord
from stretchtimer.core.today import propose, shortest
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine

TODAY = ago(0)

DESK = routine("desk-break", step(NECK, None, 20), step(TWIST, None, 20), title="Desk Break")
SHOULDERS = routine("neck-and-shoulders", step(NECK, None, 30, sides=Sides.BOTH),
                    title="Neck and Shoulders")
SITTING = routine("after-sitting", step(CHILD, None, 30), title="After Sitting")
SLEEP = routine("before-sleep", step(KNEE, "single", 30, sides=Sides.BOTH),
                title="Before Sleep")
FLARE = routine("flare-up", step(TILT, None, 0, reps=6, prepare=10),
                step(KNEE, "single", 20, prepare=10), title="Flare-up")
ALL = {r.name: r for r in (MORNING, DESK, SHOULDERS, SITTING, SLEEP, FLARE)}


def now(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    """A local moment of `day`."""
    return at(day, hour) + timedelta(minutes=minute)


def offer(
    hour: int,
    records: list[SessionRecord] | None = None,
    checks: list[MorningCheck] | None = None,
    decisions: list[Decision] | None = None,
    routines: dict[str, Routine] | None = None,
    minutes: float | None = None,
    minute: int = 0,
) -> tuple[str, str, int | None, str | None]:
    """(routine, reason, fit seconds, the attached suggestion's rule) proposed at `hour`."""
    p = propose(routines or ALL, records or [], checks or [], decisions or [],
                now(hour, minute), minutes)
    return p.routine, p.reason, p.fit_seconds, p.suggestion.rule if p.suggestion else None


def test_the_hour_picks_the_slot() -> None:
    """Before 11: morning; 11 to 18: a desk routine; from 18: before sleep."""
    assert offer(10, minute=59)[0] == "morning"
    assert offer(11)[0] == "desk-break"
    assert offer(17, minute=59)[0] == "desk-break"
    assert offer(18)[0] == "before-sleep"
    assert offer(23, minute=30)[0] == "before-sleep"
    assert offer(0)[0] == "morning"


def test_the_desk_routine_done_least_recently_first() -> None:
    """Never done comes first, then the one done longest ago."""
    records = [session(ago(1), r=DESK), session(ago(2), r=SITTING)]
    assert offer(14, records)[0] == "neck-and-shoulders"
    records.append(session(ago(0), r=SHOULDERS, hour=10))
    assert offer(14, records)[0] == "after-sitting"


def test_the_reason_names_the_time_and_the_days_running() -> None:
    """Done 3 days running with green sessions: the reason says so, with the time."""
    records = [session(ago(n), 2, 1) for n in (3, 2, 1)]
    name, reason, fit, rule = offer(7, records, minute=40)
    assert name == "morning" and fit is None
    assert reason == "Morning: it is 7:40 and you did it 3 days running with little pain"
    assert "little pain" in reason
    assert "you have not done it yet" in offer(7)[1]


def test_an_accepted_version_replaces_the_original() -> None:
    """An accepted change made `morning-2`: that is proposed; a chain is followed to its end,
    past a version that is gone."""
    two = routine("morning-2", *MORNING.steps[:2])
    three = routine("morning-3", *MORNING.steps[:1])
    first = decided("progress:morning:a", ago(9), "accepted", "progress", "morning", "morning-2")
    second = decided("progress:morning-2:b", ago(2), "accepted", "progress", "morning-2",
                     "morning-3")
    assert offer(8, decisions=[first], routines={**ALL, "morning-2": two})[0] == "morning-2"
    chained = {**ALL, "morning-2": two, "morning-3": three}
    assert offer(8, decisions=[first, second], routines=chained)[0] == "morning-3"
    skipped = {**ALL, "morning-3": three}
    assert offer(8, decisions=[first, second], routines=skipped)[0] == "morning-3"
    gone = {**ALL, "morning-2": two}
    assert offer(8, decisions=[first, second], routines=gone)[0] == "morning-2"
    declined = decided("progress:morning:a", ago(1), "declined", "progress", "morning",
                       "morning-2")
    assert offer(8, decisions=[declined], routines={**ALL, "morning-2": two})[0] == "morning"


def test_without_the_slots_routine_the_first_there_is() -> None:
    """No routine of the slot given: the first of the mapping."""
    assert offer(8, routines={"flare-up": FLARE, "before-sleep": SLEEP})[0] == "flare-up"


def test_a_flare_proposes_the_gentlest_routine() -> None:
    """A flare today: the gentlest routine of its region, with the flare suggestion."""
    checks = [*(check(ago(n), 2) for n in range(1, 8)), check(ago(0), 6)]
    name, reason, fit, rule = offer(8, checks=checks)
    assert (name, fit, rule) == ("flare-up", None, "flare")
    assert "6 today" in reason and "gentlest" in reason
    assert offer(20, checks=checks, minutes=4)[:3:2] == ("flare-up", 240)
    calm = [*(check(ago(n), 2) for n in range(1, 8)), check(ago(0), 4)]
    assert offer(8, checks=calm)[0] == "morning"


def test_a_gap_fits_the_routine_shorter() -> None:
    """7 days without a session: fitted to 60% of its length, or the minutes when fewer."""
    total = plan(MORNING).total_seconds
    name, reason, fit, rule = offer(8, [session(ago(7), r=SLEEP)])
    assert (name, fit, rule) == ("morning", round(total * 0.6), "gap")
    assert "shorter, after 7 days without a session" in reason
    assert offer(8, [session(ago(7), r=SLEEP)], minutes=1)[2] == 60
    assert offer(8, [session(ago(7), r=SLEEP)], minutes=60)[2] == round(total * 0.6)
    assert offer(8, [session(ago(6), r=SLEEP)])[2:] == (None, None)


def test_minutes_give_the_budget_and_prefer_a_routine_that_fits() -> None:
    """5 minutes: fitted to 300 s; a desk routine too long even at its shortest gives way to
    the next that fits; when none fits, the first stays."""
    assert offer(8, minutes=5)[2] == 300
    long_desk = routine("desk-break", *(step(NECK, None, 40, sides=Sides.BOTH)
                                        for _ in range(6)), title="Desk Break")
    routines = {**ALL, "desk-break": long_desk}
    budget = shortest(long_desk) / 60 - 0.1
    assert shortest(SHOULDERS) <= budget * 60
    assert offer(14, routines=routines, minutes=budget)[0] == "neck-and-shoulders"
    assert offer(14, routines=routines)[0] == "desk-break"
    assert offer(14, routines=routines, minutes=0.1)[0] == "desk-break"


def test_a_red_last_time_is_said_with_the_ease_off_attached() -> None:
    """The slot routine's last session was red: the reason says so, ease-off attached."""
    name, reason, fit, rule = offer(8, [session(ago(1), 2, 7)])
    assert (name, rule) == ("morning", "ease-off")
    assert "last time was hard (pain 2 before, 7 after on 19 Dec)" in reason


def test_bundled_routines_flare_up_is_the_gentlest(library: Library) -> None:
    """Over the bundled routines, a low-back flare proposes flare-up."""
    routines = {n: load_routine(e, library)[0] for n, e in library.routines().items()}
    checks = [check(ago(0), 8)]
    p = propose(routines, [], checks, [], now(9), None)
    assert p.routine == "flare-up"
    assert propose(routines, [], [], [], now(9), None).routine == "morning"


def _history(count: int, start: date) -> tuple[list[SessionRecord], list[MorningCheck]]:
    """`count` sessions of 4 steps each, several a day from `start`, with random scores."""
    rng = random.Random(7)
    names = ["morning", "desk-break", "neck-and-shoulders", "after-sitting", "before-sleep"]
    records: list[SessionRecord] = []
    checks: list[MorningCheck] = []
    for i in range(count):
        day = start + timedelta(days=i // 5)
        steps = tuple(
            StepRecord(p, "knee-to-chest", "single", None, 30.0, 30.0 * rng.random(),
                       pain_stop=rng.random() < 0.02)
            for p in range(4)
        )
        records.append(SessionRecord(
            at(day, 7 + 3 * (i % 5)), names[i % 5], "", "completed",
            rng.choice([None, *range(8)]), rng.choice([None, *range(8)]), "low-back",
            sum(s.held for s in steps), steps,
        ))
        if i % 5 == 0:
            checks.append(MorningCheck(at(day, 6), "low-back", rng.randint(0, 6)))
    return records, checks


def test_ten_thousand_sessions_are_quick() -> None:
    """10,000 sessions with 40,000 steps through suggest() and propose() in under 1 s."""
    records, checks = _history(10_000, TODAY - timedelta(days=1999))
    assert sum(len(r.steps) for r in records) == 40_000
    decisions = [decided(f"k{n}", ago(n), "declined") for n in range(200)]
    began = time.perf_counter()
    found = suggest(records, checks, decisions, ALL, TODAY)
    p = propose(ALL, records, checks, decisions, now(8), 10)
    took = time.perf_counter() - began
    assert p.routine in ALL and isinstance(found, list)
    assert took < 1.0, took
