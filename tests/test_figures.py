"""Tests the figures: every bundled variant's keyframes and its mirror as text snapshots, in
braille and in plain characters; the format's checks, each at its line and column; poses that
blend, rest on the floor and mirror; the flow's two poses; and `show` with its JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from stretchtimer.core.errors import InputError
from stretchtimer.core.figure_spec import FigureSpec, Frame
from stretchtimer.figure.draw import draw, scene, working_bones
from stretchtimer.figure.pose import blend, lowest, pose_of, rested
from stretchtimer.library import paths
from stretchtimer.library.articles import load_article, parse_article
from stretchtimer.present.figures import figure_text

BUNDLED = sorted(paths.bundled_dir("content").glob("*.md"))


@pytest.mark.parametrize("source", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_every_bundled_variant_is_drawn_as_before(
    source: Path, snapshot: SnapshotAssertion
) -> None:
    """Each variant's start and hold (a flow: its two breaths), and the other side mirrored,
    in braille and in plain characters: a change to any figure or to the drawing shows here
    (`--snapshot-update` after looking at it)."""
    ex = load_article(source)
    drawn = {}
    for v in ex.variants:
        assert v.figure is not None, f"{ex.id}/{v.id} has no figure"
        drawn[v.id] = "\n".join(figure_text(v, 26, 10)) + "\n\n" + "\n".join(
            figure_text(v, 30, 10, "ascii")
        )
    assert drawn == snapshot


def test_a_flow_has_two_poses_and_a_hold_is_mirrored_for_the_other_side() -> None:
    """Cat-cow's breaths draw two different pictures; the single knee to chest's other side
    is its hold mirrored, column for column."""
    cat_cow = load_article(paths.bundled_dir("content") / "cat-cow.md").variants[0]
    assert cat_cow.figure is not None and cat_cow.figure.is_flow
    sc = scene(cat_cow.figure)
    breathe_in = draw(sc, sc.poses["in"], 30, 10).text()
    breathe_out = draw(sc, sc.poses["out"], 30, 10).text()
    assert breathe_in != breathe_out
    knee = load_article(paths.bundled_dir("content") / "knee-to-chest.md").variants[0]
    assert knee.figure is not None
    sc = scene(knee.figure)
    left = draw(sc, sc.poses["hold"], 30, 10, mode="ascii").text().split("\n")
    right = draw(sc, sc.poses["hold"], 30, 10, mode="ascii", mirrored=True).text().split("\n")
    flip = str.maketrans("/\\\\<>", "\\\\/><")
    assert [row[::-1].translate(flip).strip() for row in left] == [r.strip() for r in right]
    assert {"left_knee", "left_ankle", "left_foot"} <= working_bones(knee.figure)


def test_poses_rest_on_the_floor_and_blend_the_short_way() -> None:
    """Whatever the angles, the lowest point is on the floor; 350 to 10 degrees turns 20, not
    340; angles are read modulo 360."""
    frame = Frame("standing", (("trunk", 450.0), ("left_knee", -90.0)))
    pose = pose_of(frame, "side")
    assert dict(pose.angles)["trunk"] == 90 and dict(pose.angles)["left_knee"] == 270
    assert abs(lowest(rested(pose, "side"))) < 1e-9
    a = pose_of(Frame("standing", (("left_elbow", 350.0),)), "side")
    b = pose_of(Frame("standing", (("left_elbow", 10.0),)), "side")
    assert dict(blend(a, b, 0.5).angles)["left_elbow"] == pytest.approx(0.0, abs=1e-9)
    lying = pose_of(Frame("lying-back"), "side")
    assert abs(lowest(rested(lying, "side"))) < 1e-9


ARTICLE = """---
title: Bad figures
position: lying-back
figure:
  view: side
  start: {{base: lying-back-bent}}
  {hold}
  props: [mat, {prop}]
---

# Bad figures

## How to Do It

1. Lie down
"""


@pytest.mark.parametrize(
    ("hold", "prop", "where", "words"),
    [
        ("hold: {base: lying-back, left_kne: 90}", "chair", (7, 28), "unknown joint 'left_kne'"),
        ("hold: {base: lying-back, left_knee: up}", "chair", (7, 39), "'up' is not a number"),
        ("hold: {base: floating}", "chair", (7, 16), "base 'floating' is not one of"),
        ("hold: {base: lying-back}", "sofa", (8, 16), "unknown prop 'sofa'"),
        ("pose: {base: lying-back}", "chair", (7, 3), "unknown key 'pose'"),
        ("hold: {base: lying-back, trunk: 90, left_knee: 90, left_ankle: 90,"
         " left_foot: 90, nose: 90, left_elbow: 90, left_wrist: 90, left_hand: 90}",
         "{band: [left_hand, right_foot]}", None, None),
    ],
)
def test_check_places_each_figure_problem(
    tmp_path: Path, hold: str, prop: str, where: tuple[int, int] | None, words: str | None
) -> None:
    """Unknown joints, props, keys and bases, a value that is not a number, each at its
    `line:col`; a figure that is fine is read."""
    path = tmp_path / "bad.md"
    text = ARTICLE.format(hold=hold, prop=prop)
    if where is None:
        assert parse_article(path, text).variants[0].figure is not None
        return
    with pytest.raises(InputError) as caught:
        parse_article(path, text)
    problem = caught.value.problems[0]
    assert (problem.line, problem.col) == where, str(caught.value)
    assert words is not None and words in problem.message


def test_missing_keyframes_and_a_pose_off_its_canvas_are_refused(tmp_path: Path) -> None:
    """A hold with no `hold:` keyframe, and limbs stretched past the canvas, each named."""
    text = ARTICLE.format(hold="", prop="chair")
    with pytest.raises(InputError, match="give the keyframes hold"):
        parse_article(tmp_path / "a.md", text)
    spec = FigureSpec("side", (("start", Frame("standing")), ("hold", Frame("standing", (
        ("left_elbow", 0.0), ("left_wrist", 0.0), ("left_hand", 0.0),
        ("right_elbow", 180.0), ("right_wrist", 180.0), ("right_hand", 180.0),
        ("left_knee", 0.0), ("right_knee", 180.0), ("left_ankle", 0.0), ("right_ankle", 180.0),
    )))))
    x0, _, x1, _ = scene(spec).box
    assert x1 - x0 < 2.2  # the widest a body can reach fits; the check is for angles gone wrong
    far = ARTICLE.format(hold="hold: {base: lying-back, left_knee: 0, left_ankle: 0, "
                         "left_foot: 0, trunk: 180, nose: 180, left_elbow: 180, "
                         "left_wrist: 180, left_hand: 180}", prop="{wall: front}")
    parse_article(tmp_path / "b.md", far)  # lying at full stretch, arms overhead: it fits


def test_show_prints_each_variants_figure_and_json_carries_the_keyframes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`show knee-to-chest` draws both variants (the single one with its other side);
    `--format json` gives every keyframe's base and angles."""
    from stretchtimer.cli import main

    assert main(["show", "knee-to-chest"]) == 0
    out = capsys.readouterr().out
    labels = [line for line in out.splitlines() if line.startswith("Start  ")]
    assert len(labels) == 2 and "Other side" in labels[0] and "⠉⠉⠉" in out
    assert main(["show", "--format", "json", "knee-to-chest"]) == 0
    data = json.loads(capsys.readouterr().out)
    figure = data["variants"][0]["figure"]
    assert figure["view"] == "side" and set(figure["keyframes"]) == {"start", "hold"}
    assert figure["keyframes"]["start"]["base"] == "lying-back-bent"
    assert data["variants"][0]["modifications"] is not None


def test_the_names_core_knows_are_the_bodys() -> None:
    """The cache and check read the names from core/figure_spec (so they need not import the
    drawing): they are exactly the body's bones, bases and the marks' ways."""
    from stretchtimer.core import figure_spec
    from stretchtimer.figure import body
    from stretchtimer.figure.draw import ARROWS

    assert tuple(b.name for b in body.BONES) == figure_spec.BONE_NAMES
    assert tuple(body.SIDE_ANGLES) == figure_spec.SIDE_BASES
    assert tuple(body.FRONT_ANGLES) == figure_spec.FRONT_BASES
    assert tuple(ARROWS) == figure_spec.WAYS
    assert all(set(angles) == set(figure_spec.BONE_NAMES) for angles in body.SIDE_ANGLES.values())
