"""A routine that works two regions asks about the one the user picks, remembered: `r` on
the summary turns the question from the neck to the lower back, the score is kept for that
region, and the next session of the routine asks about it at once."""

from __future__ import annotations

from apphelp import advance, drive, history_recorder, text, until
from fakes import FakeClock, RecordingPlayer
from textual.pilot import Pilot

from stretchtimer.core.plan import plan
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.library.region_choice import chosen_region
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.summary import SummaryScreen


def desk_break_app() -> tuple[StretchApp, FakeClock, int]:
    library = Library()
    routine = load_routine(library.routines()["desk-break"], library)[0]
    clock = FakeClock()
    app = StretchApp(plan=plan(routine), clock=clock, player=RecordingPlayer(),
                     recorder=history_recorder())
    return app, clock, plan(routine).total_seconds + 5


def test_r_picks_the_other_region_and_it_is_remembered() -> None:
    app, clock, seconds = desk_break_app()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, seconds, step=1.0)
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert "do your neck and shoulders hurt now" in text(app, "#pain-now")
        assert text(app, "#pain-region-hint") == "r: ask about your lower back instead"
        await pilot.press("r")
        assert "does your lower back hurt now" in text(app, "#pain-now")
        assert text(app, "#pain-region-hint") == "r: ask about your neck and shoulders instead"
        await pilot.press("3")
        screen = app.screen
        assert isinstance(screen, SummaryScreen) and not screen.check_action("other_region", ())
        await app.workers.wait_for_complete()
        await pilot.press("enter")

    drive(app, scenario)
    assert app.recorder is not None
    app.recorder.close()
    h = History(paths.history_file())
    (row,) = h.recent()
    h.close()
    assert (row.pain_after, row.pain_region) == (3, "low-back")
    assert chosen_region("desk-break") == "low-back"
    again, clock, seconds = desk_break_app()
    assert again.sessions.new(again.plan_for(load_routine(
        Library().routines()["desk-break"], Library())[0])).region == "low-back"
