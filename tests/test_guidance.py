"""Tests the guidance: every part of every article in `show`, urgent signs once before a first
session, easier ways after pain, the take-care list, and pain before and after (0-10)."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from apphelp import advance, build, drive, history_recorder, quick_relief, text
from fakes import FakeClock, RecordingPlayer
from textual.pilot import Pilot

from stretchtimer.cli import main
from stretchtimer.core.model import Routine, Segment, SegmentKind
from stretchtimer.core.plan import plan
from stretchtimer.history.store import MIGRATIONS, VERSION, History
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.library.state import URGENT_SEEN, urgent_signs_seen
from stretchtimer.plain import run_plain
from stretchtimer.present.history import history_text
from stretchtimer.present.pain import PainKeys, pain_change, parse_pain
from stretchtimer.present.preview import MOST_CAUTIONS, preview_text, take_care
from stretchtimer.present.session import easier_ways
from stretchtimer.present.urgent import SIGNS
from stretchtimer.runner.options import Options
from stretchtimer.runner.urgent import UrgentSigns
from stretchtimer.ui.app import StretchApp
from stretchtimer.ui.screens.before import BeforeScreen
from stretchtimer.ui.screens.pain import PainScreen
from stretchtimer.ui.screens.session import SessionScreen

ARTICLES = sorted(paths.bundled_dir("content").glob("*.md"))
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def routine(library: Library, name: str) -> Routine:
    return load_routine(library.find_routine(name), library)[0]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_section_of_every_article_is_in_show_json(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each `## heading` of the article is somewhere in `show --format json`: a part the timer
    uses, or a section kept whole; every Quick Facts row is there too."""
    assert main(["show", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    dumped = json.dumps(data)
    body = path.read_text(encoding="utf-8")
    timer_parts = ("quick facts", "how to", "what you should feel", "common mistakes", "precaution")
    for line in body.splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            if not heading.lower().startswith(timer_parts):
                assert heading in [s["title"] for s in data["sections"]], heading
        if line.startswith("| **"):
            label = line.split("**")[1]
            assert label in [f["label"] for f in data["facts"]], label
    assert data["urgent_signs"] and data["cautions"] and data["variants"][0]["position"]
    assert "**" not in dumped


def test_urgent_signs_come_once_before_a_first_session() -> None:
    """A user's very first session begins with the urgent signs (Enter continues, the file
    remembers); the next one begins with the session itself."""
    (paths.state_dir() / URGENT_SEEN).unlink()
    assert not urgent_signs_seen()
    from stretchtimer.library.state import mark_urgent_signs_seen

    for first in (True, False):
        clock = FakeClock()
        gate = UrgentSigns(urgent_signs_seen, mark_urgent_signs_seen)
        app = StretchApp(quick_relief(), clock=clock, player=RecordingPlayer(), urgent=gate)

        async def scenario(app: StretchApp, pilot: Pilot[int], first: bool = first) -> None:
            await pilot.pause()
            if first:
                assert isinstance(app.screen, BeforeScreen)
                urgent = text(app, "#urgent")
                assert "See a doctor now" in urgent and "bladder or bowels" in urgent
                await pilot.press("enter")
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, SessionScreen)
            await pilot.press("q")
            await pilot.press("y")

        drive(app, scenario)
        assert urgent_signs_seen()


def test_pain_before_is_asked_when_turned_on_and_shown_after() -> None:
    """--ask-pain: the question comes before the session (8, Enter); the summary compares."""
    clock = FakeClock()
    app = StretchApp(
        quick_relief(), clock=clock, player=RecordingPlayer(), options=Options(ask_pain=True),
        recorder=history_recorder(),
    )

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        await pilot.pause()
        assert isinstance(app.screen, BeforeScreen)
        assert "hurt before you start, 0 (no pain) to 10" in text(app, "#pain-before")
        await pilot.press("8")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        advance(app, clock, 90, step=1.0)
        await pilot.pause()
        await pilot.press("3")
        assert text(app, "#pain-now") == "Noted: 3 of 10. Pain 8 before, 3 after: 5 less."
        await pilot.press("enter")

    drive(app, scenario)
    assert app.pain_before == 8 and app.return_code == 0


def test_pain_keys_and_words() -> None:
    """One key for 0 and 2-9, 1 then 0 for 10, 1 then Enter for 1; typed answers checked."""
    keys = PainKeys()
    assert keys.digit(7) == 7 and keys.digit(1) is None and keys.digit(0) == 10
    assert keys.digit(1) is None and keys.enter() == 1 and keys.enter() is None
    assert keys.digit(1) is None and keys.digit(4) == 4
    assert [parse_pain(t) for t in ("0", " 10\n", "11", "-1", "three", "٣")] == [
        0, 10, None, None, None, None,
    ]
    assert pain_change(6, 6) == "Pain 6 before, 6 after: no change."
    assert pain_change(2, 5) == "Pain 2 before, 5 after: 3 more."
    assert pain_change(None, 4) == "Pain now: 4 of 10."


def test_plain_mode_prints_urgent_signs_and_asks_about_pain(library: Library) -> None:
    """Plain mode: the urgent signs before the first step (nothing waits), the pain question
    before and after (a wrong answer asked again), and the change printed."""
    answers = iter(["7", "eleven", "4"])
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    clock = FakeClock()
    out = io.StringIO()
    import sys

    real = sys.stdout
    sys.stdout = out
    try:
        code = run_plain(
            quick_relief(), mute=True, player=RecordingPlayer(), clock=clock, sleep=clock.advance,
            urgent=True, ask_before=True, ask=ask, recorder=history_recorder(),
        )
    finally:
        sys.stdout = real
    printed = out.getvalue()
    assert code == 0
    assert printed.index("See a doctor now") < printed.index("Step 1/2")
    assert len(asked) == 3 and "before you start" in asked[0] and "hurt now" in asked[2]
    assert "Type a whole number from 0 to 10" in printed
    assert "Pain 7 before, 4 after: 3 less." in printed


def test_the_pain_screen_offers_easier_ways_and_urgent_signs(library: Library) -> None:
    """Stopped during the double knee-to-chest: its easier variant and the article's
    modifications, then the low back's urgent signs."""
    plan_segments = [
        s for s in plan(
            routine(library, "quick-relief")
        ).segments
        if s.kind is SegmentKind.HOLD
    ]
    double: Segment = plan_segments[-1]
    ways = easier_ways(double)
    assert ways[0] == "Try the easier way: Single Knee to Chest"
    assert "Pull less far" in ways
    app, clock, _ = build()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        advance(app, clock, 60)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PainScreen)
        assert "Try the easier way: Single Knee to Chest" in text(app, "#pain-easier")
        assert SIGNS["low-back"][0] in text(app, "#pain-urgent")
        await pilot.press("enter")

    drive(app, scenario)
    assert app.return_code == 1


def test_take_care_is_deduplicated_short_and_never_argues(library: Library) -> None:
    """Every bundled routine's list: each condition once (the same condition worded two ways
    is one), at most a screen's worth, and no note recommending another variant."""
    for name in library.routines():
        cautions, more = take_care(routine(library, name))
        assert len(cautions) <= MOST_CAUTIONS
        keys = [c.split("(")[0].lower() for c in cautions]
        assert len(keys) == len(set(keys)), (name, cautions)
        assert not any("version" in c or "variant" in c for c in cautions), cautions
    preview = preview_text(
        plan(routine(library, "morning"))
    )
    assert "You'll need: a mat, a cushion" in preview
    assert "Pelvic Tilt: 6 breaths (4 s out, 4 s in)" in preview


def test_migration_3_keeps_the_old_feelings_apart(tmp_path: Path) -> None:
    """A version-2 database gains the pain columns; its 0-9 feelings stay as they were, and
    `history` shows both, each labelled; `--since` with nothing since says so."""
    db = paths.data_dir() / "history.db"
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0])
    conn.executescript(MIGRATIONS[1])
    conn.execute(
        "INSERT INTO sessions (routine, title, started_utc, status, feeling)"
        " VALUES ('morning', 'Morning', ?, 'completed', 7)",
        (T0.isoformat(),),
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    h = History(db, now=lambda: T0)
    assert h.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    sid = h.begin("quick-relief", "", "Quick relief", 6, None)
    h.end(sid, "completed", 6, 70.0)
    h.set_pain(sid, "before", 6, "low-back")
    h.set_pain(sid, "after", 3, "low-back")
    with pytest.raises(ValueError):
        h.set_pain(sid, "after", 11, "low-back")
    rows = h.recent()
    h.close()
    assert [(r.feeling, r.pain_before, r.pain_after) for r in rows] == [(None, 6, 3), (7, None, None)]
    shown = history_text(rows)
    assert "6 to 3" in shown and "Felt: the earlier question" in shown
    assert history_text([], since=T0.date()) == "No sessions since 2026-11-20."


def test_history_since_with_nothing_since(capsys: pytest.CaptureFixture[str]) -> None:
    """`history --since` a date with no session after it says so, not `No sessions yet`."""
    h = History(paths.history_file(), now=lambda: T0)
    sid = h.begin("morning", "", "Morning", 8, None)
    h.end(sid, "completed", 8, 300.0)
    h.close()
    assert main(["history", "--since", "2030-01-01"]) == 0
    assert capsys.readouterr().out.strip() == "No sessions since 2030-01-01."
