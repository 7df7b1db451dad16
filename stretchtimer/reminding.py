"""Provides reminders without the full-screen UI: `--plain` (a line when something happens;
Enter, z or k on stdin) and `--desktop` (notifications only; Start opens a terminal)."""

from __future__ import annotations

import asyncio
import select
import subprocess
import sys
import time
from collections.abc import Callable
from typing import TextIO

from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.schedule import Change, Status
from stretchtimer.present.reminder import Reminder
from stretchtimer.present.streams import is_terminal
from stretchtimer.remind.desktop import BREAK_TITLE, DesktopAlerts
from stretchtimer.remind.places import terminal_command, tmux_message

KEYS_HELP = "Enter or s: start it now, z: snooze 10 min, k: skip, q: stop reminding"


def boot_clock() -> float:
    """A clock that runs on while the machine sleeps: CLOCK_BOOTTIME on Linux, else the wall
    clock (which does too, and whose jumps only ever start a wait afresh)."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boottime) if boottime is not None else time.time()


def _change_line(change: Change, reminder: Reminder, keys: bool = True) -> str:
    if change is Change.DUE:
        return f"{reminder.due_message()}." + (f" {KEYS_HELP}." if keys else "")
    if change is Change.SUSPENDED:
        return f"Welcome back: the wait starts afresh. {reminder.headline()}."
    return f"{reminder.headline()}."


def run_plain_reminder(
    reminder: Reminder,
    run_routine: Callable[[], int],
    out: TextIO,
    stdin: TextIO | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Wait for breaks, printing a line when something happens; a line typed on stdin (when
    it is a terminal) starts, snoozes or skips a due break. Ctrl+C stops (exit 0)."""
    keys = stdin if stdin is not None and is_terminal(stdin) else None
    schedule = reminder.schedule
    reminder.load_counts()
    print(f"Reminding: {reminder.about()}. {reminder.headline()}. Ctrl+C to stop.", file=out)
    try:
        while True:
            change = schedule.check()
            if change is not None:
                if change is Change.DUE:
                    reminder.due()
                    if is_terminal(out):
                        out.write("\a")
                    tmux_message(f"stretchtimer: {reminder.due_message()}")
                print(_change_line(change, reminder), file=out, flush=True)
            wait = schedule.next_look()
            if reminder.history_look_due(wait) and reminder.session_elsewhere():
                print(f"A session finished: {reminder.headline()}.", file=out, flush=True)
            line = _read_line(keys, wait, sleep)
            if line is None:
                continue
            if line == "EOF":
                keys = None
                continue
            word = line.strip().lower()
            if word == "q":
                return ExitCode.OK
            if word in ("", "s"):
                reminder.start()
                run_routine()
                schedule.taken()
                print(f"{reminder.today_text()}. {reminder.headline()}.", file=out, flush=True)
            elif word == "z" and schedule.status is Status.DUE:
                reminder.snooze()
                print(f"Snoozed: {reminder.headline()}.", file=out, flush=True)
            elif word == "k" and schedule.status is Status.DUE:
                reminder.skip()
                print(f"Skipped: {reminder.headline()}.", file=out, flush=True)
    except KeyboardInterrupt:
        print(f"Stopped reminding. {reminder.today_text()}.", file=out)
        return ExitCode.OK


def _read_line(
    keys: TextIO | None, wait: float, sleep: Callable[[float], None]
) -> str | None:
    """A line typed within `wait` seconds (`EOF` when stdin closed), or None."""
    if keys is None:
        sleep(wait)
        return None
    ready, _, _ = select.select([keys], [], [], wait)
    if not ready:
        return None
    line = keys.readline()
    return line if line else "EOF"


async def run_desktop_reminder(
    reminder: Reminder,
    alerts: DesktopAlerts,
    routine_command: list[str],
    out: TextIO,
) -> int:
    """Wait for breaks and send a notification for each (Start opens a terminal running the
    routine; where there is none, the notification says what to run). Runs until stopped."""
    schedule = reminder.schedule
    await asyncio.to_thread(reminder.load_counts)
    acted = asyncio.Event()
    command_text = " ".join(routine_command)
    pending: set[asyncio.Task[bool]] = set()

    def start() -> None:
        reminder.start()
        argv = terminal_command(routine_command)
        if argv is None:
            task = asyncio.ensure_future(
                alerts.send(BREAK_TITLE, f"No terminal found: run {command_text}", {})
            )
            pending.add(task)
            task.add_done_callback(pending.discard)
        else:
            subprocess.Popen(argv, start_new_session=True, stdin=subprocess.DEVNULL)
        acted.set()

    def snooze() -> None:
        reminder.snooze()
        acted.set()

    def skip() -> None:
        reminder.skip()
        acted.set()

    print(f"Reminding: {reminder.about()}. {reminder.headline()}.", file=out, flush=True)
    while True:
        change = schedule.check()
        if change is Change.DUE:
            reminder.due()
            tmux_message(f"stretchtimer: {reminder.due_message()}")
            first = alerts.available is None
            sent = await alerts.send_break(reminder.due_message(), start, snooze, skip)
            if not sent and first:  # said once: the journal need not fill up with it
                print(
                    f"No desktop notifications (no notification server answered: "
                    f"{alerts.reason}); breaks are only logged here.",
                    file=sys.stderr,
                    flush=True,
                )
        if change is not None:
            print(_change_line(change, reminder, keys=False), file=out, flush=True)
        wait = schedule.next_look()
        if reminder.history_look_due(wait) and await asyncio.to_thread(reminder.session_elsewhere):
            await alerts.clear()
        acted.clear()
        try:
            await asyncio.wait_for(acted.wait(), wait)
            print(f"{reminder.today_text()}. {reminder.headline()}.", file=out, flush=True)
        except TimeoutError:
            pass
