"""Provides the command line, a front end: `main(argv) -> int` runs one command from the
table (or a routine by name) and returns its exit code."""

from __future__ import annotations

import argparse
import sys

from stretchtimer.cli.context import Context
from stretchtimer.cli.say import err, report
from stretchtimer.core.errors import InputError
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.text import closest
from stretchtimer.history.errors import HistoryError
from stretchtimer.library.registry import Library, default_cache, looks_like_path
from stretchtimer.library.settings import read_settings
from stretchtimer.present import streams
from stretchtimer.startup import resume_collector

# Textual, SQLite and the Markdown reader are imported inside the command that needs them, so
# `list`, `check` or `plan` never pay for the full-screen UI (about 100 ms).


def _parse(argv: list[str], library: Library) -> tuple[argparse.Namespace, bool]:
    """The command's arguments (its handler among them), and whether it needs valid
    settings. A bare routine name runs it; a misspelt command gets a "did you mean"."""
    from stretchtimer.cli.commands import BY_NAME, COMMANDS
    from stretchtimer.cli.running import cmd_run
    from stretchtimer.cli.table import command_parser, session_parser

    first = argv[0] if argv else ""
    if first in BY_NAME and not looks_like_path(first):
        command = BY_NAME[first]
        if first != "run":
            resume_collector()  # no screen to hurry for
        args = command_parser(command).parse_args(argv[1:])
        args.handler = command.handler
        return args, command.settings
    args = session_parser(COMMANDS).parse_args(argv)
    if args.routine and not looks_like_path(args.routine):
        _known_routine_or_command(args.routine, library, tuple(BY_NAME))
    args.handler = cmd_run
    return args, True


def _known_routine_or_command(name: str, library: Library, commands: tuple[str, ...]) -> None:
    """A name that is neither a routine nor a command, but is near a command: say so."""
    if name in library.routines():
        return
    close = closest(name, commands, cutoff=0.75)
    if close:
        raise InputError.single(
            "stretchtimer",
            f"'{name}' is not a command or a routine: did you mean '{close}'? "
            "('stretchtimer --help' lists the commands, 'stretchtimer list' the routines)",
        )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    problem = streams.prepare()
    if problem:
        err(f"stretchtimer: {problem}")
        return ExitCode.USAGE
    try:
        library = Library(cache=default_cache())
    except InputError as exc:  # a relative STRETCHTIMER_HOME: no user path can be made
        report(exc.problems)
        return ExitCode.USAGE
    try:
        args, needs_settings = _parse(argv, library)
        ctx = Context(library, read_settings())
        if needs_settings:
            report([p for p in ctx.read.problems if p.warning])
            ctx.settings  # noqa: B018  # its errors stop the command here, before it runs
        code: int = args.handler(args, ctx)
        return code
    except InputError as exc:
        report(exc.problems)
        return ExitCode.USAGE
    except HistoryError as exc:
        err(f"stretchtimer: {exc}")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        err("stretchtimer: interrupted")
        return 130
    except BrokenPipeError:
        streams.quiet(sys.stdout)
        return ExitCode.BROKEN_PIPE
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    finally:
        library.save()


def run() -> None:
    """The console script."""
    sys.exit(main())
