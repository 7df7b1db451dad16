"""Tests the look of the session screens at 80x24 with SVG snapshots (fake clock: stable)."""

from __future__ import annotations

from typing import Any

import pytest
from apphelp import advance, build

SIZE = (80, 24)


@pytest.mark.parametrize(
    ("name", "seconds", "keys"),
    [
        ("prepare", 1.0, []),
        ("hold", 12.0, []),
        ("switch", 26.0, []),
        ("paused", 14.0, ["space"]),
        ("summary", 85.5, []),
    ],
)
def test_session_states(snap_compare: Any, name: str, seconds: float, keys: list[str]) -> None:
    """Each state of a session looks right at 80x24."""
    app, clock, _ = build()

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        advance(app, clock, seconds)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize(
    ("name", "size", "theme"),
    [("far-view", (120, 34), "textual-dark"), ("light-theme", (80, 24), "textual-light")],
)
def test_far_view_and_light_theme(
    snap_compare: Any, name: str, size: tuple[int, int], theme: str
) -> None:
    """A hold in the far view (big phase and digits), and in the light theme."""
    app, clock, _ = build()

    async def run_before(pilot: Any) -> None:
        app.theme = theme
        await pilot.pause()
        advance(app, clock, 12.0)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
