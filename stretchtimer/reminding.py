"""Provides reminders without the full-screen UI, as front ends of the reminder's runner:
`--plain` (a line when something happens; s or Enter, z, k and q on a terminal) and `--desktop`
(notifications only; Start opens a terminal)."""

from __future__ import annotations

import asyncio
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from typing import TextIO

from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.moments import BreakChoice
from stretchtimer.present.streams import is_terminal
from stretchtimer.remind.desktop import BREAK_TITLE, DesktopAlerts
from stretchtimer.remind.places import terminal_command, tmux_message
from stretchtimer.runner.keys import KeyReader, no_keys
from stretchtimer.runner.reminder import News, Notice, Reminder

KEY_CHOICES = {"s": BreakChoice.START, "\n": BreakChoice.START, "z": BreakChoice.SNOOZE,
               "k": BreakChoice.SKIP, "t": BreakChoice.AWAY}


def boot_clock() -> float:
    """A clock that runs on while the machine sleeps: CLOCK_BOOTTIME on Linux, else the wall
    clock (which does too, and whose jumps only ever start a wait afresh)."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boottime) if boottime is not None else time.time()


def announce(reminder: Reminder) -> None:
    """A break is due: tmux's status line says so (where tmux runs)."""
    tmux_message(f"stretchtimer: {reminder.due_message()}")


def run_plain_reminder(
    reminder: Reminder,
    run_routine: Callable[[], int],
    out: TextIO,
    stdin: TextIO | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Wait for breaks, printing a line when something happens; a key typed on a terminal
    starts, snoozes or skips a due break, or stops (q). Ctrl+C stops too (exit 0)."""
    reminder.load_counts()

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    try:
        with KeyReader(stdin, sleep=sleep) if stdin is not None else no_keys(sleep) as keys:
            keys_said = f" Keys: {reminder.waiting_help()}." if keys.active else ""
            say(f"Reminding: {reminder.about()}. {reminder.headline()}. Ctrl+C to stop."
                + keys_said)
            while True:
                notice = reminder.look()
                if notice is not None:
                    if notice.news is News.DUE:
                        if is_terminal(out):
                            out.write("\a")
                        announce(reminder)
                    say(_line(notice, reminder))
                wait = reminder.wait()
                if reminder.history_look_due(wait) and (found := reminder.elsewhere()):
                    say(found.line)
                key = keys.read(wait)
                if key == "q":
                    say(f"Stopped reminding. {reminder.today_text()}.")
                    return ExitCode.OK
                choice = KEY_CHOICES.get(key or "")
                if choice is None or not reminder.can(choice):
                    continue
                said = reminder.choose(choice)
                if choice is BreakChoice.START:
                    with keys.suspend():
                        code = run_routine()
                    if code > 128:  # SIGTERM or SIGHUP during the break: stop reminding too
                        return code
                    said = reminder.back(ran=code != ExitCode.USAGE)
                if said is not None:
                    say(said.line)
    except KeyboardInterrupt:
        say(f"Stopped reminding. {reminder.today_text()}.")
        return ExitCode.OK


def _line(notice: Notice, reminder: Reminder) -> str:
    """A due break's line says the keys too."""
    if notice.news is News.DUE:
        return f"{notice.text}. {reminder.keys_help()}."
    return notice.line


async def run_desktop_reminder(
    reminder: Reminder,
    alerts: DesktopAlerts,
    routine_command: list[str],
    out: TextIO,
) -> int:
    """Wait for breaks and send a notification for each (Start opens a terminal running the
    routine; where there is none, the notification says what to run). Runs until stopped."""
    await asyncio.to_thread(reminder.load_counts)
    acted = asyncio.Event()
    command_text = shlex.join(routine_command)  # pasted into a shell, it runs just that
    pending: set[asyncio.Task[bool]] = set()

    def choose(choice: BreakChoice) -> None:
        reminder.choose(choice)
        if choice is BreakChoice.START:
            argv = terminal_command(routine_command)
            if argv is None:
                task = asyncio.ensure_future(
                    alerts.send(BREAK_TITLE, f"No terminal found: run {command_text}", {})
                )
                pending.add(task)
                task.add_done_callback(pending.discard)
            else:
                subprocess.Popen(argv, start_new_session=True, stdin=subprocess.DEVNULL)
                reminder.back()  # it runs in its own terminal: taken
        acted.set()

    print(f"Reminding: {reminder.about()}. {reminder.headline()}.", file=out, flush=True)
    while True:
        notice = reminder.look()
        if notice is not None and notice.news is News.DUE:
            announce(reminder)
            first = alerts.available is None
            sent = await alerts.send_break(
                reminder.due_message(),
                lambda: choose(BreakChoice.START),
                lambda: choose(BreakChoice.SNOOZE),
                lambda: choose(BreakChoice.SKIP),
                reminder.snooze_label,
            )
            if not sent and first:  # said once: the journal need not fill up with it
                print(
                    f"No desktop notifications (no notification server answered: "
                    f"{alerts.reason}); breaks are only logged here.",
                    file=sys.stderr,
                    flush=True,
                )
        if notice is not None:
            print(notice.line, file=out, flush=True)
        wait = reminder.wait()
        if reminder.history_look_due(wait):
            found = reminder.finished_at(await asyncio.to_thread(reminder.last_end))
            if found is not None:
                print(found.line, file=out, flush=True)
                await alerts.clear()
        acted.clear()
        try:
            await asyncio.wait_for(acted.wait(), wait)
            print(f"{reminder.today_text()}. {reminder.headline()}.", file=out, flush=True)
        except TimeoutError:
            pass
