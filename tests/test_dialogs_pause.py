"""Tests that whatever covers a running session (the quit dialog, the command palette, the
progress screen) pauses it, and closing it resumes only what was running; notices never
cover the red flags or the countdown; every palette command works where it is listed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from apphelp import advance, build, drive, session_screen, text, until
from textual.pilot import Pilot

from stretchtimer.core.engine import State
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.session import SessionScreen
from stretchtimer.ui.widgets.notice_line import NoticeLine

Cover = Callable[[StretchApp, Pilot[int]], Awaitable[None]]


async def by_q(app: StretchApp, pilot: Pilot[int]) -> None:
    await pilot.press("q")


async def by_palette(app: StretchApp, pilot: Pilot[int]) -> None:
    app.action_command_palette()


async def by_progress(app: StretchApp, pilot: Pilot[int]) -> None:
    await pilot.press("h")


async def close_q(app: StretchApp, pilot: Pilot[int]) -> None:
    await pilot.press("n")


async def close_escape(app: StretchApp, pilot: Pilot[int]) -> None:
    await pilot.press("escape")


def remaining(app: StretchApp) -> float:
    screen = next(s for s in app.screen_stack if isinstance(s, SessionScreen))
    assert screen.session is not None
    return screen.session.remaining_total


@pytest.mark.parametrize(
    ("cover", "close"),
    [(by_q, close_q), (by_palette, close_escape), (by_progress, close_escape)],
    ids=["quit-dialog", "palette", "progress"],
)
def test_a_cover_pauses_and_closing_it_resumes(cover: Cover, close: Cover) -> None:
    """While covered the clock stands still (however long); closed, it runs on."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        before = remaining(app)
        await cover(app, pilot)
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)
        clock.advance(30)
        await pilot.pause()
        assert remaining(app) == pytest.approx(before, abs=0.01)
        await close(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        session = session_screen(app).session
        assert session is not None and session.state is State.RUNNING
        advance(app, clock, 2)
        assert remaining(app) == pytest.approx(before - 2, abs=0.3)

    drive(app, scenario)


def test_a_session_the_user_paused_stays_paused_after_a_cover() -> None:
    """Paused with space, then the palette opened and closed: still paused."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        await pilot.press("space")
        app.action_command_palette()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        session = session_screen(app).session
        assert session is not None and session.state is State.PAUSED

    drive(app, scenario)


def test_pause_chosen_in_the_palette_pauses() -> None:
    """The palette's Pause / resume on a running session: it stays paused after the palette."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        app.action_command_palette()
        await pilot.pause()
        session_screen_ = next(s for s in app.screen_stack if isinstance(s, SessionScreen))
        session_screen_.action_toggle_pause()  # what choosing the command runs
        await pilot.press("escape")
        await pilot.pause()
        session = session_screen(app).session
        assert session is not None and session.state is State.PAUSED

    drive(app, scenario)


def test_every_palette_command_works_where_it_is_listed() -> None:
    """During a session: Progress opens the progress page (and h does too); there is one
    Quit, and it asks first; the session commands are there."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Quit") == 1 and "Quit session" not in titles
        assert {"Progress", "Pause / resume", "This hurts"} <= set(titles)
        await pilot.press("h")
        await pilot.pause()
        assert "Your progress" in text(app, "#progress-title")

    drive(app, scenario)


def test_notices_never_cover_the_red_flags_or_the_countdown() -> None:
    """A notice (no sound player) during the first hold has a line of its own: at 40x12,
    60x20, 80x24, 100x30 and 160x48 it overlaps none of the countdown, the side, the
    instruction and the red flags, and no toast floats over the screen."""
    import asyncio

    app, clock, _ = build(fail=True)

    async def go() -> None:
        async with app.run_test(size=(40, 12), notifications=True) as pilot:
            await pilot.pause()
            advance(app, clock, 6)
            notice = app.screen.query_one(NoticeLine)
            await until(pilot, lambda: bool(notice.display))  # the player fails to load first
            assert "No sound player" in str(notice.content)
            notice.say(str(notice.content), 120)  # kept up while the terminal is resized
            for size in ((40, 12), (60, 20), (80, 24), (100, 30), (160, 48)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert notice.display and "No sound player" in str(notice.content), size
                assert not list(app.screen.query("Toast"))
                far = app.screen.has_class("-far")
                keep = ("#far-count", "#far-side") if far else ("#countdown", "#side")
                for selector in (*keep, "#body", "#flags"):
                    region = app.screen.query_one(selector).region
                    assert region.height, (selector, size)
                    assert not notice.region.overlaps(region), (selector, size)

    asyncio.run(go())
