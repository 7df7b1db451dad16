"""Provides `stretchtimer [ROUTINE]` and `run ROUTINE`: a guided session, full-screen or plain,
and the pieces every session shares (the history recorder, the voice, the urgent signs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stretchtimer.cli.context import Context
from stretchtimer.cli.info import load_routine_named
from stretchtimer.cli.say import err
from stretchtimer.core.errors import InputError
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.model import Plan, Routine
from stretchtimer.core.regions import routine_region
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.library.state import mark_urgent_signs_seen, urgent_signs_seen
from stretchtimer.present import streams
from stretchtimer.runner.coach import SessionCoach
from stretchtimer.runner.morning import MorningGate, from_history, no_check
from stretchtimer.runner.options import Options
from stretchtimer.runner.reminder import Reminder
from stretchtimer.runner.sessions import next_lead
from stretchtimer.runner.urgent import UrgentSigns
from stretchtimer.sound.speech import find_engine
from stretchtimer.sound.voice import Voice
from stretchtimer.startup import resume_collector


def make_recorder(options: Options) -> HistoryRecorder | None:
    """The history recorder, unless history is switched off (then nothing opens the database
    for writing; it is only read for the lead side, if it exists)."""
    if not options.record_history:
        return None
    from stretchtimer.history.store import History

    return HistoryRecorder(lambda: History(paths.history_file()), notify=err)


def make_voice(options: Options) -> Voice | None:
    """The voice, where a speech engine is found: on unless switched off (muted, it is
    silent until unmuted)."""
    engine = find_engine()
    if engine is None:
        return None
    s = options.settings
    return Voice(engine, paths.cache_dir() / "phrases", s.voice_rate, s.voice_cues,
                 on=options.voice)


def urgent_gate() -> UrgentSigns:
    """The urgent signs before the user's very first session, remembered in the state dir."""
    return UrgentSigns(urgent_signs_seen, mark_urgent_signs_seen)


def morning_gate(options: Options, library: Library) -> MorningGate:
    """The next-morning check: from the history when it records and the setting is on (the
    routine's region looked up in the library), else never."""
    if not (options.record_history and options.settings.morning_check):
        return no_check()

    def region_of(name: str) -> str | None:
        entry = library.routines().get(name)
        if entry is None:
            return None
        try:
            return routine_region(load_routine(entry, library)[0])
        except InputError:
            return None

    return from_history(region_of)


def ask_line(question: str) -> str:
    """Ask on stdout and read the answer from stdin (input() would put the question on
    stderr when the two are terminals, which may be a log)."""
    sys.stdout.write(question)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line


def self_command() -> list[str]:
    """How to run this program again from anywhere: the console script's full path, or this
    Python with `-m stretchtimer`."""
    script = Path(sys.argv[0])
    if script.name == "stretchtimer" and script.exists():
        return [str(script.resolve())]
    return [sys.executable, "-m", "stretchtimer"]


def plain_session(
    plan: Plan,
    options: Options,
    recorder: HistoryRecorder | None,
    urgent: UrgentSigns,
    morning: MorningGate | None = None,
    library: Library | None = None,
) -> int:
    """One session in plain mode, keys read where stdin is a terminal."""
    from stretchtimer.plain import run_plain

    on_terminal = streams.is_terminal(sys.stdin) and streams.is_terminal(sys.stdout)
    return run_plain(
        plan,
        mute=options.mute,
        recorder=recorder,
        urgent=urgent,
        ask_before=options.ask_pain,
        ask=ask_line if on_terminal else None,
        voice=make_voice(options),
        stdin=sys.stdin,
        morning=morning,
        wrap=options.settings.plain_wrap,
        coach=SessionCoach(library, recorder, plan.routine.name) if recorder and library else None,
    )


def cmd_run(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer [ROUTINE]`: a guided session, full-screen or plain."""
    routine = load_routine_named(args.routine, ctx.library) if args.routine else None
    options = ctx.options(args)
    plain = options.plain or not streams.full_screen_possible()
    if plain and routine is None:
        err("stretchtimer: name a routine to run without the full-screen UI (see 'list')")
        return ExitCode.USAGE
    return run_routine(routine, options, ctx.library, plain)


def run_routine(routine: Routine | None, options: Options, library: Library, plain: bool) -> int:
    """A session of `routine` (None: the picker first), plain or full-screen, recorded."""
    recorder = make_recorder(options)
    try:
        plan = options.plan(routine, next_lead(routine, recorder)) if routine else None
        morning = morning_gate(options, library)
        morning.region  # noqa: B018 (looked up now, before any screen waits for it)
        if plain:
            assert plan is not None
            resume_collector()
            return plain_session(plan, options, recorder, urgent_gate(), morning, library)
        return full_screen(options, library, recorder, plan=plan, morning=morning)
    finally:
        if recorder is not None:
            recorder.close()


def full_screen(
    options: Options,
    library: Library,
    recorder: HistoryRecorder | None,
    plan: Plan | None = None,
    reminder: Reminder | None = None,
    morning: MorningGate | None = None,
) -> int:
    """Run the full-screen UI (a session, the picker, or reminders) to its exit code."""
    from stretchtimer.ui.app import AppParts, StretchApp
    from stretchtimer.ui.remind_app import RemindApp

    parts: AppParts = {"library": library, "options": options, "recorder": recorder,
                       "voice": make_voice(options), "urgent": urgent_gate(),
                       "morning": morning}
    app = RemindApp(reminder, **parts) if reminder is not None else StretchApp(plan, **parts)
    try:
        app.run()
    finally:
        app.exits.cancel_watchdog()
    return app.return_code or ExitCode.OK
