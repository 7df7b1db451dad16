"""Provides the user's settings file (config dir `settings.yaml`): history, voice, breathing
guide, transition pace, pain before a session and reminders, read with every problem at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.model import Pace
from stretchtimer.core.text import closest
from stretchtimer.library import paths
from stretchtimer.library.files import read_text
from stretchtimer.library.nodes import STR, MappingNode, Node
from stretchtimer.library.settings_check import (
    CHECKS,
    DEFAULTED,
    VOICE_CUES,
    Bad,
    given,
    scalar,
)

FILE_NAME = "settings.yaml"


@dataclass(frozen=True)
class Settings:
    """What the user chose."""

    record_history: bool = True
    """False: no session is ever written to the history database."""
    voice: bool = True
    """False: no spoken cues (chimes only), unless --voice says otherwise."""
    voice_rate: int = 190
    """Words a minute the voice speaks (80 to 400)."""
    voice_cues: tuple[str, ...] = VOICE_CUES
    """Which phrases the voice says."""
    breathe: Pace | None = None
    """A breathing guide for every hold that gives none (`breathe: 4/6`), or None."""
    transitions: float = 1.0
    """Every get-ready and switch takes this many times as long (1 to 3: stiff mornings)."""
    ask_pain: bool = False
    """Ask how much it hurts before a session too (after is always asked)."""
    plain_wrap: bool = True
    """Plain mode wraps its lines at word boundaries to the terminal's width (false: one line
    an event, as a screen reader reads best)."""
    morning_check: bool = True
    """Ask once, the day after a session, how much it hurts this morning (the coach's
    check that yesterday's session settled)."""
    remind_every: str = "50m"
    """`stretchtimer remind`: how often a break is due (a duration, 5s to 8h)."""
    remind_routine: str = "desk-break"
    """The routine a reminder offers."""
    remind_between: str | None = None
    """Local hours reminders may come (`09:00-17:30`), or any time."""
    remind_days: str | None = None
    """Weekdays reminders may come (`mon-fri`, `mon,wed,fri`), or every day."""
    far_view: str = "auto"
    """The session's far view: `auto` (on from 100x28 unless toggled; the last toggle is
    remembered), `on` or `off` (fixed; `f` still toggles for one session)."""


def _problem(path: Path, node: Node | None, message: str, warning: bool = False) -> Problem:
    """A problem at a node's 1-based line and column (None: no position)."""
    if node is None:
        return Problem(path, message, warning=warning)
    return Problem(path, message, node.line + 1, node.column + 1, warning)


def _unknown(key: str) -> str:
    """The warning for a key that is no setting: the closest one, else the list."""
    close = closest(key, list(CHECKS))
    if close:
        return f"unknown setting '{key}' (ignored): did you mean '{close}'?"
    return f"unknown setting '{key}' (ignored); the settings are: {', '.join(CHECKS)}"


def _keys(
    path: Path, root: MappingNode, problems: list[Problem]
) -> tuple[list[tuple[str, Node]], set[str]]:
    """Every known key with its value node, in order, and the keys given more than once
    (an error at each repeat: such a key keeps its default, as which was meant is anyone's
    guess, but every value is still checked)."""
    found: list[tuple[str, Node]] = []
    first: dict[str, int] = {}
    twice: set[str] = set()
    for key_node, value_node in root.value:
        key = scalar(key_node, (STR,))
        if key is None:
            message = f"a setting's name must be a plain word, not {given(key_node)}"
            problems.append(_problem(path, key_node, message))
            continue
        if key in first:
            message = f"'{key}' is given twice (first on line {first[key]}): give it once"
            problems.append(_problem(path, key_node, message))
            twice.add(key)
        first.setdefault(key, key_node.line + 1)
        if key in CHECKS:
            found.append((key, value_node))
        elif key not in twice:
            problems.append(_problem(path, key_node, _unknown(key), warning=True))
    return found, twice


def _check_tree(path: Path, root: Node | None) -> tuple[dict[str, Any], list[Problem]]:
    """The good settings' values (by field name) and every problem, in file order."""
    problems: list[Problem] = []
    if root is None:
        return {}, problems
    if not isinstance(root, MappingNode):
        message = f"settings must be a mapping like 'record_history: false', not {given(root)}"
        return {}, [_problem(path, root, message)]
    values: dict[str, Any] = {}
    found, twice = _keys(path, root, problems)
    for key, node in found:
        try:
            value = CHECKS[key](key, node)
        except Bad as exc:
            problems.append(_problem(path, exc.node or node, str(exc)))
            continue
        if key not in twice and (value is not None or key not in DEFAULTED):
            values[key] = value
    return values, sorted(problems, key=lambda p: (p.line or 0, p.col or 0))


@dataclass(frozen=True)
class SettingsRead:
    """The settings as read from a file, and everything wrong with it."""

    settings: Settings
    """What the file says, with the default for every key that is missing or bad."""
    problems: list[Problem]
    """Every error and warning (`warning=True`), in file order; empty for a missing file."""
    path: Path
    """The file read (or looked for)."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that are not warnings."""
        return [p for p in self.problems if not p.warning]


def _is_missing(path: Path) -> bool:
    """Whether there is no file (or a link to none, as always); anything else that stops the
    reading, read_text says."""
    try:
        return not path.exists()
    except (OSError, ValueError):
        return False


def _problems_of(path: Path) -> tuple[Settings, list[Problem]]:
    """The settings in an existing file and its problems; never raises for the file."""
    try:
        text = read_text(path)
        from stretchtimer.library.yamlsafe import safe_compose  # only a settings file needs YAML

        root = safe_compose(text, path)
    except InputError as exc:
        return Settings(), exc.problems
    values, problems = _check_tree(path, root)
    return replace(Settings(), **values), problems


def read_settings(path: Path | None = None) -> SettingsRead:
    """The settings in `path` (default: the config dir's settings.yaml) and every problem in
    it. Nothing wrong with the file raises; a missing file is the defaults, no problem."""
    path = paths.config_dir() / FILE_NAME if path is None else path
    if _is_missing(path):
        return SettingsRead(Settings(), [], path)
    settings, problems = _problems_of(path)
    return SettingsRead(settings, problems, path)


def load_settings(path: Path | None = None) -> Settings:
    """The settings, defaults where the file is silent or missing; InputError with every
    error if it has any (warnings are not errors)."""
    read = read_settings(path)
    if read.errors:
        raise InputError(read.errors)
    return read.settings


def check_settings(path: Path) -> list[Problem]:
    """Every problem with a settings file, for `stretchtimer check` (a missing file is one)."""
    return _problems_of(path)[1]
