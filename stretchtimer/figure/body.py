"""Provides the body: its bones (named by the COCO keypoint at their end), their lengths in body
heights, and the base positions a keyframe starts from, for the side and the front view."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bone:
    """One bone: from a joint to the joint it is named by."""

    name: str
    """The joint at its end (`left_knee` is the thigh), or `trunk`."""
    start: str
    """The joint it hangs from."""
    length: float
    """In body heights."""

    @property
    def end(self) -> str:
        """The joint it ends at (the trunk ends at the neck, between the shoulders)."""
        return "neck" if self.name == "trunk" else self.name


# Lengths in body heights after the usual anthropometric tables (Drillis and Contini):
# thigh 0.245, shin 0.246, upper arm 0.186, forearm 0.146, hand 0.108, foot 0.152; hip to
# shoulder 0.288; the head's centre sits 0.12 above the shoulders with a radius of 0.06.
TRUNK = Bone("trunk", "hip", 0.288)
HEAD = Bone("nose", "neck", 0.12)
HEAD_RADIUS = 0.06
SHOULDER_HALF = 0.115
"""Half the shoulders' width (the front view)."""
HIP_HALF = 0.085
"""Half the hips' width (the front view)."""


def _limbs(side: str) -> tuple[Bone, ...]:
    return (
        Bone(f"{side}_elbow", f"{side}_shoulder", 0.186),
        Bone(f"{side}_wrist", f"{side}_elbow", 0.146),
        Bone(f"{side}_hand", f"{side}_wrist", 0.08),
        Bone(f"{side}_knee", f"{side}_hip", 0.245),
        Bone(f"{side}_ankle", f"{side}_knee", 0.246),
        Bone(f"{side}_foot", f"{side}_ankle", 0.12),
    )


LEFT = _limbs("left")
RIGHT = _limbs("right")
BONES: tuple[Bone, ...] = (TRUNK, HEAD, *RIGHT, *LEFT)
"""Every bone, in the order they are placed (a bone after the one it hangs from)."""
"""(Their names are core/figure_spec's BONE_NAMES, which the cache and check read without
importing this module: a test holds the two lists together.)"""
ARM = ("elbow", "wrist", "hand")
LEG = ("knee", "ankle", "foot")

Angles = dict[str, float]


def _side_view(
    trunk: float, head: float, arm: tuple[float, float, float], leg: tuple[float, float, float]
) -> Angles:
    out: Angles = {"trunk": trunk, "nose": head}
    for side in ("left", "right"):
        out.update({f"{side}_{j}": a for j, a in zip(ARM, arm, strict=True)})
        out.update({f"{side}_{j}": a for j, a in zip(LEG, leg, strict=True)})
    return out


def _with(base: Angles, **changes: float) -> Angles:
    return {**base, **changes}


_STANDING = _side_view(90, 90, (278, 275, 272), (270, 270, 0))
_SEATED = _side_view(90, 90, (275, 350, 0), (0, 270, 0))
_KNEELING = _side_view(90, 90, (270, 270, 270), (270, 180, 180))
_LYING_BACK = _side_view(180, 180, (0, 0, 0), (0, 0, 90))
SIDE_ANGLES: dict[str, Angles] = {
    "standing": _STANDING,
    "seated": _SEATED,
    "seated-floor": _side_view(90, 90, (290, 330, 0), (0, 0, 90)),
    "kneeling": _KNEELING,
    "half-kneeling": _with(
        _KNEELING, left_knee=0, left_ankle=270, left_foot=0, right_knee=265
    ),
    "all-fours": _side_view(17, 5, (270, 270, 0), (270, 180, 180)),
    "lying-back": _LYING_BACK,
    "lying-back-bent": _with(
        _LYING_BACK, left_knee=55, right_knee=55, left_ankle=-60, right_ankle=-60,
        left_foot=0, right_foot=0,
    ),
    "lying-front": _side_view(0, 0, (180, 180, 180), (180, 180, 270)),
}
"""Base positions seen from the side, the figure facing right (lying on the back: the head to
the left; lying on the front: the head to the right)."""

_FRONT_STANDING = _with(
    _side_view(90, 90, (270, 270, 270), (270, 270, 270)),
    left_elbow=275, right_elbow=265, left_wrist=272, right_wrist=268,
    left_hand=270, right_hand=270, left_foot=0, right_foot=180,
)
FRONT_ANGLES: dict[str, Angles] = {
    "standing": _FRONT_STANDING,
    "seated": _with(
        _FRONT_STANDING, left_knee=275, right_knee=265, left_ankle=270, right_ankle=270,
        left_elbow=280, right_elbow=260, left_wrist=250, right_wrist=290,
        left_hand=250, right_hand=290,
    ),
    "kneeling": _with(_FRONT_STANDING, left_ankle=270, right_ankle=270),
}
"""Base positions seen from the front, the figure facing you (its left on your right)."""

FORESHORTENED: dict[tuple[str, str], float] = {
    ("seated", "left_knee"): 0.25,
    ("seated", "right_knee"): 0.25,
    ("kneeling", "left_ankle"): 0.15,
    ("kneeling", "right_ankle"): 0.15,
    ("kneeling", "left_foot"): 0.0,
    ("kneeling", "right_foot"): 0.0,
}
"""Front-view bones that point at you in a base, drawn this much of their length."""

ANCHORS: dict[str, str] = {
    "standing": "left_ankle", "seated": "hip", "seated-floor": "hip", "kneeling": "left_knee",
    "half-kneeling": "right_knee", "all-fours": "left_knee", "lying-back": "hip",
    "lying-back-bent": "hip", "lying-front": "hip",
}
"""The joint that stays put as a pose changes: the one the weight rests on."""


def bases(view: str) -> dict[str, Angles]:
    """The base positions of a view, with every bone's angle."""
    return FRONT_ANGLES if view == "front" else SIDE_ANGLES
