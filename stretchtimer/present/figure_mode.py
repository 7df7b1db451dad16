"""Provides which characters a terminal can draw a figure with (braille, blocks or plain)."""

from __future__ import annotations


def figure_mode(encoding: str | None, term: str | None) -> str:
    """`braille` where the terminal speaks UTF-8, `blocks` on the Linux console (its fonts have
    block characters, not braille), `ascii` where it is not Unicode at all."""
    if not encoding or "utf" not in encoding.lower().replace("-", ""):
        return "ascii"
    return "blocks" if term == "linux" else "braille"
