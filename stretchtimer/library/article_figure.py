"""Provides an article's figures read from its frontmatter (`figure:`, for the article or per
variant under `variants:`), every problem placed at its line and column."""

from __future__ import annotations

from pathlib import Path

from stretchtimer.core.errors import Problem
from stretchtimer.core.figure_spec import (
    BONE_NAMES,
    FRAMES,
    FRONT_BASES,
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
from stretchtimer.core.text import did_you_mean, id_matches, one_line
from stretchtimer.library import nodes

KEYS = ("view", "props", "marks", *FRAMES)
POSITION_BASES = {
    "standing": "standing", "seated": "seated", "kneeling": "kneeling", "all-fours": "all-fours",
    "lying-back": "lying-back", "lying-front": "lying-front", "side-lying": "lying-back",
}
"""The base a keyframe without `base:` starts from, by the variant's position."""
Placed = tuple[FigureSpec, int, int]
"""A figure and the line and column where it is written."""


class FigureReader:
    """Reads figure nodes, collecting problems at their positions in the file."""

    def __init__(self, path: Path, offset: int) -> None:
        self.path, self.offset = path, offset
        self.problems: list[Problem] = []

    def bad(self, node: nodes.Node, message: str) -> None:
        self.problems.append(
            Problem(self.path, f"figure: {message}", self.offset + node.line + 1, node.column + 1)
        )

    def _number(self, node: nodes.Node, key: str) -> float | None:
        if isinstance(node, nodes.ScalarNode) and node.tag in (nodes.INT, nodes.FLOAT):
            try:
                value = float(node.value.replace("_", ""))
            except ValueError:
                value = float("nan")
            if value == value and abs(value) < 1e6:
                return value
        shown = one_line(node.value) if isinstance(node, nodes.ScalarNode) else "a list or mapping"
        self.bad(node, f"{key}: '{shown}' is not a number of degrees")
        return None

    def frame(self, node: nodes.Node, view: str, default_base: str | None) -> Frame | None:
        if not isinstance(node, nodes.MappingNode):
            self.bad(node, "a keyframe is a mapping like {base: standing, left_knee: 90}")
            return None
        base = default_base
        angles: list[tuple[str, float]] = []
        known = FRONT_BASES if view == "front" else SIDE_BASES
        for key, value in node.value:
            name = key.value if isinstance(key, nodes.ScalarNode) else ""
            if name == "base":
                base = value.value if isinstance(value, nodes.ScalarNode) else ""
                if base not in known:
                    self.bad(value, f"base '{one_line(base)}' is not one of: {', '.join(known)}"
                             + did_you_mean(base, list(known)))
                    return None
            elif name in BONE_NAMES:
                number = self._number(value, name)
                if number is not None:
                    angles.append((name, number % 360.0))
            else:
                self.bad(key, f"unknown joint '{one_line(name)}'"
                         + did_you_mean(name, list(BONE_NAMES)))
        if base is None or base not in known:
            self.bad(node, f"give the keyframe a base: one of {', '.join(known)}")
            return None
        return Frame(base, tuple(angles))

    def prop(self, node: nodes.Node) -> Prop | None:
        kind, at_node = "", None
        if isinstance(node, nodes.ScalarNode):
            kind = node.value
        elif isinstance(node, nodes.MappingNode) and len(node.value) == 1:
            key, at_node = node.value[0]
            kind = key.value if isinstance(key, nodes.ScalarNode) else ""
        if kind not in PROP_KINDS:
            self.bad(node, f"unknown prop '{one_line(kind)}': one of {', '.join(PROP_KINDS)}"
                     + did_you_mean(kind, list(PROP_KINDS)))
            return None
        at: tuple[str, ...] = ()
        if at_node is not None:
            items = at_node.value if isinstance(at_node, nodes.SequenceNode) else [at_node]
            at = tuple(i.value for i in items if isinstance(i, nodes.ScalarNode))
            allowed = WALL_SIDES if kind in ("wall", "door") else JOINTS
            wrong = [a for a in at if a not in allowed] or (
                ["?"] if len(at) != len(items) or (kind == "band" and len(at) != 2) else [])
            if wrong:
                self.bad(at_node, f"{kind}: '{one_line(wrong[0])}' is not one of "
                         f"{', '.join(allowed) if len(allowed) < 4 else 'the joints'}"
                         + did_you_mean(wrong[0], list(allowed)))
                return None
        return Prop(kind, at)

    def mark(self, node: nodes.Node) -> Mark | None:
        fields = {}
        if isinstance(node, nodes.MappingNode):
            fields = {k.value: v for k, v in node.value if isinstance(k, nodes.ScalarNode)}
        joint, way = fields.get("joint"), fields.get("way")
        if not isinstance(joint, nodes.ScalarNode) or not isinstance(way, nodes.ScalarNode):
            self.bad(node, "a mark is {joint: nose, way: turn-left}")
            return None
        if joint.value not in JOINTS:
            self.bad(joint, f"unknown joint '{one_line(joint.value)}'"
                     + did_you_mean(joint.value, list(JOINTS)))
            return None
        if way.value not in WAYS:
            self.bad(way, f"way '{one_line(way.value)}' is not one of {', '.join(WAYS)}")
            return None
        return Mark(joint.value, way.value)

    def _items(self, node: nodes.Node, what: str) -> list[nodes.Node]:
        if isinstance(node, nodes.SequenceNode):
            return node.value
        self.bad(node, f"give {what} as a list, like [chair]" if what == "props"
                 else f"give {what} as a list")
        return []

    def figure(self, node: nodes.Node, position: str | None) -> FigureSpec | None:
        if not isinstance(node, nodes.MappingNode):
            self.bad(node, "a figure is a mapping of view, start, hold (or in and out), props")
            return None
        fields = {k.value if isinstance(k, nodes.ScalarNode) else "": (k, v) for k, v in node.value}
        for name, (key, _) in fields.items():
            if name not in KEYS:
                self.bad(key, f"unknown key '{one_line(name)}': one of {', '.join(KEYS)}"
                         + did_you_mean(name, list(KEYS)))
        view = "side"
        if "view" in fields:
            value = fields["view"][1]
            view = value.value if isinstance(value, nodes.ScalarNode) else ""
            if view not in VIEWS:
                self.bad(value, f"view '{one_line(view)}' is not one of: {', '.join(VIEWS)}")
                return None
        default = POSITION_BASES.get(position or "")
        frames = tuple(
            (name, frame) for name in FRAMES if name in fields
            for frame in [self.frame(fields[name][1], view, default)] if frame is not None
        )
        props = tuple(p for n in self._items(fields["props"][1], "props") for p in [self.prop(n)]
                      if p is not None) if "props" in fields else ()
        marks = tuple(m for n in self._items(fields["marks"][1], "marks") for m in [self.mark(n)]
                      if m is not None) if "marks" in fields else ()
        return FigureSpec(view, frames, props, marks)


def variant_figure_nodes(
    root: nodes.Node | None, variant_ids: list[str]
) -> tuple[nodes.Node | None, dict[str, nodes.Node]]:
    """The article's own `figure:` node and each variant's, by variant id."""
    if not isinstance(root, nodes.MappingNode):
        return None, {}
    top = dict((k.value, v) for k, v in root.value if isinstance(k, nodes.ScalarNode))
    own: dict[str, nodes.Node] = {}
    variants = top.get("variants")
    if isinstance(variants, nodes.MappingNode):
        for key, value in variants.value:
            found = id_matches(key.value, variant_ids) if isinstance(key, nodes.ScalarNode) else []
            if len(found) == 1 and isinstance(value, nodes.MappingNode):
                fig = next((v for k, v in value.value
                            if isinstance(k, nodes.ScalarNode) and k.value == "figure"), None)
                if fig is not None:
                    own[found[0]] = fig
    return top.get("figure"), own
