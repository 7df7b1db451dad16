"""Tests what a session remembers and says once: the far view as `f` last left it (unless
`far_view:` fixes it), "no sound player works here" once per machine, and the voice saying
the starting position and, in the get-ready's last seconds, the movement."""

from __future__ import annotations

import argparse
from pathlib import Path

from apphelp import advance, build, drive
from textual.pilot import Pilot

from stretchtimer.core.model import SegmentKind
from stretchtimer.core.plan import plan as make_plan
from stretchtimer.core.thresholds import movement_lead
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.library.settings import Settings
from stretchtimer.library.state import far_view_choice
from stretchtimer.runner.notices import once_per_machine
from stretchtimer.runner.options import build_options
from stretchtimer.sound.chimes import NO_PLAYER_NOTICE
from stretchtimer.sound.phrases import phrases
from stretchtimer.ui.app import StretchApp


def test_f_is_remembered_for_the_next_session_and_a_setting_fixes_it() -> None:
    """`f` at 100x30 turns the far view off, and the next run starts with it off; a
    `far_view: on` setting wins over the remembered choice."""
    assert far_view_choice() is None
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 1)
        await pilot.pause()
        assert app.screen.has_class("-far")
        await pilot.press("f")
        await app.workers.wait_for_complete()
        assert not app.screen.has_class("-far")

    drive(app, scenario, size=(100, 30))
    assert far_view_choice() is False
    args = argparse.Namespace()
    assert build_options(args, Settings()).far is False
    assert build_options(args, Settings(far_view="on")).far is True
    assert build_options(args, Settings(far_view="auto")).far is False


def test_no_sound_player_is_said_once_per_machine() -> None:
    """The first time, the notice; after that, never again on this machine; other notices
    always pass."""
    said: list[str] = []
    notify = once_per_machine(said.append)
    notify(NO_PLAYER_NOTICE)
    notify("Chimes muted")
    once_per_machine(said.append)(NO_PLAYER_NOTICE)  # a later session
    assert said == [NO_PLAYER_NOTICE, "Chimes muted"]
    assert (paths.state_dir() / "no-sound-player-said").exists()


def test_the_voice_says_the_starting_position_then_the_movement_before_the_hold(
    tmp_path: Path,
) -> None:
    """In a get-ready with room for both (10 s): its first starting-position step at its start
    and its first movement step in its last 4 seconds (a trigger of its own), so the movement
    is heard before the hold begins; in a 5 s one the starting position wins."""
    lines = ["title: T", "steps:"]
    for prepare in (10, 5):
        lines += ["  - exercise: knee-to-chest", "    variant: double", "    hold: 20",
                  f"    prepare: {prepare}"]
    routine = tmp_path / "t.yaml"
    routine.write_text("\n".join(lines) + "\n")
    library = Library()
    plan = make_plan(load_routine(library.find_routine(str(routine)), library)[0])
    readies = [i for i, seg in enumerate(plan.segments) if seg.kind is SegmentKind.PREPARE]
    table = phrases(plan)
    first, second = readies
    assert plan.segments[first].seconds == 10
    assert table[(first, "start")] == ["Double Knee to Chest.", "Lie face up with both knees bent "
                                       "and feet flat."]
    assert table[(first, "move")] == ["Lift one knee, then the other, toward your chest."]
    assert movement_lead(10) == 4 and (second, "move") not in table
