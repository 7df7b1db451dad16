"""Provides the coach: rules over the history that suggest changes to routines, never make
them (the user decides; a decline holds for a week)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from stretchtimer.core.coach_changes import apply as apply
from stretchtimer.core.coach_facts import Facts as Facts
from stretchtimer.core.coach_gentle import gentlest as gentlest
from stretchtimer.core.coach_rules import ease_off_rule, progress_or_stay, replace_rule
from stretchtimer.core.coach_signs import clinician_rule, flare_rule, flaring, gap_rule
from stretchtimer.core.coach_types import RULES as RULES
from stretchtimer.core.coach_types import Change as Change
from stretchtimer.core.coach_types import StepEdit as StepEdit
from stretchtimer.core.coach_types import Suggestion as Suggestion
from stretchtimer.core.model import Routine
from stretchtimer.core.records import Decision, MorningCheck, SessionRecord
from stretchtimer.core.regions import routine_region


def suggestions(facts: Facts, routines: Mapping[str, Routine]) -> list[Suggestion]:
    """Every suggestion the rules make over `facts` and not declined lately (nor accepted), in
    the order of RULES (routines in the order of `routines` within a rule)."""
    flares = set(flaring(facts))
    gap = gap_rule(facts)
    out = [*clinician_rule(facts), *flare_rule(facts, routines)]
    for name, routine in routines.items():
        if not routine.steps:
            continue
        eased = ease_off_rule(name, routine, facts)
        if eased is not None:
            out.append(eased)
            continue
        hold_back = gap is not None or routine_region(routine) in flares
        found = progress_or_stay(name, routine, facts, hold_back)
        if found is not None:
            out.append(found)
    out += replace_rule(routines, facts)
    if gap is not None:
        out.append(gap)
    offered = [s for s in out if facts.offered(s.key)]
    return sorted(offered, key=lambda s: RULES.index(s.rule))


def suggest(
    records: Iterable[SessionRecord],
    checks: Iterable[MorningCheck],
    decisions: Iterable[Decision],
    routines: Mapping[str, Routine],
    today: date,
) -> list[Suggestion]:
    """What the coach suggests today, the most urgent first: clinician, flare, ease-off,
    replace, progress, stay, gap. `routines` maps the records' routine names to the loaded
    routines (sessions of others count for zones and flares only)."""
    return suggestions(Facts(records, checks, decisions, today), routines)
