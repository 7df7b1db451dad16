"""The clinician's report: its content on a known history (adherence, pain by week with the
zones, where it hurt, routines, suggestions accepted), nothing outside the span, and every
string from the history escaped for the format it goes into (no tag, no script, no remote
resource in the HTML)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from clihelp import cli

from stretchtimer.cli.reporting import first_day
from stretchtimer.history.store import History
from stretchtimer.library import paths

HOSTILE = '<script>alert(1)</script><img src="http://x/y.png"> *bold* | pipe [l](http://x) &amp;'


def local_noon(days_ago: int) -> str:
    moment = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    return (moment - timedelta(days=days_ago)).astimezone(UTC).isoformat()


def seed() -> None:
    """Three sessions in the last week (one stopped for pain on the left), one 40 days ago,
    two breaks taken, an accepted suggestion; a hostile title and exercise id."""
    h = History(paths.history_file())
    rows = [
        (1, "morning", "Morning", local_noon(1), "completed", 300.0, 5, 3, None),
        (2, "morning", "Morning", local_noon(2), "completed", 240.0, 6, 4, None),
        (3, "evil", HOSTILE, local_noon(3), "stopped", 60.0, 4, None, "knee-to-chest"),
        (4, "morning", "Morning", local_noon(40), "completed", 300.0, 9, 9, None),
    ]
    h.conn.execute("BEGIN")
    for sid, routine, title, at, status, held, before, after, pain_ex in rows:
        h.conn.execute(
            "INSERT INTO sessions (id, routine, title, started_utc, status, seconds_held,"
            " pain_before, pain_after, pain_region, pain_exercise, pain_side)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'low-back', ?, ?)",
            (sid, routine, title, at, status, held, before, after, pain_ex,
             "left" if pain_ex else None))
    h.conn.execute(
        "INSERT INTO steps (session_id, position, exercise, variant, side, planned, held,"
        " pain_stop, pain_score) VALUES (3, 0, 'knee-to-chest', 'single-knee-to-chest', 'left',"
        " 20, 5, 1, 6), (3, 1, ?, '', NULL, 20, 0, 1, NULL)", (HOSTILE,))
    for days in (1, 2):
        h.conn.execute("INSERT INTO breaks (at_utc, kind, routine) VALUES (?, 'taken', 'x')",
                       (local_noon(days),))
    h.conn.execute(
        "INSERT INTO decisions (at_utc, key, choice, routine, rule, made)"
        " VALUES (?, 'k', 'accepted', 'morning', 'progress', 'morning-coached')",
        (local_noon(1),))
    h.conn.commit()
    h.close()


def test_the_report_says_what_was_recorded_in_the_span(monkeypatch: pytest.MonkeyPatch) -> None:
    seed()
    code, out, err = cli(monkeypatch, ["report", "--since", "2w"])
    assert (code, err) == (0, "")
    today = datetime.now().astimezone().date()
    assert out.startswith(f"# stretchtimer report, {today - timedelta(days=13)} to {today}")
    assert "| days with a session | 3 |" in out
    assert "| sessions (completed) | 3 (2) |" in out
    assert "| minutes held | 10 |" in out  # 300 + 240 + 60 s: the one 40 days ago is outside
    assert "| reminder breaks taken (of those offered) | 2 (0) |" in out
    assert "## Pain: Lower back, by week" in out and "red" in out and "green" in out
    assert "| Knee-to-Chest Stretch | left | 1 |" in out  # a title, not an id
    assert "| Morning | 2 (2) | 9 | -2.0 |" in out
    assert "| progress | morning-coached |" in out


def test_markdown_escapes_the_history_s_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hostile title stays one table cell: its pipes, brackets, stars and tags escaped."""
    seed()
    out = cli(monkeypatch, ["report"])[1]
    lines = [row for row in out.splitlines() if "alert(1)" in row]
    assert len(lines) == 2  # where it hurt (as an exercise), and the routines done
    for line, cells in zip(lines, (3, 4), strict=True):
        assert "\\<script\\>" in line and "\\*bold\\*" in line and "\\| pipe" in line
        assert "\\[l\\](http://x)" in line and "\\&amp;" in line
        assert len(re.findall(r"(?<!\\)\|", line)) == cells + 1  # its table's cells, no more


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs


def test_the_html_is_self_contained_and_escapes_everything(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Only our own tags; no script, no attribute that fetches or runs anything; the hostile
    strings are text; -o writes a new file and never replaces one."""
    seed()
    target = tmp_path / "report.html"
    code, out, _ = cli(monkeypatch, ["report", "--format", "html", "-o", str(target)])
    assert code == 0 and str(target) in out
    page = target.read_text(encoding="utf-8")
    parser = Tags()
    parser.feed(page)
    assert parser.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p",
                           "table", "tr", "th", "td"}
    assert parser.attrs == [("lang", "en"), ("charset", "utf-8"), ("class", "note")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp;amp;" in page
    assert not re.search(r"https?://[^<]*\"", page) and "<script" not in page
    code, _, err = cli(monkeypatch, ["report", "-o", str(target)])
    assert code == 2 and "already exists" in err and target.read_text(encoding="utf-8") == page


def test_an_empty_history_and_the_span_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """No history: a report that says none was recorded (and no history is created); --since
    takes 4w, 30d or a date, and says what it takes otherwise."""
    code, out, _ = cli(monkeypatch, ["report"])
    assert code == 0 and "None recorded." in out and not paths.history_file().exists()
    today = date(2026, 12, 2)
    assert first_day("4w", today) == date(2026, 11, 5)
    assert first_day("30d", today) == date(2026, 11, 3)
    assert first_day("2026-11-01", today) == date(2026, 11, 1)
    code, _, err = cli(monkeypatch, ["report", "--since", "soon"])
    assert code == 2 and "'soon' is not a span like 4w" in err
    code, _, err = cli(monkeypatch, ["report", "--since", "2999-01-01"])
    assert code == 2 and "2999-01-01 is after today" in err
