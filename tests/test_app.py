"""Tests the Textual app with Pilot, a fake clock and a recording chime player."""

from __future__ import annotations

import pytest
from apphelp import advance, build, drive, session_screen, text
from textual.pilot import Pilot
from textual.widgets import Digits, OptionList

from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.pain import PainScreen
from stretchtimer.ui.screens.picker import PickerScreen
from stretchtimer.ui.screens.session import SessionScreen
from stretchtimer.ui.screens.summary import SummaryScreen
from stretchtimer.ui.widgets.progress_line import ProgressLine


def countdown(app: StretchApp) -> str:
    return app.screen.query_one("#countdown", Digits).value


def test_prepare_screen_shows_everything() -> None:
    """The prepare segment: title, step, time left, exercise, side, countdown, cue, flags, next."""
    app, clock, player = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        assert text(app, "#title") == "Quick relief"
        assert text(app, "#step") == "Step 1/2"
        assert text(app, "#left") == "1:25 left"
        assert text(app, "#exercise").endswith("/ Single Knee to Chest")
        assert text(app, "#phase") == "GET READY"
        assert text(app, "#side") == "YOUR LEFT KNEE COMES IN"  # what the article says left means
        assert countdown(app) == "0:05"
        assert text(app, "#cue-title") == "Starting position:"
        assert text(app, "#cue").startswith("1. Lie face up")
        assert text(app, "#flags").startswith("Stop if: Your back pain gets worse")
        assert text(app, "#tip").startswith("Tip: ")
        assert text(app, "#next") == "Next: Hold, your left knee comes in, 20 s"
        assert player.played == []

    drive(app, scenario)


def test_hold_switch_and_chimes() -> None:
    """Hold shows the movement; 3-2-1 ticks; switch says so; each with its chime."""
    app, clock, player = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 5)
        await pilot.pause()
        assert text(app, "#phase") == "HOLD"
        assert countdown(app) == "0:20"
        assert text(app, "#cue-title") == "The movement:"
        assert "Hold 20-30" not in text(app, "#cue")
        assert player.played == ["hold"]
        advance(app, clock, 10)
        await pilot.pause()
        bar = app.screen.query_one("#bar", ProgressLine)
        assert bar.fraction == pytest.approx(0.5)
        assert bar.render().highlight_range == (0, bar.content_region.width * 0.5)
        advance(app, clock, 7)
        assert player.played == ["hold", "tick"]
        advance(app, clock, 3)
        await pilot.pause()
        assert player.played == ["hold", "tick", "tick", "tick", "switch"]
        assert text(app, "#phase") == "SWITCH SIDES"
        assert text(app, "#side") == "YOUR RIGHT KNEE COMES IN"
        assert "Set up for the other side: your right knee comes in" in text(app, "#cue")

    drive(app, scenario)


def test_pause_key_freezes_and_says_so() -> None:
    """space pauses (in words and colour) and resumes; paused time does not count."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 2)
        await pilot.press("space")
        assert text(app, "#phase") == "PAUSED (GET READY)"
        assert app.screen.has_class("-paused")
        advance(app, clock, 30)
        assert countdown(app) == "0:03"
        await pilot.press("space")
        assert text(app, "#phase") == "GET READY"
        advance(app, clock, 3)
        assert text(app, "#phase") == "HOLD"

    drive(app, scenario)


def test_next_and_back_keys() -> None:
    """n and right go forward; p and left restart or go back."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        await pilot.press("n")
        assert text(app, "#phase") == "HOLD"
        await pilot.press("right")
        assert text(app, "#phase") == "SWITCH SIDES"
        await pilot.press("p")
        assert text(app, "#phase") == "HOLD" and countdown(app) == "0:20"
        await pilot.press("left")
        assert text(app, "#phase") == "GET READY"

    drive(app, scenario)


def test_mute_key() -> None:
    """m mutes the chimes (and the footer offers unmute)."""
    app, clock, player = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        await pilot.press("m")
        advance(app, clock, 5)
        assert player.played == []
        screen = session_screen(app)
        assert screen.check_action("unmute", ()) and not screen.check_action("mute", ())
        await pilot.press("m")
        advance(app, clock, 20)
        assert player.played[-1] == "switch"

    drive(app, scenario)


def test_pain_stop_shows_red_flags_and_exits_1() -> None:
    """x ends at once, shows the red flags and advice; leaving exits with code 1."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 6)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PainScreen)
        assert "Your back pain gets worse" in text(app, "#pain-flags")
        assert "see a healthcare provider" in text(app, "#pain-advice")
        assert "your left knee comes in" in text(app, "#pain-where")
        await pilot.press("enter")

    drive(app, scenario)
    assert app.return_code == 1


def test_quit_asks_first() -> None:
    """q asks; n carries on; y quits with code 3 (quit before the end)."""
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert "Quit this session?" in text(app, "#question")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("q")
        await pilot.press("y")

    drive(app, scenario)
    assert app.return_code == 3


def test_summary_after_the_whole_routine() -> None:
    """At the end: the complete chime, the summary, Enter exits 0."""
    app, clock, player = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 85.25)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert text(app, "#summary-title") == "Routine complete"
        facts = text(app, "#summary-facts")
        assert facts == "2 of 2 exercises, held 1:10 of 1:10"
        assert player.played[-1] == "complete"
        assert player.played.count("hold") == 3 and player.played.count("switch") == 1
        await pilot.press("enter")

    drive(app, scenario)
    assert app.return_code == 0


def test_failing_player_falls_back_to_bell_once() -> None:
    """A player that fails: the session goes on, with one notice."""
    app, clock, _ = build(fail=True)
    notices: list[str] = []

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        app.chimes.notify = notices.append
        advance(app, clock, 30)
        assert text(app, "#phase") == "HOLD"
        assert app.chimes.fallen_back
        assert notices == ["No sound player works here, so chimes use the terminal bell."]

    drive(app, scenario)


def test_picker_lists_routines_and_starts_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no routine named, the picker lists each routine with its time, today's proposal
    first (at 07:30, the morning routine, saying why); Enter starts it."""
    from datetime import datetime

    from fakes import FakeClock, RecordingPlayer

    from stretchtimer.runner import coach
    from stretchtimer.ui.app import StretchApp

    seven_thirty = datetime.now().astimezone().replace(hour=7, minute=30)
    monkeypatch.setattr(coach, "local_now", lambda: seven_thirty)
    app = StretchApp(clock=FakeClock(), player=RecordingPlayer())

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        await app.workers.wait_for_complete()  # the routines load in a worker
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        assert set(screen.plans) >= {"quick-relief", "morning", "flare-up", "today:morning"}
        first = screen.query_one("#routines", OptionList).get_option_at_index(0)
        assert str(first.prompt).startswith("Today: Morning ")
        assert "(the coach: it is 7:30" in str(first.prompt)
        preview = text(app, "#preview")
        assert "Steps:" in preview and "Take care with:" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert text(app, "#title") == "Morning"

    drive(app, scenario)


def test_palette_offers_session_commands() -> None:
    """The command palette lists the session's actions."""
    app, _, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Pause / resume", "This hurts", "Mute / unmute"} <= set(titles)

    drive(app, scenario)


def test_no_color_is_honoured_and_states_are_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR the app is monochrome, and every state still reads in words."""
    monkeypatch.setenv("NO_COLOR", "1")
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        assert app.no_color
        await pilot.press("space")
        assert text(app, "#phase") == "PAUSED (GET READY)"

    drive(app, scenario)
