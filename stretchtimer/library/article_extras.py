"""Provides what the frontmatter adds to variants once they are built: each one's figure (its
own or the article's), checked for its keyframes and its canvas, and the advice that fits it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.figure_spec import FLOW_FRAMES, HOLD_FRAMES, FigureSpec
from stretchtimer.core.model import Mistake, Variant
from stretchtimer.figure.draw import scene
from stretchtimer.library import nodes
from stretchtimer.library.article_advice import match_titles
from stretchtimer.library.article_figure import FigureReader, variant_figure_nodes
from stretchtimer.library.article_front import front_tree
from stretchtimer.library.article_meta import line_of

CANVAS = (2.2, 1.5)
"""A figure's keyframes and props fit in this many body heights across and up."""


def _has_figure(meta: dict[str, Any]) -> bool:
    variants = meta.get("variants")
    return "figure" in meta or (
        isinstance(variants, dict)
        and any(isinstance(v, dict) and "figure" in v for v in variants.values())
    )


def _checked(reader: FigureReader, node: nodes.Node, v: Variant) -> FigureSpec | None:
    spec = reader.figure(node, v.position)
    if spec is None:
        return None
    needed = FLOW_FRAMES if v.flow else HOLD_FRAMES
    missing = [f for f in needed if spec.frame(f) is None]
    name = f"variant '{v.name}'" if v.name else "the exercise"
    if missing:
        kind = "a flow" if v.flow else "a hold"
        reader.bad(node, f"{name} is {kind}: give the keyframes {' and '.join(missing)}")
        return None
    if not spec.frames:
        return None
    x0, y0, x1, y1 = scene(spec).box
    if x1 - x0 > CANVAS[0] or y1 - y0 > CANVAS[1]:
        reader.bad(node, f"{name}'s pose leaves its canvas ({x1 - x0:.2f} by {y1 - y0:.2f} body "
                   f"heights; at most {CANVAS[0]} by {CANVAS[1]}): check the angles")
        return None
    return spec


def _figures_only(meta: dict[str, Any]) -> dict[str, Any]:
    """The frontmatter's figures, where they are: all the reader looks at."""
    out: dict[str, Any] = {"figure": meta["figure"]} if "figure" in meta else {}
    variants = meta.get("variants")
    if isinstance(variants, dict):
        out["variants"] = {
            k: {"figure": v["figure"]} for k, v in variants.items()
            if isinstance(v, dict) and "figure" in v
        }
    return out


def _read(path: Path, root: nodes.Node | None, offset: int, variants: tuple[Variant, ...]
          ) -> tuple[tuple[Variant, ...], list[Problem]]:
    common, own = variant_figure_nodes(root, [v.id for v in variants])
    reader = FigureReader(path, offset)
    out = []
    for v in variants:
        node = own.get(v.id, common)
        out.append(replace(v, figure=_checked(reader, node, v)) if node is not None else v)
    return tuple(out), list(dict.fromkeys(reader.problems))


def with_figures(path: Path, text: str, meta: dict[str, Any], variants: tuple[Variant, ...]
                 ) -> tuple[Variant, ...]:
    """Each variant with its figure; InputError naming each problem's line and column. Read
    from the frontmatter's data first; only a figure with a problem is read again from the
    file's node tree, for the positions (composing every article's YAML a second time cost a
    sixth of reading it)."""
    if not _has_figure(meta):
        return variants
    out, problems = _read(path, nodes.from_plain(_figures_only(meta)), 0, variants)
    if problems:
        root, offset = front_tree(path, text)
        _, problems = _read(path, root, offset, variants)
        raise InputError(problems)
    return out


def with_advice(path: Path, text: str, variants: tuple[Variant, ...],
                mistakes: tuple[Mistake, ...], modifications: tuple[str, ...]
                ) -> tuple[Variant, ...]:
    """Each variant with the article's own mistakes and modifications its frontmatter names;
    InputError for a name that matches none."""
    problems: list[Problem] = []
    out = []
    for v in variants:
        found_m, lost_m = match_titles(v.mistakes, [m.title for m in mistakes])
        found_o, lost_o = match_titles(v.modifications, list(modifications))
        for key, lost in (("mistakes", lost_m), ("modifications", lost_o)):
            problems += [
                Problem(path, f"frontmatter {key}: '{name}' is not one of the article's {key}",
                        line_of(text, name, loose=True) or line_of(text, key))
                for name in lost
            ]
        out.append(replace(v, mistakes=found_m, modifications=found_o))
    if problems:
        raise InputError(problems)
    return tuple(out)
