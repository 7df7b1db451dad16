"""Tests the progress page: the pain trend in words, routines, exercises, calendar and speed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from stretchtimer.core.records import StepRecord
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.present.history import SHADES, heat_map, shade
from stretchtimer.present.progress import progress_text

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC here, so the days are stable."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class Clock:
    """A clock that says what it is told."""

    def __init__(self) -> None:
        self.at = NOW

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    """The fake `now` every history here reads."""
    return Clock()


@pytest.fixture
def history(clock: Clock) -> Iterator[History]:
    """A fresh history in the test's home, on the fake clock."""
    h = History(paths.data_dir() / "history.db", now=clock)
    yield h
    h.close()


def step(
    position: int, exercise: str, side: str | None = None, pain_stop: bool = False,
    pain_score: int | None = None,
) -> StepRecord:
    """A 30-second step, held whole."""
    return StepRecord(position, exercise, "", side, 30.0, 30.0, False, pain_stop, pain_score)


def run(
    h: History,
    clock: Clock,
    days_ago: float,
    routine: str = "morning",
    before: int | None = None,
    after: int | None = None,
    region: str = "low-back",
    status: str = "completed",
    steps: tuple[StepRecord, ...] | None = None,
    title: str | None = None,
    held: float = 300.0,
) -> int:
    """One session, `days_ago` before NOW, scored as given."""
    clock.at = NOW - timedelta(days=days_ago)
    sid = h.begin(routine, "", title or routine.replace("-", " ").capitalize(), 4, None)
    h.end(sid, status, 4, held, steps=steps)
    for when, score in (("before", before), ("after", after)):
        if score is not None:
            h.set_pain(sid, when, score, region)
    clock.at = NOW
    return sid


def lines(page: str) -> list[str]:
    """The page's lines."""
    return page.splitlines()


def test_the_page_leads_with_the_trend_in_words(history: History, clock: Clock) -> None:
    """14 scored days from 6 down to 2: the first line says so, with the sessions counted."""
    scores = [6, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2]
    for i, score in enumerate(scores):
        run(history, clock, 13 - i + 0.2, before=score, after=max(0, score - 1))
    page = progress_text(history)
    assert lines(page)[0] == "Lower back: pain 6 to 2 over 14 days, 14 sessions"
    assert page.index("Lower back:") < page.index("Current streak:")


def test_the_trend_takes_only_the_last_14_scored_days(history: History, clock: Clock) -> None:
    """Older days fall out of the trend and its session count; each day's first score counts."""
    for i in range(10):
        run(history, clock, 40 - i, before=9, after=9)  # 10 older days at 9
    for i in range(14):
        run(history, clock, 13 - i + 0.5, before=5, after=5)
    run(history, clock, 0.1, before=0, after=0)  # later on the last day: not its first score
    page = progress_text(history)
    assert lines(page)[0] == "Lower back: pain about the same, around 5, over 14 days, 15 sessions"


def test_a_morning_check_is_the_days_first_score(history: History, clock: Clock) -> None:
    """The next-morning check, not the session's pain before, is the day's first score."""
    for i in range(6):
        clock.at = NOW - timedelta(days=5 - i, hours=10)
        history.record_check("neck", 8 if i < 3 else 3)
        run(history, clock, 5 - i, before=1, after=1, region="neck")
    assert lines(progress_text(history))[0] == "Neck and shoulders: pain 8 to 3 over 6 days, 6 sessions"


def test_a_change_of_one_is_about_the_same(history: History, clock: Clock) -> None:
    """From 4 to 3 (whole points) is about the same; with two regions, one line each."""
    for i, score in enumerate([4, 4, 4, 3, 3, 3]):
        run(history, clock, 6 - i, before=score, after=score)
    run(history, clock, 1, region="neck", before=2, after=7, routine="neck-easy")
    run(history, clock, 0.5, region="neck", before=7, after=7, routine="neck-easy")
    found = lines(progress_text(history))
    assert found[0] == "Lower back: pain about the same, around 3, over 6 days, 6 sessions"
    assert found[1] == "Neck and shoulders: pain 2 to 7 over 2 days, 2 sessions"


def test_no_scores_yet_says_how_to_get_them(history: History, clock: Clock) -> None:
    """Sessions without any pain score: guidance first, and the page still works."""
    run(history, clock, 1)
    page = progress_text(history)
    assert lines(page)[0].startswith("Pain: no pain scores yet. Answer the 0-10 question")
    assert "Morning: 1 session, no pain scores before and after" in page


def test_an_empty_history_still_has_a_page(history: History) -> None:
    """No sessions at all: the guidance and the empty calendar, no routine section."""
    page = progress_text(history)
    assert "no pain scores yet" in page and "Current streak: 0 days" in page
    assert "By routine" not in page and "Most used" not in page


def test_each_routine_by_title_with_change_and_zones(history: History, clock: Clock) -> None:
    """Sessions, the mean change after minus before (-0.25), and the zones, by title."""
    for i, (before, after) in enumerate([(5, 3), (4, 3), (5, 4), (3, 6)]):
        run(history, clock, 4 - i, routine="my-morning", title="Gentle morning",
            before=before, after=after)
    run(history, clock, 0.5, routine="desk", title="Desk break", status="stopped",
        before=3, steps=(step(0, "seated-twist", pain_stop=True),))
    page = progress_text(history)
    assert "By routine, since 21 Nov:" in page
    assert "  Gentle morning: 4 sessions, pain 0.2 less on average; 2 green, 1 amber, 1 red" in page
    assert "  Desk break: 1 session, no pain scores before and after; 1 red" in page
    assert "my-morning" not in page


def test_the_routine_section_covers_only_the_span(history: History, clock: Clock) -> None:
    """A routine run only before the trend's 14 scored days is not in "By routine"."""
    run(history, clock, 60, routine="old-one", before=5, after=5)
    for i in range(14):
        run(history, clock, 13 - i, before=4, after=3)
    page = progress_text(history)
    by_routine = page[page.index("By routine"):page.index("Most used")]
    assert "Old one" not in by_routine and "Morning: 14 sessions, pain 1.0 less" in by_routine
    assert "  Old one: 1" in page[page.index("Most used"):]


def test_exercises_followed_by_less_pain(history: History, clock: Clock) -> None:
    """An exercise in 2 scored sessions is ranked by its mean change; in 1, not shown."""
    both = (step(0, "cat-cow"), step(1, "child-pose"))
    run(history, clock, 3, before=6, after=2, steps=both)
    run(history, clock, 2, before=5, after=3, steps=(*both[:1], step(1, "bridge")))
    run(history, clock, 1, before=4, after=5, steps=(step(0, "child-pose"),))
    titles = {"cat-cow": "Cat-cow", "child-pose": "Child's pose", "bridge": "Bridge"}
    page = progress_text(history, titles.__getitem__)
    assert "Followed by less pain" in page
    assert "  Cat-cow: 3.0 less, over 2 sessions" in page
    assert "  Child's pose: 1.5 less, over 2 sessions" in page
    assert page.index("Cat-cow: 3.0") < page.index("Child's pose: 1.5")
    assert "Bridge" not in page


def test_exercises_followed_by_more_pain(history: History, clock: Clock) -> None:
    """Two sessions that went up after an exercise: said under "more pain"."""
    for days in (2, 1):
        run(history, clock, days, before=2, after=5, steps=(step(0, "deep-squat"),))
    assert "  deep-squat: 3.0 more, over 2 sessions" in progress_text(history)


def test_stops_from_steps_and_old_sessions_counted_once(history: History, clock: Clock) -> None:
    """"This hurts" from the steps by side, plus old stops without steps; a stopped session
    with steps is not counted twice through its pain_exercise."""
    run(history, clock, 3, steps=(step(0, "knee-to-chest", "left", pain_stop=True),
                                  step(1, "knee-to-chest", "right")))
    clock.at = NOW - timedelta(days=2)
    sid = history.begin("morning", "", "Morning", 4, None)
    history.end(sid, "stopped", 1, 30.0, "knee-to-chest", "left",
                steps=(step(0, "knee-to-chest", "left", pain_stop=True, pain_score=6),))
    for days in (1.5, 1):  # from before steps were kept
        clock.at = NOW - timedelta(days=days)
        sid = history.begin("morning", "", "Morning", 4, None)
        history.end(sid, "stopped", 1, 30.0, "piriformis", None)
    clock.at = NOW
    page = progress_text(history, {"knee-to-chest": "Knee to chest"}.__getitem__)
    stops = page[page.index('Stopped for pain ("this hurts")'):]
    assert "  Knee to chest (left side): 2 times" in stops
    assert "  piriformis: 2 times" in stops  # the names did not know it: its id
    assert "right side" not in stops


def test_names_that_raise_fall_back_to_the_id(history: History, clock: Clock) -> None:
    """A names function that fails or is absent shows the exercise id, made one line."""
    run(history, clock, 1, steps=(step(0, "odd\x1b[31mid", pain_stop=True),))

    def broken(exercise: str) -> str:
        raise KeyError(exercise)

    for names in (None, broken):
        page = progress_text(history, names)
        assert "\x1b" not in page and "odd\\x1b[31mid: 1 time" in page


def test_titles_from_the_history_are_made_one_line(history: History, clock: Clock) -> None:
    """A title with controls and newlines never reaches the terminal raw."""
    run(history, clock, 1, title="Evil\nline\x1b[2J", before=3, after=2)
    page = progress_text(history)
    assert "\x1b" not in page and "Evil\nline" not in page and "Evil line" in page


def test_most_used_counts_every_run(history: History, clock: Clock) -> None:
    """Stopped, quit and partial runs count too; most first, at most 5, by title."""
    for n, routine in enumerate(["a", "b", "c", "d", "e", "f"]):
        for i in range(n + 1):
            run(history, clock, 1 + i / 10, routine=routine, title=f"Routine {routine.upper()}",
                status=("completed", "stopped", "quit", "partial")[i % 4])
    assert history.routine_counts() == [
        ("Routine F", 6), ("Routine E", 5), ("Routine D", 4), ("Routine C", 3), ("Routine B", 2)
    ]
    page = progress_text(history)
    assert "Most used:\n  Routine F: 6\n  Routine E: 5" in page


def test_sections_come_in_order(history: History, clock: Clock) -> None:
    """Trend, streaks, calendar, routines, exercises, stops, most used, breaks, feelings."""
    sid = run(history, clock, 2, before=5, after=3, steps=(step(0, "cat-cow"),))
    history.set_feeling(sid, 6)
    run(history, clock, 1, before=4, after=2, steps=(step(0, "cat-cow", pain_stop=True),))
    history.record_break("taken", "morning")
    page = progress_text(history)
    heads = ["Lower back:", "Current streak:", "This week:", "Last 12 weeks", "By routine",
             "Followed by less pain", "Stopped for pain", "Most used:", "Breaks taken",
             "How your back felt after"]
    at = [page.index(h) for h in heads]
    assert at == sorted(at)


def test_the_busiest_day_is_always_the_darkest() -> None:
    """0.7 minutes at most: 3 * 0.7 / 0.7 is 2.999..., which drew the busiest day lighter."""
    for most in (0.7, 1.4, 1.9, 0.35, 7.1, 60.0):
        assert shade(most, most) == SHADES[-1]
        grid = [[most / 2, most, 0.0, -1.0]] + [[0.0] * 4] * 6
        assert heat_map(grid)[0] == f"Mon {SHADES[2]} {SHADES[-1]} - ·"
    assert shade(0.69, 0.7) != SHADES[-1] and shade(0.01, 0.7) == SHADES[1]


def test_the_busiest_day_on_the_page_is_darkest(history: History, clock: Clock) -> None:
    """42 seconds (0.7 minutes) on the busiest day: its square is the darkest."""
    run(history, clock, 0, held=42.0)
    run(history, clock, 1, held=12.0)
    page = progress_text(history)
    assert SHADES[-1] in page[page.index("Last 12 weeks"):]


def build_big(h: History) -> None:
    """10,000 sessions and 40,000 steps over 3 years, written straight to the tables (in one
    transaction: autocommit would make it one a row)."""
    h.conn.execute("BEGIN")
    first = NOW - timedelta(days=1100)
    sessions = [
        (i + 1, f"r{i % 7}", f"Routine {i % 7}", (first + timedelta(hours=2.6 * i)).isoformat(),
         ("completed", "stopped", "quit")[i % 3], 4, 4, 300.0, i % 9, (i * 7) % 11,
         ("low-back", "neck")[i % 2])
        for i in range(10_000)
    ]
    h.conn.executemany(
        "INSERT INTO sessions (id, routine, title, started_utc, status, segments_total,"
        " segments_done, seconds_held, pain_before, pain_after, pain_region)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sessions)
    h.conn.executemany(
        "INSERT INTO steps (session_id, position, exercise, variant, side, planned, held,"
        " skipped, pain_stop, pain_score) VALUES (?, ?, ?, '', ?, 30, 30, 0, ?, NULL)",
        [(s + 1, p, f"ex{(s + p) % 30}", ("left", "right", None)[p % 3],
          int((s + p) % 50 == 0)) for s in range(10_000) for p in range(4)])
    h.conn.executemany(
        "INSERT INTO checks (at_utc, region, score) VALUES (?, 'low-back', ?)",
        [((first + timedelta(days=d, hours=7)).isoformat(), d % 10) for d in range(1100)])
    h.conn.commit()


def test_the_page_is_fast_for_10000_sessions(history: History) -> None:
    """10,000 sessions and 40,000 steps: the page in well under 1.5 s (0.3 s is the aim)."""
    build_big(history)
    start = time.perf_counter()
    page = progress_text(history, str.upper)
    took = time.perf_counter() - start
    assert "Lower back: pain" in page and "By routine" in page and "EX" in page
    assert took < 1.5, took


def test_the_calendar_names_the_month_of_the_week_it_begins_in() -> None:
    """A column from Monday 30 November to Sunday 6 December is December's first."""
    from datetime import date

    from stretchtimer.present.history import month_header

    mondays = [date(2026, 11, 16) + timedelta(weeks=w) for w in range(4)]
    header = month_header(mondays)
    assert header.split() == ["Nov", "Dec"]
    assert header.index("Dec") == 4 + 2 * 2  # over the third column, 30 Nov - 6 Dec
