"""Provides the parse cache's JSON form of an article (to_data, from_data) and the checks that
data read back is that form exactly (every field of the model there, of its type, nesting
bounded), so an entry damaged in any way is parsed again rather than met later as a traceback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from stretchtimer.core.figure_spec import (
    BONE_NAMES,
    FRAMES,
    JOINTS,
    PROP_KINDS,
    SIDE_BASES,
    VIEWS,
    WALL_SIDES,
    WAYS,
    FigureSpec,
    Frame,
    Mark,
    Prop,
)
from stretchtimer.core.model import Exercise, Mistake, Pace, Section, Sides, Variant

SECTION_DEPTH = 8
"""Sections nested at most this deep in an entry (an article's nest at most five heading
levels, h2 to h6)."""
METADATA_DEPTH = 20
"""An article's frontmatter nests at most this deep in JSON (YAML is refused past 16)."""


def to_data(ex: Exercise) -> dict[str, Any]:
    """An Exercise as JSON data."""
    data = asdict(ex)
    data["path"] = str(ex.path)
    return data


def _section(data: dict[str, Any]) -> Section:
    return Section(data["title"], tuple(data["lines"]), tuple(_section(p) for p in data["parts"]))


def _figure(data: dict[str, Any] | None) -> FigureSpec | None:
    if data is None:
        return None
    return FigureSpec(
        data["view"],
        tuple(
            (n, Frame(f["base"], tuple((b, a) for b, a in f["angles"])))
            for n, f in data["frames"]
        ),
        tuple(Prop(p["kind"], tuple(p["at"])) for p in data["props"]),
        tuple(Mark(**m) for m in data["marks"]),
    )


def _names(value: list[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _variant(v: dict[str, Any]) -> Variant:
    flow, sides = v["flow"], v["sides"]
    return Variant(
        **{
            **v,
            "figure": _figure(v["figure"]),
            "mistakes": _names(v["mistakes"]),
            "modifications": _names(v["modifications"]),
            "starting_position": tuple(v["starting_position"]),
            "steps": tuple(v["steps"]),
            "equipment": tuple(v["equipment"]),
            "flow": Pace(**flow) if flow else None,
            "sides": Sides(sides) if sides else None,
        }
    )


def from_data(data: dict[str, Any]) -> Exercise:
    """An Exercise from JSON data made by to_data."""
    return Exercise(
        **{
            **data,
            "path": Path(data["path"]),
            "targets": tuple(data["targets"]),
            "variants": tuple(_variant(v) for v in data["variants"]),
            "good_sensations": tuple(data["good_sensations"]),
            "red_flags": tuple(data["red_flags"]),
            "mistakes": tuple(Mistake(**m) for m in data["mistakes"]),
            "cautions": tuple(data["cautions"]),
            "modifications": tuple(data["modifications"]),
            "facts": tuple((k, v) for k, v in data["facts"]),
            "sections": tuple(_section(sec) for sec in data["sections"]),
        }
    )


def within(data: Any, limit: int) -> bool:
    """Whether JSON data nests no deeper than `limit` lists and objects (looked at without
    recursion, so any depth is safe to ask about)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list | tuple):
            if depth > limit:
                return False
            stack.extend((child, depth + 1) for child in item)
    return True


Check = Callable[[Any], bool]
"""Whether a JSON value has one field's type."""


def _one_of(choices: Any) -> Check:
    return lambda value: isinstance(value, str) and value in choices


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _seconds(value: Any) -> bool:
    return type(value) is int and 1 <= value <= 3600  # never a bool; as the loader allows


def _maybe(check: Check) -> Check:
    return lambda value: value is None or check(value)


def _many(check: Check) -> Check:
    """A tuple of the model, as a list (read back) or still a tuple (just put)."""
    return lambda value: isinstance(value, list | tuple) and all(map(check, value))


def _record(fields: dict[str, Check]) -> Check:
    """A dataclass of the model: an object with exactly these fields, each of its type."""
    names = fields.keys()
    return lambda value: (
        isinstance(value, dict)
        and value.keys() == names
        and all(check(value[name]) for name, check in fields.items())
    )


def _path(value: Any) -> bool:
    return isinstance(value, str) and value != "" and str(Path(value)) == value  # as written


def _pair(value: Any) -> bool:
    return isinstance(value, list | tuple) and len(value) == 2 and all(map(_text, value))


def _side(value: Any) -> bool:
    return isinstance(value, str) and value in SIDES


def _metadata(value: Any) -> bool:
    return isinstance(value, dict) and within(value, METADATA_DEPTH)


def _is_section(value: Any, depth: int = 0) -> bool:
    return (
        depth < SECTION_DEPTH
        and isinstance(value, dict)
        and value.keys() == {"title", "lines", "parts"}
        and _text(value["title"])
        and _many(_text)(value["lines"])
        and isinstance(value["parts"], list | tuple)
        and all(_is_section(part, depth + 1) for part in value["parts"])
    )


SIDES = frozenset(side.value for side in Sides)
_TEXTS, _COUNT = _many(_text), _maybe(_seconds)
_PACE = _record({
    "inhale": _seconds, "exhale": _seconds, "in_label": _text, "out_label": _text,
    "first": _one_of(("in", "out")),
})
def _angle(value: Any) -> bool:
    return (isinstance(value, list | tuple) and len(value) == 2 and _one_of(BONE_NAMES)(value[0])
            and type(value[1]) in (int, float) and 0 <= value[1] < 360)


def _named_frame(value: Any) -> bool:
    return (isinstance(value, list | tuple) and len(value) == 2 and _one_of(FRAMES)(value[0])
            and _FRAME(value[1]))


def _joint(value: Any) -> bool:
    return isinstance(value, str) and (value in JOINTS or value in WALL_SIDES)


_FRAME = _record({"base": _one_of(SIDE_BASES), "angles": _many(_angle)})
_FIGURE = _record({
    "view": _one_of(VIEWS), "frames": lambda v: bool(v) and _many(_named_frame)(v),
    "props": _many(_record({"kind": _one_of(PROP_KINDS), "at": _many(_joint)})),
    "marks": _many(_record({"joint": _joint, "way": _one_of(WAYS)})),
})
_MISTAKE = _record({"title": _text, "problem": _text, "fix": _text})
VARIANT: dict[str, Check] = {
    "id": _text, "name": _text, "starting_position": _TEXTS, "steps": _TEXTS, "hold": _COUNT,
    "sides": _maybe(_side), "left": _text, "right": _text, "position": _maybe(_text),
    "equipment": _TEXTS, "flow": _maybe(_PACE), "hold_min": _COUNT, "hold_max": _COUNT,
    "easier": _maybe(_text), "harder": _maybe(_text), "figure": _maybe(_FIGURE),
    "mistakes": _maybe(_TEXTS), "modifications": _maybe(_TEXTS),
}
"""A Variant's fields (a test holds them to the model's)."""
EXERCISE: dict[str, Check] = {
    "id": _text, "title": _text, "path": _path, "summary": _text, "difficulty": _text,
    "targets": _TEXTS, "variants": _many(_record(VARIANT)), "good_sensations": _TEXTS,
    "red_flags": _TEXTS, "mistakes": _many(_MISTAKE), "cautions": _TEXTS,
    "modifications": _TEXTS, "facts": _many(_pair), "sections": _many(_is_section),
    "disclaimer": _text, "reviewed": _text, "region": _text, "metadata": _metadata,
}
"""An Exercise's fields (a test holds them to the model's)."""
_EXERCISE = _record(EXERCISE)


def exercise_data(data: Any) -> bool:
    """Whether `data` is an article's entry as the cache writes it (and never raises)."""
    try:
        return _EXERCISE(data) and bool(data["variants"])  # an article has a variant
    except RecursionError:  # (SECTION_DEPTH keeps it far from the limit; never a traceback)
        return False
