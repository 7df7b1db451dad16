"""Provides what a session screen shows, computed from a Session: the shell only renders it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from stretchtimer.core.engine import Session, State
from stretchtimer.core.model import WORKING, Mistake, Segment, SegmentKind
from stretchtimer.core.plan import movement, side_meaning, starting_position
from stretchtimer.core.text import human_seconds, join_seconds
from stretchtimer.core.thresholds import movement_from

PHASES = {
    SegmentKind.PREPARE: "Get ready",
    SegmentKind.HOLD: "Hold",
    SegmentKind.FLOW: "Flow",
    SegmentKind.SWITCH: "Switch sides",
    SegmentKind.REST: "Rest",
}
PAIN_ADVICE = (
    "Stop this stretch for today and rest in a position that feels easy. Pain is a signal, "
    "not something to push through. If the pain persists, spreads, or shoots down a leg, "
    "or you notice numbness or weakness, see a healthcare provider."
)


def variant_mistakes(segment: Segment) -> tuple[Mistake, ...]:
    """The article's Common Mistakes that concern the variant being done."""
    wanted = segment.variant.mistakes
    mistakes = segment.exercise.mistakes
    return mistakes if wanted is None else tuple(m for m in mistakes if m.title in wanted)


def variant_modifications(segment: Segment) -> tuple[str, ...]:
    """The article's modifications that fit the variant being done."""
    wanted = segment.variant.modifications
    mods = segment.exercise.modifications
    return mods if wanted is None else tuple(m for m in mods if m in wanted)


def easier_ways(segment: Segment) -> list[str]:
    """The easier variant (if the article names one) and the modifications that fit the
    variant being done."""
    out = []
    variant = segment.variant
    if variant.easier:
        easier = next((v for v in segment.exercise.variants if v.id == variant.easier), None)
        if easier is not None:
            out.append(f"Try the easier way: {easier.name or segment.exercise.title}")
    return out + list(variant_modifications(segment))


@dataclass(frozen=True)
class SessionView:
    """Everything the session screen shows at one moment."""

    title: str
    """The routine's title."""
    step: str
    """`Step 1/2`."""
    left: str
    """Time left in the routine, `1:20 left`."""
    state: str
    """`running`, `paused`, `finished` or `stopped`."""
    exercise: str
    """The exercise and variant."""
    side: str
    """`Left side`, `Right side`, or empty."""
    phase: str
    """`Get ready`, `Hold`, `Switch sides`, `Rest`, `Paused`."""
    kind: str
    """The segment kind (for styling)."""
    countdown: str
    """`0:20`: whole seconds, rounded up."""
    progress: float
    """0..1 through the segment."""
    cue_title: str
    """`Starting position`, `The movement`, `Switch sides`, `Rest`."""
    cue: tuple[str, ...]
    """The lines of the cue."""
    tip: str
    """One tip from Common Mistakes."""
    red_flags: str
    """`Stop if: ...`, or empty."""
    next: str
    """What comes next."""
    breath: str = ""
    """`Breathe in: cow (belly sinks, chest lifts)` in a flow or a hold with a breathing
    guide, else empty."""
    breath_fill: float = 0.0
    """0..1: how full the lungs are meant to be (fills breathing in, empties breathing out)."""
    breath_count: str = ""
    """`Breath 3 of 8` in a flow."""
    feel: str = ""
    """`You should feel: ...` during a hold or a flow, else empty."""


def breath_now(segment: Segment, elapsed: float) -> tuple[str, str, float, int]:
    """(`in` or `out`, what the article calls this breath, the breath fill 0..1, which breath
    from 1) at `elapsed` seconds into a segment with a pace."""
    pace = segment.pace
    assert pace is not None
    n, into = divmod(max(0.0, min(elapsed, segment.seconds - 1e-6)), pace.cycle)
    phase, through = pace.phase_at(into)
    if phase == "in":
        return "in", pace.in_label, through, int(n) + 1
    return "out", pace.out_label, 1.0 - through, int(n) + 1


def breath_text(phase: str, label: str) -> str:
    """`Breathe in: cow (belly sinks, chest lifts)`, or `Breathe in` with no label."""
    if not label:
        return f"Breathe {phase}"
    name, _, rest = label.partition(":")
    if not rest:
        return f"Breathe {phase}: {label}"
    return f"Breathe {phase}: {name.strip().lower()} ({rest.strip()})"


def countdown_text(remaining: float) -> str:
    """Whole seconds left, rounded up: the display shows 20 at the start and 1 at the end."""
    return join_seconds(math.ceil(remaining - 1e-9))


def _side(segment: Segment) -> str:
    """`Left side`, or what the article says the side means (`Your left knee comes in`)."""
    if segment.side is None:
        return ""
    meaning = side_meaning(segment.variant, segment.side)
    return meaning[:1].upper() + meaning[1:]


def describe(segment: Segment) -> str:
    """`Hold, left side, 20 s` for the next-up line."""
    phase = PHASES[segment.kind]
    if segment.kind is SegmentKind.PREPARE:
        name = segment.variant.name or segment.exercise.title
        return f"{name} ({human_seconds(segment.seconds)} to get ready)"
    if segment.kind is SegmentKind.FLOW and segment.pace is not None:
        return f"Flow, {segment.seconds // segment.pace.cycle} breaths"
    side = f", {side_meaning(segment.variant, segment.side)}" if segment.side else ""
    return f"{phase}{side}, {human_seconds(segment.seconds)}"


def _cue(segment: Segment, elapsed: float = 0.0) -> tuple[str, tuple[str, ...]]:
    """The one instruction that matters now: the starting position while getting ready, the
    movement from the get-ready's last seconds on (nobody reads it while holding)."""
    if segment.kind is SegmentKind.PREPARE:
        steps = movement(segment.variant)
        if steps and elapsed >= movement_from(segment.seconds):
            return "Next, the movement", steps
        start = starting_position(segment.exercise, segment.variant)
        return "Starting position", start or (segment.variant.name or segment.exercise.title,)
    if segment.kind in (SegmentKind.HOLD, SegmentKind.FLOW):
        return "The movement", movement(segment.variant)
    if segment.kind is SegmentKind.SWITCH:
        to = side_meaning(segment.variant, segment.side) if segment.side else "the other side"
        return "Switch sides", (
            "Ease out of the stretch slowly",
            f"Set up for the other side: {to}",
        )
    return "Rest", ("Breathe slowly and let the muscles settle",)


def _tip(session: Session) -> str:
    """One piece of advice for this variant, as what to do: a mistake's fix, never its name
    (`Holding the Breath: ...` read as the thing to do)."""
    fixes = [m.fix for m in variant_mistakes(session.segment) if m.fix]
    return fixes[session.index % len(fixes)] if fixes else ""


def _feel(segment: Segment) -> str:
    """What you should feel, during a hold or a flow."""
    if segment.kind not in (SegmentKind.HOLD, SegmentKind.FLOW):
        return ""
    good = segment.exercise.good_sensations
    return ("You should feel: " + "; ".join(good[:2])) if good else ""


def view(session: Session) -> SessionView:
    """What to show for `session` now."""
    seg = session.segment
    routine = session.plan.routine
    nxt = session.next_segment
    name = seg.exercise.title
    if seg.variant.name:
        name = f"{name} / {seg.variant.name}"
    cue_title, cue = _cue(seg, session.elapsed)
    phase = PHASES[seg.kind]
    if session.state is State.PAUSED:
        phase = f"Paused ({phase.lower()})"
    elif session.state is State.FINISHED:
        phase = "Routine complete"  # shown the moment it ends, as the summary is built
    flags = seg.exercise.red_flags
    breath, fill, count = "", 0.0, ""
    if seg.pace is not None and seg.kind in (SegmentKind.HOLD, SegmentKind.FLOW):
        phase_now, label, fill, n = breath_now(seg, session.elapsed)
        breath = breath_text(phase_now, label)
        if seg.kind is SegmentKind.FLOW:
            count = f"Breath {n} of {seg.seconds // seg.pace.cycle}"
    return SessionView(
        title=routine.title,
        step=f"Step {session.step_number}/{session.plan.step_count}",
        left=f"{countdown_text(session.remaining_total)} left",
        state=session.state.value,
        exercise=name,
        side=_side(seg),
        phase=phase,
        kind=seg.kind.value,
        countdown=countdown_text(session.remaining),
        progress=session.progress,
        cue_title=cue_title,
        cue=cue,
        tip=_tip(session),
        red_flags=("Stop if: " + "; ".join(flags)) if flags else "",
        next=("Next: " + describe(nxt)) if nxt else "Next: nothing more, the routine ends here",
        breath=breath,
        breath_fill=fill,
        breath_count=count,
        feel=_feel(seg),
    )


def done_text(session: Session) -> str:
    """`3 of 3 exercises, held 5:10 of 5:40` (an exercise is done when one of its holds or
    flows ran to its end), with what was skipped."""
    plan = session.plan
    working = {i for i, seg in enumerate(plan.segments) if seg.kind in WORKING}
    done = len({plan.segments[i].step_index for i in session.completed & working})
    total = plan.step_count
    noun = "exercise" if total == 1 else "exercises"
    held = held_text(session)
    text = f"{done} of {total} {noun}, {held[:1].lower()}{held[1:]}"
    skipped = len((session.skipped - session.completed) & working)
    if skipped:
        text += f" ({skipped} hold{'s' * (skipped != 1)} skipped)"
    return text


def held_text(session: Session) -> str:
    """`Held 0:12 of 1:10`: the hold time really held, of what the routine plans."""
    held = join_seconds(round(session.held_seconds))
    return f"Held {held} of {join_seconds(session.plan.hold_seconds)}"


NOT_COUNTED = (
    "Less than half of the hold time was held (skipped, or the program was stopped), so this "
    "session does not count toward your streak."
)
