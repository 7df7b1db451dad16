"""Provides generated libraries for the loading benchmark: N articles and N routines."""

from __future__ import annotations

from pathlib import Path

from stretchtimer.library import paths

SEED_ARTICLE = (paths.bundled_dir("content") / "knee-to-chest.md").read_text()
ROUTINE = """\
title: Generated {n}
description: A generated routine for benchmarking.
steps:
  - exercise: ex-{a}
    variant: single
    hold: 20
    sides: both
  - exercise: ex-{b}
    variant: double
    hold: 30
"""


def generate(folder: Path, count: int) -> tuple[Path, Path]:
    """Write `count` articles and `count` routines (each routine naming two articles)."""
    content = folder / "content"
    routines = folder / "routines"
    content.mkdir(parents=True, exist_ok=True)
    routines.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = SEED_ARTICLE.replace("# Knee-to-Chest Stretch", f"# Knee-to-Chest Stretch {n}")
        (content / f"ex-{n}.md").write_text(text)
        (routines / f"r-{n}.yaml").write_text(ROUTINE.format(n=n, a=n, b=(n * 7 + 3) % count))
    return content, routines
