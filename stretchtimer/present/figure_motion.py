"""Provides where the figure is at a moment of a session: the get-ready easing from the last
pose to the starting position and, in its last seconds, into the hold; a hold still; a flow
following the breath; a switch easing out, turning to the other side and back in."""

from __future__ import annotations

from dataclasses import dataclass

from stretchtimer.core.engine import Session
from stretchtimer.core.model import Plan, Segment, SegmentKind, Side
from stretchtimer.core.thresholds import movement_from
from stretchtimer.figure.draw import Box, Scene, blend_box
from stretchtimer.figure.pose import Pose, blend, ease
from stretchtimer.present.figures import scene_of

SETTLE = 2.0
"""Seconds a get-ready (or a rest) takes to ease from the last pose into the next."""


@dataclass(frozen=True)
class FigureNow:
    """What the figure shows at one moment."""

    scene: Scene
    pose: Pose
    mirrored: bool
    """Drawn for the right side: the figure mirrored."""
    box: Box
    """The world box to fit (eased from the last figure's, so nothing jumps)."""
    marks: bool
    """Whether to draw the marks of movements the view cannot show (in the hold)."""
    moving: bool
    """Whether the pose changes as time passes (a frame is needed more often than a second)."""


def _ends_at(sc: Scene) -> Pose:
    """The pose a figure's exercise ends in: its hold, or where a flow's cycle starts."""
    return sc.poses.get("hold") or _flow_rest(sc)


def _flow_rest(sc: Scene, first: str = "in") -> Pose:
    """Where a flow starts and ends a cycle: the pose of the breath it does not start with."""
    other = "out" if first == "in" else "in"
    return sc.poses.get(other) or sc.poses.get("start") or next(iter(sc.poses.values()))


def _before(plan: Plan, index: int) -> tuple[Scene, bool] | None:
    """The figure of the step before the one segment `index` belongs to, and its side."""
    step = plan.segments[index].step_index
    for seg in reversed(plan.segments[:index]):
        if seg.step_index != step and seg.variant.figure is not None:
            return scene_of(seg.variant.figure), seg.side is Side.RIGHT
        if seg.step_index != step:
            return None
    return None


def _target(seg: Segment, sc: Scene) -> Pose:
    """The pose a get-ready ends in: the hold, or where the flow's first breath starts."""
    if sc.spec.is_flow:
        return _flow_rest(sc, seg.pace.first if seg.pace else "in")
    return sc.poses["hold"]


def _prepare(session: Session, seg: Segment, sc: Scene, mirrored: bool) -> FigureNow:
    t = session.elapsed
    start = sc.poses.get("start") or _target(seg, sc)
    move_at = movement_from(seg.seconds)
    if t >= move_at:
        k = (t - move_at) / max(0.1, seg.seconds - move_at)
        pose = blend(start, _target(seg, sc), ease(k))
        return FigureNow(sc, pose, mirrored, sc.box, False, k < 1.0)
    before = _before(session.plan, session.index)
    settle = min(SETTLE, move_at * 0.6)
    if before is None or t >= settle or before[0].spec.view != sc.spec.view:
        return FigureNow(sc, start, mirrored, sc.box, False, False)
    last, was_mirrored = before
    k = ease(t / settle)
    if was_mirrored != mirrored:  # a figure never flips mid-move: the new side from the start
        return FigureNow(sc, start, mirrored, sc.box, False, False)
    pose = blend(_ends_at(last), start, k)
    return FigureNow(sc, pose, mirrored, blend_box(last.box, sc.box, k), False, True)


def _switch(session: Session, seg: Segment, sc: Scene, mirrored: bool) -> FigureNow:
    """Ease out of the hold on the old side, then into the hold on the new one."""
    t, half = session.elapsed, seg.seconds / 2
    start, hold = sc.poses.get("start") or sc.poses["hold"], sc.poses["hold"]
    if t < half:
        k = t / half
        return FigureNow(sc, blend(hold, start, ease(k)), not mirrored, sc.box, False, True)
    k = (t - half) / max(0.1, seg.seconds - half)
    return FigureNow(sc, blend(start, hold, ease(k)), mirrored, sc.box, False, k < 1.0)


def _flow(session: Session, seg: Segment, sc: Scene, mirrored: bool) -> FigureNow:
    pace = seg.pace
    if pace is None or "in" not in sc.poses or "out" not in sc.poses:
        return FigureNow(sc, _ends_at(sc), mirrored, sc.box, True, False)
    phase, through = pace.phase_at(session.elapsed % pace.cycle)
    a, b = (sc.poses["out"], sc.poses["in"]) if phase == "in" else (sc.poses["in"], sc.poses["out"])
    return FigureNow(sc, blend(a, b, ease(through)), mirrored, sc.box, True, True)


def figure_now(session: Session) -> FigureNow | None:
    """The figure at this moment of the session, or None when the exercise has none."""
    seg = session.segment
    spec = seg.variant.figure
    if spec is None:
        return None
    sc = scene_of(spec)
    mirrored = seg.side is Side.RIGHT
    if seg.kind is SegmentKind.PREPARE:
        return _prepare(session, seg, sc, mirrored)
    if seg.kind is SegmentKind.FLOW:
        return _flow(session, seg, sc, mirrored)
    if seg.kind is SegmentKind.SWITCH and "hold" in sc.poses:
        return _switch(session, seg, sc, mirrored)
    if seg.kind is SegmentKind.REST:
        k = min(1.0, session.elapsed / SETTLE)
        start = sc.poses.get("start") or _ends_at(sc)
        return FigureNow(sc, blend(_ends_at(sc), start, ease(k)), mirrored, sc.box, False, k < 1)
    return FigureNow(sc, _ends_at(sc), mirrored, sc.box, True, False)
