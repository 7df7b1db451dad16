"""Tests small terminals: the red flags and the x and q keys are the last to go; too small for a
countdown, the screen says how big it needs to be; the summary's question is never cut off."""

from __future__ import annotations

from typing import Any

import pytest
from apphelp import advance, build, drive, until
from textual.pilot import Pilot
from textual.widgets import Static

from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.summary import SummaryScreen


def visible_keys(app: StretchApp) -> set[str]:
    """The footer keys drawn whole inside the screen."""
    width = app.screen.size.width
    return {
        str(getattr(key, "action", ""))
        for key in app.screen.query("FooterKey")  # by its CSS type: the class is private
        if key.display and key.region.width and key.region.right <= width
    }


def shown(app: StretchApp, selector: str) -> bool:
    """Whether the widget is displayed and has at least one row inside the screen."""
    widget = app.screen.query_one(selector)
    region = widget.region
    return bool(widget.display and region.height and region.y < app.screen.size.height)


@pytest.mark.parametrize("size", [(40, 12), (50, 14), (100, 30)])
def test_red_flags_and_the_x_and_q_keys_stay(size: tuple[int, int]) -> None:
    """In a hold, the countdown, the side, the red flags and the x and q keys are visible."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        await pilot.pause()
        await pilot.pause()
        far = app.screen.has_class("-far")  # from 100x30: the big side (with the phase)
        countdown, phase, side = ("#far-count", "#far-side", "#far-side") if far else (
            "#countdown", "#phase", "#side"
        )
        for selector in (countdown, phase, side, "#flags"):
            assert shown(app, selector), selector
        flags = str(app.screen.query_one("#flags", Static).content)
        assert flags.startswith("Stop if:")
        assert {"hurt", "quit_session"} <= visible_keys(app), visible_keys(app)

    drive(app, scenario, size=size)


@pytest.mark.parametrize("width", [60, 80, 90, 100, 160])
def test_the_footer_keys_are_never_covered(width: int) -> None:
    """The palette's hint never covers a key (at 60 to 99 columns it would); from 80 columns
    every key is drawn whole, and the hint comes back where it fits beside them."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        await pilot.pause()
        await pilot.pause()
        drawn = [k for k in app.screen.query("FooterKey") if k.display and k.region.width]
        hint = [k for k in drawn if k.has_class("-command-palette")]
        keys = [k for k in drawn if k not in hint]
        assert not [(h, k) for h in hint for k in keys if h.region.overlaps(k.region)]
        if width >= 80:
            assert all(k.region.right <= width for k in keys)
        assert bool(hint) == (width >= 100)

    drive(app, scenario, size=(width, 30))


def test_too_small_for_a_countdown_says_so() -> None:
    """At 28x8 the screen says the size it needs; the keys still work (x stops, exit 1)."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        await pilot.pause()
        assert shown(app, "#too-small") and not shown(app, "#countdown")
        message = str(app.screen.query_one("#too-small", Static).content)
        assert "at least 30x10" in message and "28x8" in message
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")

    drive(app, scenario, size=(28, 8))
    assert app.return_code == 1


def test_the_summary_question_is_never_cut_off() -> None:
    """At 60x20 the pain question wraps instead of ending in '... or E'."""
    app, clock, _ = build(recording=True)

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 90)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        question = app.screen.query_one("#pain-now", Static)
        await until(pilot, lambda: bool(question.region.height))  # laid out
        assert question.region.height >= 2 and question.region.right <= 60
        assert str(question.content).endswith("or Enter to skip.")

    drive(app, scenario, size=(60, 20))


def test_the_end_is_posted_once_however_often_the_clock_is_looked_at(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Looks at the clock after the end (a late timer; a test moving a fake clock) do not
    post SessionFinished again: the summary is built once, not replaced under the user (which
    left the first summary's widgets with no size, a test flaking on a busy machine)."""
    import stretchtimer.ui.app as app_module

    built: list[int] = []

    class Counted(SummaryScreen):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(app_module, "SummaryScreen", Counted)
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 120)  # 35 s of looks after the end, before any message is handled
        await pilot.pause()
        await pilot.pause()

    drive(app, scenario, size=(60, 20))
    assert built == [1]
