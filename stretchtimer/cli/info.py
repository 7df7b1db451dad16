"""Provides the commands that only read and print: list, show, plan, history, doctor."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from dataclasses import asdict
from typing import Any

from stretchtimer.cli.context import Context
from stretchtimer.cli.say import dump, err, report, say
from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.model import Plan, Routine, Side
from stretchtimer.core.records import StepRecord
from stretchtimer.history.row import BreakRow, SessionRow
from stretchtimer.library import paths
from stretchtimer.library.planning import plan_routine
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.present.figure_mode import figure_mode
from stretchtimer.present.history import breaks_text, csv_table, exercises_done, history_text
from stretchtimer.present.history_steps import STEP_TABLE, csv_row, step_table, steps_text
from stretchtimer.present.views import (
    exercise_data,
    exercise_text,
    list_text,
    plan_data,
    plan_text,
    routine_row,
)
from stretchtimer.runner.sessions import next_lead


def load_routine_named(name: str, library: Library) -> Routine:
    """The routine named on the command line (warnings go to stderr)."""
    routine, warnings = load_routine(library.find_routine(name), library)
    report(warnings)
    return routine


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer list`."""
    from stretchtimer.cli.commands import NAMES

    library, settings = ctx.library, ctx.settings
    routines = []
    bad: list[Problem] = []
    for entry in library.routines().values():
        plan: Plan | None = None
        try:
            routine, _ = load_routine(entry, library)
            plan = plan_routine(routine, Side.LEFT, settings)
        except InputError as exc:
            bad += exc.problems
        routines.append(routine_row(entry, plan))
    exercises = []
    for ex_id, entry in library.exercises().items():
        title = None
        try:
            title = library.exercise(ex_id).title
        except InputError as exc:
            bad += exc.problems
        exercises.append(
            {"id": ex_id, "title": title, "path": str(entry.path), "source": entry.source}
        )
    if args.format == "json":
        dump({"routines": routines, "exercises": exercises})
    else:
        say(list_text(routines, exercises, NAMES))
    report(bad + library.unused_files())
    return ExitCode.USAGE if bad else ExitCode.OK


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer show EXERCISE`."""
    ex = ctx.library.find_exercise(args.exercise)
    if args.format == "json":
        dump(exercise_data(ex))
    else:
        say(exercise_text(ex, mode=figure_mode(sys.stdout.encoding, os.environ.get("TERM"))))
    return ExitCode.OK


def cmd_plan(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer plan ROUTINE`."""
    routine = load_routine_named(args.routine, ctx.library)
    plan = ctx.options(args).plan(routine, next_lead(routine))
    if args.format == "json":
        dump(plan_data(plan))
    else:
        say(plan_text(plan))
    return ExitCode.OK


def cmd_history(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer history`: read only (no history yet: none is created). A row another tool
    or a hand edit made odd is shown marked in the table, and left out of JSON and CSV (said
    on stderr), so that a script reads only values of their kind."""
    from stretchtimer.history.store import parse_since, read_all

    if args.action is not None:
        from stretchtimer.cli.moving import cmd_move

        return cmd_move(args)
    since = parse_since(args.since) if args.since else None
    rows, current, longest, notice, breaks = read_all(paths.history_file(), since)
    if notice:
        err(notice)
    if args.steps:
        return _steps_out(args.format, rows)
    if args.format == "text":
        if args.breaks:
            say(breaks_text(breaks, since))
        else:
            done = _exercises(rows, read_steps(paths.history_file()), ctx.library)
            say(history_text(rows, current, longest, since, breaks, done))
        return ExitCode.OK
    shown: list[SessionRow] | list[BreakRow] = breaks if args.breaks else rows
    whole = [r for r in shown if not r.damaged]
    if len(whole) < len(shown):
        ids = ", ".join(str(r.id) for r in shown if r.damaged)
        err(f"stretchtimer: damaged history rows left out ({ids}): 'stretchtimer history"
            f"{' --breaks' if args.breaks else ''}' shows them marked")
    if args.format == "json":
        steps = {} if args.breaks else read_steps(paths.history_file())
        dump([r.as_dict() | _with_steps(r, steps) for r in whole])
    else:
        csv.writer(sys.stdout).writerows(csv_table(whole, BreakRow if args.breaks else SessionRow))
    return ExitCode.OK


def _exercises(
    rows: list[SessionRow], steps: dict[int, list[StepRecord]], library: Library
) -> dict[int, str]:
    """Each session's exercises done, `3 of 6` (of its routine's steps, where the routine
    can still be read by its name)."""
    totals: dict[str, int | None] = {}
    for name in {r.routine for r in rows if r.id in steps}:
        entry = library.routines().get(name)
        try:
            totals[name] = len(load_routine(entry, library)[0].steps) if entry else None
        except InputError:
            totals[name] = None
    return {r.id: exercises_done(steps[r.id], totals.get(r.routine))
            for r in rows if r.id in steps}


def _with_steps(row: SessionRow | BreakRow, steps: dict[int, list[StepRecord]]) -> dict[str, Any]:
    """A session's steps, for its JSON (a break has none)."""
    if isinstance(row, BreakRow):
        return {}
    return {"steps": [asdict(s) for s in steps.get(row.id, [])]}


def read_steps(path: os.PathLike[str]) -> dict[int, list[StepRecord]]:
    """The steps by session id (SQLite loads only for `history`)."""
    from pathlib import Path

    from stretchtimer.history.store import read_steps as read

    return read(Path(path))


def _steps_out(form: str, rows: list[SessionRow]) -> int:
    """`history --steps`: every exercise step of the sessions shown, one row each."""
    table = step_table(rows, read_steps(paths.history_file()))
    if form == "json":
        dump([dict(zip(STEP_TABLE, r, strict=True)) for r in table])
    elif form == "csv":
        csv.writer(sys.stdout).writerows([list(STEP_TABLE), *map(csv_row, table)])
    else:
        say(steps_text(table))
    return ExitCode.OK


def cmd_doctor(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer doctor`: the sound player, the voice, the terminal, the settings, the
    history; a test chime."""
    from stretchtimer.doctor import doctor

    return doctor(ctx.read, play=not args.quiet)
