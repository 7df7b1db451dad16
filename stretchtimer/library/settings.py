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
    return Settings(record_history=record)
