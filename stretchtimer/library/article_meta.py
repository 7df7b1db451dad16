"""Provides the structure an article's frontmatter may add to its prose: position, equipment,
a breath-paced flow, hold bounds and body region, for the whole article or per variant."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.model import POSITIONS, Pace
from stretchtimer.core.text import id_matches, one_line
from stretchtimer.library.durations import PACE_HELP, parse_pace

REGIONS = ("low-back", "neck")
"""Body regions with their own urgent signs (library/urgent.py)."""
_NECK_WORDS = re.compile(r"neck|shoulder|upper back|chest|wrist|forearm|\barms?\b|trapez", re.I)


@dataclass(frozen=True)
class VariantMeta:
    """What the frontmatter says about one variant (or, as defaults, about all of them)."""

    position: str | None = None
    equipment: tuple[str, ...] | None = None
    flow: Pace | None = None
    hold_min: int | None = None
    hold_max: int | None = None
    easier: str | None = None
    """An easier variant of the same exercise, as written (resolved to an id by read_meta)."""
    harder: str | None = None
    """A harder variant of the same exercise (the coach's next step), as easier is."""
    mistakes: tuple[str, ...] | None = None
    """The Common Mistakes (by title) that concern this variant, as written."""
    modifications: tuple[str, ...] | None = None
    """The modifications (by their leading words) that fit this variant, as written."""


def line_of(text: str, key: str, loose: bool = False) -> int | None:
    r"""The 1-based line where `key:` is first written in `text`, if it can be found (the
    line's own indent only: `\s*-?\s*` also ran over line breaks, two ways at once, which
    cost cubic time on a run of blank lines and named the first blank line); a key that is not
    found as `key:` is, when `loose`, looked for as written anywhere."""
    pattern = rf"^[ \t]*(?:-[ \t]*)?['\"]?{re.escape(key)}['\"]?[ \t]*:"
    match = re.search(pattern, text, re.M) or (loose and re.search(re.escape(key), text)) or None
    return text.count("\n", 0, match.start()) + 1 if match else None


class _Reader:
    """Reads the structural frontmatter keys, collecting problems with the line of each key."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []

    def bad(self, key: str, message: str) -> None:
        line = line_of(self.text, key)
        self.problems.append(Problem(self.path, f"frontmatter {key}: {message}", line))

    def pace(self, value: Any, key: str) -> tuple[int, int] | None:
        pace = parse_pace(value)
        if pace is None:
            self.bad(key, PACE_HELP)
            return None
        return pace.inhale, pace.exhale

    def meta(self, data: dict[str, Any]) -> VariantMeta:
        position = data.get("position")
        if position is not None and position not in POSITIONS:
            shown = one_line(str(position))
            self.bad("position", f"'{shown}' is not one of: {', '.join(POSITIONS)}")
            position = None
        equipment = data.get("equipment")
        gear: tuple[str, ...] | None = None
        if isinstance(equipment, str):
            equipment = [equipment]
        if isinstance(equipment, list) and all(isinstance(e, str) for e in equipment):
            gear = tuple(one_line(e).strip() for e in equipment if e.strip())
        elif equipment is not None:
            self.bad("equipment", "give a list of things, like [mat, cushion]")
        flow: Pace | None = None
        raw = data.get("flow")
        if raw is not None:
            if isinstance(raw, dict) and all(isinstance(raw.get(k), str) for k in ("in", "out")):
                inhale, exhale = self.pace(data.get("pace", "4/4"), "pace") or (4, 4)
                first = raw.get("first", "")
                if first not in ("", "in", "out"):
                    self.bad("flow", "'first:' is the breath the movement starts with: in or out")
                    first = ""
                flow = Pace(inhale, exhale, one_line(raw["in"]), one_line(raw["out"]), first)
            else:
                self.bad("flow", "give what happens on each breath: {in: '...', out: '...'}")
        elif "pace" in data:
            self.bad("pace", "a pace needs a 'flow:' beside it")
        hold_min = hold_max = None
        hold = data.get("hold")
        if isinstance(hold, dict):
            low, high = hold.get("min"), hold.get("max")
            ok = all(isinstance(n, int) and not isinstance(n, bool) for n in (low, high))
            if ok and 1 <= low <= high <= 3600:  # type: ignore[operator]
                hold_min, hold_max = low, high
            else:
                self.bad("hold", "give seconds like {min: 20, max: 45} (min no more than max)")
        easier, harder = (self.variant_name(data, key) for key in ("easier", "harder"))
        advice = [self.titles(data, key) for key in ("mistakes", "modifications")]
        return VariantMeta(position, gear, flow, hold_min, hold_max, easier, harder, *advice)

    def variant_name(self, data: dict[str, Any], key: str) -> str | None:
        """`easier:` or `harder:` as written, when it is a name."""
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            self.bad(key, f"name the {key} variant, like 'single'")
            return None
        return value

    def titles(self, data: dict[str, Any], key: str) -> tuple[str, ...] | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(one_line(v).strip() for v in value)
        self.bad(key, f"give a list of the article's {key} that fit, by their titles")
        return None


def _resolve(name: str, variant_ids: list[str]) -> str | None:
    """The variant id `name` means, if it means exactly one."""
    found = id_matches(name, variant_ids)
    return found[0] if len(found) == 1 else None


def _other_ways(
    reader: _Reader, meta_of: VariantMeta, vid: str, variant_ids: list[str]
) -> VariantMeta:
    """`meta_of` with its easier and harder variants resolved to ids (each another variant)."""
    named: dict[str, str | None] = {}
    for key in ("easier", "harder"):
        written = getattr(meta_of, key)
        if written is None:
            continue
        resolved = _resolve(written, variant_ids)
        if resolved is None or resolved == vid:
            reader.bad(key, f"'{one_line(written)}' is not another variant")
        named[key] = resolved
    return replace(meta_of, **named)  # type: ignore[arg-type]


def read_meta(
    path: Path, text: str, meta: dict[str, Any], variant_ids: list[str]
) -> tuple[VariantMeta, dict[str, VariantMeta], str | None]:
    """(the article-wide defaults, each variant's own by id, the declared region or None);
    InputError naming the line of each bad key."""
    reader = _Reader(path, text)
    common = reader.meta(meta)
    own: dict[str, VariantMeta] = {}
    variants = meta.get("variants")
    if isinstance(variants, dict):
        for key, value in variants.items():
            resolved = _resolve(str(key), variant_ids)
            found = [resolved] if resolved else []
            if len(found) != 1 or not isinstance(value, dict):
                reader.bad(
                    "variants",
                    f"'{one_line(str(key))}' is not one of its variants ({', '.join(variant_ids)})"
                    " with a mapping of position, equipment, flow",
                )
                continue
            own[found[0]] = _other_ways(reader, reader.meta(value), found[0], variant_ids)
    elif variants is not None:
        reader.bad("variants", "give a mapping of variant ids to their position and equipment")
    region = meta.get("region")
    if region is not None and region not in REGIONS:
        reader.bad("region", f"'{one_line(str(region))}' is not one of: {', '.join(REGIONS)}")
        region = None
    if reader.problems:
        raise InputError(reader.problems)
    return common, own, region


def merged(common: VariantMeta, own: VariantMeta | None) -> VariantMeta:
    """A variant's own values over the article's."""
    if own is None:
        return common
    return VariantMeta(
        own.position or common.position,
        own.equipment if own.equipment is not None else common.equipment,
        own.flow or common.flow,
        own.hold_min if own.hold_min is not None else common.hold_min,
        own.hold_max if own.hold_max is not None else common.hold_max,
        own.easier,
        own.harder,
        own.mistakes,
        own.modifications,
    )


def region_of(declared: str | None, targets: tuple[str, ...]) -> str:
    """The declared region, else `neck` when the targets are of the neck, shoulders, upper
    back, chest or arms, else `low-back`."""
    if declared:
        return declared
    return "neck" if any(_NECK_WORDS.search(t) for t in targets[:2]) else "low-back"
