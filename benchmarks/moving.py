"""Provides the moving history's benchmark: export, import (into an empty history, then the
same file again) and the report, over a generated history of 10,000 sessions with 40,000
steps (python3 -m benchmarks.moving); the baseline, in the same run, is 1,000 sessions."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.coach import NOW, write_history
from stretchtimer.history.moving import export_text, merge, read_export
from stretchtimer.history.view import HistoryView, read_history
from stretchtimer.library.registry import Library, exercise_title
from stretchtimer.present.report import html_page
from stretchtimer.present.report_facts import gather


def report_of(db: Path) -> str:
    """The HTML report over the whole generated span."""
    names = exercise_title(Library())

    def read(view: HistoryView) -> str:
        facts = gather(view.records(), view.checks(), view.decisions(), [],
                       date(2000, 1, 1), NOW.date())
        return html_page(facts, names)

    return read_history(db, read, now=lambda: NOW) or ""


def measure(count: int) -> dict[str, float]:
    """Seconds for each step at `count` sessions."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "a.db", Path(tmp) / "b.db"
        write_history(source, count)
        start = time.perf_counter()
        text, _ = export_text(source)
        out["export"] = time.perf_counter() - start
        for name in ("import", "import again"):
            start = time.perf_counter()
            merge(target, read_export(source, text))
            out[name] = time.perf_counter() - start
        start = time.perf_counter()
        assert "<table>" in report_of(source)
        out["report"] = time.perf_counter() - start
    return out


if __name__ == "__main__":
    small, big = measure(1_000), measure(10_000)
    print("task            1,000      10,000    ratio  (targets at 10,000: < 3 s; again < 1 s)")
    for task in small:
        print(f"{task:<14}{small[task]:>7.3f} s{big[task]:>9.3f} s{big[task] / small[task]:>8.2f}x")
