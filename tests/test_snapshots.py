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
