"""Tests the history store: schema, migration, statuses, crashes, signals, concurrency, streaks."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import write

from stretchtimer.cli import main
from stretchtimer.core.model import Side
from stretchtimer.core.streaks import calendar_weeks, local_day, streaks
from stretchtimer.history.store import MIGRATIONS, VERSION, History
from stretchtimer.library import paths

T0 = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)


def fixed(moment: datetime) -> History:
    return History(paths.data_dir() / "history.db", now=lambda: moment)


def add(
    history: History, routine: str, status: str, held: float = 60, lead: Side | None = None
) -> int:
    sid = history.begin(routine, f"/r/{routine}.yaml", routine.title(), 6, lead)
    history.end(sid, status, 6 if status == "completed" else 2, held)
    return sid


def test_fresh_schema_is_current_private_and_wal() -> None:
    """A new database has the current version, WAL mode, and is private (0600 in 0700)."""
    h = fixed(T0)
    assert h.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert h.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    cols = {r[1] for r in h.conn.execute("PRAGMA table_info(sessions)")}
    assert {"feeling", "lead_side", "status", "seconds_held", "pain_exercise"} <= cols
    add(h, "morning", "completed")
    assert stat.S_IMODE(h.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(h.path.parent.stat().st_mode) == 0o700
    wal = Path(f"{h.path}-wal")
    assert not wal.exists() or stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_migration_from_version_1_keeps_data() -> None:
    """A version-1 database is migrated in a transaction; its rows survive."""
    db = paths.data_dir() / "history.db"
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0])
    conn.execute(
        "INSERT INTO sessions (routine, started_utc, status) VALUES ('morning', ?, 'completed')",
        (T0.isoformat(),),
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    h = fixed(T0)
    assert h.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    (row,) = h.recent()
    assert (row.routine, row.status, row.feeling, row.lead_side) == (
        "morning",
        "completed",
        None,
        None,
    )


@pytest.mark.parametrize("status", ["completed", "quit", "stopped", "interrupted"])
def test_each_status(status: str) -> None:
    """Every ending is stored as it was."""
    h = fixed(T0)
    sid = h.begin("quick-relief", "/x.yaml", "Quick relief", 6, Side.LEFT)
    assert h.recent()[0].status == "running"
    h.end(sid, status, 3, 42.0, "knee-to-chest" if status == "stopped" else None, "left")
    row = h.recent()[0]
    assert (row.status, row.segments_done, row.seconds_held) == (status, 3, 42.0)
    assert row.ended_utc == T0.isoformat()
    with pytest.raises(ValueError):
        h.end(sid, "exploded", 0, 0)


def test_feeling_is_stored_and_checked() -> None:
    """The 0-9 feeling is stored; out of range is refused."""
    h = fixed(T0)
    sid = add(h, "morning", "completed")
    h.set_feeling(sid, 7)
    assert h.recent()[0].feeling == 7
    with pytest.raises(ValueError):
        h.set_feeling(sid, 10)


def test_lead_side_alternates() -> None:
    """The side that leads alternates between runs of the same routine."""
    h = fixed(T0)
    assert h.next_lead("quick-relief") is Side.LEFT
    add(h, "quick-relief", "completed", lead=Side.LEFT)
    assert h.next_lead("quick-relief") is Side.RIGHT
    add(h, "morning", "completed", lead=Side.RIGHT)
    assert h.next_lead("quick-relief") is Side.RIGHT  # other routines do not count
    add(h, "quick-relief", "quit", lead=Side.RIGHT)
    assert h.next_lead("quick-relief") is Side.LEFT


def test_plan_command_shows_the_next_lead(capsys: pytest.CaptureFixture[str]) -> None:
    """`plan` shows the side order the next run will use."""
    h = fixed(T0)
    add(h, "quick-relief", "completed", lead=Side.LEFT)
    h.close()
    assert main(["plan", "quick-relief", "--format", "json"]) == 0
    sides = [
        s["side"] for s in json.loads(capsys.readouterr().out)["segments"] if s["kind"] == "hold"
    ]
    assert sides == ["right", "left", None]


def test_corrupt_database_is_moved_aside() -> None:
    """A corrupt file is kept beside, with a timestamp, and said; a new one starts."""
    db = paths.data_dir() / "history.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database at all" * 100)
    h = fixed(T0)
    aside = db.with_name("history.db.corrupt-20261120T073000Z")
    assert aside.read_bytes().startswith(b"this is not a database")
    assert f"moved to {aside} and a new one started" in h.notice
    add(h, "morning", "completed")
    assert len(h.recent()) == 1


@pytest.mark.parametrize(
    ("days", "today", "expected"),
    [
        ([date(2026, 1, 30), date(2026, 1, 31), date(2026, 2, 1)], date(2026, 2, 1), (3, 3)),
        ([date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1)], date(2026, 1, 2), (3, 3)),
        ([date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)], date(2024, 3, 1), (3, 3)),
        ([date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 5)], date(2026, 3, 5), (1, 2)),
        ([date(2026, 3, 1), date(2026, 3, 2)], date(2026, 3, 4), (0, 2)),
        ([], date(2026, 3, 4), (0, 0)),
    ],
)
def test_streak_arithmetic(days: list[date], today: date, expected: tuple[int, int]) -> None:
    """Streaks across month, leap-day and year ends; a streak lives until a day is missed."""
    assert streaks(days, today) == expected


def test_days_are_local_days() -> None:
    """The same UTC instant is a different day in different zones."""
    stamp = "2026-01-01T02:30:00+00:00"
    assert local_day(stamp, ZoneInfo("UTC")) == date(2026, 1, 1)
    assert local_day(stamp, ZoneInfo("America/New_York")) == date(2025, 12, 31)
    assert local_day(stamp, ZoneInfo("Asia/Tokyo")) == date(2026, 1, 1)


def test_streak_from_the_database_in_a_zone() -> None:
    """Sessions late in the evening in New York count for that local day."""
    ny = ZoneInfo("America/New_York")
    h = fixed(T0)
    for day in (18, 19, 20):  # 01:30 UTC = 20:30 the evening before in New York
        h.now = lambda d=day: datetime(2026, 11, d, 1, 30, tzinfo=UTC)  # type: ignore[misc]
        add(h, "morning", "completed")
    h.now = lambda: datetime(2026, 11, 21, 23, 0, tzinfo=UTC)
    # New York: sessions on the 17th, 18th, 19th; it is now the 21st there: the streak broke.
    assert h.streaks(ny) == (0, 3)
    # UTC: sessions on the 18th, 19th, 20th; it is the 21st: still alive.
    assert h.streaks(ZoneInfo("UTC")) == (3, 3)


def test_calendar_grid() -> None:
    """Twelve columns of weeks, Monday first; future days marked."""
    today = date(2026, 11, 25)  # a Wednesday
    grid = calendar_weeks({today: 5.0, today - timedelta(days=7): 2.0}, today)
    assert len(grid) == 7 and all(len(row) == 12 for row in grid)
    assert grid[2][11] == 5.0 and grid[2][10] == 2.0
    assert grid[3][11] == -1.0 and grid[0][0] == 0.0


def test_history_command_table_json_csv(capsys: pytest.CaptureFixture[str]) -> None:
    """`history` as a table, as JSON and as CSV, with --since."""
    h = fixed(T0 - timedelta(days=3))
    add(h, "morning", "completed")
    h.now = lambda: T0
    sid = add(h, "quick-relief", "stopped")
    h.set_feeling(sid, 4)
    h.close()
    assert main(["history"]) == 0
    table = capsys.readouterr().out
    assert "Quick-Relief" in table and "stopped" in table and "Morning" in table
    assert main(["history", "--format", "json", "--since", "2026-11-19"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["routine"] for r in data] == ["quick-relief"] and data[0]["feeling"] == 4
    assert main(["history", "--format", "csv"]) == 0
    csv_lines = capsys.readouterr().out.strip().splitlines()
    assert csv_lines[0].startswith("id,routine,path,title,started_utc")
    assert len(csv_lines) == 3
    assert main(["history", "--since", "yesterday"]) == 2


def _spawn_plain(routine: Path, home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, paths.HOME_ENV: str(home), "PLAYSOUND3_BACKEND": "none"}
    return subprocess.Popen(
        [sys.executable, "-m", "stretchtimer", str(routine), "--plain", "--mute"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_row(db: Path, status: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=1)
                found = conn.execute("SELECT status FROM sessions").fetchall()
                conn.close()
                if (status,) in found:
                    return
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    raise AssertionError(f"no {status} row appeared")


LONG = "title: Long\nsteps:\n  - exercise: cat-cow\n    hold: 600\n"


def test_sigkill_leaves_a_sound_database_and_an_interrupted_row(
    tmp_path: Path, private_home: Path
) -> None:
    """A process killed with SIGKILL mid-session: integrity ok, and the session is interrupted."""
    routine = write(tmp_path, "long.yaml", LONG)
    proc = _spawn_plain(routine, private_home)
    db = paths.data_dir() / "history.db"
    try:
        _wait_for_row(db, "running")
    finally:
        proc.kill()
        proc.wait()
    h = History(db)
    assert h.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert h.close_orphans() == 1
    assert h.recent()[0].status == "interrupted"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_close_the_row(tmp_path: Path, private_home: Path, signum: int) -> None:
    """SIGTERM or SIGHUP mid-session closes the row at once and exits 128+N."""
    routine = write(tmp_path, "long.yaml", LONG)
    proc = _spawn_plain(routine, private_home)
    db = paths.data_dir() / "history.db"
    _wait_for_row(db, "running")
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=15)
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert out.strip().splitlines()[-1] == "Session stopped (interrupted)."
    row = History(db).recent()[0]
    assert row.status == "interrupted" and row.ended_utc is not None


WRITER = """
import sys
from pathlib import Path
from stretchtimer.history.store import History
h = History(Path(sys.argv[1]))
for i in range(60):
    sid = h.begin("r" + sys.argv[2], "", "R", 1, None)
    h.end(sid, "completed", 1, 1.0)
"""


def test_two_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    """Two processes writing at once both keep every session."""
    db = tmp_path / "data" / "history.db"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(n)], stderr=subprocess.PIPE, text=True
        )
        for n in (1, 2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    h = History(db)
    counts = dict(h.conn.execute("SELECT routine, COUNT(*) FROM sessions GROUP BY routine"))
    assert counts == {"r1": 60, "r2": 60}
    assert (
        h.conn.execute("SELECT COUNT(*) FROM sessions WHERE status != 'completed'").fetchone()[0]
        == 0
    )


def test_no_history_records_nothing(
    tmp_path: Path, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--no-history, and the record_history setting, write no database at all."""
    from clihelp import plain_run

    routine = write(
        tmp_path,
        "tiny.yaml",
        "title: T\ndefaults:\n  prepare: 0\nsteps:\n  - exercise: cat-cow\n    hold: 1\n",
    )
    code, out, _, _ = plain_run(monkeypatch, [str(routine), "--no-history"])
    assert code == 0 and "Routine complete" in out
    assert not paths.history_file().exists()
    write(paths.config_dir(), "settings.yaml", "record_history: false\n")
    code, out, _, _ = plain_run(monkeypatch, [str(routine)])
    assert code == 0 and "Routine complete" in out
    assert not paths.history_file().exists()


@pytest.mark.parametrize(
    ("how", "status"),
    [
        ("finish", "completed"),
        ("skip", "partial"),
        ("pain", "stopped"),
        ("quit", "quit"),
        ("interrupted", "interrupted"),
    ],
)
def test_history_status_follows_the_session(how: str, status: str) -> None:
    """The recorded status is derived from how the session ended."""
    from fakes import FakeClock, make_plan

    from stretchtimer.core.engine import Session
    from stretchtimer.history.recorder import history_status

    clock = FakeClock()
    session = Session(make_plan(("hold", 5, None)), clock)
    session.start()
    if how == "finish":
        for _ in range(5):
            clock.advance(1)
            session.tick()
    elif how == "skip":
        session.next()
    else:
        session.stop(how)
    assert history_status(session) == status


@pytest.mark.parametrize(
    "title", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]
)
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(
    title: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title that a spreadsheet would take for a formula gets a leading quote (OWASP); the
    numbers in the row stay numbers."""
    import csv
    import io

    from clihelp import cli

    from stretchtimer.core.text import one_line

    h = fixed(T0)
    sid = h.begin("r", "", title, 4, None)
    h.end(sid, "completed", 4, 12.5)
    h.close()
    code, out, _ = cli(monkeypatch, ["history", "--format", "csv"])
    header, row = list(csv.reader(io.StringIO(out)))
    cells = dict(zip(header, row, strict=True))
    assert code == 0 and cells["title"] == "'" + one_line(title)  # (tab and CR as spaces)
    assert (cells["id"], cells["segments_done"], cells["seconds_held"]) == (str(sid), "4", "12.5")


def test_csv_has_its_header_with_no_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sessions yet: the CSV is its header row alone, so a script can still read it."""
    from clihelp import cli

    code, out, _ = cli(monkeypatch, ["history", "--format", "csv"])
    assert code == 0 and out.splitlines() == [
        "id,routine,path,title,started_utc,ended_utc,status,segments_done,segments_total,"
        "seconds_held,pain_exercise,pain_side,feeling,lead_side,pain_before,pain_after,"
        "pain_region"
    ]
