"""Tests that every bundled article and routine loads and every reference resolves."""

from __future__ import annotations

import time

import pytest

from stretchtimer.core.plan import plan
from stretchtimer.library import paths
from stretchtimer.library.articles import load_article
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import check_routine
from stretchtimer.present.needs import needs_lines

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
DESK_EXERCISES = {
    "neck-side-stretch",
    "chin-tuck",
    "chest-opener",
    "upper-back-extension",
    "cross-body-shoulder-stretch",
    "wrist-forearm-stretch",
    "seated-twist",
    "seated-hamstring-stretch",
    "standing-back-extension",
}
EXPECTED_ROUTINES = {
    "quick-relief", "morning", "before-sleep", "after-sitting", "flare-up", "desk-break",
    "neck-and-shoulders",
}
FLOOR = {"kneeling", "all-fours", "lying-back", "lying-front", "side-lying"}


def test_the_library_is_complete() -> None:
    """The floor exercises, the desk ones and the routines the product promises are bundled."""
    assert {p.stem for p in ARTICLES} >= EXPECTED_EXERCISES | DESK_EXERCISES
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
    """The whole bundled library loads and validates (every article parsed cold) in well under
    a second of CPU (generous: 0.13 s here). CPU time, after the imports: on a busy machine the
    wall clock of the same work reached 3 s with the suite's workers starting beside it."""
    import stretchtimer.library.articles  # noqa: F401  # the imports are not the library's load

    start = time.process_time()
    library = Library()
    for entry in library.routines().values():
        assert check_routine(entry.path, library)[0] is not None
    assert time.process_time() - start < 0.5


def test_every_article_offers_easier_ways() -> None:
    """Every bundled article has modifications, which the pain screen offers beside the
    easier variant, and red flags and cautions of its own."""
    for name in sorted(EXPECTED_EXERCISES | DESK_EXERCISES):
        ex = load_article(paths.bundled_dir("content") / f"{name}.md")
        assert ex.modifications and ex.red_flags and ex.cautions, name


@pytest.mark.parametrize("name", sorted(DESK_EXERCISES))
def test_desk_articles_need_no_floor(name: str) -> None:
    """Every desk article is done seated or standing, with at least two ways or a flow."""
    ex = load_article(paths.bundled_dir("content") / f"{name}.md")
    assert all(v.position in ("seated", "standing") for v in ex.variants)
    assert len(ex.variants) >= 2 or ex.variants[0].flow is not None
    assert len(ex.mistakes) >= 2 and ex.modifications


def test_the_desk_routines_stay_off_the_floor() -> None:
    """desk-break: 2 to 3 minutes, no floor, nothing to fetch; neck-and-shoulders: no floor."""
    library = Library()
    for name, most in (("desk-break", 180), ("neck-and-shoulders", 600)):
        routine, problems = check_routine(library.find_routine(name).path, library)
        assert routine is not None and problems == []
        assert not {s.variant.position for s in routine.steps} & FLOOR
        assert plan(routine).total_seconds <= most
        if name == "desk-break":
            assert plan(routine).total_seconds >= 120
            assert not [e for s in routine.steps for e in s.variant.equipment]
            assert needs_lines(routine)[0] == "You'll need: no equipment"


def test_routines_never_get_up_and_down_for_no_reason() -> None:
    """In every bundled routine the body goes one way (down to the floor or up from it), never
    down, up and down again."""
    library = Library()
    height = {"standing": 0, "seated": 0, "kneeling": 1, "all-fours": 1}
    for name in EXPECTED_ROUTINES:
        routine, _ = check_routine(library.find_routine(name).path, library)
        assert routine is not None
        levels = [height.get(s.variant.position or "", 2) for s in routine.steps]
        turns = sum(
            1 for a, b, c in zip(levels, levels[1:], levels[2:], strict=False)
            if (b - a) * (c - b) < 0
        )
        assert turns == 0, (name, levels)
