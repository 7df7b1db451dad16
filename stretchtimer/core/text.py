"""Provides small text helpers shared by the loaders: slugs, heading keys, suggestions."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

_DASHES = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2212": "-"})
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def slugify(text: str) -> str:
    """`Single Knee to Chest` -> `single-knee-to-chest`."""
    text = text.translate(_DASHES).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


@lru_cache(maxsize=4096)  # the same few headings and labels recur in every article
def heading_key(text: str) -> str:
    """A heading reduced for matching: lower case, one kind of dash, no number or colon."""
    text = text.translate(_DASHES).lower().strip()
    text = re.sub(r"^\d+[.)]\s*", "", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text)
    return text.rstrip(": ").strip()


def is_slug(text: str) -> bool:
    """Whether `text` is a plain id: lower-case letters, digits and hyphens."""
    return bool(_SLUG_RE.match(text))


def did_you_mean(word: str, choices: list[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def join_seconds(seconds: int) -> str:
    """90 -> `1:30`; 3725 -> `1:02:05`."""
    h, rest = divmod(max(0, seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def human_seconds(seconds: int) -> str:
    """90 -> `1 min 30 s`; 20 -> `20 s`."""
    m, s = divmod(seconds, 60)
    if not m:
        return f"{s} s"
    return f"{m} min {s} s" if s else f"{m} min"
