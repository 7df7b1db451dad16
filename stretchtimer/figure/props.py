"""Provides the props a pose needs, as line segments placed from the body's joints: a chair
under the hips, a wall or door frame beside the body, a desk under the hands, a cushion under a
joint, a step under a foot, a band between two joints, a mat under the body."""

from __future__ import annotations

from stretchtimer.core.figure_spec import PROP_KINDS, WALL_SIDES, Prop
from stretchtimer.figure.pose import Point

Segment = tuple[Point, Point]
__all__ = ["PROP_KINDS", "WALL_SIDES", "prop_segments"]


def _chair(hip: Point, facing: float, front: bool) -> list[Segment]:
    seat = max(0.12, hip[1] - 0.02)
    if front:
        left, right = hip[0] - 0.16, hip[0] + 0.16
        return [((left, seat), (right, seat)), ((left, seat), (left, 0.0)),
                ((right, seat), (right, 0.0))]
    back, fore = hip[0] - 0.13 * facing, hip[0] + 0.12 * facing
    return [
        ((back, seat), (fore, seat)),
        ((back, 0.0), (back, seat + 0.28)),
        ((fore, seat), (fore, 0.0)),
    ]


def prop_segments(
    prop: Prop, hold: dict[str, Point], box: tuple[float, float, float, float], facing: float,
    front: bool,
) -> list[Segment]:
    """The lines that draw `prop` beside the body posed as `hold` (the pose the prop serves),
    inside the box (x0, y0, x1, y1) every keyframe of the figure fits; `facing` is 1 when the
    figure faces right, -1 when it is mirrored."""
    x0, _, x1, y1 = box
    ahead, behind = (x1, x0) if facing > 0 else (x0, x1)
    kind = prop.kind
    if kind == "chair":
        return _chair(hold["hip"], facing, front)
    if kind == "wall":
        x = behind - 0.01 * facing if prop.at[:1] == ("behind",) else ahead + 0.01 * facing
        return [((x, 0.0), (x, max(y1, 1.0) + 0.05))]
    if kind == "door":  # the frame's post, and its lintel over the head
        post_behind = prop.at[:1] == ("behind",)
        x = behind - 0.01 * facing if post_behind else ahead + 0.01 * facing
        top = max(y1, 1.0) + 0.08
        toward = facing if post_behind else -facing
        return [((x, 0.0), (x, top)), ((x, top), (x + 0.3 * toward, top))]
    if kind == "desk":
        hands = [hold[j] for j in ("left_hand", "right_hand")]
        hand = max(hands, key=lambda p: p[0] * facing)
        top = max(0.2, min(hand[1], 0.6))
        edge = hand[0] - 0.03 * facing
        far = edge + 0.4 * facing
        return [((edge, top), (far, top)), ((edge, top), (edge, 0.0)), ((far, top), (far, 0.0))]
    if kind == "cushion":
        at = hold.get(prop.at[0] if prop.at else "hip", hold["hip"])
        return [((at[0] - 0.07, 0.025), (at[0] + 0.07, 0.025)),
                ((at[0] - 0.08, 0.0), (at[0] - 0.07, 0.025)),
                ((at[0] + 0.08, 0.0), (at[0] + 0.07, 0.025))]
    if kind == "step":  # a low step or box, from the floor to just under the joint
        at = hold.get(prop.at[0] if prop.at else "left_foot", hold["hip"])
        top = max(0.04, at[1] - 0.015)
        left, right = at[0] - 0.1, at[0] + 0.1
        return [((left, top), (right, top)), ((left, top), (left, 0.0)),
                ((right, top), (right, 0.0))]
    if kind == "band":
        ends = prop.at if len(prop.at) == 2 else ("left_hand", "right_hand")
        return [(hold[ends[0]], hold[ends[1]])]
    return []  # a mat is the floor line under the body
