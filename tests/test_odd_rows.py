"""Tests rows another tool or a hand edit made odd (a timestamp that is not one, text where a
number goes, an unknown status, NULLs where none belong): every reader of the history shows
them marked damaged or passes them over, shows the rest, and never raises."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from clihelp import cli

from stretchtimer.core.model import Side
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.store import VERSION, History
from stretchtimer.history.view import read_history
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.present.history import breaks_text, history_text
from stretchtimer.present.progress import progress_text
from stretchtimer.runner.sessions import next_lead

NOW = datetime.now(UTC).replace(microsecond=0)
POISON = {
    "started_utc": "'yesterday'",
    "seconds_held": "'abc'",
    "pain_before": "'x'",
    "status": "'exploded'",
    "segments_done": "'many'",
    "feeling": "'x'",
    "lead_side": "'up'",
    "ended_utc": "'soon'",
    "pain_after": "99",
}
"""One odd value per poisoned row: column -> SQL value."""


def at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def healthy() -> dict[str, int]:
    """A history with three good sessions (today, yesterday, the day before: a streak of 3)
    and one row per odd value to come; the ids of the rows to poison, by column."""
    db = paths.history_file()
    ids: dict[str, int] = {}
    for n, day in enumerate((2, 1, 0)):
        h = History(db, now=at(NOW - timedelta(days=day)))
        sid = h.begin("quick-relief", "", "Quick relief", 6, Side.LEFT if n % 2 else Side.RIGHT)
        h.end(sid, "completed", 6, 60)
        h.set_pain(sid, "before", 5, "low-back")
        h.set_pain(sid, "after", 3, "low-back")
        h.set_feeling(sid, 6)
        h.record_break("taken", "desk-break")
        h.close()
    h = History(db, now=at(NOW - timedelta(hours=1)))
    for column in POISON:  # another routine's rows; the one whose start goes odd led right
        lead = Side.RIGHT if column == "started_utc" else Side.LEFT
        sid = h.begin("odd", "", f"Odd {column}", 6, lead)
        h.end(sid, "completed", 6, 30)
        h.set_pain(sid, "before", 4, "low-back")
        ids[column] = sid
    for _ in range(3):
        h.record_break("due", "desk-break")
    h.close()
    return ids


def poison(ids: dict[str, int]) -> None:
    """Raw UPDATEs, as a hand edit in the sqlite3 shell would make them (past the CHECKs)."""
    conn = sqlite3.connect(paths.history_file(), isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for column, value in POISON.items():
        conn.execute(f"UPDATE sessions SET {column} = {value} WHERE id = ?", (ids[column],))
    conn.execute("UPDATE breaks SET at_utc = 'noon' WHERE id = 4")
    conn.execute("UPDATE breaks SET kind = 'lunch' WHERE id = 5")
    conn.execute("UPDATE breaks SET routine = 7 WHERE id = 6")
    conn.close()


@pytest.fixture
def odd_ids() -> dict[str, int]:
    ids = healthy()
    poison(ids)
    return ids


def other_tools_table() -> None:
    """A history another tool made: no types, no constraints, NULLs everywhere they fit."""
    db = paths.history_file()
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(
        "CREATE TABLE sessions (id INTEGER PRIMARY KEY, routine, path, title, started_utc,"
        " ended_utc, status, segments_done, segments_total, seconds_held, pain_exercise,"
        " pain_side, pid, feeling, lead_side, pain_before, pain_after, pain_region)"
    )
    conn.execute("CREATE TABLE breaks (id INTEGER PRIMARY KEY, at_utc, kind, routine)")
    conn.execute(
        "INSERT INTO sessions (routine, started_utc, status, seconds_held) VALUES"
        " (NULL, NULL, NULL, NULL), ('r', ?, 'completed', x'ff00'), (5, ?, 'stopped', 1e999),"
        " ('r', '0001-01-01T00:00:00+00:00', 'completed', -4)",
        (NOW.isoformat(), NOW.isoformat()),
    )
    conn.execute(
        "INSERT INTO sessions (routine, path, title, started_utc, ended_utc, status,"
        " segments_done, segments_total, seconds_held)"
        " VALUES ('good', '', 'Good', ?, ?, 'completed', 3, 3, 90)",
        (NOW.isoformat(), NOW.isoformat()),
    )
    conn.execute("INSERT INTO breaks (at_utc, kind, routine) VALUES (NULL, NULL, NULL)")
    conn.execute(f"PRAGMA user_version = {VERSION}")
    conn.close()


def test_history_table_marks_each_odd_row(
    odd_ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`history`: each poisoned row is there, marked with its id and what is odd; the good
    rows are shown as ever; the streak counts the good days."""
    code, out, err = cli(monkeypatch, ["history"])
    assert code == 0 and err == "" and "Traceback" not in out
    for column, sid in odd_ids.items():
        assert f"(damaged row {sid}: {column})" in out, column
    assert out.count("damaged row") == len(POISON)
    assert "yesterday" in out and "exploded" in out  # odd text is shown as it is
    assert out.count("Quick relief") == 3 and "Current streak: 3 days" in out
    held = next(line for line in out.splitlines() if "Odd seconds_held" in line)
    assert "   ?" in held  # not 0:00, which would be a claim


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("breaks", [False, True], ids=["sessions", "breaks"])
def test_json_and_csv_leave_odd_rows_out_and_say_so(
    odd_ids: dict[str, int], monkeypatch: pytest.MonkeyPatch, fmt: str, breaks: bool
) -> None:
    """JSON and CSV hold only values of their kind: a damaged row is left out, and stderr
    names it (exit 0)."""
    argv = ["history", "--format", fmt] + (["--breaks"] if breaks else [])
    code, out, err = cli(monkeypatch, argv)
    assert code == 0 and "Traceback" not in err
    assert err.startswith("stretchtimer: damaged history rows left out (") and err.count("\n") == 1
    if fmt == "json":
        rows = json.loads(out)
    else:
        header, *cells = list(csv.reader(io.StringIO(out)))
        rows = [dict(zip(header, row, strict=True)) for row in cells]
    if breaks:
        assert len(rows) == 6 - 2  # `noon` and `lunch` are out; a routine of 7 reads as text
        assert {str(r["kind"]) for r in rows} <= {"due", "taken"}
    else:
        assert len(rows) == 3 and {r["title"] for r in rows} == {"Quick relief"}
        assert all(str(i) in err for i in odd_ids.values())


def test_breaks_table_marks_odd_breaks(
    odd_ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`history --breaks`: the odd breaks marked, the counts of the known kinds."""
    code, out, err = cli(monkeypatch, ["history", "--breaks"])
    assert code == 0 and err == ""
    assert "noon" in out and "(damaged row 4: at_utc)" in out
    assert "lunch" in out and "(damaged row 5: kind)" in out
    assert "Breaks: 2 due, 3 taken, 0 snoozed, 0 skipped" in out


def test_since_passes_over_rows_without_a_date(
    odd_ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--since: a row whose date cannot be read cannot be said to be since anything."""
    since = (NOW - timedelta(days=1)).astimezone().date().isoformat()
    code, out, err = cli(monkeypatch, ["history", "--since", since])
    assert code == 0 and "yesterday" not in out and "Odd seconds_held" in out


def test_progress_streak_and_every_query_read_past_odd_rows(odd_ids: dict[str, int]) -> None:
    """The progress page, the streak, minutes, pains, feelings, lead side, the reminder's last
    session end and break counts: none raises, each counts what can be read."""
    h = History(paths.history_file())
    try:
        page = progress_text(h)
        assert "Current streak: 3 days" in page and "Quick relief: 3" in page
        assert "Quick relief: 3 sessions, pain 2.0 less on average" in page  # the good rows
        assert h.streaks()[0] == 3
        assert sum(h.minutes_by_day().values()) > 0
        assert all(r.pain_before is None or 0 <= r.pain_before <= 10 for r in h.pains())
        assert {f for _, f in h.feelings()} == {6}
        assert h.next_lead("quick-relief") is Side.LEFT  # the newest good row led right
        assert h.next_lead("odd") is Side.RIGHT  # the row whose start is odd is passed over
        end = h.last_session_end()
        assert end == NOW  # (MAX(ended_utc) alone would be the text "soon")
        today = NOW.astimezone().date()
        counts = h.break_counts(today)
        assert set(counts) == {"due", "taken", "snoozed", "skipped", "away"}
        assert sum(h.breaks_taken_by_day().values()) == 3
        assert h.completed_today_before(10**6) >= 1
        assert h.close_orphans() == 0
    finally:
        h.close()


def test_the_recorder_and_the_reminder_reads_read_past_odd_rows(odd_ids: dict[str, int]) -> None:
    """The recorder's streak text, its lead side and its queries (the reminder's), with no
    notice that the history is not being recorded."""
    notices: list[str] = []
    recorder = HistoryRecorder(lambda: History(paths.history_file()), notices.append)
    try:
        assert recorder.streak_text() == "3 days in a row"
        assert recorder.next_lead("odd") is Side.RIGHT
        assert isinstance(recorder.query(lambda h: h.last_session_end()), datetime)
        assert isinstance(recorder.query(lambda h: h.break_counts(date.today())), dict)
        assert isinstance(recorder.query(progress_text), str)
    finally:
        recorder.close()
    assert notices == [] and recorder.unread == ""


def test_read_only_readers_read_past_odd_rows(
    odd_ids: dict[str, int], monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    """The lead side read without a recorder (`plan`, --no-history) and doctor's line."""
    routine, _ = load_routine(library.find_routine("quick-relief"), library)
    assert next_lead(routine) is Side.LEFT
    assert read_history(paths.history_file(), lambda v: v.next_lead("odd")) is Side.RIGHT
    assert read_history(paths.history_file(), lambda v: len(v.recent())) == 3 + len(POISON)
    code, out, err = cli(monkeypatch, ["plan", "quick-relief"])
    assert code == 0 and "Traceback" not in err
    from stretchtimer.doctor import history_line
    from stretchtimer.library.settings import Settings

    line, ok = history_line(Settings())
    assert ok and f"{len(POISON)} damaged rows" in line


def test_a_table_another_tool_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """NULLs where none belong, bytes, a number for a name, an infinite or negative time, the
    year 1: every format and every reader, and the good row is shown."""
    other_tools_table()
    for argv in (["history"], ["history", "--format", "json"], ["history", "--format", "csv"],
                 ["history", "--breaks"], ["plan", "quick-relief"]):
        code, out, err = cli(monkeypatch, argv)
        assert code == 0 and "Traceback" not in err + out, argv
    code, out, _ = cli(monkeypatch, ["history", "--format", "json"])
    assert [r["title"] for r in json.loads(out)] == ["Good"]
    h = History(paths.history_file())
    try:
        progress_text(h)
        assert h.streaks()[0] == 1 and h.last_session_end() is not None
        rows = h.recent()
        assert len(rows) == 5 and sum(1 for r in rows if r.damaged) == 4
        history_text(rows)
        breaks_text(h.breaks())
    finally:
        h.close()


def test_a_value_that_breaks_a_check_is_not_a_damaged_file(odd_ids: dict[str, int]) -> None:
    """SQLite's integrity check also reports values that break a CHECK (`pain_before = 'x'`):
    that is a row made odd, not a damaged file, so a session opening the history moves
    nothing aside and loses nothing."""
    h = History(paths.history_file())
    try:
        assert h.notice == "" and len(h.recent()) == 3 + len(POISON)
    finally:
        h.close()
    assert not any(".corrupt-" in p.name for p in paths.data_dir().iterdir())
