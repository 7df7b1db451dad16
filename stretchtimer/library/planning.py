"""Provides a routine's plan as the user has set things up: lead side, breathing guide,
transition pace, and a time budget (`--fit`)."""

from __future__ import annotations

from stretchtimer.core.fit import fit
from stretchtimer.core.model import Plan, Routine, Side, Step
from stretchtimer.core.plan import plan
from stretchtimer.library.settings import Settings


def plan_routine(
    routine: Routine, lead: Side, settings: Settings, budget: int | None = None
) -> Plan:
    """The plan of `routine` with the user's settings, fitted to `budget` seconds if given."""

    def planner(r: Routine, dropped: tuple[Step, ...] = ()) -> Plan:
        return plan(r, lead, settings.transitions, settings.breathe, dropped)

    return planner(routine) if budget is None else fit(routine, budget, planner)
