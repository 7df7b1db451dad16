"""Tests the fast benchmark subset as a regression guard: ratios measured in one run, never
absolute times."""

from __future__ import annotations

import time

from benchmarks.coach import measure
from benchmarks.loading import articles_vs_bare_parse, time_loads


def test_reading_articles_costs_little_over_markdown_it() -> None:
    """Reading articles costs at most about 1.5x markdown-it-py's bare parse of the same files
    (the benchmark's target; about 1.3x here), with a little room for a noisy machine."""
    ours, bare = articles_vs_bare_parse(count=20, runs=9)  # the best of 9: a busy machine
    assert ours / bare < 1.7, (ours, bare)


def test_cache_makes_loading_much_cheaper() -> None:
    """A warm parse cache loads at least twice as fast as parsing (about 4x here)."""
    cold, warm = time_loads((60,), warm=False, runs=3)[0], time_loads((60,), warm=True, runs=3)[0]
    assert warm * 2 < cold, (cold, warm)


def test_the_coach_reads_no_more_for_a_long_history() -> None:
    """`today` and `suggest` at 10,000 sessions (40,000 steps) cost about what they cost at
    1,000 (the coach reads the recent weeks; about 1.0x here; the target is under 2x)."""
    times = measure(runs=3, timer=time.process_time)  # CPU: the suite runs beside it
    for task in ("today", "suggest"):
        small, big = times[task]
        assert big / small < 2.5, (task, small, big)
