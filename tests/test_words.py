"""Words that match what they do: the footer's p, the last step's Next line, the palette's
Quit during a session."""

from __future__ import annotations

from apphelp import advance, build, drive, text
from textual.binding import Binding
from textual.pilot import Pilot

from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.session import SessionScreen


def test_the_keys_and_the_last_next_line_say_what_they_do() -> None:
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        keys = [(b.key, b.description) for b in screen.BINDINGS if isinstance(b, Binding)]
        assert ("p,left", "Restart/back") in keys
        quit_help = [c.help for c in app.get_system_commands(app.screen) if c.title == "Quit"]
        assert quit_help == ["Quit the session: asks first (q, ctrl+q)"]
        assert text(app, "#next").startswith("Next: Hold")
        advance(app, clock, 60)  # into the last hold (the double knee-to-chest)
        await pilot.pause()
        assert text(app, "#next") == "Next: nothing more, the routine ends here"

    drive(app, scenario)
