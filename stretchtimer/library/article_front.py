"""Provides an article's frontmatter, split from its body and checked, as JSON-safe data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stretchtimer.core.errors import InputError
from stretchtimer.library import nodes
from stretchtimer.library.yamlsafe import safe_compose, safe_load


def split_front(path: Path, text: str) -> tuple[dict[str, Any], str, int]:
    """The frontmatter (checked, positions true to the file), the body, and the number of
    file lines before the body."""
    stripped = text.lstrip()
    dropped = text[: len(text) - len(stripped)].count("\n")
    from frontmatter.default_handlers import YAMLHandler

    handler = YAMLHandler()
    if not handler.detect(stripped):
        return {}, stripped, dropped
    try:
        fm, body = handler.split(stripped)
    except ValueError:
        raise InputError.single(
            path,
            "the frontmatter opened with '---' is never closed by another '---' line",
            dropped + 1,
            1,
        ) from None
    data = safe_load(fm, path, dropped)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError.single(
            path, "the frontmatter must be a mapping of 'key: value' lines", dropped + 2, 1
        )
    before_body = stripped[: len(stripped) - len(body)].count("\n")
    return {str(k): v for k, v in data.items()}, body, dropped + before_body


def front_tree(path: Path, text: str) -> tuple[nodes.Node | None, int]:
    """The frontmatter as a node tree with positions, and the lines of the file before its
    first line (a node's 0-based line plus this plus one is its line in the file). Called
    only for an article whose frontmatter has already been read by split_front."""
    stripped = text.lstrip()
    dropped = text[: len(text) - len(stripped)].count("\n")
    from frontmatter.default_handlers import YAMLHandler

    fm, _ = YAMLHandler().split(stripped)
    opening = stripped[: stripped.find(fm)].count("\n") if fm else 1
    return safe_compose(fm, path), dropped + opening


def json_safe(value: Any) -> Any:
    """Frontmatter as JSON-safe data (dates become ISO text), so it survives the cache."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
