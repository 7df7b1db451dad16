"""Provides desktop notifications for a due break, through desktop-notifier (D-Bus on Linux),
with Start, Snooze and Skip; an unreachable notification server is said once, never an error."""

from __future__ import annotations

import asyncio
import contextlib
import html
from collections.abc import Callable, Mapping
from typing import Any

REACH_WAIT = 3.0
"""Seconds to wait for the notification server to answer before doing without it."""
BREAK_TITLE = "Stretch break"
BREAK_BUTTONS = ("Start", "Snooze 10 min", "Skip")
"""The buttons of a due break (the snooze's words are the reminder's own: send_break)."""
"""A due break's buttons, in the order `send_break` takes their callbacks."""


class DesktopAlerts:
    """Sends a notification per due break; its buttons call back into the reminder."""

    def __init__(self) -> None:
        self.available: bool | None = None
        """None until the first try; then whether a notification server answered."""
        self.reason = ""
        """Why there are no notifications, once known."""
        self._notifier: Any = None
        self._last: str | None = None

    async def open(self) -> bool:
        """Reach the notification server (once): whether there is one."""
        if self.available is not None:
            return self.available
        try:
            from desktop_notifier import DesktopNotifier  # only reminders pay for its import

            notifier = DesktopNotifier(app_name="stretchtimer")
            await asyncio.wait_for(notifier.get_capabilities(), REACH_WAIT)
        except Exception as exc:  # no session bus, no server, a broken one: do without
            self.available = False
            self.reason = str(exc) or type(exc).__name__
            return False
        self._notifier = notifier
        self.available = True
        return True

    async def send(
        self, title: str, message: str, actions: Mapping[str, Callable[[], object]]
    ) -> bool:
        """Show a notification with a button per action (title: what it does); whether it
        was sent. An earlier one still showing is taken away first."""
        if not await self.open():
            return False
        from desktop_notifier import Button

        await self.clear()
        buttons = [Button(title=name, on_pressed=act) for name, act in actions.items()]
        try:
            # The body is markup to a notification server (<b>, <a href>, <img>): a routine's
            # name in it is text, so it is escaped; the title is plain text by the spec.
            body = html.escape(message, quote=False)
            self._last = await self._notifier.send(title, body, buttons=buttons)
        except Exception as exc:
            self.reason = str(exc)
            return False
        return True

    async def send_break(
        self,
        message: str,
        start: Callable[[], object],
        snooze: Callable[[], object],
        skip: Callable[[], object],
        snooze_label: str = BREAK_BUTTONS[1],
    ) -> bool:
        """The notification of a due break, with Start, Snooze (for how long) and Skip."""
        names = (BREAK_BUTTONS[0], snooze_label, BREAK_BUTTONS[2])
        actions = dict(zip(names, (start, snooze, skip), strict=True))
        return await self.send(BREAK_TITLE, message, actions)

    async def clear(self) -> None:
        """Take the last notification away (the break was dealt with in the terminal)."""
        if self._notifier is not None and self._last is not None:
            with contextlib.suppress(Exception):  # already gone: nothing to take away
                await self._notifier.clear(self._last)
            self._last = None
