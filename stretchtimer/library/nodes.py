"""Provides a routine's YAML as a plain node tree (tag, value, position), which the routine
checker reads and the parse cache keeps as JSON, so a warm start never loads PyYAML."""

from __future__ import annotations

from typing import Any

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"


class Node:
    """A YAML node: its resolved tag and where it starts (0-based line and column)."""

    __slots__ = ("column", "line", "tag")

    def __init__(self, tag: str, line: int, column: int) -> None:
        self.tag = tag
        self.line = line
        self.column = column


class ScalarNode(Node):
    """A scalar, as written (`20`, `both`, `1m30s`)."""

    __slots__ = ("value",)

    def __init__(self, tag: str, value: str, line: int, column: int) -> None:
        super().__init__(tag, line, column)
        self.value = value


class SequenceNode(Node):
    """A list of nodes."""

    __slots__ = ("value",)

    def __init__(self, tag: str, value: list[Node], line: int, column: int) -> None:
        super().__init__(tag, line, column)
        self.value = value


class MappingNode(Node):
    """A mapping, as (key, value) pairs in the order written (duplicates kept)."""

    __slots__ = ("value",)

    def __init__(self, tag: str, value: list[tuple[Node, Node]], line: int, column: int) -> None:
        super().__init__(tag, line, column)
        self.value = value


def to_data(node: Node) -> list[Any]:
    """The node tree as JSON data: [kind, tag, value, line, column]."""
    where = [node.line, node.column]
    if isinstance(node, ScalarNode):
        return ["s", node.tag, node.value, *where]
    if isinstance(node, SequenceNode):
        return ["q", node.tag, [to_data(n) for n in node.value], *where]
    assert isinstance(node, MappingNode)
    return ["m", node.tag, [[to_data(k), to_data(v)] for k, v in node.value], *where]


def from_data(data: list[Any]) -> Node:
    """The node tree from to_data's JSON data (ValueError or TypeError if it is not that)."""
    kind, tag, value, line, column = data
    if not isinstance(tag, str) or not isinstance(line, int) or not isinstance(column, int):
        raise ValueError("not a node")
    if kind == "s" and isinstance(value, str):
        return ScalarNode(tag, value, line, column)
    if kind == "q":
        return SequenceNode(tag, [from_data(n) for n in value], line, column)
    if kind == "m":
        return MappingNode(tag, [(from_data(k), from_data(v)) for k, v in value], line, column)
    raise ValueError("not a node")


def from_plain(data: Any) -> Node:
    """Plain YAML data (as the safe loader gives it) as a node tree without positions (every
    node at line 0, column 0), with the tags its values had."""
    if isinstance(data, dict):
        return MappingNode(MAP, [(from_plain(k), from_plain(v)) for k, v in data.items()], 0, 0)
    if isinstance(data, list):
        return SequenceNode(SEQ, [from_plain(v) for v in data], 0, 0)
    if data is None:
        return ScalarNode(NULL, "null", 0, 0)
    if isinstance(data, bool):
        return ScalarNode(BOOL, str(data).lower(), 0, 0)
    tag = INT if isinstance(data, int) else FLOAT if isinstance(data, float) else STR
    return ScalarNode(tag, str(data), 0, 0)
