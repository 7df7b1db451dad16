"""Provides an article's variants as Variants: their ids, and the hold and sides they give."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from stretchtimer.core.model import Pace, Sides, Variant
from stretchtimer.core.text import slugify
from stretchtimer.library.article_meta import VariantMeta

_HOLD_RE = re.compile(
    r"\bhold\b[^0-9]{0,20}?([0-9]{1,9})(?:\s*(?:-|\u2013|to)\s*[0-9]+)?\s*(sec|s\b|min)", re.I
)
"""`Hold for 20-30 seconds`: the first number, in ASCII digits (never handed a huge one)."""
_SIDES_RE = re.compile(r"\b(switch (legs|sides)|each side|other side|repeat on the other)", re.I)
_SIDES = {"both", "left", "right", "none"}


def _hold(meta: dict[str, Any], steps: list[str], low: int | None) -> int | None:
    value = meta.get("hold")
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # the routine that uses it checks its range
    for step in steps:
        match = _HOLD_RE.search(step)
        if match:
            n = int(match.group(1))
            n = n * 60 if match.group(2).lower().startswith("min") else n
            return n if low is None else max(n, low)
    return low


def _sides(meta: dict[str, Any], steps: list[str]) -> Sides | None:
    value = meta.get("sides")
    if isinstance(value, str) and value in _SIDES:
        return Sides(value)
    return Sides.BOTH if any(_SIDES_RE.search(s) for s in steps) else None


_BREATH_RE = re.compile(r"\b(?:breathe (in|out)|(inhale)|(exhale))", re.I)


def first_breath(flow: Pace | None, steps: list[str]) -> Pace | None:
    """The flow starting with the breath its movement starts with: as the frontmatter says
    (`flow: {first: out}`), else the first breath its steps name (`Breathe out and tilt...`),
    else breathing in."""
    if flow is None or flow.first in ("in", "out"):
        return flow
    for step in steps:
        match = _BREATH_RE.search(step)
        if match:
            word = (match.group(1) or ("in" if match.group(2) else "out")).lower()
            return replace(flow, first=word)
    return replace(flow, first="in")


def variant_ids(raws: list[dict[str, Any]]) -> list[str]:
    """Each variant's id: the slug of its heading, made unique with -2, -3."""
    seen: list[str] = []
    for raw in raws:
        base = slugify(raw["name"]) or "default"
        vid = base
        n = 2
        while vid in seen:
            vid = f"{base}-{n}"
            n += 1
        seen.append(vid)
    return seen


def build_variant(
    meta: dict[str, Any], raw: dict[str, Any], vid: str, more: VariantMeta
) -> Variant:
    """A walked variant as a Variant, with what the frontmatter adds to it."""
    return Variant(
        id=vid,
        name=raw["name"],
        starting_position=tuple(raw["start"]),
        steps=tuple(raw["steps"]),
        hold=_hold(meta, raw["steps"], more.hold_min),
        sides=_sides(meta, raw["steps"]),
        left=raw.get("left", ""),
        right=raw.get("right", ""),
        position=more.position,
        equipment=more.equipment or (),
        flow=first_breath(more.flow, raw["steps"]),
        hold_min=more.hold_min,
        hold_max=more.hold_max,
        easier=more.easier,
        harder=more.harder,
        mistakes=more.mistakes,
        modifications=more.modifications,
    )
