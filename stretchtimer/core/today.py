"""Provides today's proposal: one routine for now, by the time of day, the user's own versions,
a flare, a gap and the time there is."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from stretchtimer.core.coach import suggestions
from stretchtimer.core.coach_facts import Facts
from stretchtimer.core.coach_gentle import gentlest
from stretchtimer.core.coach_signs import flaring, gap_days
from stretchtimer.core.coach_types import Suggestion
from stretchtimer.core.coach_words import on, region_words
from stretchtimer.core.fit import bounds
from stretchtimer.core.model import Routine
from stretchtimer.core.plan import plan
from stretchtimer.core.records import Decision, MorningCheck, SessionRecord
from stretchtimer.core.zones import Zone

MORNING = ("morning",)
"""The routines of the morning (before 11:00)."""
DESK = ("desk-break", "neck-and-shoulders", "after-sitting")
"""The routines of the working day (11:00 to 18:00), the one done least recently first."""
EVENING = ("before-sleep",)
"""The routines of the evening (from 18:00)."""
NOON, EVENING_HOUR = 11, 18
"""Where the slots change."""
AFTER_GAP = 0.6
"""After a gap, a routine is fitted to about this share of its planned length."""


@dataclass(frozen=True)
class Proposal:
    """The routine proposed for now."""

    routine: str
    """Its name (one of the routines given)."""
    reason: str
    """Why, in one line."""
    fit_seconds: int | None
    """The seconds to fit it into, or None to run it as it is."""
    suggestion: Suggestion | None = None
    """The coach's flare, gap or ease-off suggestion that shaped it, if any."""


def versions(decisions: Iterable[Decision]) -> dict[str, str]:
    """{routine: the routine its latest accepted change was written as}."""
    made: dict[str, tuple[datetime, str]] = {}
    for d in decisions:
        if d.choice == "accepted" and d.made and d.routine and d.made != d.routine:
            seen = made.get(d.routine)
            if seen is None or d.at >= seen[0]:
                made[d.routine] = (d.at, d.made)
    return {routine: name for routine, (_, name) in made.items()}


def current(name: str, made: Mapping[str, str], routines: Mapping[str, Routine]) -> str | None:
    """The latest version of `name` there is (following accepted changes), or None."""
    found = name if name in routines else None
    seen = {name}
    while (name := made.get(name, "")) and name not in seen:
        seen.add(name)
        found = name if name in routines else found
    return found


def shortest(routine: Routine) -> int:
    """The shortest sensible length: the optional steps left out, each hold at its shortest."""
    steps = tuple(
        s if s.reps else replace(s, hold=bounds(s)[0]) for s in routine.steps if not s.optional
    )
    return plan(replace(routine, steps=steps or routine.steps[:1])).total_seconds


def _slot(hour: int) -> tuple[str, tuple[str, ...]]:
    """(words for the slot, its routines) at `hour`."""
    if hour < NOON:
        return "", MORNING
    if hour < EVENING_HOUR:
        return ", time for a break from the desk", DESK
    return ", before sleep", EVENING


def _days_running(facts: Facts, name: str) -> int:
    """Days in a row, up to today or yesterday, the routine was done."""
    days = {d.day for d in facts.of(name)}
    day = facts.today if facts.today in days else facts.today - timedelta(days=1)
    count = 0
    while day in days:
        count, day = count + 1, day - timedelta(days=1)
    return count


def _history(facts: Facts, name: str) -> str:
    sessions = facts.of(name)
    if not sessions:
        return "you have not done it yet"
    running = _days_running(facts, name)
    calm = facts.judged(sessions[-1]).effective is Zone.GREEN
    pain = " with little pain" if calm else ""
    if running >= 2:
        return f"you did it {running} days running{pain}"
    return f"you last did it on {on(sessions[-1].day)}{pain}"


def _last_done(facts: Facts, names: Iterable[str]) -> tuple[int, ...] | tuple[int, datetime]:
    """A sort key: never done first, then the one done longest ago."""
    done = [s[-1].record.started for n in names if (s := facts.of(n))]
    return (1, max(done)) if done else (0,)


def _candidates(
    names: Sequence[str], made: Mapping[str, str], routines: Mapping[str, Routine], facts: Facts
) -> list[str]:
    """The slot's routines there are (each as its latest version), the least recent first."""
    found: dict[str, list[str]] = {}
    for name in names:
        now = current(name, made, routines)
        if now is not None:
            found.setdefault(now, [now]).append(name)
    return sorted(found, key=lambda now: _last_done(facts, found[now]))


def _budget(routine: Routine, minutes: float | None, gap: int | None) -> int | None:
    """Seconds to fit into: the minutes given, or less (60% of its length) after a gap."""
    budget = None if minutes is None else round(minutes * 60)
    if gap is None:
        return budget
    shorter = round(plan(routine).total_seconds * AFTER_GAP)
    return shorter if budget is None else min(budget, shorter)


def _find(found: Sequence[Suggestion], rule: str, routine: str | None = None) -> Suggestion | None:
    return next(
        (s for s in found if s.rule == rule and (routine is None or s.routine == routine)), None
    )


def _flare(
    routines: Mapping[str, Routine], facts: Facts, found: Sequence[Suggestion],
    minutes: float | None,
) -> Proposal | None:
    """The gentlest routine for the first region in a flare today, or None when none is."""
    for region in flaring(facts):
        name = gentlest(routines, region)
        if name is None:
            continue
        shown = _find(found, "flare", name)
        scores = facts.judge.scores(region)
        why = f"your {region_words(region)} is at {scores.on(facts.today)} today"
        reason = f"{routines[name].title}: {why}, so the gentlest routine for it"
        return Proposal(name, reason, None if minutes is None else round(minutes * 60), shown)
    return None


def propose(
    routines: Mapping[str, Routine],
    records: Iterable[SessionRecord],
    checks: Iterable[MorningCheck],
    decisions: Iterable[Decision],
    now: datetime,
    minutes: float | None,
) -> Proposal:
    """The one routine for now (`now` aware; its local time picks the slot), with why, the
    seconds to fit it into and the suggestion that shaped it. ValueError when `routines` is
    empty."""
    if not routines:
        raise ValueError("no routines to propose from")
    decisions = list(decisions)
    local = now.astimezone()
    facts = Facts(records, checks, decisions, local.date())
    found = suggestions(facts, routines)
    flare = _flare(routines, facts, found, minutes)
    if flare is not None:
        return flare
    slot, names = _slot(local.hour)
    made = versions(decisions)
    candidates = _candidates(names, made, routines, facts) or [next(iter(routines))]
    name = candidates[0]
    if minutes is not None:
        name = next((n for n in candidates if shortest(routines[n]) <= minutes * 60), name)
    gap = gap_days(facts)
    fits = f" that fits {minutes:g} minutes" if name != candidates[0] and minutes else ""
    reason = f"{routines[name].title}: it is {local.hour}:{local.minute:02d}{slot}{fits}"
    reason += f" and {_history(facts, name)}"
    eased = _find(found, "ease-off", name)
    sessions = facts.of(name)
    if sessions and facts.judged(sessions[-1]).effective is Zone.RED:
        told = f" ({eased.data})" if eased else ""
        reason += f"; last time was hard{told}, so go gently"
    if gap is not None:
        reason += f"; shorter, after {gap} days without a session"
    shaped = eased or (_find(found, "gap") if gap is not None else None)
    return Proposal(name, reason, _budget(routines[name], minutes, gap), shaped)
