"""Provides `stretchtimer remind`: a break every so often, in this terminal (the full-screen
waiting screen or plain lines) or on the desktop, or the systemd unit that runs it."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from stretchtimer.cli.context import Context
from stretchtimer.cli.info import load_routine_named
from stretchtimer.cli.running import (
    full_screen,
    make_recorder,
    morning_gate,
    plain_session,
    self_command,
    urgent_gate,
)
from stretchtimer.cli.say import report, say
from stretchtimer.core.errors import InputError
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.schedule import Schedule
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.library import paths
from stretchtimer.library.registry import looks_like_path
from stretchtimer.present.streams import full_screen_possible
from stretchtimer.runner.options import Options, RemindOptions, build_remind
from stretchtimer.runner.reminder import Reminder
from stretchtimer.runner.sessions import next_lead
from stretchtimer.startup import resume_collector


def cmd_remind(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer remind`."""
    options = ctx.options(args)
    remind = build_remind(args, ctx.settings)
    load_routine_named(remind.routine, ctx.library)  # a bad routine is said now, not later
    if args.print_service:
        return _print_service(remind)
    from stretchtimer.reminding import boot_clock

    schedule = Schedule(remind.every, remind.window, time.monotonic, boot_clock, datetime.now)
    recorder = make_recorder(options)
    reminder = Reminder(schedule, remind.routine, remind.every_text, recorder)
    try:
        if args.desktop:
            return _desktop(reminder)
        if args.plain or not full_screen_possible():
            return _plain(ctx, options, reminder, recorder)
        morning = morning_gate(options, ctx.library)  # looked up when a break starts
        return full_screen(options, ctx.library, recorder, reminder=reminder, morning=morning)
    finally:
        if recorder is not None:
            recorder.close()


def _print_service(remind: RemindOptions) -> int:
    from stretchtimer.remind.service import systemd_unit

    routine = remind.routine
    if looks_like_path(routine):  # systemd runs it from another folder
        routine = str(Path(routine).expanduser().absolute())
    # `--routine=X`, one argument: a name that begins with '-' is never read as an option
    extra = ["--every", remind.every_text, f"--routine={routine}"]
    extra += ["--between", remind.between] if remind.between else []
    extra += ["--days", remind.days] if remind.days else []
    home = os.environ.get(paths.HOME_ENV)  # (absolute: paths refuses a relative one)
    env = {paths.HOME_ENV: home} if home else {}
    say(systemd_unit(self_command(), extra, env).rstrip("\n"))
    return ExitCode.OK


def _desktop(reminder: Reminder) -> int:
    import asyncio

    from stretchtimer.remind.desktop import DesktopAlerts
    from stretchtimer.reminding import run_desktop_reminder

    try:
        routine = reminder.routine
        if looks_like_path(routine):  # the terminal starts in another folder
            routine = str(Path(routine).expanduser().absolute())
        command = [*self_command(), "run", "--", routine]  # a name is never an option
        return asyncio.run(run_desktop_reminder(reminder, DesktopAlerts(), command, sys.stdout))
    except KeyboardInterrupt:
        return ExitCode.OK


def _plain(
    ctx: Context, options: Options, reminder: Reminder, recorder: HistoryRecorder | None
) -> int:
    from stretchtimer.reminding import run_plain_reminder

    urgent = urgent_gate()  # one gate for the whole wait: the signs come before the first

    def run_routine() -> int:
        try:  # read again at each break: the file may have changed, or gone
            routine = load_routine_named(reminder.routine, ctx.library)
        except InputError as exc:
            report(exc.problems)
            return ExitCode.USAGE
        plan = options.plan(routine, next_lead(routine, recorder))
        morning = morning_gate(options, ctx.library)
        return plain_session(plan, options, recorder, urgent, morning, ctx.library)

    resume_collector()
    return run_plain_reminder(reminder, run_routine, sys.stdout, sys.stdin)
