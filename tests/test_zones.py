"""Tests the zones: first scores, baselines, references, green/amber/red and settling."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from stretchtimer.core.records import MorningCheck, SessionRecord, StepRecord
from stretchtimer.core.zones import (
    Judge,
    Settling,
    Zone,
    baseline,
    first_scores,
    judge,
    median,
    reference,
    zone_of,
)

DAY = date(2024, 12, 10)
"""The day most tests judge on."""


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A local, aware moment of `day`."""
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


def ago(days: int, day: date = DAY) -> date:
    """`days` before `day`."""
    return day - timedelta(days=days)


def session(
    day: date,
    before: int | None = None,
    after: int | None = None,
    *,
    hour: int = 9,
    status: str = "completed",
    region: str | None = "low-back",
    stop: bool = False,
) -> SessionRecord:
    """A session of one 60 s step, held in full (`stop`: "this hurts" pressed in it)."""
    step = StepRecord(0, "knee-to-chest", "single", None, 60.0, 60.0, pain_stop=stop)
    return SessionRecord(
        at(day, hour), "morning", "Morning", status, before, after, region, 60.0, (step,)
    )


def check(day: date, score: int | None, region: str = "low-back", hour: int = 7) -> MorningCheck:
    """A next-morning check answered on `day`."""
    return MorningCheck(at(day, hour), region, score)


def usual(score: int, days: int = 7, end: date = DAY) -> list[MorningCheck]:
    """A morning check of `score` on each of the `days` days before `end`."""
    return [check(ago(n, end), score) for n in range(1, days + 1)]


def test_green_at_after_3_amber_at_4() -> None:
    """After 3 with no reference is green; after 4 is amber."""
    assert zone_of(session(DAY, None, 3), None) is Zone.GREEN
    assert zone_of(session(DAY, None, 4), None) is Zone.AMBER
    assert zone_of(session(DAY, 3, 3), 3.0) is Zone.GREEN
    assert zone_of(session(DAY, 3, 4), 3.0) is Zone.AMBER
    assert zone_of(session(DAY, 0, 0), 0.0) is Zone.GREEN


def test_a_rise_of_1_is_noise_2_is_real() -> None:
    """Up 1 stays green; up 2 is amber even at a low score; down is green."""
    assert zone_of(session(DAY, 1, 2), 1.0) is Zone.GREEN
    assert zone_of(session(DAY, 1, 3), 1.0) is Zone.AMBER
    assert zone_of(session(DAY, 3, 1), 3.0) is Zone.GREEN
    assert zone_of(session(DAY, None, 3), 1.5) is Zone.GREEN  # up 1.5: still noise


def test_red_at_6_unless_it_came_down_2() -> None:
    """After 6 is red, unless the reference was 2 or more higher (8 to 6: amber)."""
    assert zone_of(session(DAY, None, 6), None) is Zone.RED
    assert zone_of(session(DAY, 5, 6), 5.0) is Zone.RED
    assert zone_of(session(DAY, 7, 6), 7.0) is Zone.RED  # down 1 is noise
    assert zone_of(session(DAY, 8, 6), 8.0) is Zone.AMBER
    assert zone_of(session(DAY, 10, 7), 10.0) is Zone.AMBER
    assert zone_of(session(DAY, 5, 5), 5.0) is Zone.AMBER


def test_a_rise_of_3_is_amber_4_is_red() -> None:
    """Up 3 is amber, up 4 is red, whatever the score after."""
    assert zone_of(session(DAY, 2, 5), 2.0) is Zone.AMBER
    assert zone_of(session(DAY, 1, 5), 1.0) is Zone.RED
    assert zone_of(session(DAY, 0, 3), 0.0) is Zone.AMBER
    assert zone_of(session(DAY, 0, 4), 0.0) is Zone.RED
    assert zone_of(session(DAY, None, 4), 0.5) is Zone.AMBER  # up 3.5


def test_stopped_for_pain_is_red_whatever_the_scores() -> None:
    """Stopped for pain, or "this hurts" pressed and carried on: red, even with no score."""
    assert zone_of(session(DAY, 2, 0, status="stopped"), 2.0) is Zone.RED
    assert zone_of(session(DAY, 2, 1, stop=True), 2.0) is Zone.RED
    assert zone_of(session(DAY, None, None, status="stopped"), None) is Zone.RED


def test_no_score_after_is_no_zone() -> None:
    """A skipped score after (and no stop) leaves the zone unknown."""
    assert zone_of(session(DAY, 2, None), 2.0) is None
    assert zone_of(session(DAY, None, None, status="quit"), None) is None


def test_first_score_prefers_the_morning_check() -> None:
    """The morning check is the day's first score even when a session started earlier."""
    records = [session(DAY, 5, 6, hour=6)]
    checks = [check(DAY, 2, hour=8)]
    assert first_scores(records, checks, "low-back") == {DAY: 2}


def test_first_score_is_the_earliest_sessions_before_else_after() -> None:
    """Without a check: the earliest session's pain before, else its pain after; a session
    with neither gives way to the next."""
    records = [
        session(DAY, 4, 1, hour=18),
        session(DAY, 6, 2, hour=8),
        session(ago(1), None, 3, hour=9),
        session(ago(1), 7, 7, hour=12),
        session(ago(2), None, None, hour=7),
        session(ago(2), 5, 5, hour=10),
    ]
    assert first_scores(records, [], "low-back") == {DAY: 6, ago(1): 3, ago(2): 5}


def test_skipped_answers_and_other_regions_are_not_scores() -> None:
    """A skipped check (None) is no score; other regions' scores do not count."""
    records = [session(DAY, 3, 2), session(ago(1), 8, 8, region="neck")]
    checks = [check(DAY, None, hour=6), check(ago(1), 9, region="neck")]
    assert first_scores(records, checks, "low-back") == {DAY: 3}
    assert first_scores(records, checks, "neck") == {ago(1): 9}
    assert first_scores(records, checks, "hips") == {}


def test_baseline_of_fewer_than_7_days() -> None:
    """With 3 days of data, the baseline is their median; with none, there is none."""
    checks = [check(ago(1), 2), check(ago(4), 4), check(ago(9), 3)]
    assert baseline([], checks, "low-back", DAY) == 3.0
    assert baseline([], [], "low-back", DAY) is None
    assert baseline([], checks, "low-back", ago(9)) is None  # strictly before


def test_baseline_is_the_last_7_days_with_data() -> None:
    """Only the last 7 days with data count: the 8th back is out, however far the gaps."""
    checks = [check(ago(2 * n), 1) for n in range(1, 8)]  # 7 days of 1, every other day
    checks.append(check(ago(20), 9))  # the 8th day back: left out
    assert baseline([], checks, "low-back", DAY) == 1.0
    assert baseline([], checks, "low-back", ago(2)) == 1.0  # 6 ones and the 9
    assert baseline([], checks[1:], "low-back", DAY) == 1.0
    many = [check(ago(n), 9) for n in range(1, 4)] + [check(ago(n), 1) for n in range(4, 11)]
    assert baseline([], many, "low-back", DAY) == 1.0  # 3 nines and 4 of the 7 ones


def test_baseline_leaves_out_the_day_itself() -> None:
    """The day's own score is not part of its baseline."""
    checks = [*usual(2), check(DAY, 9)]
    assert baseline([], checks, "low-back", DAY) == 2.0
    assert baseline([], checks, "low-back", DAY + timedelta(days=1)) == 2.0  # 9 among six 2s


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    """Four days of 1, 2, 3, 9: the baseline is 2.5."""
    checks = [check(ago(1), 9), check(ago(2), 1), check(ago(3), 3), check(ago(4), 2)]
    assert baseline([], checks, "low-back", DAY) == 2.5
    assert median([4, 1]) == 2.5
    assert median([5]) == 5.0


def test_reference_is_pain_before_else_the_baseline() -> None:
    """The reference is the session's own pain before, or the baseline of its day."""
    checks = usual(3)
    assert reference(session(DAY, 6, 6), [], checks) == 6.0
    assert reference(session(DAY, None, 6), [], checks) == 3.0
    assert reference(session(DAY, None, 6), [], []) is None


def test_baseline_as_reference_decides_the_zone() -> None:
    """With no pain before, after 5 against a usual 1 is red (up 4), against 2 amber."""
    assert judge(session(DAY, None, 5), [], usual(1)).zone is Zone.RED
    assert judge(session(DAY, None, 5), [], usual(2)).zone is Zone.AMBER


def test_amber_settled_within_1_of_the_baseline() -> None:
    """Next morning at the baseline + 1 is settled, + 2 is not (and then counts as red)."""
    amber = session(DAY, 2, 4, hour=18)
    settled = judge(amber, [amber], [*usual(2), check(DAY + timedelta(days=1), 3)])
    assert (settled.zone, settled.settling, settled.effective) == (
        Zone.AMBER, Settling.SETTLED, Zone.AMBER,
    )
    higher = judge(amber, [amber], [*usual(2), check(DAY + timedelta(days=1), 4)])
    assert (higher.zone, higher.settling, higher.effective) == (
        Zone.AMBER, Settling.NOT_SETTLED, Zone.RED,
    )
    lower = judge(amber, [amber], [*usual(2), check(DAY + timedelta(days=1), 0)])
    assert lower.settling is Settling.SETTLED


def test_amber_settling_is_unknown_without_a_next_morning_check() -> None:
    """No check the next morning (none, skipped, or only the day after) leaves it unknown."""
    amber = session(DAY, 2, 4)
    for checks in ([], [check(DAY + timedelta(days=1), None)], [check(DAY + timedelta(days=2), 2)]):
        judged = judge(amber, [amber], [*usual(2), *checks])
        assert judged.settling is Settling.UNKNOWN
        assert judged.effective is Zone.AMBER


def test_settling_without_a_baseline_uses_the_reference_then_3() -> None:
    """With no baseline the session's pain before is the mark; with neither, 3 or less."""
    amber = session(DAY, 3, 5)
    next_day = DAY + timedelta(days=1)
    assert judge(amber, [], [check(next_day, 4)]).settling is Settling.SETTLED
    assert judge(amber, [], [check(next_day, 5)]).settling is Settling.NOT_SETTLED
    blind = session(DAY, None, 4)
    assert judge(blind, [], [check(next_day, 3)]).settling is Settling.SETTLED
    assert judge(blind, [], [check(next_day, 4)]).settling is Settling.NOT_SETTLED


def test_settling_is_only_for_amber() -> None:
    """Green and red sessions have no settling."""
    assert judge(session(DAY, 1, 1), [], []).settling is None
    assert judge(session(DAY, 1, 8), [], [check(DAY + timedelta(days=1), 1)]).settling is None


def test_the_judge_answers_as_the_functions_do() -> None:
    """One Judge over a history gives the same baselines and zones as the plain functions."""
    records = [session(ago(n), n % 5, (n * 3) % 7) for n in range(30)]
    checks = [check(ago(n), n % 4) for n in range(0, 30, 3)]
    many = Judge(records, checks)
    for record in records:
        assert many.judge(record) == judge(record, records, checks)
        assert many.baseline("low-back", record.day) == baseline(
            records, checks, "low-back", record.day
        )


@pytest.mark.parametrize("region", [None, "neck"])
def test_a_session_without_a_scored_region_has_no_baseline(region: str | None) -> None:
    """A session of no region (or one without scores) is judged on its own scores alone."""
    judged = judge(session(DAY, None, 5, region=region), [], usual(1))
    assert judged.reference is None
    assert judged.zone is Zone.AMBER
