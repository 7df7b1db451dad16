"""Provides helpers for Pilot tests: an app on a fake clock with a recording player."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from fakes import FakeClock, RecordingPlayer
from textual.pilot import Pilot
from textual.widgets import Label, Static

from stretchtimer.core.model import Plan
from stretchtimer.core.plan import plan as make_plan
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens import session as session_screen_module
from stretchtimer.ui.screens.session import SessionScreen


def quick_relief() -> Plan:
    library = Library()
    routine, _ = load_routine(library.find_routine("quick-relief"), library)
    return make_plan(routine)


def history_recorder() -> HistoryRecorder:
    """A recorder over the test's own history (the pain questions are asked only where the
    history records)."""
    return HistoryRecorder(lambda: History(paths.history_file()), lambda message: None)


def build(
    plan: Plan | None = None, fail: bool = False, recording: bool = False
) -> tuple[StretchApp, FakeClock, RecordingPlayer]:
    clock = FakeClock()
    player = RecordingPlayer(fail=fail)
    recorder = history_recorder() if recording else None
    app = StretchApp(plan=plan or quick_relief(), clock=clock, player=player, recorder=recorder)
    return app, clock, player


def text(app: StretchApp, selector: str) -> str:
    """The plain text a Label or Static shows."""
    widget = app.screen.query_one(selector)
    assert isinstance(widget, (Label, Static))
    return str(widget.content)


def session_screen(app: StretchApp) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    return screen


def advance(app: StretchApp, clock: FakeClock, seconds: float, step: float = 0.25) -> None:
    """Move the fake clock, letting the screen look at it every `step` seconds."""
    for _ in range(round(seconds / step)):
        clock.advance(step)
        screen = app.screen
        if isinstance(screen, SessionScreen):
            screen.tick()



async def until(pilot: Pilot[int], done: Callable[[], bool], most: float = 10.0) -> None:
    """Let the app's real timers and refreshes run until `done` (a busy machine may be slow),
    for at most `most` seconds; the caller asserts what it waited for."""
    deadline = time.monotonic() + most
    while not done() and time.monotonic() < deadline:
        await pilot.pause(0.02)

Scenario = Callable[[StretchApp, Pilot[int]], Awaitable[None]]


def drive(app: StretchApp, scenario: Scenario, size: tuple[int, int] = (80, 24)) -> None:
    """Run `scenario` against the app in a headless terminal of `size`."""

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    # The summary follows the final frame at once here (the pause that lets a real terminal
    # paint that frame first is exercised by the tmux tests).
    held, session_screen_module.FINAL_FRAME = session_screen_module.FINAL_FRAME, 0.0
    try:
        asyncio.run(go())
    finally:
        session_screen_module.FINAL_FRAME = held
