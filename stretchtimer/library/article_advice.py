"""Provides the advice that belongs to a variant: the Common Mistakes and the modifications its
frontmatter names (`variants: {ID: {mistakes: [...], modifications: [...]}}`), checked against
the article's own."""

from __future__ import annotations

from collections.abc import Sequence

from stretchtimer.core.model import Mistake
from stretchtimer.core.text import one_line


def _key(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def match_titles(
    wanted: tuple[str, ...] | None, have: Sequence[str]
) -> tuple[tuple[str, ...] | None, list[str]]:
    """(the article's own items that `wanted` names, each by its leading words, case and
    hyphens aside; the names that match none)."""
    if wanted is None:
        return None, []
    found: list[str] = []
    missing: list[str] = []
    for name in wanted:
        key = _key(name)
        hits = [h for h in have if _key(h).startswith(key)] if key else []
        if hits:
            found.extend(h for h in hits if h not in found)
        else:
            missing.append(one_line(name))
    return tuple(found), missing


def mistake_titles(mistakes: Sequence[Mistake]) -> list[str]:
    """The titles the frontmatter names mistakes by."""
    return [m.title for m in mistakes]
