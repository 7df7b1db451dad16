"""Provides the command line's output: every line goes through `say` or `err`, so no file name,
history field or argument reaches the terminal raw."""

from __future__ import annotations

import json
import sys

from stretchtimer.core.errors import Problem
from stretchtimer.core.text import json_visible, one_line, visible


def say(text: object) -> None:
    print(visible(str(text)))


def err(line: object) -> None:
    print(one_line(str(line)), file=sys.stderr)


def report(problems: list[Problem]) -> None:
    for problem in problems:
        err(problem)


def dump(data: object) -> None:
    """JSON (which escapes C0 controls itself; C1 controls and lone surrogates are escaped
    here, as JSON's \\uXXXX)."""
    print(json_visible(json.dumps(data, indent=2, ensure_ascii=False)))
