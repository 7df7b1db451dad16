"""Provides where things live: bundled content, and the user's config and data directories."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENV = "STRETCHTIMER_HOME"
"""Set this to put every user directory (config and data) under one folder: tests use it."""

_PACKAGE = Path(__file__).resolve().parent.parent
"""The `stretchtimer` package folder."""


def bundled_dir(kind: str) -> Path:
    """The bundled `content` or `routines` folder: inside the wheel, or at the repository top."""
    inside = _PACKAGE / "bundled" / kind
    return inside if inside.is_dir() else _PACKAGE.parent / kind


def config_dir() -> Path:
    """The user's config directory (holds `routines/` and `content/`)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "config"
    return Path(platformdirs.user_config_dir("stretchtimer", appauthor=False))


def data_dir() -> Path:
    """The user's data directory (holds the history database)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir("stretchtimer", appauthor=False))


def cache_dir() -> Path:
    """The user's cache directory (spoken phrases): anything in it can be made again."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "cache"
    return Path(platformdirs.user_cache_dir("stretchtimer", appauthor=False))


def state_dir() -> Path:
    """The user's state directory (what the program has already shown them)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "state"
    return Path(platformdirs.user_state_dir("stretchtimer", appauthor=False))


def user_dir(kind: str) -> Path:
    """The user's own `content` or `routines` folder."""
    return config_dir() / kind


def history_file() -> Path:
    """The user's history database."""
    return data_dir() / "history.db"
