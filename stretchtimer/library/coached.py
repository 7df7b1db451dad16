"""Provides an accepted suggestion written down: the routine as the user's own file in their
routines folder (the bundled one untouched, a name that clashes with none), starting with a
comment that says what changed, when and why, and checked as `check` checks it."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from stretchtimer.core.coach_types import Change, Suggestion
from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.model import Routine
from stretchtimer.core.text import one_line
from stretchtimer.library import paths
from stretchtimer.library.files import read_text
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import check_routine
from stretchtimer.library.yamlsafe import safe_load

SUFFIX = "coached"
_OURS = re.compile(rf"-{SUFFIX}(-\d+)?$")
MOST_TRIES = 100


def coached_name(name: str, taken: set[str]) -> str:
    """`morning` -> `morning-coached` (then -2, -3, ... while those are taken); a routine that
    is already coached gets the next number of its own line."""
    base = _OURS.sub("", name) + f"-{SUFFIX}"
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def changed_data(data: dict[str, Any], change: Change) -> dict[str, Any]:
    """The routine's data with the change made: steps edited by position, some left out."""
    steps = [dict(s) if isinstance(s, dict) else s for s in data.get("steps", [])]
    for edit in change.edits:
        step = steps[edit.position]
        for key in ("hold", "repeat", "reps", "variant", "sides"):
            value = getattr(edit, key)
            if value is not None:
                step[key] = value
    kept = [s for i, s in enumerate(steps) if i not in change.drop]
    return {**data, "steps": kept}


def coached_title(title: str, name: str) -> str:
    """`Quick relief (coached)` for quick-relief-coached, `(coached 2)` for -coached-2: two
    versions never show alike in the picker."""
    base = re.sub(rf" \({SUFFIX}( \d+)?\)$", "", title)
    number = name.rsplit("-", 1)[-1] if not name.endswith(f"-{SUFFIX}") else ""
    return f"{base} ({SUFFIX}{' ' + number if number else ''})".strip()


def header(routine: Routine, suggestion: Suggestion, today: date) -> str:
    """The comment the file starts with: what changed, when, why, and how to undo it."""
    change = suggestion.change
    lines = [
        f"Written by stretchtimer's coach on {today.isoformat()}, from the routine "
        f"'{routine.name}' ({routine.source}).",
        f"What changed: {change.what if change else ''}.",
        f"Why ({suggestion.rule}): {suggestion.data}.",
        f"To undo it, delete this file; 'stretchtimer {routine.name}' is as it was.",
    ]
    return "".join(f"# {one_line(line)}\n" for line in lines)


def write_coached(
    routine: Routine, suggestion: Suggestion, library: Library, today: date
) -> Path:
    """Write the accepted change as a new routine of the user's; its path. InputError (the
    file named) when it cannot be written or would not pass `check`: nothing is left then."""
    if suggestion.change is None:
        raise ValueError("advice has nothing to write")
    data = safe_load(read_text(routine.path), routine.path)
    if not isinstance(data, dict):
        raise InputError.single(routine.path, "the routine is not a mapping")
    changed = changed_data(data, suggestion.change)
    title = str(data.get("title", ""))

    def text_for(name: str) -> str:
        named = {**changed, "title": coached_title(title, name)}
        body = yaml.safe_dump(named, sort_keys=False, allow_unicode=True, width=96)
        return header(routine, suggestion, today) + body

    folder = paths.user_dir("routines")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return _place(folder, routine.name, text_for, library)
    except OSError as exc:
        raise InputError.single(folder, f"cannot write a routine here: {exc.strerror}") from None


def _place(folder: Path, name: str, text_for: Callable[[str], str], library: Library) -> Path:
    """Write `text` under a free name (created exclusively: never over any file), checked."""
    taken = set(library.routines()) | {p.stem for p in folder.glob("*.y*ml")}
    for _ in range(MOST_TRIES):
        new = coached_name(name, taken)
        path = folder / f"{new}.yaml"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            taken.add(new)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text_for(new))
        _, problems = check_routine(path, library, new, "user")
        errors = [p for p in problems if not p.warning]
        if errors:
            with contextlib.suppress(OSError):
                path.unlink()
            why = "the coached routine would not pass check"
            raise InputError([Problem(path, f"{why}: {e.message}") for e in errors])
        return path
    raise InputError.single(folder, "no free name for the coached routine")
