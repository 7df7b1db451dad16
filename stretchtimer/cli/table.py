"""Provides the command line as data: every command (its name, one-line help, handler and
options) in one table, the options shared by several defined once, and the parsers built from
them."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stretchtimer import __version__
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.text import one_line

if TYPE_CHECKING:
    from stretchtimer.cli.context import Context

Handler = Callable[[argparse.Namespace, "Context"], int]


@dataclass(frozen=True)
class Opt:
    """One argument or option: its names, its help, and argparse's other settings."""

    names: tuple[str, ...]
    help: str
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(*self.names, help=self.help, **self.extra)


ON_OFF: dict[str, Any] = {"action": argparse.BooleanOptionalAction, "default": None}
FLAG: dict[str, Any] = {"action": "store_true"}

MUTE = Opt(("--mute",), "no chimes and no voice", FLAG)
VOICE = Opt(("--voice",), "spoken cues, where a speech engine is found (settings.yaml: voice)",
            ON_OFF)
NO_HISTORY = Opt(("--no-history",), "record nothing (settings.yaml: record_history)", FLAG)
FIT = Opt(("--fit",), "fit the routine to this much time: 5m, 90s", {"metavar": "TIME"})
PLAIN = Opt(("--plain",), "one line per event, no full-screen UI (keys still work)", FLAG)
ASK_PAIN = Opt(("--ask-pain",), "ask how much it hurts before the session too "
               "(settings.yaml: ask_pain)", ON_OFF)
SESSION = (MUTE, VOICE, PLAIN, FIT, ASK_PAIN, NO_HISTORY)
"""What every command that runs a session takes."""


def fmt(*kinds: str) -> Opt:
    return Opt(("--format",), f"how to print it: {', '.join(kinds)}",
               {"choices": list(kinds), "default": kinds[0]})


@dataclass(frozen=True)
class Command:
    """A subcommand: `stretchtimer NAME ...`."""

    name: str
    help: str
    """One line, for `--help`'s list and the subcommand's own description."""
    handler: Handler
    options: tuple[Opt, ...] = ()
    settings: bool = True
    """Whether it needs a settings file without errors (doctor and check report one)."""


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, never a traceback."""

    def error(self, message: str) -> Any:
        said = one_line(message)  # it may quote an argument, control characters and all
        self.exit(ExitCode.USAGE, f"{self.prog}: {said} (see '{self.prog} --help')\n")


def command_parser(command: Command) -> argparse.ArgumentParser:
    """The parser of one subcommand, with its description and every option's help."""
    parser = Parser(prog=f"stretchtimer {command.name}", description=command.help)
    for opt in command.options:
        opt.add(parser)
    return parser


def session_parser(commands: tuple[Command, ...]) -> argparse.ArgumentParser:
    """`stretchtimer [ROUTINE]`: a guided session (or the picker)."""
    listed = ", ".join(c.name for c in commands)
    parser = Parser(
        prog="stretchtimer",
        description="A guided stretch timer for the terminal.",
        epilog=f"commands: {listed} (each with --help)",
    )
    parser.add_argument("routine", nargs="?",
                        help="a routine name (morning, quick-relief) or a path to one")
    for opt in SESSION:
        opt.add(parser)
    parser.add_argument("--version", action="version", version=f"stretchtimer {__version__}")
    return parser
