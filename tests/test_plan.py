"""Tests the plan: routines flattened into timed segments."""

from __future__ import annotations

from pathlib import Path

from conftest import write

from stretchtimer.core.model import Plan, SegmentKind, Side
from stretchtimer.core.plan import plan
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine


def plan_of(library: Library, name: str, lead: Side = Side.LEFT) -> Plan:
    routine, _ = load_routine(library.find_routine(name), library)
    return plan(routine, lead)


def test_quick_relief_holds_and_total(library: Library) -> None:
    """quick-relief: 20 s left, 20 s right, 30 s double; under two minutes in all."""
    p = plan_of(library, "quick-relief")
    holds = [(s.seconds, s.side, s.variant.id) for s in p.segments if s.kind is SegmentKind.HOLD]
    assert holds == [
        (20, Side.LEFT, "single-knee-to-chest"),
        (20, Side.RIGHT, "single-knee-to-chest"),
        (30, None, "double-knee-to-chest"),
    ]
    assert [s.kind.value for s in p.segments] == [
        "prepare",
        "hold",
        "switch",
        "hold",
        "prepare",
        "hold",
    ]
    assert p.total_seconds == sum(s.seconds for s in p.segments) <= 120


def test_lead_side_changes_the_order(library: Library) -> None:
    """With the right side leading, the first hold is on the right."""
    p = plan_of(library, "quick-relief", Side.RIGHT)
    sides = [s.side for s in p.segments if s.kind is SegmentKind.HOLD]
    assert sides[:2] == [Side.RIGHT, Side.LEFT]


def test_cues_follow_the_article(library: Library) -> None:
    """Prepare cues give the starting position, holds the movement, switch says so."""
    p = plan_of(library, "quick-relief")
    prepare, hold, switch = p.segments[:3]
    assert prepare.cue.startswith("Get into position: Lie face up")
    assert hold.cue.startswith("Hold (left side): Lift one knee")
    assert "Hold 20-30 seconds" not in hold.cue  # the timer does the timing
    assert switch.cue.startswith("Switch sides to the right")


def test_repeat_rest_and_single_side(tmp_path: Path, library: Library) -> None:
    """repeat, rest between steps, and a one-sided step."""
    path = write(
        tmp_path,
        "r.yaml",
        "title: T\ndefaults:\n  rest: 10\n  prepare: 0\nsteps:\n"
        "  - exercise: cat-cow\n    hold: 15\n    repeat: 2\n"
        "  - exercise: supine-twist\n    hold: 20\n    sides: right\n",
    )
    routine, _ = load_routine(library.find_routine(str(path)), library)
    p = plan(routine)
    assert [(s.kind.value, s.seconds, s.side) for s in p.segments] == [
        ("hold", 15, None),
        ("rest", 10, None),
        ("hold", 15, None),
        ("rest", 10, None),
        ("hold", 20, Side.RIGHT),
    ]
    assert p.seconds_from(2) == 45
