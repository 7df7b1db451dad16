"""Provides the coach's rules about one routine: progress, stay, ease off, replace a step."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from stretchtimer.core.coach_changes import ease_off, leave_out, progress, sides
from stretchtimer.core.coach_facts import RECENT, Done, Facts, days_ago
from stretchtimer.core.coach_types import Suggestion
from stretchtimer.core.coach_words import mean, num, on, plural
from stretchtimer.core.model import Routine
from stretchtimer.core.zones import Judged, Settling, Zone

LAST = 3
"""Progress looks at the last this many sessions of a routine."""
SPAN = 9
"""Their first and last days at most this many days apart (3 days within 10)."""
HELD = 0.8
"""Each held at least this share of its planned time."""
STOPS = 2
"""Stopped for pain this many times lately: worth replacing."""


def _stay(name: str, routine: Routine, code: str, why: str) -> Suggestion:
    text = f"Keep {routine.title} as it is: {why}."
    return Suggestion("stay", f"stay:{name}:{code}", name, text, why)


def _missing(last: Sequence[Done], judged: Sequence[Judged]) -> str | None:
    """Why the last sessions are not enough to go on, or None when they are."""
    unscored = sum(1 for j in judged if j.zone is None)
    if unscored:
        which = "one" if unscored == 1 else str(unscored)
        return f"{which} of the last {len(judged)} sessions had no pain score after"
    if any(not d.record.steps for d in last):
        return "the last 3 sessions do not all have their steps recorded"
    return None


def _went_well(done: Done, judged: Judged) -> bool:
    record = done.record
    good = judged.zone is Zone.GREEN or (
        judged.zone is Zone.AMBER and judged.settling is Settling.SETTLED
    )
    full = record.planned > 0 and record.held / record.planned >= HELD
    return good and full and record.status == "completed" and not record.stopped_for_pain


def _progress_data(last: Sequence[Done], judged: Sequence[Judged]) -> str:
    afters = [float(j.record.pain_after or 0) for j in judged]
    refs = [j.reference for j in judged if j.reference is not None]
    befores = [j.record.pain_before for j in judged if j.record.pain_before is not None]
    if refs and len(befores) == len(judged):
        pain = f"pain {num(mean(refs))} to {num(mean(afters))} on average"
    elif refs:  # (some references are the usual level, not a score given that day)
        pain = f"pain {num(mean(afters))} after on average, against a usual {num(mean(refs))}"
    else:
        pain = f"pain {num(mean(afters))} after on average"
    return f"{len(last)} sessions on {len(last)} days within {SPAN + 1} days, {pain}, no stops"


def progress_or_stay(
    name: str, routine: Routine, facts: Facts, hold_back: bool = False
) -> Suggestion | None:
    """Progress (one thing more) after 3 good sessions on 3 days within 10; else stay when
    there is too little to go on. Only for a routine done lately; `hold_back`: no progress
    now (a flare, or back after a gap)."""
    if not facts.recent(name):
        return None
    sessions = facts.of(name)
    if len(sessions) < LAST:
        why = f"only {plural(len(sessions), 'session')} so far; after 3 on different days"
        return _stay(name, routine, "few", why + " the coach can suggest more")
    last = sessions[-LAST:]
    judged = [facts.judged(d) for d in last]
    missing = _missing(last, judged)
    if missing is not None:
        return _stay(name, routine, "missing", missing)
    for done, j in zip(last, judged, strict=True):
        if j.zone is Zone.AMBER and j.settling is Settling.UNKNOWN:
            morning = ("the next morning's check is still to come" if done.day >= facts.today
                       else "the next morning was not checked")
            why = (
                f"the session on {on(done.day)} ended with pain {j.record.pain_after} and "
                f"{morning}, so it is not known yet whether it settled"
            )
            return _stay(name, routine, f"unsettled:{done.day.isoformat()}", why)
    days = {d.day for d in last}
    if hold_back or len(days) < LAST or (last[-1].day - last[0].day).days > SPAN:
        return None
    if not all(_went_well(d, j) for d, j in zip(last, judged, strict=True)):
        return None
    if facts.progressed_lately(name):
        return None
    change = progress(routine, {(s.exercise, s.side) for s in facts.stops})
    if change is None:
        return _stay(name, routine, "top", "every step is as long and as hard as it goes")
    data = _progress_data(last, judged)
    text = (
        f"{routine.title}: {data}. Ready for one thing more (one change at a time, at most"
        f" one a week): {change.what}?"
    )
    return Suggestion("progress", f"progress:{name}:{change.what}", name, text, data, change)


def _red_data(facts: Facts, judged: Judged, done: Done) -> str:
    record = done.record
    before, after = record.pain_before, record.pain_after
    if before is not None and after is not None:
        parts = [f"pain {before} before, {after} after on {on(done.day)}"]
    elif after is not None and judged.reference is not None:
        parts = [f"pain {after} after against a usual {num(judged.reference)} on {on(done.day)}"]
    elif after is not None:
        parts = [f"pain {after} after on {on(done.day)}"]
    else:
        parts = [f"on {on(done.day)}"]
    if record.stopped_for_pain:
        parts.append("stopped for pain")
    if judged.effective is Zone.RED and judged.zone is Zone.AMBER:
        morning = facts.judge.morning(record.region, done.day + timedelta(days=1))
        parts.append(f"still {morning} the next morning")
    return ", ".join(parts)


def ease_off_rule(name: str, routine: Routine, facts: Facts) -> Suggestion | None:
    """Ease off when the routine's latest session, lately, was red (an amber that did not
    settle counts)."""
    sessions = facts.of(name)
    if not sessions or days_ago(facts.today, sessions[-1].day) >= RECENT:
        return None
    done = sessions[-1]
    judged = facts.judged(done)
    if judged.effective is not Zone.RED:
        return None
    data = _red_data(facts, judged, done)
    change = ease_off(routine)
    key = f"ease-off:{name}:{done.day.isoformat()}"
    if change is None:
        text = f"{routine.title} was hard last time ({data}): go gently, and stop if it hurts."
        return Suggestion("ease-off", key, name, text, data)
    text = f"{routine.title} was hard last time ({data}): next time, try {change.what}?"
    return Suggestion("ease-off", key, name, text, data, change)


def _sore(facts: Facts) -> dict[str, tuple[list[str | None], int]]:
    """{exercise: (the sides stopped for pain in two sessions or more lately, in how many
    sessions)}: "this hurts" pressed twice in one session (going on, then again) is one."""
    sessions: dict[tuple[str, str | None], set[int]] = {}
    for stop in facts.stops:
        sessions.setdefault((stop.exercise, stop.side), set()).add(stop.session)
    out: dict[str, tuple[list[str | None], set[int]]] = {}
    ordered = sorted(sessions.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))
    for (exercise, side), seen in ordered:
        if len(seen) >= STOPS:
            found, total = out.get(exercise, ([], set()))
            out[exercise] = ([*found, side], total | seen)
    return {exercise: (found, len(total)) for exercise, (found, total) in out.items()}


def replace_rule(routines: Mapping[str, Routine], facts: Facts) -> list[Suggestion]:
    """For an exercise and side stopped for pain twice or more in 14 days: leave it out of
    each routine done lately that has it, and replace it with a different exercise."""
    out: list[Suggestion] = []
    sore = _sore(facts)
    for name, routine in routines.items():
        if not sore or not facts.recent(name):
            continue
        for exercise, (sore_sides, count) in sore.items():
            steps = [s for s in routine.steps if s.exercise.id == exercise]
            if not any(sides(s) & set(sore_sides) for s in steps):
                continue
            which = [side for side in sore_sides if side]
            where = f" ({' and '.join(which)} side)" if which else ""
            data = (f"{steps[0].exercise.title}{where} stopped for pain in {count} sessions"
                    " in 14 days")
            change = leave_out(routine, exercise, sore_sides)
            text = (
                f"{data}: leave it out of {routine.title}? It is worth replacing with a"
                if change
                else f"{data}: in {routine.title} it is worth replacing with a"
            ) + " different exercise; a physiotherapist can say which."
            key = f"replace:{name}:{exercise}"
            out.append(Suggestion("replace", key, name, text, data, change))
    return out
