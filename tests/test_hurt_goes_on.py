"""Tests "this hurts" that carries on: the score asked and recorded with the stop, then the
easier variant now, the next exercise, or the end (exit 1 only then), with every step of the
session in the history."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from apphelp import advance, drive, quick_relief, text
from fakes import FakeClock, RecordingPlayer
from textual.pilot import Pilot

from stretchtimer.core.records import StepRecord
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.pain import PainScreen
from stretchtimer.ui.screens.session import SessionScreen
from stretchtimer.ui.screens.summary import SummaryScreen

NOW = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
ONE_SIDE = 5 + 20
"""quick-relief: a get-ready of 5 s, then the left knee's 20 s hold."""
DOUBLE_HOLD = 5 + 20 + 5 + 20 + 5
"""Seconds from the start to the double knee-to-chest's hold."""


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def history_at() -> History:
    return History(paths.data_dir() / "history.db", now=lambda: NOW)


def app_with_history() -> tuple[StretchApp, FakeClock, HistoryRecorder]:
    clock = FakeClock()
    recorder = HistoryRecorder(history_at, lambda _: None)
    app = StretchApp(plan=quick_relief(), clock=clock, player=RecordingPlayer(), recorder=recorder)
    return app, clock, recorder


def recorded_steps(recorder: HistoryRecorder) -> tuple[str, tuple[StepRecord, ...]]:
    recorder.close()
    record = history_at().records()[-1]
    return record.status, record.steps


async def hurt(app: StretchApp, pilot: Pilot[int], *keys: str) -> PainScreen:
    await pilot.press("x")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PainScreen)
    for key in keys:
        await pilot.press(key)
    await pilot.pause()
    return screen


def test_skip_goes_on_with_the_next_exercise_and_records_the_stop() -> None:
    """x in the left knee's hold, 3, s: the session goes on with the double knee-to-chest
    (no easier way offered: the single one has none), completes with exit 0, and the steps
    say where it hurt and how much."""
    app, clock, recorder = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 10)
        screen = await hurt(app, pilot, "3")
        assert app.runner is not None and app.runner.session.state.value == "paused"
        assert "Noted: 3 of 10" in text(app, "#pain-choices")
        assert not screen.check_action("easier", ()) and screen.check_action("skip", ())
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        segment = app.runner.session.segment
        assert segment.variant.id == "double-knee-to-chest" and segment.kind.value == "prepare"
        advance(app, clock, 40)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")

    drive(app, scenario)
    assert app.return_code == 0
    status, steps = recorded_steps(recorder)
    assert status in ("completed", "partial")
    left = steps[0]
    assert (left.exercise, left.variant, left.side) == ("knee-to-chest", "single-knee-to-chest", "left")
    assert left.pain_stop and left.pain_score == 3 and left.skipped
    assert 4 <= left.held <= 6 and left.planned == 20
    right = steps[1]
    assert right.side == "right" and right.skipped and right.held == 0
    assert steps[-1].variant == "double-knee-to-chest" and steps[-1].held == 30 and not steps[-1].skipped


def test_easier_goes_on_with_the_easier_variant_on_each_side() -> None:
    """x in the double knee-to-chest's hold, 4, e: it goes on as the single one (its
    article's easier way), a get-ready and then each knee in turn."""
    app, clock, recorder = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, DOUBLE_HOLD + 3)
        screen = await hurt(app, pilot, "4")
        assert screen.check_action("easier", ())
        assert "Single Knee" in text(app, "#pain-choices")
        await pilot.press("e")
        await pilot.pause()
        runner = app.runner
        assert runner is not None and isinstance(app.screen, SessionScreen)
        rest = runner.plan.segments[runner.session.index :]
        assert [(s.kind.value, s.variant.id, s.side and s.side.value) for s in rest] == [
            ("prepare", "single-knee-to-chest", "left"), ("hold", "single-knee-to-chest", "left"),
            ("switch", "single-knee-to-chest", "right"), ("hold", "single-knee-to-chest", "right"),
        ]
        advance(app, clock, sum(s.seconds for s in rest) + 1)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")

    drive(app, scenario)
    assert app.return_code == 0
    _, steps = recorded_steps(recorder)
    double = next(s for s in steps if s.variant == "double-knee-to-chest")
    assert double.pain_stop and double.pain_score == 4 and 2 <= double.held <= 4
    single_again = [s for s in steps if s.position == 1 and s.variant == "single-knee-to-chest"]
    assert [s.side for s in single_again] == ["left", "right"]
    assert [(s.held, s.planned, s.pain_stop) for s in single_again] == [(30, 30, False)] * 2


@pytest.mark.parametrize("keys", [("6",), ("2", "y"), ()], ids=["six", "a-sign", "no-score"])
def test_only_ending_is_offered_at_six_a_sign_or_no_score(keys: tuple[str, ...]) -> None:
    """At 6 or more, after y (a red flag or urgent sign noticed), or with no score given, only
    ending is offered; Enter ends it, stopped for pain, with exit code 1."""
    app, clock, recorder = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, DOUBLE_HOLD + 3)
        screen = await hurt(app, pilot, *keys)
        assert not screen.check_action("easier", ()) and not screen.check_action("skip", ())
        await pilot.press("e", "s")
        await pilot.pause()
        assert isinstance(app.screen, PainScreen)  # neither went on
        await pilot.press("enter")

    drive(app, scenario)
    assert app.return_code == 1
    status, steps = recorded_steps(recorder)
    assert status == "stopped"
    stop = next(s for s in steps if s.pain_stop)
    assert stop.variant == "double-knee-to-chest"
    assert stop.pain_score == (int(keys[0]) if keys else None)


def test_the_question_is_about_the_region_the_exercise_works() -> None:
    """The score question names the exercise's region, and the urgent signs are shown."""
    app, clock, _ = app_with_history()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 10)
        await hurt(app, pilot)
        assert "lower back hurt now" in text(app, "#pain-score")
        assert "See a doctor now" in text(app, "#pain-urgent")
        await pilot.press("enter")

    drive(app, scenario)
    assert app.return_code == 1
