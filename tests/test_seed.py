"""Tests the seed article (`../shared/seeds/knee-to-chest.md`, the kind users already write):
read as written. It lives beside the repository, not in it: a clone without it skips."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchtimer.library.articles import load_article

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "knee-to-chest.md"

pytestmark = pytest.mark.skipif(
    not SEED.is_file(), reason=f"the seed article is not beside this clone ({SEED})"
)


def test_the_seed_article_reads_as_written() -> None:
    """Title, both variants with their steps, holds and sides, red flags, mistakes, cautions."""
    ex = load_article(SEED)
    assert ex.title == "Knee-to-Chest Stretch: Lower Back and Hip Relief"
    assert [v.name for v in ex.variants] == ["Single Knee to Chest", "Double Knee to Chest"]
    single, double = ex.variants
    assert (single.id, single.hold, single.sides) == ("single-knee-to-chest", 20, "both")
    assert single.starting_position and single.steps and double.steps
    assert len(ex.red_flags) == 4 and len(ex.good_sensations) == 4
    assert [m.title for m in ex.mistakes][:2] == ["Forcing the Stretch", "Holding Breath"]
    assert all(m.problem and m.fix for m in ex.mistakes)
    assert ex.precautions and ex.targets[0] == "Lower back"
    assert "Frequently Asked Questions" in [heading for heading, _ in ex.sections]
