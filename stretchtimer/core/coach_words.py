"""Provides the coach's plain words for numbers, days and body regions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Month names, the same whatever the locale."""


def num(value: float) -> str:
    """`3`, `3.5` (one decimal at most)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def mean(values: Sequence[float]) -> float:
    """The mean of values (not empty)."""
    return sum(values) / len(values)


def on(day: date) -> str:
    """`1 Dec`."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def region_words(region: str | None) -> str:
    """`low back` for `low-back`; `body` for no region."""
    return region.replace("-", " ") if region else "body"


def plural(count: int, word: str) -> str:
    """`1 session`, `2 sessions`."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
