"""Provides the user's settings file (config dir `settings.yaml`): today, whether to record."""

from __future__ import annotations

from dataclasses import dataclass

from stretchtimer.core.errors import InputError
from stretchtimer.library import paths
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
        "exercise", "hold", "switch", "red_flags", "countdown", "complete",
    )
    """Which phrases the voice says."""


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
    return Settings(record_history=record, voice=voice, voice_rate=rate, voice_cues=tuple(cues))
