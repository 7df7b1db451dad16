"""Tests the per-step record: every exercise step of a session (planned and held seconds,
skipped, stopped for pain, the score there) through a real run, in `history --format json`,
`history --steps` (text, JSON, CSV), and an older history upgraded only by a command that
records."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from clihelp import cli, plain_run

from stretchtimer.history.schema import MIGRATIONS, VERSION
from stretchtimer.history.store import History
from stretchtimer.library import paths


def test_a_plain_run_records_each_step_and_side(monkeypatch: pytest.MonkeyPatch) -> None:
    """quick-relief run to its end: the single knee on each side and the double, each held
    for what was planned; `history --format json` carries them under the session."""
    code, _, _, _ = plain_run(monkeypatch, ["quick-relief"])
    assert code == 0
    code, out, _ = cli(monkeypatch, ["history", "--format", "json"])
    (session,) = json.loads(out)
    steps = [
        (s["position"], s["variant"], s["side"], s["planned"], s["held"], s["skipped"])
        for s in session["steps"]
    ]
    assert steps == [
        (0, "single-knee-to-chest", "left", 20.0, 20.0, False),
        (0, "single-knee-to-chest", "right", 20.0, 20.0, False),
        (1, "double-knee-to-chest", None, 30.0, 30.0, False),
    ]


def test_history_steps_in_text_json_and_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    """`history --steps` lists each step with the session it belongs to, in every format; a
    CSV cell a spreadsheet would run as a formula is defused."""
    h = History(paths.history_file())
    sid = h.begin("=cmd", "", "Mine", 4, None)
    from stretchtimer.core.records import StepRecord

    h.end(sid, "stopped", 1, 12.0, "cat-cow", None, (
        StepRecord(0, "cat-cow", "", None, 30.0, 12.0, True, True, 4),
    ))
    h.close()
    code, text, _ = cli(monkeypatch, ["history", "--steps"])
    assert code == 0 and "cat-cow, held 12 s of 30 s, skipped, this hurts (4 of 10)" in text
    code, out, _ = cli(monkeypatch, ["history", "--steps", "--format", "json"])
    (row,) = json.loads(out)
    assert (row["session_id"], row["pain_score"], row["held"]) == (sid, 4, 12.0)
    code, out, _ = cli(monkeypatch, ["history", "--steps", "--format", "csv"])
    header, line = list(csv.reader(io.StringIO(out)))
    assert header[:4] == ["session_id", "started_utc", "routine", "position"]
    assert line[2] == "'=cmd" and line[-1] == "4"


def test_an_older_history_is_read_as_it_is_and_upgraded_only_by_a_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A version-4 history: `history` reads it (no steps) and leaves it at 4; the next
    recorded session upgrades it, and its old session keeps what it had."""
    db = paths.history_file()
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db)
    for migration in MIGRATIONS[:4]:
        conn.executescript(migration)
    conn.execute(
        "INSERT INTO sessions (routine, started_utc, status, seconds_held, pain_after)"
        " VALUES ('morning', '2026-11-30T08:00:00+00:00', 'completed', 300, 2)"
    )
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    code, out, _ = cli(monkeypatch, ["history", "--format", "json"])
    (old,) = json.loads(out)
    assert code == 0 and old["steps"] == [] and old["pain_after"] == 2
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 4
    assert plain_run(monkeypatch, ["quick-relief"])[0] == 0
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == VERSION
    code, out, _ = cli(monkeypatch, ["history", "--format", "json"])
    newest, oldest = json.loads(out)
    assert oldest["pain_after"] == 2 and oldest["steps"] == []
    assert len(newest["steps"]) == 3
