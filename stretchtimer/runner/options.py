"""Provides the options a command runs with, built once: the command line's flags over
`settings.yaml` over the defaults, validated, into one value handed down (nothing below the
command line reads the settings file again)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

from stretchtimer.core.errors import InputError
from stretchtimer.core.model import Plan, Routine, Side
from stretchtimer.core.schedule import Window, parse_window
from stretchtimer.library.durations import DurationError, parse_duration_text
from stretchtimer.library.planning import plan_routine
from stretchtimer.library.settings import Settings
from stretchtimer.library.settings_check import REMIND_RANGE
from stretchtimer.library.state import far_view_choice

FIT_RANGE = (30, 3600)
"""The time budgets `--fit` accepts, in seconds."""


@dataclass(frozen=True)
class Options:
    """How this run of the program goes: what the user typed over what they set."""

    settings: Settings = field(default_factory=Settings)
    """The settings file as read (every value already checked)."""
    mute: bool = False
    """No chimes and no voice (--mute)."""
    voice: bool = True
    """Spoken cues, where a speech engine is found (--voice/--no-voice over `voice:`)."""
    plain: bool = False
    """One line per event instead of the full-screen UI (--plain)."""
    budget: int | None = None
    """Seconds to fit the routine into (--fit), or None."""
    ask_pain: bool = False
    """Ask how much it hurts before the session too (--ask-pain over `ask_pain:`)."""
    record_history: bool = True
    """Write sessions and breaks to the history (not --no-history, not `record_history:
    false`)."""
    far: bool | None = None
    """The far view: fixed on or off by `far_view:`, else as `f` last left it, else None (on
    where the terminal is big enough)."""

    def plan(self, routine: Routine, lead: Side) -> Plan:
        """The plan of `routine` with these settings and this budget."""
        return plan_routine(routine, lead, self.settings, self.budget)


@dataclass(frozen=True)
class RemindOptions:
    """How `stretchtimer remind` waits: --every, --routine, --between and --days over the
    settings' `remind_*`."""

    every: int
    """Seconds between breaks."""
    every_text: str
    """As the user wrote it (`50m`), for what is shown and for the service unit."""
    routine: str
    """The routine a break starts: a name or a path (found again at each Start)."""
    window: Window
    between: str | None
    days: str | None


def _flag(args: argparse.Namespace, name: str) -> object:
    """A flag's value, None where this command has no such flag."""
    return getattr(args, name, None)


def fit_budget(text: str | None) -> int | None:
    """`--fit 5m` in seconds (None without it); InputError naming the option."""
    if text is None:
        return None
    try:
        return parse_duration_text(text, *FIT_RANGE)
    except DurationError as exc:
        raise InputError.single("--fit", str(exc)) from None


def build_options(args: argparse.Namespace, settings: Settings) -> Options:
    """The options of this run: each flag given wins over its setting."""
    voice, ask = _flag(args, "voice"), _flag(args, "ask_pain")
    fit = _flag(args, "fit")
    return Options(
        settings=settings,
        mute=bool(_flag(args, "mute")),
        voice=settings.voice if voice is None else bool(voice),
        plain=bool(_flag(args, "plain")),
        budget=fit_budget(fit if isinstance(fit, str) else None),
        ask_pain=settings.ask_pain if ask is None else bool(ask),
        record_history=settings.record_history and not _flag(args, "no_history"),
        far=far_view(settings.far_view),
    )


def far_view(setting: str) -> bool | None:
    """The far view to start with: the setting's `on` or `off`, else the last toggle."""
    if setting in ("on", "off"):
        return setting == "on"
    return far_view_choice()


def build_remind(args: argparse.Namespace, settings: Settings) -> RemindOptions:
    """The reminder's options; a bad flag is an InputError naming the flag (the settings'
    values were checked, with their lines, when the file was read)."""
    every_flag = _flag(args, "every")
    every_text = every_flag if isinstance(every_flag, str) else settings.remind_every
    try:
        every = parse_duration_text(every_text, *REMIND_RANGE)
    except DurationError as exc:
        where = "--every" if every_flag is not None else "settings.yaml: remind_every"
        raise InputError.single(where, str(exc)) from None
    between = _text(_flag(args, "between")) or settings.remind_between
    days = _text(_flag(args, "days")) or settings.remind_days
    try:
        window = parse_window(between, days)
    except ValueError as exc:
        hours = "hours" in str(exc)
        flag = _flag(args, "between" if hours else "days")
        name = ("--between" if hours else "--days") if flag else (
            "settings.yaml: remind_between" if hours else "settings.yaml: remind_days"
        )
        raise InputError.single(name, str(exc)) from None
    routine = _text(_flag(args, "routine")) or settings.remind_routine
    return RemindOptions(every, every_text, routine, window, between, days)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
