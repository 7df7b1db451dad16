"""Provides the progress page's exercises: which are followed by less pain, which hurt."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from stretchtimer.core.records import SessionRecord, StepRecord
from stretchtimer.core.text import one_line

Names = Callable[[str], str]
"""Turns an exercise id into its title (the library's)."""
Where = tuple[str, str | None]
"""(exercise id, side or None)."""
LEAST_SESSIONS = 2
"""An exercise's pain change is shown once this many scored sessions included it."""
MOST_SHOWN = 5
"""At most this many exercises under each heading of pain change."""
MOST_STOPS = 8
"""At most this many places where it hurt (the rest summed in one line)."""


@dataclass
class ExerciseSums:
    """Every session's steps, as they add up by exercise."""

    changes: dict[str, list[int]] = field(default_factory=dict)
    """Pain after minus before of each session scored both ways that included the exercise."""
    stops: Counter[Where] = field(default_factory=Counter)
    """"This hurts" pressed (or the session stopped) there, from the steps."""
    stopped: Counter[Where] = field(default_factory=Counter)
    """Where each session with steps was stopped (already in the sessions' pain_exercise)."""

    def add(self, record: SessionRecord) -> None:
        """Add one session (one without steps adds nothing)."""
        if not record.steps:
            return
        if record.pain_before is not None and record.pain_after is not None:
            change = record.pain_after - record.pain_before
            for exercise in {s.exercise for s in record.steps if done(s)}:
                self.changes.setdefault(exercise, []).append(change)
        hurt = [s for s in record.steps if s.pain_stop and s.exercise]
        self.stops.update(set((s.exercise, s.side) for s in hurt))  # once a session
        if record.status == "stopped":
            at = hurt[-1] if hurt else record.steps[-1]
            self.stopped[(at.exercise, at.side)] += 1
            if not hurt and at.exercise:
                self.stops[(at.exercise, at.side)] += 1

    def add_old(self, pain_stops: Sequence[tuple[str, str | None, int]]) -> None:
        """Add the sessions' own record of where they stopped for pain, less the stops the
        steps already counted: what is left are sessions from before steps were kept."""
        for exercise, side, n in pain_stops:
            rest = n - self.stopped[(exercise, side)]
            if rest > 0 and exercise:
                self.stops[(exercise, side)] += rest


def done(step: StepRecord) -> bool:
    """Whether the session did the step (not skipped past without holding it)."""
    return not step.skipped or step.held > 0


def title(names: Names | None, exercise: str) -> str:
    """The exercise's title, made safe; its id when there are no names or they fail."""
    if names is not None:
        try:
            found = names(exercise)
        except Exception:  # a library that cannot say: the id still says which
            found = ""
        if isinstance(found, str) and found.strip():
            return one_line(found)
    return one_line(exercise)


def exercise_lines(
    records: Sequence[SessionRecord],
    pain_stops: Sequence[tuple[str, str | None, int]],
    names: Names | None = None,
    since: date | None = None,
) -> list[str]:
    """The exercises followed by less pain (and by more), and where it hurt, over the
    sessions given (from `since` on, said in each heading; None: every session); nothing to
    say: nothing shown."""
    over = f" since {since.day} {since:%b}" if since is not None else ""
    sums = ExerciseSums()
    for record in records:
        sums.add(record)
    sums.add_old(pain_stops)
    means = {
        ex: sum(c) / len(c) for ex, c in sums.changes.items() if len(c) >= LEAST_SESSIONS
    }
    less = sorted((m, ex) for ex, m in means.items() if round(m, 1) < 0)
    more = sorted((-m, ex) for ex, m in means.items() if round(m, 1) > 0)
    out: list[str] = []
    for word, found in (("less", less), ("more", more)):
        if found:
            out += ["", f"Followed by {word} pain{over} (after minus before, sessions with it):"]
            out += [
                f"  {title(names, ex)}: {abs(m):.1f} {word}, over {len(sums.changes[ex])}"
                " sessions"
                for m, ex in found[:MOST_SHOWN]
            ]
    return out + stop_lines(sums.stops, names, over)


def stop_lines(stops: Counter[Where], names: Names | None, over: str = "") -> list[str]:
    """Where it hurt: "this hurts" pressed, or the session stopped, by exercise and side."""
    if not stops:
        return []
    out = ["", f"Stopped for pain (\"this hurts\"), by exercise{over}:"]
    ranked = sorted(stops.items(), key=lambda i: (-i[1], i[0][0], i[0][1] or ""))
    for (exercise, side), n in ranked[:MOST_STOPS]:
        where = title(names, exercise) + (f" ({one_line(side)} side)" if side else "")
        out.append(f"  {where}: {n} time{'s' * (n != 1)}")
    if len(ranked) > MOST_STOPS:
        rest = sum(n for _, n in ranked[MOST_STOPS:])
        out.append(f"  {len(ranked) - MOST_STOPS} more places: {rest} time{'s' * (rest != 1)}")
    return out
