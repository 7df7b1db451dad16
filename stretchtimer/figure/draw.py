"""Provides a figure drawn as text: the scene every keyframe of a figure fits (its box, props
and working limb), and a pose of it drawn to a canvas of any size, mirrored for the other side."""

from __future__ import annotations

import math
from dataclasses import dataclass

from stretchtimer.core.figure_spec import FigureSpec
from stretchtimer.figure.body import ARM, BONES, HEAD_RADIUS, LEG
from stretchtimer.figure.canvas import BODY, FLOOR, MARK, PROP, WORK, Canvas, Drawing
from stretchtimer.figure.pose import Point, Pose, joints, lowest, pose_of, rested
from stretchtimer.figure.props import Segment, prop_segments

Box = tuple[float, float, float, float]
ARROWS: dict[str, tuple[str, str]] = {
    "left": ("←", "<"), "right": ("→", ">"), "up": ("↑", "^"), "down": ("↓", "v"),
    "turn-left": ("↺", "("), "turn-right": ("↻", ")"),
}
"""A mark's way, as drawn with Unicode and with plain characters."""

MIRRORED_WAY = {"left": "right", "right": "left", "turn-left": "turn-right",
                "turn-right": "turn-left"}
_WORK_DIFF = 8.0
"""Degrees a left bone must differ from the right one for the limb to count as working."""


@dataclass(frozen=True)
class Scene:
    """A figure ready to draw at any moment: its keyframes as poses, the box they all fit in,
    the props placed, and which bones are the working limb."""

    spec: FigureSpec
    poses: dict[str, Pose]
    box: Box
    props: tuple[Segment, ...]
    working: frozenset[str]
    first: dict[str, Point]
    """The first keyframe's joints, its hips at x = 0: where each pose's anchor stands."""

    def anchor_x(self, pose: Pose) -> float:
        """Where `pose`'s anchor joint stands (see anchor_x)."""
        return anchor_x(self.first, pose)


def anchor_x(first: dict[str, Point], pose: Pose) -> float:
    """Where `pose`'s anchor joint stands: where the first keyframe (`first`, its joints) had
    that joint, so the joint the weight is on stays put from pose to pose."""
    return first[pose.anchor][0] - first["hip"][0]


def _apart(left: float, right: float, front: bool) -> bool:
    """Whether a left bone points otherwise than its right twin (seen from the front, a
    symmetric pair are mirror images: 80 and 100 are the same)."""
    twin = (180.0 - right) % 360.0 if front else right
    return abs((left - twin + 180.0) % 360.0 - 180.0) > _WORK_DIFF


def working_bones(spec: FigureSpec) -> frozenset[str]:
    """The bones of each left limb that, in some keyframe, points otherwise than its right
    twin: the limb the other side's figure sets apart (none when the pose is symmetric)."""
    out: set[str] = set()
    front = spec.view == "front"
    for _, frame in spec.frames:
        angles = dict(pose_of(frame, spec.view).angles)
        for chain in (ARM, LEG):
            if any(_apart(angles[f"left_{j}"], angles[f"right_{j}"], front) for j in chain):
                out.update(f"left_{j}" for j in chain)
    return frozenset(out)


def _extent(points: list[Point], pad: float = 0.0) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad


def body_points(at: dict[str, Point]) -> list[Point]:
    """The joints and the head's edges: what a box must hold."""
    hx, hy = at["nose"]
    r = HEAD_RADIUS
    return [*at.values(), (hx - r, hy - r), (hx + r, hy + r)]


def scene(spec: FigureSpec) -> Scene:
    """A figure's scene, every keyframe placed with its anchor where the first one had it."""
    poses = {name: pose_of(frame, spec.view) for name, frame in spec.frames}
    first = joints(next(iter(poses.values())), spec.view)
    placed = {name: rested(p, spec.view, anchor_x(first, p)) for name, p in poses.items()}
    points = [pt for at in placed.values() for pt in body_points(at)]
    box = _extent(points)
    hold = placed.get("hold") or placed.get("in") or next(iter(placed.values()))
    props = tuple(
        seg for prop in spec.props
        for seg in prop_segments(prop, hold, box, 1.0, spec.view == "front")
    )
    for a, b in props:
        points += [a, b]
    return Scene(spec, poses, _extent(points, 0.03), props, working_bones(spec), first)


def blend_box(a: Box, b: Box, t: float) -> Box:
    """The box `t` of the way from `a` to `b`, so a change of figure never jumps."""
    return tuple(p + (q - p) * t for p, q in zip(a, b, strict=True))  # type: ignore[return-value]


class _Mapper:
    """World (body heights, y up) to canvas dots (y down), centred, the floor at the bottom."""

    def __init__(self, canvas: Canvas, box: Box, mirrored: bool) -> None:
        x0, y0, x1, y1 = box
        width, height = max(x1 - x0, 0.1), max(y1 - min(y0, 0.0), 0.1)
        room = (canvas.rows - 1) * canvas.dy - 1
        self.scale = min((canvas.width - 2) / width, room * canvas.aspect / height)
        self.cx, self.mid = (x0 + x1) / 2, canvas.width / 2
        self.floor = (canvas.rows - 1) * canvas.dy
        """The floor: the top dots of the last row, so that row holds the floor alone."""
        self.base = self.floor - 1
        self.aspect = canvas.aspect
        self.sign = -1.0 if mirrored else 1.0

    def __call__(self, p: Point) -> tuple[int, int]:
        x = self.mid + self.sign * (p[0] - self.cx) * self.scale
        return round(x), round(self.base - p[1] * self.scale / self.aspect)


def _head(canvas: Canvas, to: _Mapper, centre: Point, face: float, side_view: bool) -> None:
    cx, cy = to(centre)
    r = HEAD_RADIUS * to.scale
    if canvas.mode == "ascii" and r < 2.5:
        canvas.glyph(cx, cy, "O", BODY)
        return
    steps = max(12, int(2 * math.pi * r))
    for i in range(steps):
        a = 2 * math.pi * i / steps
        canvas.dot(round(cx + math.cos(a) * r), round(cy - math.sin(a) * r / to.aspect), BODY, "o")
    if side_view and r >= 2:
        a = math.radians(face)
        nx = cx + to.sign * math.cos(a) * (r + 1)
        canvas.dot(round(nx), round(cy - math.sin(a) * (r + 1) / to.aspect), BODY, ">")


def draw(
    sc: Scene, pose: Pose, cols: int, rows: int, *, mode: str = "braille",
    mirrored: bool = False, box: Box | None = None, marks: bool = False,
) -> Drawing:
    """`pose` of scene `sc` drawn in `cols` x `rows` cells (`box`: the world box to fit,
    else the scene's; `marks`: draw the ways the hold moves that the view cannot show)."""
    canvas = Canvas(max(1, cols), max(1, rows), mode)
    to = _Mapper(canvas, box or sc.box, mirrored)
    at = rested(pose, sc.spec.view, sc.anchor_x(pose))
    for a, b in sc.props:
        canvas.line(*to(a), *to(b), PROP)
    canvas.floor(to.floor)
    thick = to.scale / to.aspect > 70
    angles = dict(pose.angles)
    for bone in BONES:
        if bone.name == "nose":
            continue
        role = WORK if bone.name in sc.working else BODY
        (x0, y0), (x1, y1) = to(at[bone.start]), to(at[bone.end])
        canvas.line(x0, y0, x1, y1, role)
        if thick:
            ox, oy = (1, 0) if abs(x1 - x0) < abs(y1 - y0) else (0, 1)
            canvas.line(x0 + ox, y0 + oy, x1 + ox, y1 + oy, role)
    canvas.line(*to(at["neck"]), *to(_toward(at["neck"], at["nose"], HEAD_RADIUS)), BODY)
    _head(canvas, to, at["nose"], angles["nose"] - 90.0, sc.spec.view == "side")
    if marks:
        for mark in sc.spec.marks:
            way = MIRRORED_WAY.get(mark.way, mark.way) if mirrored else mark.way
            x, y = to(at.get(mark.joint, at["hip"]))
            x = min(max(x + canvas.dx, 0), canvas.width - 1)  # beside the joint, on the canvas
            y = min(max(y - canvas.dy, 0), canvas.height - 1)
            canvas.glyph(x, y, ARROWS[way][mode == "ascii"], MARK)
    return canvas.drawing()


def _toward(a: Point, b: Point, short: float) -> Point:
    """The point `short` before `b` on the way from `a` (the neck stops at the head)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    k = max(0.0, (length - short) / length)
    return a[0] + dx * k, a[1] + dy * k


__all__ = ["FLOOR", "Drawing", "Scene", "blend_box", "draw", "lowest", "scene"]
