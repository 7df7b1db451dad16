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


FAR_VIEW = "far-view"
"""A file in the state directory holding `on` or `off`: the far view as `f` last left it."""
NO_PLAYER_SAID = "no-sound-player-said"
"""A file in the state directory: "no sound player works here" was said on this machine."""


def far_view_choice() -> bool | None:
    """The far view as `f` last left it (None: never toggled, or unreadable)."""
    try:
        word = (paths.state_dir() / FAR_VIEW).read_text(encoding="utf-8")[:8].strip()
    except (OSError, UnicodeDecodeError):
        return None
    return {"on": True, "off": False}.get(word)


def remember_far_view(on: bool) -> None:
    """Keep the far view's last choice for the next session (best effort: an unwritable state
    directory only means the choice is not kept)."""
    with contextlib.suppress(OSError):
        folder = paths.state_dir()
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{FAR_VIEW}.tmp"
        temp.write_text("on\n" if on else "off\n", encoding="utf-8")
        temp.replace(folder / FAR_VIEW)


def first_time(flag: str) -> bool:
    """True the first time it is asked about `flag` on this machine (then remembered); a state
    directory that cannot be written says True every time, so nothing is ever left unsaid."""
    path = paths.state_dir() / flag
    if path.exists():
        return False
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    return True
