"""Provides figures for the command line and the screens: a variant's keyframes side by side
as text, the room a figure needs, and the JSON form of a figure."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from stretchtimer.core.figure_spec import FigureSpec
from stretchtimer.core.model import Variant
from stretchtimer.figure.draw import Box, Scene, draw, scene

FRAME_LABELS = {"start": "Start", "hold": "Hold", "in": "Breathe in", "out": "Breathe out"}


@lru_cache(maxsize=256)
def scene_of(spec: FigureSpec) -> Scene:
    """A figure's scene, made once per figure."""
    return scene(spec)


def shown_frames(spec: FigureSpec, sides: bool) -> list[tuple[str, str, bool]]:
    """(keyframe, label, mirrored) to show for a figure: its keyframes in order, and its hold
    mirrored for the other side when it is done on both."""
    order = ("start", "in", "out") if spec.is_flow else ("start", "hold")
    out = [(n, FRAME_LABELS[n], False) for n in order if spec.frame(n) is not None]
    if sides and not spec.is_flow:
        out.append(("hold", "Other side", True))
    return out


def rows_for(box: Box, cols: int, most: int, mode: str = "braille") -> int:
    """The rows a figure whose world box is `box`, drawn `cols` wide, needs to fill that
    width (at most `most`)."""
    x0, y0, x1, y1 = box
    across = cols * (2 if mode == "braille" else 1)
    dots_per_row = {"braille": 4, "blocks": 2}.get(mode, 1) * (1 if mode != "ascii" else 2)
    return max(3, min(most, round(across * (y1 - min(y0, 0.0)) / (x1 - x0) / dots_per_row) + 2))


def cols_for(box: Box, rows: int, most: int) -> int:
    """The columns a figure whose world box is `box` needs to fill `rows` rows (braille: a
    column is two dots, a row four), from 12 to `most`."""
    x0, y0, x1, y1 = box
    return max(12, min(most, round(2 * (rows - 1) * (x1 - x0) / (y1 - min(y0, 0.0))) + 2))


def figure_text(v: Variant, cols: int = 26, rows: int = 10, mode: str = "braille") -> list[str]:
    """A variant's keyframes drawn side by side, each under its label (`rows`: at most)."""
    spec = v.figure
    if spec is None:
        return []
    rows = rows_for(scene_of(spec).box, cols, rows, mode)
    shown = shown_frames(spec, v.sides == "both")
    drawings = [_drawn(spec, name, mirrored, cols, rows, mode) for name, _, mirrored in shown]
    out = ["   ".join(label.ljust(cols) for _, label, _ in shown).rstrip()]
    for row in range(rows):
        out.append("   ".join(d[row].ljust(cols) for d in drawings).rstrip())
    return out


@lru_cache(maxsize=512)
def _drawn(spec: FigureSpec, frame: str, mirrored: bool, cols: int, rows: int, mode: str
           ) -> tuple[str, ...]:
    """One keyframe drawn as lines of text (made once: `show` and the picker ask again)."""
    sc = scene_of(spec)
    drawing = draw(sc, sc.poses[frame], cols, rows, mode=mode, mirrored=mirrored,
                   marks=frame != "start")
    return tuple(drawing.text().split("\n"))


def figure_data(spec: FigureSpec | None) -> dict[str, Any] | None:
    """A figure's JSON form (`show --format json`): view, keyframes, props and marks."""
    if spec is None:
        return None
    return {
        "view": spec.view,
        "keyframes": {
            name: {"base": frame.base, **dict(frame.angles)} for name, frame in spec.frames
        },
        "props": [{"kind": p.kind, "at": list(p.at)} for p in spec.props],
        "marks": [{"joint": m.joint, "way": m.way} for m in spec.marks],
    }
