"""Provides the command palette's entries: the session's keys and the progress screen."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from stretchtimer.ui.screens.session import SessionScreen

SESSION_KEYS = (
    ("Pause / resume", "Freeze or continue the countdown (space)", "toggle_pause"),
    ("Next segment", "Skip ahead (n or right)", "next"),
    ("Restart / back", "Restart this segment, or in its first 3 seconds go back to the one "
     "before (p or left)", "back"),
    ("Mute / unmute", "Silence the chimes and the voice (m)", "toggle_mute"),
    ("Voice on / off", "Spoken cues (v)", "voice"),
    ("Far view on / off", "The figure and the countdown large, to follow from the floor (f)",
     "far"),
    ("This hurts", "Pause, say how much, then go on another way or end (x)", "hurt"),
)
"""The session's keys in the command palette (quitting is Textual's own Quit, which asks first:
see action_quit)."""


class Palette(App[int]):
    """The app's command palette entries."""

    action_progress: Callable[[], None]
    """Shows the progress screen (the app's own)."""

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The session's keys, also in the command palette."""
        for command in super().get_system_commands(screen):
            if command.title == "Quit" and isinstance(screen, SessionScreen):
                command = SystemCommand("Quit", "Quit the session: asks first (q, ctrl+q)",
                                        command.callback, command.discover)
            yield command
        yield SystemCommand("Progress", "Streaks, calendar and history (h)", self.action_progress)
        if isinstance(screen, SessionScreen):
            for title, help_text, action in SESSION_KEYS:
                yield SystemCommand(title, help_text, getattr(screen, f"action_{action}"))
