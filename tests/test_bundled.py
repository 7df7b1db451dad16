"""Tests that every bundled article and routine loads and every reference resolves."""

from __future__ import annotations

import time

import pytest

from stretchtimer.core.plan import plan
from stretchtimer.library import paths
from stretchtimer.library.articles import load_article
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import check_routine

ARTICLES = sorted(paths.bundled_dir("content").glob("*.md"))
ROUTINES = sorted(paths.bundled_dir("routines").glob("*.yaml"))
EXPECTED_EXERCISES = {
    "knee-to-chest",
    "cat-cow",
    "childs-pose",
    "piriformis-stretch",
    "hip-flexor-stretch",
    "supine-twist",
    "pelvic-tilts",
}
EXPECTED_ROUTINES = {"quick-relief", "morning", "before-sleep", "after-sitting", "flare-up"}


def test_the_library_is_complete() -> None:
    """The seven exercises and five routines the product promises are bundled."""
    assert {p.stem for p in ARTICLES} >= EXPECTED_EXERCISES
    assert {p.stem for p in ROUTINES} >= EXPECTED_ROUTINES


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_is_complete(path: object) -> None:
    """Each article has variants with positions, equipment and steps, red flags, mistakes,
    cautions, a region and a difficulty in one spelling."""
    ex = load_article(path)  # type: ignore[arg-type]
    assert ex.title and ex.summary and ex.targets
    assert ex.variants and all(v.steps for v in ex.variants)
    assert ex.variants[0].starting_position
    assert len(ex.red_flags) >= 3
    assert len(ex.good_sensations) >= 2
    assert ex.mistakes and all(m.problem and m.fix for m in ex.mistakes)
    assert ex.cautions
    assert all(v.position for v in ex.variants), "every variant declares its position"
    assert ex.difficulty in ("beginner", "intermediate", "advanced")
    assert ex.region in ("low-back", "neck")


@pytest.mark.parametrize("path", ROUTINES, ids=lambda p: p.stem)
def test_routine_resolves(path: object) -> None:
    """Each routine validates cleanly, has a description, and runs under ten minutes."""
    routine, problems = check_routine(path, Library())  # type: ignore[arg-type]
    assert problems == []
    assert routine is not None and routine.description
    assert 0 < plan(routine).total_seconds < 600


def test_library_loads_fast() -> None:
    """The whole bundled library loads and validates in well under 100 ms (generous guard)."""
    start = time.perf_counter()
    library = Library()
    for entry in library.routines().values():
        assert check_routine(entry.path, library)[0] is not None
    assert time.perf_counter() - start < 0.1
