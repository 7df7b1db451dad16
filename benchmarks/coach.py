"""Provides the coach's benchmark: `today`, `suggest` and the progress page over generated
histories of 1,000 and 10,000 sessions (four steps each, a morning check most days), each
timed from the history file (read-only, as the commands read it) to its answer; the 1,000
run is the baseline the 10,000 run is a ratio of (python3 -m benchmarks.coach)."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stretchtimer.history.store import History
from stretchtimer.history.view import read_history
from stretchtimer.library.registry import Library, exercise_title
from stretchtimer.present.progress import progress_text
from stretchtimer.runner.coach import Coach, read_record

ROUTINES = ("morning", "desk-break", "after-sitting", "quick-relief", "before-sleep")
EXERCISES = ("knee-to-chest", "cat-cow", "childs-pose", "chin-tuck", "hip-flexor-stretch")
NOW = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


def write_history(path: Path, sessions: int) -> None:
    """`sessions` sessions over the days before NOW (about four a day), four steps each, a
    pain score before and after, a stop for pain now and then, and a morning check a day."""
    history = History(path)
    history.conn.execute("PRAGMA synchronous = OFF")  # (a generated file: no need to sync)
    history.conn.execute("BEGIN")  # one transaction, not one a row
    days = sessions // 4 + 1
    first = NOW - timedelta(days=days)
    rows = [
        (i + 1, ROUTINES[i % 5], ROUTINES[i % 5].replace("-", " ").capitalize(),
         (first + timedelta(hours=6.0 * i)).isoformat(), ("completed", "stopped")[i % 17 == 0],
         4, 4, 120.0, (i * 3) % 7, (i * 5) % 7, "low-back")
        for i in range(sessions)
    ]
    history.conn.executemany(
        "INSERT INTO sessions (id, routine, title, started_utc, status, segments_total,"
        " segments_done, seconds_held, pain_before, pain_after, pain_region)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    history.conn.executemany(
        "INSERT INTO steps (session_id, position, exercise, variant, side, planned, held,"
        " skipped, pain_stop, pain_score) VALUES (?, ?, ?, '', ?, 30, 28, 0, ?, ?)",
        [(s + 1, p, EXERCISES[(s + p) % 5], ("left", "right", None)[p % 3],
          int(s % 17 == 0 and p == 3), 6 if s % 17 == 0 and p == 3 else None)
         for s in range(sessions) for p in range(4)])
    history.conn.executemany(
        "INSERT INTO checks (at_utc, region, score) VALUES (?, 'low-back', ?)",
        [((first + timedelta(days=d, hours=7)).isoformat(), d % 6) for d in range(days)])
    history.conn.commit()
    history.close()


def tasks(db: Path, library: Library) -> dict[str, Callable[[], object]]:
    """Each thing measured, as a command does it: the history read, then the answer."""
    now = NOW.astimezone

    def coach() -> Coach:
        return Coach(library, read=lambda: read_record(db), clock=now)

    def progress() -> str | None:
        names = exercise_title(library)
        return read_history(db, lambda view: progress_text(view, names), now=lambda: NOW)

    return {
        "today": lambda: coach().today(None),
        "suggest": lambda: coach().suggestions(),
        "progress page": progress,
    }


def measure(
    counts: tuple[int, ...] = (1_000, 10_000),
    runs: int = 5,
    timer: Callable[[], float] = time.perf_counter,
) -> dict[str, list[float]]:
    """{task: median seconds at each count}; the counts take turns run by run (`timer`:
    time.process_time for CPU time, as the test suite's guard measures beside other work)."""
    library = Library()
    Coach(library).routines  # noqa: B018 (the routines loaded once: every command does it)
    with tempfile.TemporaryDirectory() as tmp:
        dbs = []
        for count in counts:
            db = Path(tmp) / f"{count}.db"
            write_history(db, count)
            dbs.append(db)
        times: dict[str, list[list[float]]] = {}
        for _ in range(runs):
            for n, db in enumerate(dbs):
                for name, task in tasks(db, library).items():
                    start = timer()
                    assert task() is not None
                    times.setdefault(name, [[] for _ in dbs])[n].append(timer() - start)
    return {name: [statistics.median(t) for t in per] for name, per in times.items()}


def report() -> list[str]:
    """The table: seconds at 1,000 and 10,000 sessions and the ratio."""
    out = ["task              1,000     10,000    ratio (target: < 2x, < 0.3 s)"]
    for name, (small, big) in measure().items():
        out.append(f"{name:<16}{small:>7.3f} s{big:>9.3f} s{big / small:>8.2f}x")
    return out


if __name__ == "__main__":
    print("\n".join(report()))
