"""Provides `stretchtimer suggest` (the coach's suggestions; one accepted or declined) and
`stretchtimer today` (one routine for now, and why; on a terminal, Enter starts it)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from stretchtimer.cli.context import Context
from stretchtimer.cli.running import make_recorder, run_routine
from stretchtimer.cli.say import dump, err, say
from stretchtimer.core.coach_types import Suggestion, declinable
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.text import one_line
from stretchtimer.present import streams
from stretchtimer.present.coaching import (
    suggestion_data,
    suggestion_line,
    suggestions_text,
    today_data,
    today_text,
)
from stretchtimer.runner.coach import Coach
from stretchtimer.runner.keys import KeyReader
from stretchtimer.runner.sessions import next_lead

START = "Enter to start, q to leave: "


def _chosen(suggestions: list[Suggestion], which: str) -> Suggestion | None:
    """The suggestion by its number in the list or by its key."""
    if which.isdigit() and 1 <= int(which) <= len(suggestions):
        return suggestions[int(which) - 1]
    return next((s for s in suggestions if s.key == which), None)


def cmd_suggest(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer suggest [--accept N | --decline N] [--format json]`."""
    if args.accept and args.decline:
        err("stretchtimer: give --accept or --decline, not both")
        return ExitCode.USAGE
    coach = Coach(ctx.library)
    suggestions = coach.suggestions()
    which = args.accept or args.decline
    if which is None:
        if args.format == "json":
            dump([suggestion_data(s) for s in suggestions])
        else:
            scored = sum(1 for r in coach.record.sessions if r.pain_after is not None)
            say(suggestions_text(suggestions, scored))
        return ExitCode.OK
    chosen = _chosen(suggestions, which)
    problem = _why_not(chosen, which, bool(args.accept))
    if problem or chosen is None:
        err(f"stretchtimer: {problem}")
        return ExitCode.USAGE
    recorder = make_recorder(ctx.options(args))
    try:
        written = coach.accept(chosen, recorder) if args.accept else None
        if args.decline:
            coach.decline(chosen, recorder)
    finally:
        if recorder is not None:
            recorder.close()
    _said(chosen, written, bool(args.accept), args.format)
    return ExitCode.OK


def _why_not(chosen: Suggestion | None, which: str, accept: bool) -> str:
    """Why this suggestion cannot be accepted or declined ("" when it can)."""
    if chosen is None:
        return f"no suggestion '{one_line(which)}' now (see 'stretchtimer suggest')"
    if accept and chosen.change is None:
        return ("that one is advice, with nothing to write: " + one_line(chosen.text))
    if not accept and not declinable(chosen):
        return "the advice to see a clinician stays while its signs do: it is not declined"
    return ""


def _said(chosen: Suggestion, written: Path | None, accept: bool, form: str) -> None:
    """What was done, naming the suggestion (the numbers move once one is decided)."""
    if form == "json":
        dump({"choice": "accepted" if accept else "declined", "key": chosen.key,
              "rule": chosen.rule, "routine": chosen.routine or None,
              "written": str(written) if written else None})
        return
    say(("Accepted: " if accept else "Declined: ") + suggestion_line(chosen))
    if written is not None:
        say(f"Written as {written}: run it as 'stretchtimer {written.stem}'; delete the file "
            "to undo it.")
    elif not accept:
        say("Not suggested again for 7 days.")


def wait_for_start() -> bool:
    """On a terminal: Enter starts, q (or Esc, or the terminal closing) leaves."""
    sys.stdout.write(START)
    sys.stdout.flush()
    with KeyReader(sys.stdin) as keys:
        while keys.active:
            key = keys.read(0.5)
            if key == "\n":
                print(flush=True)
                return True
            if key in ("q", "Q", "escape", "eof"):
                print(flush=True)
                return False
    return False


def cmd_today(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer today [--fit 5m]`: one routine for now, from the record."""
    from stretchtimer.cli.commands import NAMES

    options = ctx.options(args)
    minutes = None if options.budget is None else options.budget / 60
    coach = Coach(ctx.library)
    proposal = coach.today(minutes)
    if proposal is None:
        err("stretchtimer: there are no routines to choose from (see 'stretchtimer list')")
        return ExitCode.USAGE
    routine = coach.routines[proposal.routine]
    options = replace(options, budget=proposal.fit_seconds)
    plan = options.plan(routine, next_lead(routine, None))
    if args.format == "json":
        dump(today_data(proposal, plan))
        return ExitCode.OK
    say(today_text(proposal, plan, NAMES))
    on_terminal = streams.is_terminal(sys.stdin) and streams.is_terminal(sys.stdout)
    if not on_terminal or not wait_for_start():
        return ExitCode.OK
    plain = options.plain or not streams.full_screen_possible()
    return run_routine(routine, options, ctx.library, plain)
