"""Provides the checks of a routine's values, each fault a Problem at its YAML node."""

from __future__ import annotations

from pathlib import Path

from stretchtimer.core.errors import Problem
from stretchtimer.core.model import Pace
from stretchtimer.core.text import did_you_mean, one_line
from stretchtimer.library.durations import (
    PACE_HELP,
    DurationError,
    parse_count,
    parse_duration,
    parse_pace,
)
from stretchtimer.library.nodes import BOOL, STR, MappingNode, Node, ScalarNode

TIMING_KEYS = ("prepare", "switch", "rest")
"""The pauses around a step, in a step or in a routine's `defaults:`."""


class ValueChecker:
    """Reads typed values out of one file's YAML nodes, collecting a Problem for each fault."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, node: Node | None, message: str, warning: bool = False) -> None:
        """Record a problem at a node (None: no position)."""
        line = node.line + 1 if node else None
        col = node.column + 1 if node else None
        self.problems.append(Problem(self.path, message, line, col, warning))

    def mapping(
        self, node: MappingNode, known: tuple[str, ...], where: str
    ) -> dict[str, tuple[Node, Node]]:
        """Its keys (checked: strings, no duplicates, unknown ones warned of)."""
        out: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != STR:
                self.add(key_node, f"{where}: keys must be plain words")
                continue
            key = key_node.value
            if key in out:
                self.add(key_node, f"{where}: '{key}' is given twice")
                continue
            if key not in known:
                hint = did_you_mean(key, list(known))
                self.add(key_node, f"{where}: unknown key '{key}' is ignored{hint}", warning=True)
                continue
            out[key] = (key_node, value_node)
        return out

    def text(self, node: Node, what: str) -> str | None:
        """Non-empty text, on one line."""
        if isinstance(node, ScalarNode) and node.tag == STR and node.value.strip():
            return one_line(str(node.value)).strip()
        self.add(node, f"{what} must be text")
        return None

    def duration(self, node: Node, what: str, low: int, high: int) -> int | None:
        """Seconds from `low` to `high` (`20`, `"20s"`, `"1m30s"`)."""
        try:
            return parse_duration(node, low, high)
        except DurationError as exc:
            self.add(node, f"{what}: {exc}")
            return None

    def timings(
        self, keys: dict[str, tuple[Node, Node]], base: dict[str, int], where: str
    ) -> dict[str, int]:
        """`base` with the prepare, switch and rest times given among `keys`."""
        out = dict(base)
        for name in TIMING_KEYS:
            if name in keys:
                value = self.duration(keys[name][1], f"{where}{name}", 0, 600)
                if value is not None:
                    out[name] = value
        return out

    def flag(self, keys: dict[str, tuple[Node, Node]], name: str, where: str) -> bool:
        """true or false (false when not given)."""
        if name not in keys:
            return False
        node = keys[name][1]
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            return str(node.value).lower() == "true"
        self.add(node, f"{where}{name} must be true or false")
        return False

    def pace(self, node: Node, what: str) -> Pace | None:
        """`4/6`: seconds in and out."""
        text = node.value if isinstance(node, ScalarNode) and node.tag == STR else None
        pace = parse_pace(text)
        if pace is None:
            self.add(node, f"{what}: {PACE_HELP}")
        return pace

    def count(
        self, keys: dict[str, tuple[Node, Node]], name: str, high: int, where: str, default: int
    ) -> int | None:
        """A whole count from 1 to `high` (`repeat`, `reps`), or `default` when not given."""
        if name not in keys:
            return default
        try:
            return parse_count(keys[name][1], 1, high)
        except DurationError as exc:
            self.add(keys[name][1], f"{where}{name}: {exc}")
            return None

    def errors(self) -> list[Problem]:
        """The problems found that are not warnings."""
        return [p for p in self.problems if not p.warning]
