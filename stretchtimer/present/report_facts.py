"""Provides what the clinician's report says, gathered from the record: the dates covered,
adherence, the pain by region and week with the zones, where "this hurts" was pressed, the
suggestions accepted and the routines done. Only what was recorded; nothing is inferred."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from stretchtimer.core.records import Decision, MorningCheck, SessionRecord
from stretchtimer.core.streaks import week_start
from stretchtimer.core.zones import Judge, Zone

Names = Callable[[str], str]


@dataclass
class Week:
    """One week of one region: its sessions, the mean of its days' first scores, its zones."""

    start: date
    sessions: int = 0
    first_scores: list[int] = field(default_factory=list)
    zones: Counter[Zone] = field(default_factory=Counter)

    @property
    def mean(self) -> float | None:
        return sum(self.first_scores) / len(self.first_scores) if self.first_scores else None


@dataclass
class RoutineDone:
    """One routine over the report's span."""

    title: str
    sessions: int = 0
    completed: int = 0
    minutes: float = 0.0
    changes: list[int] = field(default_factory=list)
    """Pain after minus before, where both were given."""


@dataclass
class ReportFacts:
    """Everything the report shows."""

    first: date
    last: date
    days: int = 0
    sessions: int = 0
    completed: int = 0
    minutes: float = 0.0
    breaks_taken: int = 0
    breaks_due: int = 0
    regions: dict[str, list[Week]] = field(default_factory=dict)
    stops: Counter[tuple[str, str | None]] = field(default_factory=Counter)
    accepted: list[Decision] = field(default_factory=list)
    routines: list[RoutineDone] = field(default_factory=list)


def _regions(
    records: Sequence[SessionRecord], checks: Sequence[MorningCheck], since: date
) -> dict[str, list[Week]]:
    """Each region's weeks: sessions, the days' first scores, and each session's zone."""
    days = [r.day for r in records]
    judge = Judge(records, checks, days)
    out: dict[str, dict[date, Week]] = {}
    for record, day in zip(records, days, strict=True):
        if day < since or record.region is None:
            continue
        week = week_start(day)
        found = out.setdefault(record.region, {}).setdefault(week, Week(week))
        found.sessions += 1
        zone = judge.judge(record, day).effective
        if zone is not None:
            found.zones[zone] += 1
    for region in judge.regions():
        for day, score in judge.scores(region).as_dict().items():
            if day >= since:
                week = week_start(day)
                out.setdefault(region, {}).setdefault(week, Week(week)).first_scores.append(score)
    return {region: sorted(weeks.values(), key=lambda w: w.start)
            for region, weeks in sorted(out.items())}


def gather(
    records: Sequence[SessionRecord],
    checks: Sequence[MorningCheck],
    decisions: Sequence[Decision],
    breaks: Sequence[tuple[date, str]],
    since: date,
    today: date,
) -> ReportFacts:
    """The report's facts from `since` to `today` (records from a little earlier give the
    first days their baseline)."""
    facts = ReportFacts(since, today)
    shown = [r for r in records if since <= r.day <= today]
    facts.days = len({r.day for r in shown})
    facts.sessions = len(shown)
    by_routine: dict[str, RoutineDone] = {}
    for r in shown:
        done = by_routine.setdefault(r.routine, RoutineDone(r.title or r.routine))
        done.sessions += 1
        done.minutes += r.held / 60
        if r.status == "completed":
            done.completed += 1
            facts.completed += 1
        if r.pain_before is not None and r.pain_after is not None:
            done.changes.append(r.pain_after - r.pain_before)
        facts.minutes += r.held / 60
        facts.stops.update({(s.exercise, s.side) for s in r.steps if s.pain_stop})
    facts.routines = sorted(by_routine.values(), key=lambda d: (-d.sessions, d.title))
    facts.regions = _regions(records, checks, since)
    taken = Counter(kind for day, kind in breaks if since <= day <= today)
    facts.breaks_taken, facts.breaks_due = taken["taken"], taken["due"]
    facts.accepted = [d for d in decisions
                      if d.choice == "accepted" and since <= d.at.astimezone().date() <= today]
    return facts

