"""`check` warns where the README says it does: a step held on both sides whose article never
says what "left" means, a misspelt `sides:`, a routine that gets up and goes back down; it
checks what a config folder holds; a variant's old id (with an apostrophe split) still works,
with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from clihelp import cli
from conftest import write

from stretchtimer.core.up_and_down import back_down
from stretchtimer.library import paths

NO_LEFT = """\
---
title: Plain Reach
position: standing
hold: {min: 10, max: 40}
---

# Plain Reach

### Red Flags

- Sharp pain

## How to

1. Stand tall
2. Reach one arm over your head and lean away from it
"""


def test_both_sides_without_left_is_warned_at_the_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """An article with no `sides:` and no "**Left side:**" line, held on both sides by a
    routine: a warning at the step's sides, exit 0."""
    write(paths.user_dir("content"), "plain-reach.md", NO_LEFT)
    routine = write(paths.user_dir("routines"), "reach.yaml",
                    "title: Reach\nsteps:\n  - exercise: plain-reach\n    sides: both\n")
    code, out, err = cli(monkeypatch, ["check", str(routine)])
    assert code == 0 and f"{routine}: ok" in out
    assert f"{routine}:4:12: warning: step 1: Plain Reach is held on both sides, but its " \
        "article never says what 'left' means" in err


def test_a_misspelt_sides_says_what_it_meant(monkeypatch: pytest.MonkeyPatch) -> None:
    routine = write(paths.user_dir("routines"), "r.yaml",
                    "title: R\nsteps:\n  - exercise: knee-to-chest\n    sides: bothh\n")
    code, _, err = cli(monkeypatch, ["check", str(routine)])
    assert code == 2
    assert "sides must be one of: both, left, right, none (did you mean 'both'?)" in err


def test_up_and_back_down_is_warned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lying, then standing, then lying again: a warning at the step that goes back down;
    lying then standing (one way) is not warned."""
    text = ("title: R\nsteps:\n  - exercise: knee-to-chest\n  - exercise: chest-opener\n"
            "  - exercise: supine-twist\n")
    routine = write(paths.user_dir("routines"), "r.yaml", text)
    code, _, err = cli(monkeypatch, ["check", str(routine)])
    assert code == 0
    assert f"{routine}:5:5: warning: step 3 goes back down (lying down) after step 2 got up" \
        " (upright)" in err
    assert back_down(["lying-back", "standing", "standing"]) is None
    assert back_down(["standing", "lying-back", "standing"]) is None  # down, then up: one trip
    assert back_down(["lying-back", "kneeling", None, "kneeling", "lying-front"]) == (1, 4)


def test_check_on_the_config_folder_checks_what_it_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`check ~/.config/stretchtimer`: its settings, routines and articles, each by name."""
    config = paths.config_dir()
    write(config, "settings.yaml", "voice: false\n")
    routine = write(config / "routines", "mine.yaml",
                    "title: Mine\nsteps:\n  - exercise: knee-to-chest\n")
    article = write(config / "content", "plain-reach.md", NO_LEFT)
    code, out, err = cli(monkeypatch, ["check", str(config)])
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{config / 'settings.yaml'}: ok", f"{routine}: ok",
                                f"{article}: ok"]


def test_the_old_variant_id_still_works_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`classic-child-s-pose` (the apostrophe once split the word) is now
    `classic-childs-pose`: the old one is accepted, with a warning naming the new."""
    routine = write(tmp_path, "r.yaml", "title: R\nsteps:\n  - exercise: childs-pose\n"
                    "    variant: classic-child-s-pose\n")
    code, out, err = cli(monkeypatch, ["check", str(routine)])
    assert code == 0 and "variant 'classic-child-s-pose' is now called 'classic-childs-pose'" \
        in err
    code, out, _ = cli(monkeypatch, ["plan", str(routine), "--format", "json"])
    assert code == 0 and '"variant": "classic-childs-pose"' in out
