"""Provides what the voice says and when: short sentences for a plan's events (the exercise
and what the side means at get-ready, the hold's length, the switch, the red flags once per
exercise, 3-2-1, the end)."""

from __future__ import annotations

from collections.abc import Callable

from stretchtimer.core.engine import COUNTDOWN, counts_down
from stretchtimer.core.model import Plan, Segment, SegmentKind
from stretchtimer.core.plan import side_meaning, starting_position
from stretchtimer.core.thresholds import movement_lead

WORDS_A_SECOND = 3.0
"""About how fast the engine speaks at its rate: to judge what fits in a segment."""
CUES = ("exercise", "hold", "switch", "red_flags", "countdown", "breaths", "complete")
"""The kinds of phrase; settings.yaml's `voice_cues` may name fewer."""

Trigger = tuple[int, str]
"""(segment index, `start` | `move` | `3` | `2` | `1` | `in` | `out` | `finish`)."""


def breath_word(label: str) -> str:
    """`cow` from `Cow: belly sinks, chest lifts` (what a flow's breath is called)."""
    return label.split(":", 1)[0].strip().lower() if ":" in label else ""


def breath_phrase(phase: str, label: str) -> str:
    """`Breathe in, cow.` (or `Breathe in.` when the article gives the breath no name)."""
    word = breath_word(label)
    return f"Breathe {phase}, {word}." if word else f"Breathe {phase}."


def seconds_to_say(text: str) -> float:
    """About how long `text` takes to say."""
    return len(text.split()) / WORDS_A_SECOND


def _fits(text: str, seconds: int) -> bool:
    """Whether `text` can be said with a second to spare in a segment of `seconds`."""
    return seconds_to_say(text) <= seconds - 1.0


SHORT = 8
"""Words a spoken red flag may have: the first one this short is said (else the shortest)."""


def _short_flag(flags: tuple[str, ...]) -> str:
    """The red flag to say: the first short one, else the shortest (the screen shows all)."""
    return next((f for f in flags if len(f.split()) <= SHORT), min(flags, key=len))


def _stop_if(flag: str) -> str:
    return f"Stop if {flag[:1].lower()}{flag[1:].rstrip('.')}."


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "." if text else ""


class _Script:
    """What to say, built segment by segment: a method for each kind of segment, each
    returning what is said as the segment starts (other triggers go straight into `out`)."""

    def __init__(self, plan: Plan, cues: tuple[str, ...]) -> None:
        self.plan = plan
        self.cues = cues
        self.out: dict[Trigger, list[str]] = {}
        self.flagged: set[str] = set()
        """Exercises whose red flag has been said (once each)."""

    def prepare(self, i: int, seg: Segment) -> list[str]:
        """The exercise, which side leads, and the starting position if there is time."""
        if "exercise" not in self.cues:
            return []
        name = _sentence(seg.variant.name or seg.exercise.title)
        said = [name]
        if seg.side:  # `your left knee comes in` -> `Left knee comes in first.`
            meaning = side_meaning(seg.variant, seg.side).removeprefix("your ")
            side = f"{_sentence(meaning)[:-1]} first."
            if not _fits(f"{name} {side}", seg.seconds):  # a short get-ready: say less
                side = f"{seg.side.value.capitalize()} side first."
            said.append(side)  # a phrase of its own: each stays short
        start = starting_position(seg.exercise, seg.variant)
        more = _sentence(start[0]) if start else ""
        lead = movement_lead(seg.seconds)
        steps = seg.variant.steps
        move = _sentence(steps[0]) if steps else ""
        # The movement is heard in the get-ready's last seconds, ending before the hold's own
        # phrase; what is said first ends before it. The starting position comes first: it
        # is what the get-ready is for.
        before = seg.seconds - lead - 0.3
        moving = bool(move) and seconds_to_say(move) <= lead - 0.3
        with_start = seconds_to_say(" ".join([*said, more])) if more else 0.0
        if more and with_start <= before:
            said.append(more)
        elif more and with_start <= seg.seconds - 1.5:
            said.append(more)
            moving = False
        if moving and seconds_to_say(" ".join(said)) <= before:
            self.out[(i, "move")] = [move]
        return said

    def hold(self, i: int, seg: Segment) -> list[str]:
        """The hold's length, the red flag the first time, and the 3-2-1."""
        said: list[str] = []
        if "hold" in self.cues:
            said.append(f"Hold, {seg.seconds} seconds.")
        flags = seg.exercise.red_flags
        if "red_flags" in self.cues and flags and seg.exercise.id not in self.flagged:
            self.flagged.add(seg.exercise.id)
            said.append(_stop_if(_short_flag(flags)))
        if "countdown" in self.cues:  # the numbers the engine counts down, no more, no fewer
            for n in COUNTDOWN:
                if counts_down(seg.seconds, n):
                    self.out[(i, str(n))] = [str(n)]
        return said

    def flow(self, i: int, seg: Segment) -> list[str]:
        """Each breath in and out; the red flag goes at the get-ready, if it has time."""
        if seg.pace is None:
            return []
        flags = seg.exercise.red_flags
        if "red_flags" in self.cues and flags and seg.exercise.id not in self.flagged and i > 0:
            before = self.out.get((i - 1, "start"), [])
            warning = _stop_if(_short_flag(flags))  # at the get-ready: breaths need the time
            room = self.plan.segments[i - 1].seconds - 1.5
            if seconds_to_say(" ".join([*before, warning])) <= room:
                self.flagged.add(seg.exercise.id)
                self.out[(i - 1, "start")] = [*before, warning]
        if "breaths" in self.cues:
            self.out[(i, "in")] = [breath_phrase("in", seg.pace.in_label)]
            self.out[(i, "out")] = [breath_phrase("out", seg.pace.out_label)]
        return []

    def switch(self, i: int, seg: Segment) -> list[str]:
        """What the other side means, or just `Switch sides.` when time is short."""
        if "switch" not in self.cues or not seg.side:
            return []
        full = f"Switch: {side_meaning(seg.variant, seg.side).removeprefix('your ')}."
        return [full if _fits(full, seg.seconds) else "Switch sides."]

    def rest(self, i: int, seg: Segment) -> list[str]:
        return ["Rest."] if "hold" in self.cues else []


_BY_KIND: dict[SegmentKind, Callable[[_Script, int, Segment], list[str]]] = {
    SegmentKind.PREPARE: _Script.prepare,
    SegmentKind.HOLD: _Script.hold,
    SegmentKind.FLOW: _Script.flow,
    SegmentKind.SWITCH: _Script.switch,
    SegmentKind.REST: _Script.rest,
}


def phrases(plan: Plan, cues: tuple[str, ...] = CUES) -> dict[Trigger, list[str]]:
    """What to say at each trigger of the plan, in order (a trigger may have two phrases: a
    hold's length, then the exercise's red flags the first time it is held)."""
    script = _Script(plan, cues)
    last = len(plan.segments) - 1
    for i, seg in enumerate(plan.segments):
        said = _BY_KIND[seg.kind](script, i, seg)
        if said:
            script.out[(i, "start")] = said
        if i == last and "complete" in cues:
            script.out[(i, "finish")] = ["Routine complete."]
    return script.out


def in_order(table: dict[Trigger, list[str]]) -> list[str]:
    """Every phrase once, in the order they are first needed (what to render first)."""
    seen: dict[str, None] = {}
    rank = {"start": 0, "move": 1, "in": 2, "out": 3, "3": 4, "2": 5, "1": 6, "finish": 7}
    for trigger in sorted(table, key=lambda t: (t[0], rank[t[1]])):
        for text in table[trigger]:
            seen.setdefault(text, None)
    return list(seen)
