"""Provides the progress page's pain in words: the trend per region, then each routine's."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from stretchtimer.core.records import MorningCheck, SessionRecord
from stretchtimer.core.text import one_line
from stretchtimer.core.zones import Judge, RegionScores, Zone

REGION_NAMES = {"low-back": "Lower back", "neck": "Neck and shoulders"}
"""The body regions as the page names them."""
TREND_DAYS = 14
"""The trend covers this many of a region's last days with a pain score."""
ENDS = 3
"""The trend compares the mean of this many first scored days with this many last ones."""
SAME = 1
"""A change of this many whole points or less is "about the same"."""
NO_SCORES = (
    "Pain: no pain scores yet. Answer the 0-10 question after a session (and, with ask_pain:"
    " true, the one before), and this page will say in words how your pain is changing."
)
"""What the trend says before any pain score."""


@dataclass(frozen=True)
class Span:
    """The history read once for the page: every session, its local day, and the judge."""

    records: Sequence[SessionRecord]
    """Every session, oldest first."""
    days: Sequence[date]
    """Each session's local day, in the same order (ascending)."""
    judge: Judge
    """The zones and the first scores of each region's days."""
    since: date | None
    """The first day the page's span covers (None: no sessions at all)."""


def read_span(records: Sequence[SessionRecord], checks: Sequence[MorningCheck]) -> Span:
    """Find the days once and judge the whole history; the span starts where the earliest
    region's trend does, else (no scores) at the 14th last day with a session."""
    days = [r.started.astimezone().date() for r in records]
    judge = Judge(records, checks, days)
    starts = [w[0] for region in judge.regions() if (w := window(judge.scores(region)).days)]
    if starts:
        since: date | None = min(starts)
    else:
        distinct = sorted(set(days))
        since = distinct[-TREND_DAYS] if len(distinct) >= TREND_DAYS else min(days, default=None)
    return Span(records, days, judge, since)


def window(scores: RegionScores) -> RegionScores:
    """A region's last TREND_DAYS days with a score."""
    return RegionScores(scores.days[-TREND_DAYS:], scores.scores[-TREND_DAYS:])


def between(span: Span, first: date, last: date | None = None) -> Sequence[SessionRecord]:
    """The sessions from `first` to `last` (None: to the end), by binary search on the days."""
    end = len(span.days) if last is None else bisect_right(span.days, last)
    return span.records[bisect_left(span.days, first) : end]


def region_name(region: str) -> str:
    """`Lower back` for `low-back`; another region as its words."""
    return REGION_NAMES.get(region) or one_line(region.replace("-", " ")).capitalize()


def whole(value: float) -> int:
    """Rounded to a whole point, halves up (not to even)."""
    return math.floor(value + 0.5)


def plural(count: int, word: str) -> str:
    """`1 session`, `2 sessions`."""
    return f"{count} {word}" + ("s" if count != 1 else "")


def day_words(day: date) -> str:
    """`12 Nov`."""
    return f"{day.day} {day:%b}"


def trend_lines(span: Span) -> list[str]:
    """One line a region with scores: where its pain went over its last 14 scored days."""
    out = []
    for region in span.judge.regions():
        scores = window(span.judge.scores(region))
        if not scores.days:
            continue
        sessions = sum(
            1 for r in between(span, scores.days[0], scores.days[-1]) if r.region == region
        )
        out.append(trend_line(region_name(region), scores.scores, len(scores.days), sessions))
    return out or [NO_SCORES]


def trend_line(name: str, scores: Sequence[int], days: int, sessions: int) -> str:
    """`Lower back: pain 6 to 2 over 14 days, 9 sessions` (the means of the first and the
    last 3 scored days, or of halves when there are fewer than 6, in whole points)."""
    count = plural(sessions, "session")
    if days == 1:
        return f"{name}: pain {scores[0]} on the one day scored so far, {count}"
    ends = min(ENDS, len(scores) // 2)
    start = whole(sum(scores[:ends]) / ends)
    end = whole(sum(scores[-ends:]) / ends)
    if abs(end - start) <= SAME:
        return f"{name}: pain about the same, around {end}, over {days} days, {count}"
    return f"{name}: pain {start} to {end} over {days} days, {count}"


@dataclass
class RoutineSums:
    """One routine's sessions in the span, as they add up."""

    title: str
    """The title of its latest run (made safe)."""
    sessions: int = 0
    """Runs, of any status."""
    changes: list[int] = field(default_factory=list)
    """Pain after minus before, of the runs that gave both."""
    zones: dict[Zone, int] = field(default_factory=dict)
    """How many runs counted as each zone (an amber that did not settle is red)."""


def routine_lines(span: Span) -> list[str]:
    """`Morning: 9 sessions, pain 1.4 less on average; 7 green, 2 amber`, a routine run in
    the span, most run first."""
    if span.since is None:
        return []
    sums: dict[str, RoutineSums] = {}
    start = bisect_left(span.days, span.since)
    for record, day in zip(span.records[start:], span.days[start:], strict=True):
        title = one_line(record.title) or "Untitled routine"
        found = sums.setdefault(record.routine, RoutineSums(title))
        found.title = title
        found.sessions += 1
        if record.pain_before is not None and record.pain_after is not None:
            found.changes.append(record.pain_after - record.pain_before)
        zone = span.judge.judge(record, day).effective
        if zone is not None:
            found.zones[zone] = found.zones.get(zone, 0) + 1
    ranked = sorted(sums.values(), key=lambda s: (-s.sessions, s.title))
    return ["", f"By routine, since {day_words(span.since)}:"] + [
        f"  {routine_line(s)}" for s in ranked
    ]


def routine_line(sums: RoutineSums) -> str:
    """One routine's line."""
    line = f"{sums.title}: {plural(sums.sessions, 'session')}, {change_words(sums.changes)}"
    if sums.changes and len(sums.changes) < sums.sessions:
        line += f" ({len(sums.changes)} scored before and after)"
    zones = [f"{sums.zones[z]} {z.value}" for z in Zone if sums.zones.get(z)]
    return line + ("; " + ", ".join(zones) if zones else "")


def change_words(changes: Sequence[int]) -> str:
    """`pain 1.4 less on average`, `... more ...`, `no change in pain on average`, or that no
    run was scored before and after."""
    if not changes:
        return "no pain scores before and after"
    mean = sum(changes) / len(changes)
    if round(mean, 1) == 0:
        return "no change in pain on average"
    return f"pain {abs(mean):.1f} {'less' if mean < 0 else 'more'} on average"
