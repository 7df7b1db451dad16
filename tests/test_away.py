"""A break taken away from the desk: `t` counts it as its own kind (`away`) and starts the
wait afresh, on the reminder's screen as in plain mode (tests/test_remind.py types it on a
terminal); the history keeps it, `history --breaks` shows it, an export carries it; a
history from before it (version 5) is migrated with every break kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from apphelp import history_recorder, text
from clihelp import cli
from test_remind import reminder_for

from stretchtimer.core.moments import BreakChoice
from stretchtimer.core.schedule import Status
from stretchtimer.history.schema import MIGRATIONS, VERSION
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.ui.remind_app import RemindApp


def test_t_counts_a_break_away_and_starts_the_wait_afresh() -> None:
    recorder = history_recorder()
    reminder, clocks = reminder_for("desk-break", 600, recorder)
    clocks.run(500)
    assert reminder.can(BreakChoice.AWAY)  # waiting, not due: still there
    notice = reminder.choose(BreakChoice.AWAY)
    assert notice is not None and notice.text.startswith("A break away from the desk, counted")
    assert reminder.schedule.status is Status.WAITING
    assert reminder.schedule.remaining() == pytest.approx(600, abs=1)
    recorder.close()
    assert "1 away from the desk" in reminder.today_text()


def test_t_on_the_reminder_s_screen() -> None:
    recorder = history_recorder()
    reminder, _ = reminder_for("desk-break", 600, recorder)
    app = RemindApp(reminder, recorder=recorder)

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "t: I took one away from the desk" in text(app, "#remind-hint")
            await pilot.press("t")
            await pilot.pause()
            assert "1 away from the desk" in text(app, "#remind-today")
            await pilot.press("q")

    import asyncio

    asyncio.run(go())
    recorder.close()


def test_the_history_keeps_it_and_shows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    h = History(paths.history_file())
    h.record_break("away", "desk-break")
    h.close()
    code, out, _ = cli(monkeypatch, ["history", "--breaks"])
    assert code == 0 and "away" in out and "1 away from the desk" in out
    code, out, _ = cli(monkeypatch, ["history", "export", "-"])
    assert [b["kind"] for b in json.loads(out)["breaks"]] == ["away"]


def test_a_version_5_history_is_migrated_with_its_breaks(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    conn = sqlite3.connect(db)
    for statement in ";".join(MIGRATIONS[:5]).split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("INSERT INTO breaks (at_utc, kind, routine) VALUES"
                 " ('2026-11-30T10:00:00+00:00', 'taken', 'desk-break')")
    conn.commit()
    conn.close()
    h = History(db)
    assert h.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION == 6
    h.record_break("away", "desk-break")
    kinds = [r[0] for r in h.conn.execute("SELECT kind FROM breaks ORDER BY id")]
    h.close()
    assert kinds == ["taken", "away"]
