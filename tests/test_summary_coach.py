"""The summary's coach: read in a worker once the session is recorded (the summary shows at
once, never waiting), asked again once the score now is given, `a` writes the accepted change
as the user's own routine and says where, `d` keeps it back; a and d are offered only while
a suggestion is shown."""

from __future__ import annotations

import pytest
from apphelp import advance, drive, quick_relief, text, until
from fakes import FakeClock, RecordingPlayer
from test_coach_cli import write_sessions
from textual.pilot import Pilot

from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import check_routine
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.summary import SummaryScreen


def app_and_recorder() -> tuple[StretchApp, FakeClock, HistoryRecorder]:
    clock = FakeClock()
    recorder = HistoryRecorder(lambda: History(paths.history_file()), lambda m: None)
    app = StretchApp(plan=quick_relief(), clock=clock, player=RecordingPlayer(),
                     recorder=recorder)
    return app, clock, recorder


def coach_note(app: StretchApp) -> str:
    note = app.screen.query_one("#summary-coach")
    return text(app, "#summary-coach") if note.display else ""


def test_a_third_good_day_suggests_progress_and_a_accepts_it() -> None:
    """Two good days before, this one the third: after the score 2 the coach suggests a
    longer hold; `a` writes quick-relief-coached.yaml, which check passes, and records it."""
    write_sessions("quick-relief", [2, 1], before=3, after=2)
    app, clock, recorder = app_and_recorder()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 86)
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert not screen.check_action("accept", ()) or screen.suggestion is not None
        await pilot.press("2")
        await until(pilot, lambda: "(progress)" in coach_note(app), most=30)
        assert "held 25 s instead of 20 s" in coach_note(app)
        assert screen.check_action("accept", ()) and screen.check_action("decline", ())
        await pilot.press("a")
        await until(pilot, lambda: "written as" in coach_note(app), most=30)
        assert "stretchtimer quick-relief-coached" in coach_note(app)
        assert not screen.check_action("accept", ()) and not screen.check_action("decline", ())
        await pilot.press("enter")

    drive(app, scenario)
    recorder.close()
    written = paths.user_dir("routines") / "quick-relief-coached.yaml"
    library = Library()
    _, problems = check_routine(written, library, "quick-relief-coached", "user")
    assert [p for p in problems if not p.warning] == []
    history = History(paths.history_file())
    decisions = history.conn.execute("SELECT choice, routine, rule, made FROM decisions").fetchall()
    history.close()
    assert decisions == [("accepted", "quick-relief", "progress", "quick-relief-coached")]


def test_d_declines_and_nothing_is_written() -> None:
    """`d` on the suggestion: declined in the history, no file, and it is not shown again."""
    write_sessions("quick-relief", [2, 1], before=3, after=2)
    app, clock, recorder = app_and_recorder()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 86)
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("2")
        await until(pilot, lambda: "(progress)" in coach_note(app), most=30)
        await pilot.press("d")
        await until(pilot, lambda: "declined" in coach_note(app), most=30)
        await pilot.press("enter")

    drive(app, scenario)
    recorder.close()
    assert not list(paths.user_dir("routines").glob("*.yaml"))
    history = History(paths.history_file())
    choices = history.conn.execute("SELECT choice FROM decisions").fetchall()
    history.close()
    assert choices == [("declined",)]


def test_without_a_history_there_is_no_coach() -> None:
    """--no-history (no recorder): every hold skipped, and yet no word of a streak, no pain
    question (nothing would keep it), no coach's note; a and d do nothing."""
    clock = FakeClock()
    app = StretchApp(plan=quick_relief(), clock=clock, player=RecordingPlayer())

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        while not isinstance(app.screen, SummaryScreen):
            await pilot.press("n")
        assert not app.screen.query("#not-counted") and not app.screen.query("#pain-now")
        assert "Nothing was recorded" in text(app, "#summary-hint")
        await pilot.press("2")
        await pilot.press("a")
        await app.workers.wait_for_complete()
        assert coach_note(app) == ""
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert not screen.check_action("accept", ())
        await pilot.press("enter")

    drive(app, scenario)
    assert not list(paths.user_dir("routines").glob("*.yaml"))


def test_plain_mode_says_the_coach_s_suggestion_at_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same third good day in plain mode: after the score, a line with the suggestion
    and where to take it up."""
    import io
    import sys

    from stretchtimer.plain import run_plain
    from stretchtimer.runner.coach import SessionCoach

    write_sessions("quick-relief", [2, 1], before=3, after=2)
    recorder = HistoryRecorder(lambda: History(paths.history_file()), lambda m: None)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    clock = FakeClock()
    code = run_plain(quick_relief(), mute=True, recorder=recorder, player=RecordingPlayer(),
                     clock=clock, sleep=clock.advance, ask=lambda q: "2",
                     coach=SessionCoach(Library(), recorder, "quick-relief"))
    recorder.close()
    last = out.getvalue().strip().splitlines()[-1]
    assert code == 0
    assert last.startswith("The coach: [progress] (quick-relief) Quick relief: 3 sessions")
    assert "held 25 s instead of 20 s?" in last and last.endswith("stretchtimer suggest")
