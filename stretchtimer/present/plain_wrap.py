"""Provides plain mode's lines fitted to a terminal: wrapped at word boundaries (never a word
cut by the terminal's edge), the lines after the first indented, so one event still reads as
one paragraph."""

from __future__ import annotations

import os
import textwrap
from typing import TextIO

from stretchtimer.present.streams import is_terminal

NARROWEST = 20
"""Below this many columns lines are left as they are (nothing useful fits)."""


def wrapped(line: str, width: int | None) -> str:
    """`line` wrapped to `width` columns (None: as it is)."""
    if width is None or width < NARROWEST or len(line) <= width:
        return line
    return textwrap.fill(
        line, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False
    )


def terminal_width(out: TextIO, wrap: bool) -> int | None:
    """The terminal's width, to wrap to (None: not wrapping, or not a terminal)."""
    if not wrap or not is_terminal(out):
        return None
    try:
        return os.get_terminal_size(out.fileno()).columns
    except (OSError, ValueError):
        return None
