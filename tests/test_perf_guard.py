"""Tests the fast benchmark subset as a regression guard: ratios, never absolute times."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks.loading import time_loads


def test_loading_grows_linearly() -> None:
    """Ten times the files costs at most about ten times as much (cold), with room for noise."""
    small, large = time_loads((20, 200), warm=False, runs=3)
    assert large / small < 13, (small, large)


def test_cache_makes_loading_much_cheaper() -> None:
    """A warm parsed-article cache loads at least twice as fast as parsing (about 3x here)."""
    cold, warm = time_loads((200,), warm=False, runs=3)[0], time_loads((200,), warm=True, runs=3)[0]
    assert warm * 2 < cold, (cold, warm)
