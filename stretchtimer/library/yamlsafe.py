"""Provides bounded YAML: the safe C loader, after a scan that refuses bombs before they cost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.library import nodes

MAX_DEPTH = 16
"""Deeper nesting than this is no routine, article or setting."""
MAX_EVENTS = 20_000
"""More YAML events than this is not a file of ours (the bundled ones have a few hundred)."""


def yaml_error_position(
    exc: yaml.MarkedYAMLError, source: str, offset: int
) -> tuple[str, int, int]:
    """A YAML error's message, line and column, `offset` lines into the file.

    An error found at the very end (an unclosed bracket or quote) points at where the
    unclosed thing began, which is where the mistake is.
    """
    mark = exc.problem_mark
    if mark is None or (exc.context_mark and mark.line >= source.count("\n")):
        mark = exc.context_mark or mark
    what = f"{exc.context}: {exc.problem}" if exc.context else str(exc.problem)
    if mark is not None:
        lines = source.split("\n")
        text = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in text[: mark.column + 1]:
            what = "a tab is used for indentation; YAML needs spaces"
    line = offset + 1 + (mark.line if mark else 0)
    return f"YAML: {what}", line, (mark.column + 1) if mark else 1


def scan(text: str, path: Path | str, offset: int = 0) -> None:
    """Refuse aliases, deep nesting, floods of nodes and several documents: InputError."""

    def refuse(mark: Any, message: str) -> InputError:
        return InputError.single(path, message, offset + mark.line + 1, mark.column + 1)

    depth = 0
    count = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            count += 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise refuse(event.start_mark, "anchors and aliases (& and *) are not allowed")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise refuse(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise refuse(event.start_mark, "holds several YAML documents; use one")
            if count > MAX_EVENTS:
                raise refuse(event.start_mark, f"more than {MAX_EVENTS} YAML items; refused")
    except yaml.MarkedYAMLError as exc:
        raise InputError([Problem(path, *yaml_error_position(exc, text, offset))]) from None
    except yaml.YAMLError as exc:
        raise InputError.single(path, f"YAML: {exc}", offset + 1, 1) from None


def safe_compose(text: str, path: Path | str) -> nodes.Node | None:
    """The node tree (with positions) of a checked document."""
    scan(text, path)
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise InputError([Problem(path, *yaml_error_position(exc, text, 0))]) from None
    return None if root is None else _plain(root)


def _plain(node: yaml.Node) -> nodes.Node:
    """PyYAML's node as ours (the scan has bounded its depth and size)."""
    line, column = node.start_mark.line, node.start_mark.column
    if isinstance(node, yaml.ScalarNode):
        return nodes.ScalarNode(node.tag, str(node.value), line, column)
    if isinstance(node, yaml.SequenceNode):
        return nodes.SequenceNode(node.tag, [_plain(n) for n in node.value], line, column)
    pairs = [(_plain(k), _plain(v)) for k, v in node.value]
    return nodes.MappingNode(node.tag, pairs, line, column)


def safe_load(text: str, path: Path | str, offset: int = 0) -> Any:
    """Plain data (dicts, lists, scalars) from a checked document; never constructs objects."""
    scan(text, path, offset)
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise InputError([Problem(path, *yaml_error_position(exc, text, offset))]) from None
    except yaml.YAMLError as exc:
        raise InputError.single(path, f"YAML: {exc}", offset + 1, 1) from None
