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
    assert hold.cue.startswith("Hold (your left knee comes in): Lift one knee")
    assert "Hold 20-30 seconds" not in hold.cue  # the timer does the timing
    assert switch.cue.startswith("Switch sides: your right knee comes in")


def test_repeat_rest_and_single_side(tmp_path: Path, library: Library) -> None:
    """repeat, rest between steps, and a one-sided step (getting down from all fours to lying
    on the back takes a get-ready of its own, though the routine gives none)."""
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
        ("prepare", 8, Side.RIGHT),
        ("hold", 20, Side.RIGHT),
    ]
    assert p.seconds_from(2) == 53


def test_sides_name_the_limb_as_the_article_says() -> None:
    """`**Left side:**` (and `**Right side:**`) in a two-sided variant: read apart from the
    steps; a side the article leaves out is the other one mirrored; none says `left side`."""
    from stretchtimer.core.model import Side
    from stretchtimer.core.plan import side_meaning
    from stretchtimer.library.articles import parse_article

    text = (
        "# Twist\n\n## How to Do It\n\n### Lying Twist\n\n**The Movement:**\n\n"
        "1. Let the knees fall to one side\n2. Switch sides\n\n"
        "**Left side:** your knees drop to the Left\n\n"
        "### Seated Twist\n\n**The Movement:**\n\n1. Turn\n2. Switch sides\n\n"
        "### Red Flags\n\n- Pain\n"
    )
    lying, seated = parse_article(Path("twist.md"), text).variants
    assert lying.steps == ("Let the knees fall to one side", "Switch sides")
    assert side_meaning(lying, Side.LEFT) == "your knees drop to the Left"
    assert side_meaning(lying, Side.RIGHT) == "your knees drop to the Right"
    assert side_meaning(seated, Side.RIGHT) == "right side"


def test_check_warns_when_a_two_sided_variant_does_not_say_what_left_means(
    tmp_path: Path,
) -> None:
    """The warning names the variant and shows the line to add; every bundled two-sided
    variant has it."""
    from stretchtimer.cli import main

    path = tmp_path / "calf.md"
    path.write_text(
        "# Calf\n\n## How to Do It\n\n### Wall Calf\n\n**The Movement:**\n\n1. Lean\n"
        "2. Switch sides\n\n### Red Flags\n\n- Pain\n"
    )
    from stretchtimer.library.articles import article_warnings, load_article

    assert article_warnings(load_article(path)) == [
        "variant 'Wall Calf' is done on both sides but does not say what 'left' means: add a "
        "line like '**Left side:** your left knee comes in'"
    ]
    bundled = Path(__file__).parent.parent / "content"
    for article in bundled.glob("*.md"):
        assert not [w for w in article_warnings(load_article(article)) if "left" in w], article
    assert main(["check", str(path)]) == 0
