"""Provides poses: a keyframe's bone directions over its base, blended between keyframes, and
placed as joint positions resting on the floor."""

from __future__ import annotations

import math
from dataclasses import dataclass

from stretchtimer.core.figure_spec import Frame
from stretchtimer.figure.body import (
    ANCHORS,
    BONES,
    FORESHORTENED,
    HEAD_RADIUS,
    HIP_HALF,
    SHOULDER_HALF,
    Angles,
    bases,
)

Point = tuple[float, float]


@dataclass(frozen=True)
class Pose:
    """Every bone's direction and drawn length, and the joint that stays put."""

    angles: tuple[tuple[str, float], ...]
    """(bone, degrees 0..360)."""
    scales: tuple[tuple[str, float], ...] = ()
    """(bone, share of its length drawn) for bones that point at the viewer."""
    anchor: str = "hip"
    """The joint that stays where it was as the pose changes."""


def pose_of(frame: Frame, view: str) -> Pose:
    """A keyframe as a whole pose: its base with its own angles over it."""
    angles: Angles = dict(bases(view).get(frame.base) or bases("side")[frame.base])
    own = dict(frame.angles)
    angles.update({k: v % 360 for k, v in own.items()})
    scales: tuple[tuple[str, float], ...] = ()
    if view == "front":
        scales = tuple(
            (bone, share)
            for (base, bone), share in FORESHORTENED.items()
            if base == frame.base and bone not in own
        )
    return Pose(tuple(angles.items()), scales, ANCHORS.get(frame.base, "hip"))


def _turn(a: float, b: float, t: float) -> float:
    """From `a` toward `b` the short way round, `t` of the way."""
    delta = (b - a + 180.0) % 360.0 - 180.0
    return (a + delta * t) % 360.0


def blend(a: Pose, b: Pose, t: float) -> Pose:
    """The pose `t` (0..1) of the way from `a` to `b`."""
    if t <= 0.0:
        return a
    if t >= 1.0:
        return b
    start = dict(a.angles)
    angles = tuple((k, _turn(start.get(k, v), v, t)) for k, v in b.angles)
    sa, sb = dict(a.scales), dict(b.scales)
    scales = tuple(
        (k, sa.get(k, 1.0) + (sb.get(k, 1.0) - sa.get(k, 1.0)) * t) for k in sa.keys() | sb.keys()
    )
    return Pose(angles, tuple(sorted(scales)), b.anchor if t >= 0.5 else a.anchor)


def ease(t: float) -> float:
    """Smooth in and out (0 and 1 stay put)."""
    t = min(1.0, max(0.0, t))
    return t * t * (3.0 - 2.0 * t)


def _offset(at: Point, angle: float, length: float) -> Point:
    rad = math.radians(angle)
    return at[0] + math.cos(rad) * length, at[1] + math.sin(rad) * length


def joints(pose: Pose, view: str) -> dict[str, Point]:
    """Every joint's position in body heights, the hips at the origin, before resting."""
    angle = dict(pose.angles)
    scale = dict(pose.scales)
    at: dict[str, Point] = {"hip": (0.0, 0.0)}
    trunk = angle["trunk"]
    at["neck"] = _offset(at["hip"], trunk, BONES[0].length)
    wide = view == "front"
    for side, sign in (("left", -1.0), ("right", 1.0)):
        across = trunk + 90.0 * sign
        at[f"{side}_shoulder"] = _offset(at["neck"], across, SHOULDER_HALF if wide else 0.0)
        at[f"{side}_hip"] = _offset(at["hip"], across, HIP_HALF if wide else 0.0)
    for bone in BONES[1:]:
        length = bone.length * scale.get(bone.name, 1.0)
        at[bone.name] = _offset(at[bone.start], angle[bone.name], length)
    return at


def lowest(at: dict[str, Point]) -> float:
    """The lowest point of the body: a joint, or the bottom of the head."""
    return min(min(y for _, y in at.values()), at["nose"][1] - HEAD_RADIUS)


def rested(pose: Pose, view: str, anchor_x: float | None = None) -> dict[str, Point]:
    """The joints with the lowest point on the floor (y = 0) and the anchor joint at
    `anchor_x` (else at x = 0)."""
    at = joints(pose, view)
    floor = lowest(at)
    ax = at.get(pose.anchor, at["hip"])[0]
    dx = (anchor_x or 0.0) - ax
    return {k: (x + dx, y - floor) for k, (x, y) in at.items()}
