"""Provides the input errors every loader raises: a message with a file position."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stretchtimer.core.text import one_line


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    path: Path | str
    """The file the problem is in."""
    message: str
    """What is wrong, in plain words."""
    line: int | None = None
    """1-based line, or None when the problem has no position."""
    col: int | None = None
    """1-based column, or None when the problem has no position."""
    warning: bool = False
    """A warning is reported but does not fail the file."""

    def __str__(self) -> str:
        """`path:line:col: message`, one line safe for a terminal (a file name or a quoted
        value may hold control characters)."""
        where = one_line(str(self.path))
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        prefix = "warning: " if self.warning else ""
        return f"{where}: {prefix}{one_line(self.message)}"


class InputError(Exception):
    """One or more problems that stop a file from being used."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(
        cls, path: Path | str, message: str, line: int | None = None, col: int | None = None
    ) -> InputError:
        """An error made of one problem."""
        return cls([Problem(path, message, line, col)])
