"""Tests every way out of a session: each closes the history row at once with its status and
leaves with the exit code DESIGN.md section 6 gives it (0 done, 1 pain, 3 quit, 130 ctrl+c,
128+N a signal, 141 a closed pipe); keys arriving while the app shuts down do nothing."""

from __future__ import annotations

import io
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from apphelp import advance, quick_relief
from fakes import FakeClock, RecordingPlayer
from textual.pilot import Pilot

from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.plain import run_plain
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.confirm import ConfirmScreen
from stretchtimer.ui.screens.session import SessionScreen

Scenario = Callable[[StretchApp, Pilot[int], FakeClock], Awaitable[None]]


def run(scenario: Scenario, picker: bool = False) -> tuple[int | None, list[str]]:
    """The app with a real history, through `scenario`: (exit code, statuses recorded)."""
    import asyncio

    from stretchtimer.ui.screens import session as session_module

    clock = FakeClock()
    recorder = HistoryRecorder(lambda: History(paths.history_file()), lambda m: None)
    plan = None if picker else quick_relief()
    app = StretchApp(plan=plan, clock=clock, player=RecordingPlayer(), recorder=recorder)

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(app, pilot, clock)
            await pilot.pause()

    held, session_module.FINAL_FRAME = session_module.FINAL_FRAME, 0.0
    try:
        asyncio.run(go())
    finally:
        session_module.FINAL_FRAME = held
    recorder.close()
    return app.return_code, [r.status for r in History(paths.history_file()).recent()]


async def into_the_hold(app: StretchApp, pilot: Pilot[int], clock: FakeClock) -> None:
    advance(app, clock, 8)
    await pilot.pause()


def test_q_then_yes_is_quit_and_3() -> None:
    """q, then y: the row says quit, the exit code is 3."""

    async def scenario(app: StretchApp, pilot: Pilot[int], clock: FakeClock) -> None:
        await into_the_hold(app, pilot, clock)
        await pilot.press("q", "y")

    assert run(scenario) == (3, ["quit"])


@pytest.mark.parametrize("how", ["ctrl+q", "palette"])
def test_ctrl_q_and_the_palette_quit_ask_as_q_does(how: str) -> None:
    """ctrl+q and the palette's Quit open the same question as q; n carries on, y quits (3)."""

    async def scenario(app: StretchApp, pilot: Pilot[int], clock: FakeClock) -> None:
        await into_the_hold(app, pilot, clock)
        for answer in ("n", "y"):
            if how == "ctrl+q":
                await pilot.press("ctrl+q")
            else:
                await app.run_action("quit")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press(answer)
            await pilot.pause()
            if answer == "n":
                assert isinstance(app.screen, SessionScreen) and app.runner is not None
                assert app.runner.session.active

    assert run(scenario) == (3, ["quit"])


def test_ctrl_c_ends_at_once_with_130() -> None:
    """ctrl+c: no question; the row says quit, the exit code is 130."""

    async def scenario(app: StretchApp, pilot: Pilot[int], clock: FakeClock) -> None:
        await into_the_hold(app, pilot, clock)
        await pilot.press("ctrl+c")

    assert run(scenario) == (130, ["quit"])


def test_pain_then_ctrl_q_keeps_1() -> None:
    """Stopped for pain, then ctrl+q on the red flags: still 1, the row says stopped."""

    async def scenario(app: StretchApp, pilot: Pilot[int], clock: FakeClock) -> None:
        await into_the_hold(app, pilot, clock)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+q")

    assert run(scenario) == (1, ["stopped"])


def test_done_then_ctrl_q_is_0() -> None:
    """The routine complete, ctrl+q on the summary: 0, the row says completed."""

    async def scenario(app: StretchApp, pilot: Pilot[int], clock: FakeClock) -> None:
        advance(app, clock, 90)
        await pilot.pause()
        await pilot.press("ctrl+q")

    assert run(scenario) == (0, ["completed"])


def test_keys_after_the_exit_began_do_nothing() -> None:
    """ctrl+q in the picker, then ctrl+p, ctrl+q and q before the app is gone: no error, 0."""

    async def scenario(app: StretchApp, pilot: Pilot[int], clock: FakeClock) -> None:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+q", "ctrl+p", "ctrl+q", "q", "ctrl+c")

    assert run(scenario, picker=True) == (0, [])


def test_a_signal_closes_the_row_with_its_status() -> None:
    """SIGINT is as ctrl+c (quit, 130); SIGTERM is interrupted, 143."""
    import signal

    for signum, status, code in ((signal.SIGINT, "quit", 130), (signal.SIGTERM, "interrupted", 143)):

        async def scenario(app: StretchApp, pilot: Pilot[int], clock: FakeClock) -> None:
            await into_the_hold(app, pilot, clock)
            app.exits.signalled(signum)  # noqa: B023  # run at once, inside this iteration
            app.exits.cancel_watchdog()

        paths.history_file().unlink(missing_ok=True)
        assert run(scenario) == (code, [status])


class _ClosesAfter(io.StringIO):
    """An output whose reader goes away after `lines` lines (`| head -2`)."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.left = lines

    def write(self, text: str) -> int:
        if "\n" in text:
            if self.left <= 0:
                raise BrokenPipeError(32, "Broken pipe")
            self.left -= 1
        return super().write(text)


def test_a_closed_pipe_in_plain_mode_is_interrupted_and_141(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`stretchtimer ROUTINE --plain | head -2`: the row is closed as interrupted at once, the
    exit code is 141 (as SIGPIPE), and nothing is printed about the broken pipe."""
    out = _ClosesAfter(2)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    recorder = HistoryRecorder(lambda: History(paths.history_file()), lambda m: None)
    clock = FakeClock()
    code = run_plain(
        quick_relief(), mute=True, recorder=recorder, player=RecordingPlayer(),
        clock=clock, sleep=clock.advance,
    )
    recorder.close()
    assert code == 141 and err.getvalue() == ""
    assert [r.status for r in History(paths.history_file()).recent()] == ["interrupted"]
