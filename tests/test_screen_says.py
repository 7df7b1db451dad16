"""Tests that the session screen always says what to do: at every size from 40x12 up the
countdown, the side, the instruction and the red flags show (the figure where there is room),
the starting position gives way to the movement in the get-ready's last seconds, the figure
moves then and is still in a hold, and dialogs show the session dimmed beneath them."""

from __future__ import annotations

import time

import pytest
from apphelp import advance, build, drive, text
from textual.color import Color
from textual.pilot import Pilot

from stretchtimer.ui import sounding
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.widgets.big_text import BigText
from stretchtimer.ui.widgets.figure_view import FigureView


def shown(app: StretchApp, selector: str) -> bool:
    widget = app.screen.query_one(selector)
    region = widget.region
    return bool(widget.display and region.height and region.bottom <= app.screen.size.height)


SIZES = [((40, 12), False), ((60, 20), True), ((80, 24), True), ((100, 30), True),
         ((160, 48), True)]


def test_what_to_do_is_always_in_view() -> None:
    """Getting ready and holding, at 40x12, 60x20, 80x24, 100x30 and 160x48 (one session,
    the terminal resized between them): the countdown, the side, the instruction and the red
    flags, inside the screen and clear of each other; the figure from 60x20."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        for n, (size, figure) in enumerate(SIZES):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            for seconds in (1, 7) if n == 0 else (0.25,):  # the get-ready, then the hold
                advance(app, clock, seconds)
                await pilot.pause()
            far = app.screen.has_class("-far")
            keep = ["#far-count", "#far-side"] if far else ["#countdown", "#side"]
            for selector in (*keep, "#body", "#flags"):
                assert shown(app, selector), (selector, size)
            cue, body = (app.screen.query_one(s).region for s in ("#cue", "#body"))
            assert body.y <= cue.y < body.bottom  # its first line at least
            # (the instruction is cut by its box, #body, on a small terminal: at least a line)
            regions = [app.screen.query_one(s).region for s in (*keep, "#body", "#flags")]
            assert all(
                not a.overlaps(b) for i, a in enumerate(regions) for b in regions[i + 1:]
            ), (size, regions)
            assert shown(app, "#figure") is figure, size
            assert "feel" in text(app, "#feel").lower() or size == (40, 12)
            if size == (100, 30):
                assert app.screen.has_class("-far")
                assert app.screen.query_one("#far-count", BigText).scale * 5 >= 7
                assert app.screen.query_one("#figure").region.height >= 12

    drive(app, scenario, size=SIZES[0][0])


def test_below_30x10_only_the_size_message_shows() -> None:
    """At 28x9 nothing but the message that says how big the terminal must be."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 1)
        await pilot.pause()
        assert shown(app, "#too-small") and "30x10" in text(app, "#too-small")
        for selector in ("#countdown", "#figure", "#cue", "#flags"):
            assert not app.screen.query_one(selector).display or not shown(app, selector)

    drive(app, scenario, size=(28, 9))


def test_the_movement_comes_in_the_get_readys_last_seconds() -> None:
    """A 5 s get-ready: the starting position for 2 s, then the movement (before the hold,
    so nobody reads while holding); the figure eases into the hold meanwhile, then a still
    hold draws nothing more."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        figure = app.screen.query_one(FigureView)
        advance(app, clock, 1)
        await pilot.pause()
        assert text(app, "#cue-title").startswith("Starting position")
        still = figure.now
        advance(app, clock, 1.5)  # 2.5 s in: the movement (3 s to go)
        await pilot.pause()
        assert text(app, "#cue-title").startswith("Next, the movement")
        assert "Lift one knee" in text(app, "#cue")
        assert figure.now is not None and still is not None and figure.now.moving
        assert figure.now.pose != still.pose  # on its way into the hold
        advance(app, clock, 4)  # 1.5 s into the hold
        await pilot.pause()
        assert text(app, "#cue-title").startswith("The movement")
        hold = figure.now
        assert hold is not None and not hold.moving
        drawn = figure.draws
        advance(app, clock, 6)
        await pilot.pause()
        assert figure.now == hold and figure.draws == drawn  # still: nothing drawn again

    drive(app, scenario, size=(100, 30))


def test_the_quit_dialog_shows_the_session_dimmed() -> None:
    """q's dialog is see-through: the session shows beneath it, dimmed."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 7)
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "ConfirmScreen"
        background = dialog.styles.background
        assert isinstance(background, Color) and 0 < background.a < 1, background
        assert app.screen_stack[-2].is_attached  # the session is there beneath, drawn

    drive(app, scenario, size=(80, 24))


def test_the_bells_flash_never_shows_the_screen_beneath(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no sound player the screen flashes at each chime: tinted, and still opaque, so
    the screen under the session (the urgent signs before a first session) never shows. (The
    flash is held for a minute here: on a busy machine its 0.3 s could pass between looks.)"""
    monkeypatch.setattr(sounding, "FLASH", 60.0)
    app, clock, _ = build(fail=True)

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        seen: list[float] = []

        def look() -> None:
            if app.screen.has_class("-flash"):
                background = app.screen.styles.background
                assert isinstance(background, Color)
                seen.append(background.a)

        for _ in range(40):
            advance(app, clock, 0.25)
            await pilot.pause()
            look()
        # The failed player reports from its thread: on a busy machine the first flash may
        # come after the clock's chimes, so wait for it (up to half a minute), not a count.
        deadline = time.monotonic() + 30
        while not seen and time.monotonic() < deadline:
            await pilot.pause(0.02)
            look()
        assert seen and all(alpha == 1.0 for alpha in seen), seen

    drive(app, scenario, size=(80, 24))
