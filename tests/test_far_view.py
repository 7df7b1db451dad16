"""Tests the far view (countdown and phase as large as the terminal allows, `f` to switch) and
that every phase colour meets WCAG AA contrast in the dark and the light theme."""

from __future__ import annotations

import pytest
from apphelp import advance, build, drive
from rich.style import Style
from textual.color import Color
from textual.pilot import Pilot
from textual.widget import Widget

from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.widgets.big_text import BigText, draw, scale_for


def rows_tall(app: StretchApp) -> int:
    """How many rows the far countdown's digits take."""
    big = app.screen.query_one("#far-count", BigText)
    return 5 * big.scale if big.display else 0


@pytest.mark.parametrize(("size", "least"), [((100, 30), 7), ((160, 48), 10)])
def test_the_far_view_is_on_where_it_fits_and_grows(size: tuple[int, int], least: int) -> None:
    """From 100x30 the far view is on: the digits are at least 7 rows tall (at 160x48, about
    half the height or more); f switches it off and on."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        await pilot.pause()
        assert app.screen.has_class("-far")
        assert rows_tall(app) >= least
        assert app.screen.query_one("#far-side").display
        await pilot.press("f")
        await pilot.pause()
        assert not app.screen.has_class("-far") and app.screen.query_one("#countdown").display
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.has_class("-far")

    drive(app, scenario, size=size)


def test_a_small_terminal_starts_without_it_and_f_turns_it_on() -> None:
    """At 80x24 the usual screen; f shows the far view (digits as large as fit)."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        await pilot.pause()
        assert not app.screen.has_class("-far")
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.has_class("-far") and rows_tall(app) >= 5

    drive(app, scenario, size=(80, 24))


def test_big_text_draws_and_fits() -> None:
    """The block font: five pixel rows a scale, two columns a pixel, never wider than asked."""
    assert draw("1", 1) == ["  ██", "████", "  ██", "  ██", "██████"]
    assert scale_for("0:20", 98, 20) == 3 and scale_for("0:20", 20, 20) == 0
    assert scale_for("x", 100, 100) == 0  # no glyph: nothing drawn


def drawn_style(big: BigText) -> Style | None:
    """The style the big text's first drawn row really has."""
    row = next(strip for strip in big.strips() if strip.text.strip())
    return next(iter(row)).style


def test_big_text_follows_a_change_of_colour() -> None:
    """The far view's strips are kept while the text stays; a new colour (another theme, with
    the same digits showing) is drawn at once, not the old one."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 8)
        await pilot.pause()
        big = app.screen.query_one("#far-count", BigText)
        dark = drawn_style(big)
        app.theme = "textual-light"
        await pilot.pause()
        assert drawn_style(big) != dark and drawn_style(big) == big.rich_style

    drive(app, scenario, size=(120, 34))


def _contrast(a: Color, b: Color) -> float:
    def lum(c: Color) -> float:
        def ch(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_every_phase_colour_meets_wcag_aa(theme: str) -> None:
    """The phase words, the side, the countdown and the red flags in each phase: 4.5:1 or
    more against the screen's background, in the dark and the light theme."""
    app, clock, _ = build()
    ratios: dict[str, float] = {}

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        app.theme = theme
        for phase, seconds in (("prepare", 1), ("hold", 7), ("switch", 20), ("paused", 0)):
            if phase == "paused":
                await pilot.press("space")
            else:
                advance(app, clock, seconds)
            await pilot.pause()
            for selector in ("#phase", "#far-phase", "#far-count", "#side", "#countdown", "#flags"):
                widget: Widget = app.screen.query_one(selector)
                style = widget.rich_style  # what is really drawn, inherited colours included
                if isinstance(widget, BigText):  # its own strips, kept while the text stays
                    if not any(strip.text.strip() for strip in widget.strips()):
                        continue  # a phase word too wide beside the figure: not drawn
                    style = drawn_style(widget) or style
                assert style.color is not None and style.bgcolor is not None
                color = Color.from_rich_color(style.color)
                background = Color.from_rich_color(style.bgcolor)
                ratios[f"{phase} {selector} {color.hex} on {background.hex}"] = _contrast(
                    color, background
                )

    drive(app, scenario, size=(120, 40))  # tall enough for the far view's big phase word
    low = {k: round(v, 2) for k, v in ratios.items() if v < 4.5}
    assert not low, (low, theme)
