"""Tests flows paced by breath, breathing guides, time to change position, and --fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write
from fakes import FakeClock

from stretchtimer.core.engine import Session, State
from stretchtimer.core.events import Breath, Countdown, Event, Halfway, SegmentEnded
from stretchtimer.core.fit import bounds
from stretchtimer.core.model import Pace, Plan, Routine, SegmentKind, Side
from stretchtimer.core.plan import move_seconds, plan
from stretchtimer.library.planning import plan_routine
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.library.settings import Settings
from stretchtimer.plain import event_lines
from stretchtimer.present.session import view
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.cues import chime_for
from stretchtimer.sound.phrases import phrases


def routine_from(tmp_path: Path, library: Library, text: str) -> Routine:
    routine, _ = load_routine(library.find_routine(str(write(tmp_path, "r.yaml", text))), library)
    return routine


def flow_plan(tmp_path: Path, library: Library, extra: str = "") -> Plan:
    """Cat-Cow, 3 breaths at 2 s in and 3 s out, with no get-ready."""
    text = f"title: F\nsteps:\n  - exercise: cat-cow\n    reps: 3\n    pace: 2/3\n    prepare: 0\n{extra}"
    return plan(routine_from(tmp_path, library, text))


def run_for(session: Session, clock: FakeClock, seconds: int) -> list[tuple[float, Event]]:
    """Tick a second at a time; each event with the time it came."""
    out: list[tuple[float, Event]] = []
    session.start()
    for t in range(seconds + 1):
        out += [(t, e) for e in session.tick()]
        clock.advance(1)
    return out


def test_a_flow_reports_each_breath_once_on_time(tmp_path: Path, library: Library) -> None:
    """3 breaths of 2 s in, 3 s out: in at 0, 5, 10 and out at 2, 7, 12, each once; the flow
    ends at 15 s, with no 3-2-1 and no halfway (it counts breaths), and counts as held."""
    p = flow_plan(tmp_path, library)
    assert [s.kind for s in p.segments] == [SegmentKind.FLOW]
    assert p.segments[0].seconds == 15 and p.segments[0].pace == Pace(
        2, 3, "Cow: belly sinks, chest lifts", "Cat: back rounds up"
    )
    clock = FakeClock()
    session = Session(p, clock)
    events = run_for(session, clock, 16)
    breaths = [(t, e.phase, e.n) for t, e in events if isinstance(e, Breath)]
    assert breaths == [
        (0, "in", 1), (2, "out", 1), (5, "in", 2), (7, "out", 2), (10, "in", 3), (12, "out", 3),
    ]
    assert not [e for _, e in events if isinstance(e, (Countdown, Halfway))]
    assert [t for t, e in events if isinstance(e, SegmentEnded)] == [15]
    assert session.state is State.FINISHED and session.held_seconds == pytest.approx(15)


def test_a_jump_reports_only_the_breath_under_way(tmp_path: Path, library: Library) -> None:
    """Six seconds at once (a stalled loop): one breath reported, the one under way, not a burst."""
    clock = FakeClock()
    session = Session(flow_plan(tmp_path, library), clock)
    session.start()
    session.tick()
    clock.advance(1.9)
    session.tick()
    clock.advance(1.9)
    assert [(e.phase, e.n) for e in session.tick() if isinstance(e, Breath)] == [("out", 1)]
    clock.advance(1.9)
    assert [(e.phase, e.n) for e in session.tick() if isinstance(e, Breath)] == [("in", 2)]


def test_the_screen_shows_the_breath_filling_and_emptying(tmp_path: Path, library: Library) -> None:
    """`Breathe in: cow (...)` with the bar half full one second into a 2 s breath in; `Breathe
    out: cat` with it emptying; and which breath of how many."""
    clock = FakeClock()
    session = Session(flow_plan(tmp_path, library), clock)
    session.start()
    clock.advance(1)
    v = view(session)
    assert v.breath == "Breathe in: cow (belly sinks, chest lifts)"
    assert v.breath_fill == pytest.approx(0.5) and v.breath_count == "Breath 1 of 3"
    assert v.phase == "Flow"
    clock.advance(2.5)  # 1.5 s into a 3 s breath out
    v = view(session)
    assert v.breath.startswith("Breathe out: cat") and v.breath_fill == pytest.approx(0.5)


def test_breaths_are_heard_said_and_printed(tmp_path: Path, library: Library) -> None:
    """Each breath after the first has its soft chime (the first has the flow's start chime);
    the voice names each breath; plain mode prints it."""
    p = flow_plan(tmp_path, library)
    clock = FakeClock()
    session = Session(p, clock)
    assert chime_for(Breath(0, phase="in", n=1), p) is None
    assert chime_for(Breath(0, phase="out", n=1), p) is Chime.BREATH_OUT
    assert chime_for(Breath(0, phase="in", n=2), p) is Chime.BREATH_IN
    said = phrases(p)
    assert said[(0, "in")] == ["Breathe in, cow."] and said[(0, "out")] == ["Breathe out, cat."]
    line = event_lines(Breath(0, phase="out", n=2), session)
    assert line == ["Breathe out: cat (back rounds up) (2/3)"]


def test_a_hold_can_carry_a_breathing_guide(tmp_path: Path, library: Library) -> None:
    """`breathe: 4/6` on a hold: the breath shows on screen, the hold still counts 3-2-1, and the
    breaths make no sound (the hold's own chimes are the cues). settings.yaml's `breathe` is
    the guide for holds that give none."""
    text = "title: B\nsteps:\n  - exercise: supine-twist\n    hold: 20\n    breathe: 4/6\n"
    p = plan(routine_from(tmp_path, library, text))
    hold = next(s for s in p.segments if s.kind is SegmentKind.HOLD)
    assert hold.pace == Pace(4, 6)
    assert chime_for(Breath(p.segments.index(hold), phase="out", n=1), p) is None
    clock = FakeClock()
    session = Session(p, clock)
    events = [e for _, e in run_for(session, clock, p.total_seconds + 1)]
    assert any(isinstance(e, Countdown) for e in events)
    assert [e.phase for e in events if isinstance(e, Breath)][:3] == ["in", "out", "in"]
    plain = "title: B\nsteps:\n  - exercise: supine-twist\n    hold: 20\n"
    guided = plan_routine(
        routine_from(tmp_path, library, plain), Side.LEFT, Settings(breathe=Pace(4, 6))
    )
    assert next(s for s in guided.segments if s.kind is SegmentKind.HOLD).pace == Pace(4, 6)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("    reps: 8\n    hold: 30\n", "'hold' does not go with a flow"),
        ("    reps: 0\n", "reps: 0 is out of range"),
        ("    reps: 8\n    pace: fast\n", "pace: give seconds in and out like '4/6'"),
        ("    hold: 30\n    pace: 4/4\n", "pace is for a flow"),
        ("    hold: 30\n    breathe: 40/6\n", "breathe: give seconds in and out"),
        ("    reps: 4\n    optional: maybe\n", "optional must be true or false"),
    ],
)
def test_flow_mistakes_are_input_errors(
    tmp_path: Path, library: Library, text: str, words: str
) -> None:
    """A flow given a hold, a bad count or pace, a pace on a hold: one clear line each."""
    from stretchtimer.library.routines import check_routine

    path = write(tmp_path, "r.yaml", f"title: T\nsteps:\n  - exercise: cat-cow\n{text}")
    routine, problems = check_routine(path, library)
    assert routine is None
    assert any(words in p.message and p.line for p in problems), problems


def test_a_change_of_position_takes_longer_to_get_ready(tmp_path: Path, library: Library) -> None:
    """Lying to kneeling gets more get-ready time than lying to lying; settings' transitions
    slow every get-ready and switch."""
    assert move_seconds("lying-back", "kneeling") > move_seconds("lying-back", "lying-front") > 0
    assert move_seconds("lying-back", "lying-back") == 0 and move_seconds(None, "seated") == 0
    text = (
        "title: P\ndefaults:\n  prepare: 5\n  switch: 4\nsteps:\n"
        "  - exercise: supine-twist\n    hold: 20\n    sides: both\n"
        "  - exercise: knee-to-chest\n    variant: double\n    hold: 20\n"
        "  - exercise: childs-pose\n    hold: 30\n"
    )
    routine = routine_from(tmp_path, library, text)
    prepares = [s.seconds for s in plan(routine).segments if s.kind is SegmentKind.PREPARE]
    assert prepares == [5, 5, 5 + move_seconds("lying-back", "kneeling")]
    slow = plan(routine, slower=1.5)
    assert [s.seconds for s in slow.segments if s.kind is SegmentKind.PREPARE] == [8, 8, 20]
    assert [s.seconds for s in slow.segments if s.kind is SegmentKind.SWITCH] == [6]


def morning(library: Library) -> Routine:
    return load_routine(library.find_routine("morning"), library)[0]


def test_fit_shrinks_within_bounds_then_drops_optional_steps_first(library: Library) -> None:
    """Morning in 4 minutes: holds at their articles' minimum are not enough, so the optional
    child's pose goes first, then steps from the end; what is left fits and keeps its order."""
    fitted = plan_routine(morning(library), Side.LEFT, Settings(), budget=240)
    assert fitted.total_seconds <= 240
    dropped = [s.exercise.id for s in fitted.dropped]
    assert dropped[0] == "childs-pose"
    kept = [s.exercise.id for s in fitted.routine.steps]
    assert kept == [s.exercise.id for s in morning(library).steps if s.exercise.id in kept]
    for step in fitted.routine.steps:
        if not step.reps:
            low, high = bounds(step)
            assert low <= step.hold <= high
            assert step.hold >= (step.variant.hold_min or 15)


def test_fit_lengthens_holds_up_to_their_bound(library: Library) -> None:
    """Morning in 10 minutes: nothing is dropped and every hold grows, none past its article's
    maximum (or twice itself where the article gives none); flows keep their breaths."""
    base = plan_routine(morning(library), Side.LEFT, Settings())
    fitted = plan_routine(morning(library), Side.LEFT, Settings(), budget=600)
    assert fitted.dropped == () and base.total_seconds < fitted.total_seconds <= 600
    for before, after in zip(morning(library).steps, fitted.routine.steps, strict=True):
        if before.reps:
            assert after.reps == before.reps
        else:
            assert before.hold < after.hold <= (before.variant.hold_max or 2 * before.hold)


def test_plan_fit_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """plan --fit says what it left out; a budget that is not a duration is one clear line."""
    from stretchtimer.cli import main

    assert main(["plan", "morning", "--fit", "4m"]) == 0
    out = capsys.readouterr().out
    assert "Left out to fit the time: Classic Child's Pose" in out
    assert "You'll need: a mat" in out and "Positions: lying on your back, then" in out
    assert main(["plan", "morning", "--fit", "soon"]) == 2
    assert capsys.readouterr().err.startswith("--fit: 'soon' is not a duration")


def test_the_app_runs_a_flow_with_its_breath_bar(tmp_path: Path, library: Library) -> None:
    """In the app: the breath line and its bar show and move with the fake clock, the far view
    says IN and OUT, and the breath chimes are heard."""
    from apphelp import advance, build, drive, text
    from textual.pilot import Pilot

    from stretchtimer.ui.app import StretchApp
    from stretchtimer.ui.widgets.big_text import BigText
    from stretchtimer.ui.widgets.progress_line import ProgressLine

    app, clock, player = build(flow_plan(tmp_path, library))

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 1)
        await pilot.pause()
        assert app.screen.has_class("-breathing") and app.screen.has_class("-flow")
        assert text(app, "#breath").startswith("Breath 1 of 3: Breathe in: cow")
        fill = app.screen.query_one("#breath-fill", ProgressLine)
        assert fill.fraction == pytest.approx(0.5, abs=0.15)
        assert app.screen.query_one("#far-phase", BigText).text == "IN"
        advance(app, clock, 2)
        await pilot.pause()
        assert "Breathe out: cat" in text(app, "#breath")
        assert app.screen.query_one("#far-phase", BigText).text == "OUT"
        assert player.played[:2] == ["hold", "breath-out"]

    drive(app, scenario, size=(100, 30))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("breathe: 4-6\n", "breathe: give seconds in and out like '4/6'"),
        ("breathe: 0/6\n", "breathe: give seconds in and out"),
        ("transitions: 5\n", "transitions must be a number from 1 to 3"),
        ("transitions: yes\n", "transitions must be a number from 1 to 3"),
        ("ask_pain: sometimes\n", "ask_pain must be true or false"),
    ],
)
def test_settings_for_breath_transitions_and_pain(text: str, words: str) -> None:
    """settings.yaml's new keys are read (breathe 4/6, transitions 1.5, ask_pain) and a wrong
    value is one clear message naming the file."""
    from stretchtimer.core.errors import InputError
    from stretchtimer.library import paths
    from stretchtimer.library.settings import load_settings

    write(paths.config_dir(), "settings.yaml", "breathe: 4/6\ntransitions: 1.5\nask_pain: true\n")
    good = load_settings()
    assert (good.breathe, good.transitions, good.ask_pain) == (Pace(4, 6), 1.5, True)
    write(paths.config_dir(), "settings.yaml", text)
    with pytest.raises(InputError) as caught:
        load_settings()
    assert words in str(caught.value) and "settings.yaml" in str(caught.value)
