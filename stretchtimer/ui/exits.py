"""Provides the full-screen app's ways out by signal: SIGINT, SIGTERM and SIGHUP close the
session's record at once and leave with 128 + N, and a watchdog leaves without Textual's
shutdown when a vanished terminal makes it hang."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable

from stretchtimer.runner.sessions import Sessions

SHUTDOWN_GRACE = 3.0
"""Seconds a signalled exit may take before the process leaves without Textual's shutdown."""


def _exit_process(code: int) -> None:
    os._exit(code)


class SignalExits:
    """The signals the app leaves on, and the watchdog that makes sure it does."""

    def __init__(
        self,
        end_session: Callable[[str], None],
        leave: Callable[[int], None],
        sessions: Sessions,
    ) -> None:
        self.end_session = end_session
        """Stops the running session with a reason, its record closed at once."""
        self.leave = leave
        """Exits the app with a code."""
        self.sessions = sessions
        """Whose history is closed (written) before a forced exit."""
        self.watchdog: threading.Timer | None = None
        """Started by the first signal; cancelled once the app has returned (cancel_watchdog)."""

    def install(self) -> None:
        """Handle the three signals on the running event loop (where it can)."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.signalled, signum)

    def signalled(self, signum: int) -> None:
        """SIGINT (as ctrl+c), SIGTERM or SIGHUP: close the session's record at once and leave
        cleanly with 128 + the signal."""
        self.end_session("quit" if signum == signal.SIGINT else "interrupted")
        # Textual's shutdown can hang when the terminal has gone away (a closed window or
        # tmux session): its output thread dies on the hung-up terminal and the last writes
        # wait for it forever. If leaving takes longer than this, leave without it; the CLI
        # cancels this once the app has returned.
        if self.watchdog is None:  # a second signal changes nothing: the first one leaves
            grace = SHUTDOWN_GRACE
            self.watchdog = threading.Timer(grace, self.leave_now, args=(128 + signum,))
            self.watchdog.daemon = True
            self.watchdog.start()
        self.leave(128 + signum)

    def leave_now(self, code: int) -> None:
        """Leave at once, the history record written first (the parse cache is only a cache:
        it is saved by the main thread alone, and a hung exit simply does without it)."""
        with contextlib.suppress(Exception):
            if self.sessions.recorder is not None:
                self.sessions.recorder.close()
        _exit_process(code)

    def cancel_watchdog(self) -> None:
        """The app has returned: a signalled exit no longer needs to be forced."""
        if self.watchdog is not None:
            self.watchdog.cancel()
