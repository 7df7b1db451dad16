"""Tests that only what records writes the history: `history`, `plan`, `list`, `doctor` and a
run with --no-history read it (an older version as far as it goes) and never create, migrate
or move it; two processes that both find it damaged keep the damaged file under a name of its
own; a folder that cannot be written is said so; a relative STRETCHTIMER_HOME is refused; "off"
is said only when the history is off."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from clihelp import cli, plain_run

from stretchtimer.core.errors import InputError
from stretchtimer.core.model import Side
from stretchtimer.history import aside
from stretchtimer.history.errors import HistoryError
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.store import MIGRATIONS, VERSION, History
from stretchtimer.history.view import read_history
from stretchtimer.library import paths
from stretchtimer.library.parse_cache import ParseCache

T0 = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
GARBAGE = b"this is not a database at all" * 100
READERS = (
    ["plan", "quick-relief"],
    ["plan", "quick-relief", "--format", "json"],
    ["history"],
    ["history", "--format", "json"],
    ["history", "--format", "csv"],
    ["history", "--breaks"],
    ["list"],
    ["doctor", "--quiet"],
)
"""Every command that only reads the history (doctor may exit 4: no sound player here)."""


def older(version: int, wal: bool) -> Path:
    """A history left by an older stretchtimer (format `version`), with two sessions of
    quick-relief, the last led by the left side where that was recorded."""
    db = paths.history_file()
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    for migration in MIGRATIONS[:version]:
        conn.executescript(migration)
    for n in range(2):
        conn.execute(
            "INSERT INTO sessions (routine, title, started_utc, ended_utc, status,"
            " segments_done, segments_total, seconds_held) VALUES"
            " ('quick-relief', 'Quick relief', ?, ?, 'completed', 6, 6, 60)",
            (T0.replace(day=18 + n).isoformat(), T0.replace(day=18 + n).isoformat()),
        )
    if version >= 2:
        conn.execute("UPDATE sessions SET lead_side = CASE id WHEN 1 THEN 'right' ELSE 'left' END")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    return db


def history_files() -> dict[str, tuple[bytes, int]]:
    """Every file of the history (the database, its WAL files, anything moved aside): its bytes
    and its modification time."""
    folder = paths.data_dir()
    if not folder.is_dir():
        return {}
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.iterdir()
        if p.name.startswith("history.db")
    }


def run_every_reader(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str, str]]:
    said = [cli(monkeypatch, argv) for argv in READERS]
    code, out, err, _ = plain_run(monkeypatch, ["quick-relief", "--no-history"])
    assert code == 0 and "Routine complete" in out, err
    return said


@pytest.mark.parametrize(("version", "wal"), [(1, False), (2, True), (3, False), (3, True)])
def test_readers_leave_an_older_history_exactly_as_it_is(
    monkeypatch: pytest.MonkeyPatch, version: int, wal: bool
) -> None:
    """An older format is read as far as it goes (its sessions, its lead side) and left as it
    is, byte for byte and to the nanosecond, with no -wal, -shm or moved-aside file; the next
    session that records upgrades it."""
    db = older(version, wal)
    before = history_files()
    assert list(before) == ["history.db"]
    said = run_every_reader(monkeypatch)
    assert history_files() == before
    assert all("Traceback" not in err for _, _, err in said)
    code, out, _ = cli(monkeypatch, ["history", "--format", "json"])
    assert code == 0 and [r["title"] for r in json.loads(out)] == ["Quick relief"] * 2
    code, out, _ = cli(monkeypatch, ["plan", "quick-relief", "--format", "json"])
    first = next(s["side"] for s in json.loads(out)["segments"] if s["side"])
    assert first == ("right" if version >= 2 else "left")  # the other side than last time
    h = History(db)  # what records: migrated now
    assert h.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert len(h.recent()) == 2
    h.close()


def test_readers_create_no_history_and_no_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With no history, none is made: no database, no folder (the parse cache, which is not
    the history, is kept elsewhere here, so that the folder's absence shows)."""
    monkeypatch.setattr("stretchtimer.cli.default_cache", lambda: ParseCache(tmp_path / "c.json"))
    said = run_every_reader(monkeypatch)
    assert not paths.data_dir().exists()
    assert all("Traceback" not in err for _, _, err in said)
    code, out, _ = cli(monkeypatch, ["history"])
    assert code == 0 and out.startswith("No sessions yet")
    code, out, _ = cli(monkeypatch, ["doctor", "--quiet"])
    assert f"History:  {paths.history_file()} (none yet" in out


def test_readers_in_their_own_process(private_home: Path) -> None:
    """The real command line, nothing patched: `plan` and `history` over an older history."""
    older(2, wal=True)
    before = history_files()
    env = {**os.environ, paths.HOME_ENV: str(private_home), "PLAYSOUND3_BACKEND": "none"}
    for argv in (["plan", "quick-relief"], ["history"]):
        done = subprocess.run([sys.executable, "-m", "stretchtimer", *argv], env=env,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
    assert history_files() == before


def test_a_newer_history_is_left_alone_by_every_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """A newer format: `history` refuses it in one line; `plan` and a --no-history run lead
    with the left side; the file is untouched."""
    h = History(paths.history_file())
    h.close()
    conn = sqlite3.connect(paths.history_file())
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = history_files()
    said = run_every_reader(monkeypatch)
    assert history_files() == before
    history_said = said[READERS.index(["history"])]
    assert history_said[0] == 2 and "newer stretchtimer" in history_said[2]


def test_a_damaged_history_is_said_by_readers_and_moved_only_by_a_writer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`history` says the file is damaged and that the next session moves it aside; it and
    every other reader leave it where it is. A session (History, what records) moves it."""
    db = paths.history_file()
    db.parent.mkdir(parents=True)
    db.write_bytes(GARBAGE)
    before = history_files()
    said = run_every_reader(monkeypatch)
    assert history_files() == before
    code, _, err = said[READERS.index(["history"])]
    assert code == 2 and "damaged" in err and "the next session that records moves it" in err
    assert said[READERS.index(["plan", "quick-relief"])][0] == 0
    h = History(db, now=lambda: T0)
    assert "moved to" in h.notice
    h.close()
    assert db.with_name("history.db.corrupt-20261120T073000Z").read_bytes() == GARBAGE


def test_a_live_history_is_read_through_its_wal(monkeypatch: pytest.MonkeyPatch) -> None:
    """While a session records (its WAL holds rows not yet in the file), `history` shows them."""
    h = History(paths.history_file())
    try:
        sid = h.begin("quick-relief", "", "Quick relief", 6, Side.LEFT)
        h.end(sid, "completed", 6, 60)
        assert Path(f"{paths.history_file()}-wal").exists()
        code, out, _ = cli(monkeypatch, ["history", "--format", "json"])
        assert code == 0 and len(json.loads(out)) == 1
    finally:
        h.close()


def test_a_writer_that_starts_mid_read_is_read_again() -> None:
    """A session that starts while a reader reads the file unlocked: the file changed, so the
    read is done again, through the WAL, and sees the new session."""
    db = paths.history_file()
    h = History(db)
    h.close()
    writers: list[History] = []
    reads: list[int] = []

    def read(view: object) -> int:
        if not writers:
            w = History(db)
            w.end(w.begin("r", "", "R", 1, None), "completed", 1, 1.0)
            writers.append(w)
        reads.append(len(view.recent()))  # type: ignore[attr-defined]
        return reads[-1]

    try:
        assert read_history(db, read) == 1 and reads == [0, 1]
    finally:
        writers[0].close()


def _race(db: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two threads open a damaged history, both finding it damaged before either moves it
    (a barrier where the move begins); their notices."""
    barrier = threading.Barrier(2, timeout=10)
    real = aside.set_aside

    def both_found_it(*args: object) -> object:
        barrier.wait()
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(aside, "set_aside", both_found_it)
    notices: list[str] = []
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            h = History(db, now=lambda: T0, lock_wait=5)
            notices.append(h.notice)
            h.end(h.begin("r", "", "R", 1, None), "completed", 1, 1.0)
            h.close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert errors == []
    return notices


def moved_aside() -> list[Path]:
    return sorted(p for p in paths.data_dir().iterdir()
                  if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm")))


def test_two_movers_at_once_keep_the_damaged_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both threads found the file damaged, in the same second: it is moved once and kept,
    whole; neither moves the new database the other started; both say where it went; both
    sessions are in the new one."""
    db = paths.history_file()
    db.parent.mkdir(parents=True)
    db.write_bytes(GARBAGE)
    notices = _race(db, monkeypatch)
    (kept,) = moved_aside()
    assert kept.read_bytes() == GARBAGE
    assert len(notices) == 2 and all(f"moved to {kept}" in n for n in notices)
    assert sum("by another stretchtimer" in n for n in notices) == 1
    h = History(db)
    assert len(h.recent()) == 2 and h.notice == ""
    h.close()


def test_a_name_already_taken_is_not_overwritten(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file moved aside in the same second before keeps its name; the new one gets `-2`."""
    db = paths.history_file()
    db.parent.mkdir(parents=True)
    first = db.with_name("history.db.corrupt-20261120T073000Z")
    first.write_bytes(b"an earlier damaged file")
    db.write_bytes(GARBAGE)
    h = History(db, now=lambda: T0)
    h.close()
    assert first.read_bytes() == b"an earlier damaged file"
    assert first.with_name(first.name + "-2").read_bytes() == GARBAGE


MOVER = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from stretchtimer.history import aside
from stretchtimer.history.store import History
db, gate, me = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
real = aside.set_aside
def both_found_it(*args):
    (gate / me).touch()
    deadline = time.monotonic() + 20
    while len(list(gate.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    return real(*args)
aside.set_aside = both_found_it
h = History(db, now=lambda: datetime(2026, 11, 20, 7, 30, tzinfo=UTC))
print(h.notice)
h.end(h.begin("r" + me, "", "R", 1, None), "completed", 1, 1.0)
h.close()
"""


def test_two_processes_moving_at_once_keep_the_damaged_file(tmp_path: Path) -> None:
    """The same race between two processes (each waits, where the move begins, until both
    are there)."""
    db = paths.history_file()
    db.parent.mkdir(parents=True)
    db.write_bytes(GARBAGE)
    gate = tmp_path / "gate"
    gate.mkdir()
    procs = [subprocess.Popen([sys.executable, "-c", MOVER, str(db), str(gate), str(n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in (1, 2)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    (kept,) = moved_aside()
    assert kept.read_bytes() == GARBAGE
    assert all(f"moved to {kept}" in out for out, _ in outs)
    h = History(db)
    assert sorted(r.routine for r in h.recent()) == ["r1", "r2"]
    h.close()


TINY = "title: Tiny\ndefaults:\n  prepare: 0\nsteps:\n  - exercise: cat-cow\n    hold: 1\n"


def test_a_folder_under_a_file_cannot_be_written_and_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data folder would be under a file (creating it fails, for root too): a session says
    it cannot write the history folder and why, never that it "is not a folder"; `history`
    and doctor say the same of reading it; the session runs."""
    blocker = tmp_path / "file"
    blocker.write_text("a file")
    data = blocker / "sub" / "data"
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    routine = tmp_path / "tiny.yaml"
    routine.write_text(TINY)
    code, out, err, _ = plain_run(monkeypatch, [str(routine)])
    assert code == 0 and "Routine complete" in out
    assert err.splitlines() == [
        f"History is not being recorded: cannot write the history folder {data}: "
        f"{blocker} is a file, not a folder"
    ]
    code, _, err = cli(monkeypatch, ["history"])
    assert err == f"stretchtimer: cannot read the history folder {data}: {blocker} is a file, not a folder\n"
    code, out, _ = cli(monkeypatch, ["doctor", "--quiet"])
    assert f"History:  cannot read the history folder {data}: {blocker} is a file, not" in out


def test_a_folder_the_system_refuses_is_said_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder where the system lets no one make one (/sys, for root too): said, with why."""
    data = Path("/sys/stretchtimer-test/data")
    if not Path("/sys").is_dir():
        pytest.skip("no /sys here")
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    with pytest.raises(HistoryError) as caught:
        History(paths.history_file())
    assert str(caught.value).startswith(f"cannot write the history folder {data}: ")
    assert "not a folder" not in str(caught.value)


def test_a_data_folder_that_is_a_file_is_still_called_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one case where "is not a folder" is the truth."""
    paths.data_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.data_dir().write_text("a file")
    with pytest.raises(HistoryError, match="is not a folder"):
        History(paths.history_file())


RELATIVE = "stretchtimer: STRETCHTIMER_HOME must be an absolute path (it is 'home')"


def test_a_relative_home_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the paths are made: an InputError, which the command line says and exits 2 for."""
    monkeypatch.setenv(paths.HOME_ENV, "home")
    for where in (paths.data_dir, paths.config_dir, paths.cache_dir, paths.state_dir):
        with pytest.raises(InputError) as caught:
            where()
        assert [str(p) for p in caught.value.problems] == [RELATIVE]


@pytest.mark.parametrize(
    "argv",
    [["list"], ["plan", "quick-relief"], ["history"], ["doctor", "--quiet"], ["show", "cat-cow"],
     ["check", "quick-relief"], ["quick-relief", "--plain", "--no-history"], ["--help"]],
)
def test_a_relative_home_is_refused_by_every_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argv: list[str]
) -> None:
    """One line, exit 2, and nothing made under the working directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(paths.HOME_ENV, "home")
    code, out, err = cli(monkeypatch, argv)
    assert (code, out, err.splitlines()) == (2, "", [RELATIVE])
    assert list(tmp_path.iterdir()) == []


def test_off_is_said_only_when_the_history_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """A history that failed says its failure, never that it is off; doctor says "off" for
    record_history: false only."""
    from stretchtimer.doctor import history_line
    from stretchtimer.library.settings import Settings

    paths.data_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.data_dir().write_text("a file")
    notices: list[str] = []
    recorder = HistoryRecorder(lambda: History(paths.history_file()), notices.append)
    assert recorder.query(lambda h: h.recent()) is None
    recorder.close()
    why = recorder.why_unread()
    assert why == recorder.failure and "is not a folder" in why and "off" not in why
    assert notices == [f"History is not being recorded: {recorder.failure}"]
    line, ok = history_line(Settings())
    assert not ok and "off" not in line and "is not a folder" in line
    assert history_line(Settings(record_history=False))[0].startswith("History:  off")
