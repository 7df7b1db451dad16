"""Provides where things live: bundled content, and the user's config and data directories."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import platformdirs

from stretchtimer.core.errors import InputError

HOME_ENV = "STRETCHTIMER_HOME"
"""Set this to put every user directory (config and data) under one folder: tests use it. It
must be an absolute path (a relative one would move with the working directory)."""

_PACKAGE = Path(__file__).resolve().parent.parent
"""The `stretchtimer` package folder."""


def bundled_dir(kind: str) -> Path:
    """The bundled `content` or `routines` folder: inside the wheel, or at the repository top."""
    inside = _PACKAGE / "bundled" / kind
    return inside if inside.is_dir() else _PACKAGE.parent / kind


def _user_path(name: str, platform_dir: Callable[..., str]) -> Path:
    """`STRETCHTIMER_HOME/name` when that is set, else the platform's own directory. A
    relative STRETCHTIMER_HOME is an InputError (exit 2 for every command)."""
    home = os.environ.get(HOME_ENV)
    if home:
        if not Path(home).is_absolute():
            raise InputError.single(
                "stretchtimer", f"{HOME_ENV} must be an absolute path (it is '{home}')"
            )
        return Path(home) / name
    return Path(platform_dir("stretchtimer", appauthor=False))


def config_dir() -> Path:
    """The user's config directory (holds `routines/` and `content/`)."""
    return _user_path("config", platformdirs.user_config_dir)


def data_dir() -> Path:
    """The user's data directory (holds the history database)."""
    return _user_path("data", platformdirs.user_data_dir)


def cache_dir() -> Path:
    """The user's cache directory (spoken phrases): anything in it can be made again."""
    return _user_path("cache", platformdirs.user_cache_dir)


def state_dir() -> Path:
    """The user's state directory (what the program has already shown them)."""
    return _user_path("state", platformdirs.user_state_dir)


def user_dir(kind: str) -> Path:
    """The user's own `content` or `routines` folder."""
    return config_dir() / kind


def history_file() -> Path:
    """The user's history database."""
    return data_dir() / "history.db"
