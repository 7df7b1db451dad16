"""Provides a figure as an article gives it: a view, keyframes of bone directions, props, marks."""

from __future__ import annotations

from dataclasses import dataclass

VIEWS = ("side", "front")
"""How the figure is seen: from its side (facing right) or from the front (facing you)."""
HOLD_FRAMES = ("start", "hold")
"""The keyframes a held exercise needs: the starting position and the hold."""
FLOW_FRAMES = ("in", "out")
"""The keyframes a flow needs: where breathing in and breathing out take the body."""
FRAMES = ("start", "hold", "in", "out")
"""Every keyframe name a figure may give."""
_LIMBS = ("elbow", "wrist", "hand", "knee", "ankle", "foot")
BONE_NAMES = ("trunk", "nose", *(f"{s}_{j}" for s in ("right", "left") for j in _LIMBS))
"""Every bone, named by the COCO keypoint at its end (the trunk: hips to shoulders), in the
order figure/body.py places them."""
JOINTS = (
    "hip", "neck", "nose", "left_shoulder", "right_shoulder", "left_hip", "right_hip",
    *(f"{s}_{j}" for s in ("left", "right") for j in _LIMBS),
)
"""Every joint a mark or a prop may name."""
SIDE_BASES = (
    "standing", "seated", "seated-floor", "kneeling", "half-kneeling", "all-fours",
    "lying-back", "lying-back-bent", "lying-front",
)
"""The base positions of the side view (their angles: figure/body.py)."""
FRONT_BASES = ("standing", "seated", "kneeling")
"""The base positions of the front view."""
PROP_KINDS = ("chair", "wall", "door", "desk", "cushion", "band", "mat", "step")
"""The props a figure may name."""
WALL_SIDES = ("front", "behind")
"""Where a wall or a door frame stands."""
WAYS = ("left", "right", "up", "down", "turn-left", "turn-right")
"""The ways a mark may show a joint moving."""


@dataclass(frozen=True)
class Frame:
    """One keyframe: a named base position and the bones that differ from it."""

    base: str
    """A base position of figure/body.py (`standing`, `lying-back`, ...)."""
    angles: tuple[tuple[str, float], ...] = ()
    """(bone, degrees in the picture plane: 0 right, 90 up), read modulo 360."""


@dataclass(frozen=True)
class Prop:
    """Something the pose needs drawn beside the body."""

    kind: str
    """`chair`, `wall`, `door`, `desk`, `cushion`, `band` or `mat`."""
    at: tuple[str, ...] = ()
    """Where: `front` or `behind` for a wall, the joint a cushion is under, the two joints a
    band runs between; empty for the usual place."""


@dataclass(frozen=True)
class Mark:
    """A joint that moves in a way the view cannot draw, and which way it goes."""

    joint: str
    """The joint (or bone) the mark is drawn at."""
    way: str
    """`left`, `right`, `up`, `down`, `turn-left`, `turn-right`, `in` or `out`."""


@dataclass(frozen=True)
class FigureSpec:
    """A stick figure with its keyframes, as an article's frontmatter gives it."""

    view: str
    """`side` or `front`."""
    frames: tuple[tuple[str, Frame], ...]
    """(name, keyframe) in the order written."""
    props: tuple[Prop, ...] = ()
    """What the pose needs beside the body."""
    marks: tuple[Mark, ...] = ()
    """Movements the view cannot draw, shown in the hold (or a flow's poses)."""

    def frame(self, name: str) -> Frame | None:
        """The keyframe called `name`, if the figure gives it."""
        return next((f for n, f in self.frames if n == name), None)

    @property
    def is_flow(self) -> bool:
        """Whether the figure moves with the breath (`in` and `out`) rather than holding."""
        return self.frame("in") is not None
