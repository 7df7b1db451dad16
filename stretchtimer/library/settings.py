"""Provides the user's settings file (config dir `settings.yaml`): history, voice, breathing
guide, transition pace, and whether to ask about pain before a session."""

from __future__ import annotations

from dataclasses import dataclass

from stretchtimer.core.errors import InputError
from stretchtimer.core.model import Pace
from stretchtimer.library import paths
from stretchtimer.library.durations import PACE_HELP, parse_pace
from stretchtimer.library.files import read_text

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
    voice_cues: tuple[str, ...] = (
        "exercise", "hold", "switch", "red_flags", "countdown", "breaths", "complete",
    )
    """Which phrases the voice says."""
    breathe: Pace | None = None
    """A breathing guide for every hold that gives none (`breathe: 4/6`), or None."""
    transitions: float = 1.0
    """Every get-ready and switch takes this many times as long (1 to 3: stiff mornings)."""
    ask_pain: bool = False
    """Ask how much it hurts before a session too (after is always asked)."""
    remind_every: str = "50m"
    """`stretchtimer remind`: how often a break is due (a duration, 5s to 8h)."""
    remind_routine: str = "desk-break"
    """The routine a reminder offers."""
    remind_between: str | None = None
    """Local hours reminders may come (`09:00-17:30`), or any time."""
    remind_days: str | None = None
    """Weekdays reminders may come (`mon-fri`, `mon,wed,fri`), or every day."""


def load_settings() -> Settings:
    """The settings, defaults where the file is silent or missing."""
    path = paths.config_dir() / FILE_NAME
    if not path.exists():
        return Settings()
    text = read_text(path)
    from stretchtimer.library.yamlsafe import safe_load  # only a settings file needs YAML

    data = safe_load(text, path)
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise InputError.single(
            path, "settings must be a mapping like 'record_history: false'", 1, 1
        )
    record = data.get("record_history", True)
    if not isinstance(record, bool):
        raise InputError.single(path, "record_history must be true or false")
    voice = data.get("voice", True)
    if not isinstance(voice, bool):
        raise InputError.single(path, "voice must be true or false")
    rate = data.get("voice_rate", Settings.voice_rate)
    if not isinstance(rate, int) or isinstance(rate, bool) or not 80 <= rate <= 400:
        raise InputError.single(path, "voice_rate must be a whole number from 80 to 400")
    cues = data.get("voice_cues", list(Settings.voice_cues))
    known = Settings.voice_cues
    if not isinstance(cues, list) or not all(isinstance(c, str) and c in known for c in cues):
        raise InputError.single(path, f"voice_cues must be a list of: {', '.join(known)}")
    breathe = data.get("breathe")
    pace = parse_pace(breathe)
    if breathe is not None and pace is None:
        raise InputError.single(path, f"breathe: {PACE_HELP}")
    slower = data.get("transitions", 1.0)
    if isinstance(slower, bool) or not isinstance(slower, (int, float)) or not 1 <= slower <= 3:
        raise InputError.single(path, "transitions must be a number from 1 to 3, like 1.5")
    ask = data.get("ask_pain", False)
    if not isinstance(ask, bool):
        raise InputError.single(path, "ask_pain must be true or false")
    remind: dict[str, str | None] = {}
    for key in ("remind_every", "remind_routine", "remind_between", "remind_days"):
        value = data.get(key, getattr(Settings, key))
        if value is not None and not isinstance(value, str):
            raise InputError.single(path, f"{key} must be text, like the README's example")
        remind[key] = value
    return Settings(
        remind_every=remind["remind_every"] or Settings.remind_every,
        remind_routine=remind["remind_routine"] or Settings.remind_routine,
        remind_between=remind["remind_between"],
        remind_days=remind["remind_days"],
        record_history=record,
        voice=voice,
        voice_rate=rate,
        voice_cues=tuple(cues),
        breathe=pace,
        transitions=float(slower),
        ask_pain=ask,
    )
