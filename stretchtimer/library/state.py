"""Provides what the program remembers having shown the user: the urgent signs, once."""

from __future__ import annotations

import contextlib

from stretchtimer.library import paths

URGENT_SEEN = "urgent-signs-shown"
"""A file in the state directory: the urgent signs were shown before a first session."""


def urgent_signs_seen() -> bool:
    """Whether the urgent signs were already shown (before the user's very first session)."""
    return (paths.state_dir() / URGENT_SEEN).exists()


def mark_urgent_signs_seen() -> None:
    """Remember that they were shown (a state directory that cannot be written only means
    they are shown again next time)."""
    with contextlib.suppress(OSError):
        folder = paths.state_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / URGENT_SEEN).touch()
