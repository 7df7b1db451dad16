"""Provides the command line's views: exercises, routines and plans as text and as JSON data."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from stretchtimer.core.model import Exercise, Plan, Segment, Side
from stretchtimer.core.plan import side_meaning, starting_position
from stretchtimer.core.text import join_seconds
from stretchtimer.library.registry import Entry


def exercise_data(ex: Exercise) -> dict[str, Any]:
    """The `show --format json` shape."""
    return {
        "id": ex.id,
        "title": ex.title,
        "summary": ex.summary,
        "difficulty": ex.difficulty,
        "targets": list(ex.targets),
        "variants": [
            {
                "id": v.id,
                "name": v.name,
                "starting_position": list(v.starting_position),
                "steps": list(v.steps),
                "left": v.left,
                "right": v.right,
            }
            for v in ex.variants
        ],
        "good_sensations": list(ex.good_sensations),
        "red_flags": list(ex.red_flags),
        "mistakes": [{"title": m.title, "problem": m.problem, "fix": m.fix} for m in ex.mistakes],
        "precautions": list(ex.precautions),
        "path": str(ex.path),
    }


def _wrap(text: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "   ")


def exercise_text(ex: Exercise, width: int = 88) -> str:
    """A readable page about one exercise."""
    out = [ex.title, "=" * min(len(ex.title), width)]
    if ex.summary:
        out += ["", *textwrap.wrap(ex.summary, width)]
    facts = []
    if ex.targets:
        facts.append("Targets: " + ", ".join(ex.targets))
    if ex.difficulty:
        facts.append("Difficulty: " + ex.difficulty)
    if facts:
        out += ["", *facts]
    for v in ex.variants:
        out += ["", f"## {v.name or 'How to do it'}   [{v.id}]"]
        start = starting_position(ex, v)
        if start:
            label = "Starting position" if v.starting_position else "Starting position (as above)"
            out += ["", f"{label}:"]
            out += [ln for i, s in enumerate(start, 1) for ln in _wrap(f"{i}. {s}", "  ", width)]
        if v.steps:
            out += ["", "The movement:"]
            out += [ln for i, s in enumerate(v.steps, 1) for ln in _wrap(f"{i}. {s}", "  ", width)]
        if v.left or v.right:
            out += [""]
            for side in (Side.LEFT, Side.RIGHT):
                out += _wrap(f"{side.value.capitalize()} side: {side_meaning(v, side)}", "", width)
    for title, items in (
        ("What you should feel", ex.good_sensations),
        ("Stop if", ex.red_flags),
        ("Precautions", ex.precautions),
    ):
        if items:
            out += ["", f"{title}:"]
            out += [ln for item in items for ln in _wrap(f"- {item}", "  ", width)]
    if ex.mistakes:
        out += ["", "Common mistakes:"]
        for m in ex.mistakes:
            out += _wrap(f"- {m.title}: {m.problem}".rstrip(": "), "  ", width)
            if m.fix:
                out += _wrap(f"Fix: {m.fix}", "     ", width)
    for heading, text in ex.sections:
        if text:
            out += ["", f"## {heading}", ""]
            out += [w for line in text.splitlines() for w in (textwrap.wrap(line, width) or [""])]
    return "\n".join(out)


def routine_row(entry: Entry, plan: Plan | None) -> dict[str, Any]:
    """One routine of the `list --format json` shape."""
    return {
        "name": entry.id,
        "title": plan.routine.title if plan else None,
        "description": plan.routine.description if plan else None,
        "seconds": plan.total_seconds if plan else None,
        "path": str(entry.path),
        "source": entry.source,
    }


def _origin(item: dict[str, Any], name: str, commands: tuple[str, ...]) -> str:
    """`  (yours, from Evening.yaml; run it as: stretchtimer run list)`, or empty."""
    notes = []
    if item["source"] == "user":
        notes.append("yours")
    file_name = Path(item["path"]).name
    if Path(file_name).stem != name:
        notes.append(f"from {file_name}")
    if name in commands:
        notes.append(f"run it as: stretchtimer run {name}")
    return f"  ({', '.join(notes)})" if notes else ""


def list_text(
    routines: list[dict[str, Any]],
    exercises: list[dict[str, Any]],
    commands: tuple[str, ...] = (),
) -> str:
    """The `list` page (`commands`: the names a routine cannot be run by directly)."""
    name_w = max((len(r["name"]) for r in routines), default=4) + 2
    out = ["Routines"]
    for r in routines:
        if r["seconds"] is None:
            out.append(f"  {r['name']:<{name_w}}(has errors: run 'stretchtimer check {r['path']}')")
            continue
        mark = _origin(r, r["name"], commands)
        out.append(f"  {r['name']:<{name_w}}{join_seconds(r['seconds']):>6}  {r['title']}{mark}")
        if r["description"]:
            out.append(f"  {'':<{name_w}}        {r['description']}")
    ex_w = max((len(e["id"]) for e in exercises), default=4) + 2
    out += ["", "Exercises"]
    for e in exercises:
        mark = _origin(e, e["id"], ())
        out.append(f"  {e['id']:<{ex_w}}{e['title'] or '(has errors)'}{mark}")
    out += ["", "Run one: stretchtimer ROUTINE    Read one: stretchtimer show EXERCISE"]
    return "\n".join(out)


def segment_data(seg: Segment) -> dict[str, Any]:
    """One segment of the `plan --format json` shape."""
    return {
        "kind": seg.kind.value,
        "exercise": seg.exercise.id,
        "variant": seg.variant.id,
        "side": seg.side.value if seg.side else None,
        "seconds": seg.seconds,
        "cue": seg.cue,
    }


def plan_data(plan: Plan) -> dict[str, Any]:
    """The `plan --format json` shape."""
    return {
        "name": plan.routine.name,
        "title": plan.routine.title,
        "total_seconds": plan.total_seconds,
        "segments": [segment_data(s) for s in plan.segments],
    }


def plan_text(plan: Plan, width: int = 100) -> str:
    """The `plan` timeline."""
    r = plan.routine
    out = [f"{r.title}: {join_seconds(plan.total_seconds)} in all, {len(r.steps)} steps"]
    if r.description:
        out.append(r.description)
    at = 0
    step = -1
    for seg in plan.segments:
        if seg.step_index != step:
            step = seg.step_index
            s = r.steps[step]
            name = s.exercise.title + (f" / {s.variant.name}" if s.variant.name else "")
            out += ["", f"Step {step + 1}: {name}"]
        side = seg.side.value if seg.side else ""
        head = f"  {join_seconds(at):>6}  {seg.kind.value:<8}{seg.seconds:>4} s  {side:<6}"
        cue = textwrap.shorten(seg.cue, max(20, width - len(head) - 1), placeholder="...")
        out.append(f"{head}{cue}")
        at += seg.seconds
    out += ["", f"  {join_seconds(at):>6}  done"]
    return "\n".join(out)
