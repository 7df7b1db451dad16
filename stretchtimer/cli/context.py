"""Provides what every command is handed: the library, and the settings read once (a command
that needs them valid gets them through `options`)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from stretchtimer.core.errors import InputError
from stretchtimer.library.registry import Library
from stretchtimer.library.settings import Settings, SettingsRead
from stretchtimer.runner.options import Options, build_options


@dataclass
class Context:
    """The library and the settings file as read; the options built from them once."""

    library: Library
    read: SettingsRead
    """The settings file and its problems (read once for the whole command)."""

    @property
    def settings(self) -> Settings:
        """The settings; InputError (every problem, with its line) if the file has errors."""
        errors = [p for p in self.read.problems if not p.warning]
        if errors:
            raise InputError(errors)
        return self.read.settings

    def options(self, args: argparse.Namespace) -> Options:
        """Flags over settings over defaults, validated: the one value handed down."""
        return build_options(args, self.settings)
