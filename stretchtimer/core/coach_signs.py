"""Provides the coach's rules about the body and the habit rather than one routine: a flare
today, signs worth a clinician's look, and coming back after a gap."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from stretchtimer.core.coach_facts import Facts, days_ago
from stretchtimer.core.coach_gentle import gentlest
from stretchtimer.core.coach_types import Suggestion
from stretchtimer.core.coach_words import num, on, region_words
from stretchtimer.core.model import Routine
from stretchtimer.core.zones import RegionScores

FLARE_RISE = 3
"""A first score this much above the baseline is a flare."""
FLARE_ALONE = 7
"""With no baseline, a first score of this or more is a flare."""
FLARE_DAYS = 3
"""Flares this many days running (today and the days before) are worth a clinician's look."""
RISE = 2
"""So is a baseline this much higher than two weeks before."""
RISE_DAYS = 14
"""The two weeks."""
GAP = 7
"""No session for this many days: back after a gap."""


def flare(scores: RegionScores, day: date) -> bool:
    """Whether the region's first score of `day` is a flare against its baseline then."""
    score = scores.on(day)
    if score is None:
        return False
    usual = scores.baseline(day)
    return score >= FLARE_ALONE if usual is None else score - usual >= FLARE_RISE


def flaring(facts: Facts) -> list[str]:
    """The regions in a flare today."""
    return [r for r in facts.judge.regions() if flare(facts.judge.scores(r), facts.today)]


def flare_rule(facts: Facts, routines: Mapping[str, Routine]) -> list[Suggestion]:
    """A flare today, per region: the gentlest routine for it, gently."""
    out: list[Suggestion] = []
    for region in flaring(facts):
        scores = facts.judge.scores(region)
        score, usual = scores.on(facts.today), scores.baseline(facts.today)
        data = f"pain in your {region_words(region)} is {score} today"
        data += f" against a usual {num(usual)}" if usual is not None else ""
        name = gentlest(routines, region)
        gentle = (
            f" {routines[name].title} is the gentlest routine for it." if name is not None else ""
        )
        text = f"A flare: {data}. Go gently today, and stop if anything hurts more.{gentle}"
        key = f"flare:{region}:{facts.today.isoformat()}"
        out.append(Suggestion("flare", key, name or "", text, data))
    return out


def _clinician_data(scores: RegionScores, today: date, region: str) -> str | None:
    days = [today - timedelta(days=n) for n in reversed(range(FLARE_DAYS))]
    where = region_words(region)
    if all(flare(scores, d) for d in days):
        firsts = ", ".join(str(scores.on(d)) for d in days)
        return f"pain in your {where} flared {FLARE_DAYS} days running ({firsts})"
    now, then = scores.baseline(today), scores.baseline(today - timedelta(days=RISE_DAYS))
    if now is not None and then is not None and now - then >= RISE:
        return f"the usual pain in your {where} rose from {num(then)} to {num(now)} in 2 weeks"
    return None


def clinician_rule(facts: Facts) -> list[Suggestion]:
    """Flares 3 days running, or a baseline 2 higher than 2 weeks ago: worth seeing a
    clinician."""
    out: list[Suggestion] = []
    for region in facts.judge.regions():
        data = _clinician_data(facts.judge.scores(region), facts.today, region)
        if data is None:
            continue
        text = (
            f"{data[0].upper()}{data[1:]}. It is worth seeing a clinician (a doctor or a"
            " physiotherapist) about it: the coach cannot tell why."
        )
        out.append(Suggestion("clinician", f"clinician:{region}", "", text, data))
    return out


def gap_days(facts: Facts) -> int | None:
    """Days since the latest session when that is a gap (7 or more), else None."""
    if facts.last_day is None:
        return None
    days = days_ago(facts.today, facts.last_day)
    return days if days >= GAP else None


def gap_rule(facts: Facts) -> Suggestion | None:
    """Back after 7 days or more without a session: something shorter, not harder."""
    days = gap_days(facts)
    if days is None or facts.last_day is None:
        return None
    data = f"no session for {days} days (the last on {on(facts.last_day)})"
    text = f"Welcome back: {data}. Start with something shorter, not harder, and build up."
    return Suggestion("gap", f"gap::{facts.last_day.isoformat()}", "", text, data)
