"""A history that moves: export and import round trips, two homes joined both ways and again
(the same union, nothing changed), files refused cleanly (newer, not an export, cut short,
too big, odd values), and text from an import kept as data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from clihelp import cli

from benchmarks.coach import write_history
from stretchtimer.history import moving
from stretchtimer.history.store import History
from stretchtimer.library import paths

TABLES = ("sessions", "steps", "breaks", "checks", "decisions")


def home(monkeypatch: pytest.MonkeyPatch, where: Path) -> Path:
    """Switch the user's home (each machine has its own); its history file."""
    monkeypatch.setenv(paths.HOME_ENV, str(where))
    return paths.history_file()


def contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, without the local row ids and pids, sorted."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        sessions = conn.execute(
            "SELECT routine, path, title, started_utc, ended_utc, status, segments_done,"
            " segments_total, seconds_held, pain_exercise, pain_side, feeling, lead_side,"
            " pain_before, pain_after, pain_region FROM sessions").fetchall()
        out["sessions"] = sorted(sessions, key=repr)
        out["steps"] = sorted(conn.execute(
            "SELECT s.started_utc, st.position, st.exercise, st.variant, st.side, st.planned,"
            " st.held, st.skipped, st.pain_stop, st.pain_score FROM steps st"
            " JOIN sessions s ON s.id = st.session_id").fetchall(), key=repr)
        for table in ("breaks", "checks", "decisions"):
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            out[table] = sorted((r[1:] for r in rows), key=repr)
        return out
    finally:
        conn.close()


def add_machine_rows(db: Path, offset: int) -> None:
    """A break, a check and a decision of this machine's own."""
    h = History(db)
    h.conn.execute("INSERT INTO breaks (at_utc, kind, routine) VALUES (?, 'taken', 'desk-break')",
                   (f"2026-11-0{offset}T10:00:00+00:00",))
    h.conn.execute("INSERT INTO checks (at_utc, region, score) VALUES (?, 'low-back', ?)",
                   (f"2026-11-0{offset}T07:00:00+00:00", offset))
    h.conn.execute(
        "INSERT INTO decisions (at_utc, key, choice, routine, rule, made)"
        " VALUES (?, ?, 'declined', 'morning', 'progress', '')",
        (f"2026-11-0{offset}T09:00:00+00:00", f"progress:morning:{offset}"))
    h.conn.commit()
    h.close()


def test_an_export_imported_into_an_empty_home_is_the_same_history(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Export, import elsewhere: every row of every table the same; again: nothing added."""
    work = home(monkeypatch, tmp_path / "work")
    write_history(work, 200)
    add_machine_rows(work, 1)
    export = tmp_path / "work.json"
    code, out, err = cli(monkeypatch, ["history", "export", str(export)])
    assert (code, err) == (0, "") and str(export) in out
    data = json.loads(export.read_text(encoding="utf-8"))
    assert data["format"] == "stretchtimer-history" and data["version"] == 2
    assert len(data["sessions"]) == 200 and len(data["sessions"][0]["steps"]) == 4
    laptop = home(monkeypatch, tmp_path / "laptop")
    code, out, _ = cli(monkeypatch, ["history", "import", str(export)])
    assert code == 0 and "200 new sessions (of 200) and 1 new break (of 1)" in out
    assert contents(laptop) == contents(work)
    code, out, _ = cli(monkeypatch, ["history", "import", str(export)])
    assert code == 0 and "0 new sessions (of 200) and 0 new breaks" in out
    assert contents(laptop) == contents(work)


def test_two_homes_joined_both_ways_and_again_are_the_same_union(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Work and home, each with sessions of its own: after work -> home and home -> work
    both hold the union, equal; a third and fourth exchange change nothing."""
    work, laptop = tmp_path / "w" / "data" / "history.db", tmp_path / "h" / "data" / "history.db"
    home(monkeypatch, tmp_path / "w")
    write_history(work, 120)
    add_machine_rows(work, 1)
    home(monkeypatch, tmp_path / "h")
    write_history(laptop, 80)  # some of the same start times as work's: those are not the same
    conn = sqlite3.connect(laptop)
    conn.execute("UPDATE sessions SET started_utc = replace(started_utc, '+00:00', '.5+00:00')")
    conn.commit()
    conn.close()
    add_machine_rows(laptop, 2)
    before_work, before_home = contents(work), contents(laptop)

    def move(source: str, target: str, name: str) -> None:
        home(monkeypatch, tmp_path / source)
        assert cli(monkeypatch, ["history", "export", str(tmp_path / name)])[0] == 0
        home(monkeypatch, tmp_path / target)
        assert cli(monkeypatch, ["history", "import", str(tmp_path / name)])[0] == 0

    move("w", "h", "1.json")
    move("h", "w", "2.json")
    union = contents(work)
    assert union == contents(laptop)
    assert len(union["sessions"]) == 200 and len(union["steps"]) == 800
    for table in TABLES:  # nothing either had was changed or lost
        assert set(before_work[table]) <= set(union[table])
        assert set(before_home[table]) <= set(union[table])
    move("w", "h", "3.json")
    move("h", "w", "4.json")
    assert contents(work) == contents(laptop) == union


def refused(monkeypatch: pytest.MonkeyPatch, path: Path) -> str:
    """Import `path`: exit 2, one line naming the file, nothing written."""
    db = paths.history_file()
    before = contents(db) if db.exists() else None
    code, out, err = cli(monkeypatch, ["history", "import", str(path)])
    assert (code, out) == (2, "") and err.count("\n") == 1 and str(path) in err, err
    assert "Traceback" not in err
    assert (contents(db) if db.exists() else None) == before
    return err


def test_files_that_are_not_whole_exports_are_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A newer version, a file that is not an export, one cut short, one over the bound,
    an odd value, a bomb of nesting: one line each, exit 2, nothing imported."""
    db = home(monkeypatch, tmp_path / "h")
    write_history(db, 20)
    export = tmp_path / "e.json"
    cli(monkeypatch, ["history", "export", str(export)])
    good = export.read_text(encoding="utf-8")
    home(monkeypatch, tmp_path / "other")
    write_history(paths.history_file(), 5)
    cases = {
        "newer": (good.replace('"version": 2', '"version": 3', 1), "newer stretchtimer"),
        "not-export": ('{"sessions": []}', "not a stretchtimer history export"),
        "cut-short": (good[: len(good) // 2], "damaged"),
        "odd-value": (good.replace('"status": "completed"', '"status": "fine"', 1),
                      "'status' is not a valid value: 'fine'"),
        "empty": ("\n", "the file is empty"),
        "extra-field": (good.replace('"title":', '"evil": 1, "title":', 1), "'evil'"),
        "nesting": ("[" * 100_000 + "]" * 100_000, "damaged"),
        "a-list": ("[1, 2, 3]", "not a stretchtimer history export"),
    }
    for name, (text, says) in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        assert says in refused(monkeypatch, path), name
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:
        out.truncate(moving.MOST_BYTES + 1)
    assert "larger than" in refused(monkeypatch, huge)
    assert "no such file" in refused(monkeypatch, tmp_path / "missing.json")


def test_text_from_an_import_is_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A title with terminal controls and a path that names a real file: stored as text,
    shown with escapes by `history`, and the file is never opened or followed."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: Secret\n", encoding="utf-8")
    db = home(monkeypatch, tmp_path / "h")
    write_history(db, 1)
    export = tmp_path / "e.json"
    cli(monkeypatch, ["history", "export", str(export)])
    data = json.loads(export.read_text(encoding="utf-8"))
    data["sessions"][0]["title"] = "Evil\x1b]0;owned\x07\x1b[2J"
    data["sessions"][0]["path"] = str(secret)
    data["sessions"][0]["started_utc"] = "2026-11-20T08:00:00+00:00"
    export.write_text(json.dumps(data), encoding="utf-8")
    code, _, _ = cli(monkeypatch, ["history", "import", str(export)])
    assert code == 0
    code, out, _ = cli(monkeypatch, ["history"])
    assert code == 0 and "\x1b" not in out and "Evil\\x1b]0;owned\\x07\\x1b[2J" in out
    assert secret.read_text(encoding="utf-8") == "title: Secret\n"


def test_an_export_never_replaces_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An existing file is left as it was, exit 2; `-` writes to standard output."""
    write_history(home(monkeypatch, tmp_path / "h"), 3)
    mine = tmp_path / "mine.json"
    mine.write_text("my notes", encoding="utf-8")
    code, _, err = cli(monkeypatch, ["history", "export", str(mine)])
    assert code == 2 and "already exists" in err and mine.read_text(encoding="utf-8") == "my notes"
    code, out, _ = cli(monkeypatch, ["history", "export", "-"])
    assert code == 0 and len(json.loads(out)["sessions"]) == 3
    assert list(tmp_path.glob(".export-*")) == []


def test_the_history_table_counts_exercises_as_the_summary_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`history`: `2 of 2` exercises for a whole quick-relief, `1 of 2` for one whose last
    hold was skipped past after a few seconds (as the summary counts: held to its end),
    pain as the progress page says it (`3 to 2`, `after 4`)."""
    db = home(monkeypatch, tmp_path / "h")
    h = History(db)
    for n, (skip, before) in enumerate(((False, 3), (True, None))):
        sid = h.begin("quick-relief", "", "Quick relief", 6, None)
        from stretchtimer.core.records import StepRecord

        steps = (StepRecord(0, "knee-to-chest", "single-knee-to-chest", "left", 20, 20),
                 StepRecord(1, "knee-to-chest", "double-knee-to-chest", None, 30,
                            3 if skip else 30, skip))
        h.end(sid, "completed", 6, 50.0, steps=steps)
        if before is not None:
            h.set_pain(sid, "before", before, "low-back")
        h.set_pain(sid, "after", 2 + 2 * n, "low-back")
    h.close()
    code, out, _ = cli(monkeypatch, ["history"])
    lines = out.splitlines()
    assert code == 0 and "Exercises  Pain" in lines[0]
    assert lines[1].endswith("1 of 2  after 4") and lines[2].endswith("2 of 2  3 to 2")


def test_a_version_1_export_still_imports(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An export from before `away` breaks (format version 1) is read as it is."""
    write_history(home(monkeypatch, tmp_path / "h"), 4)
    export = tmp_path / "e.json"
    cli(monkeypatch, ["history", "export", str(export)])
    export.write_text(export.read_text(encoding="utf-8").replace('"version": 2', '"version": 1',
                                                                 1), encoding="utf-8")
    home(monkeypatch, tmp_path / "other")
    code, out, _ = cli(monkeypatch, ["history", "import", str(export)])
    assert code == 0 and "4 new sessions (of 4)" in out
