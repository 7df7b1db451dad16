"""Provides the command line's views: exercises, routines and plans as text and as JSON data."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from stretchtimer.core.cells import cells, pad
from stretchtimer.core.model import Exercise, Pace, Plan, Section, Segment
from stretchtimer.core.text import join_seconds
from stretchtimer.library.registry import Entry
from stretchtimer.present.exercise_parts import (
    facts_text,
    lists_text,
    section_text,
    variant_text,
    wrapped_lines,
)
from stretchtimer.present.figures import figure_data
from stretchtimer.present.needs import needs_lines, routine_equipment, routine_positions
from stretchtimer.present.preview import step_text
from stretchtimer.present.urgent import urgent_signs, urgent_text


def _section_data(sec: Section) -> dict[str, Any]:
    return {
        "title": sec.title,
        "lines": list(sec.lines),
        "parts": [_section_data(p) for p in sec.parts],
    }


def _pace_data(pace: Pace | None) -> dict[str, Any] | None:
    if pace is None:
        return None
    return {"in": pace.in_label, "out": pace.out_label, "pace": pace.text()}


def exercise_data(ex: Exercise) -> dict[str, Any]:
    """The `show --format json` shape (README, "show --format json")."""
    return {
        "id": ex.id,
        "title": ex.title,
        "summary": ex.summary,
        "difficulty": ex.difficulty,
        "region": ex.region,
        "targets": list(ex.targets),
        "facts": [{"label": k, "value": v} for k, v in ex.facts],
        "variants": [
            {
                "id": v.id,
                "name": v.name,
                "position": v.position,
                "equipment": list(v.equipment),
                "flow": _pace_data(v.flow),
                "hold": v.hold,
                "hold_min": v.hold_min,
                "hold_max": v.hold_max,
                "easier": v.easier,
                "harder": v.harder,
                "sides": v.sides,
                "starting_position": list(v.starting_position),
                "steps": list(v.steps),
                "left": v.left,
                "right": v.right,
                "figure": figure_data(v.figure),
                "mistakes": None if v.mistakes is None else list(v.mistakes),
                "modifications": None if v.modifications is None else list(v.modifications),
            }
            for v in ex.variants
        ],
        "good_sensations": list(ex.good_sensations),
        "red_flags": list(ex.red_flags),
        "urgent_signs": urgent_signs([ex.region]),
        "mistakes": [{"title": m.title, "problem": m.problem, "fix": m.fix} for m in ex.mistakes],
        "cautions": list(ex.cautions),
        "modifications": list(ex.modifications),
        "sections": [_section_data(sec) for sec in ex.sections],
        "disclaimer": ex.disclaimer,
        "reviewed": ex.reviewed,
        "path": str(ex.path),
    }


def exercise_text(ex: Exercise, width: int = 88, mode: str = "braille") -> str:
    """A readable page about one exercise: every part of the article, in its order."""
    out = [ex.title, "=" * min(cells(ex.title), width)]
    if ex.summary:
        out += ["", *textwrap.wrap(ex.summary, width)]
    out += facts_text(ex, width)
    for v in ex.variants:
        out += variant_text(ex, v, width, mode)
    out += lists_text(ex, width)
    for sec in ex.sections:
        out += section_text(sec, width)
    out += ["", *wrapped_lines(tuple(urgent_text([ex.region]).splitlines()), "", width)]
    if ex.disclaimer:
        out += ["", *textwrap.wrap(f"Disclaimer: {ex.disclaimer}", width)]
    if ex.reviewed:
        out += [f"Last reviewed: {ex.reviewed}"]
    return "\n".join(out)


def routine_row(entry: Entry, plan: Plan | None) -> dict[str, Any]:
    """One routine of the `list --format json` shape."""
    return {
        "name": entry.id,
        "title": plan.routine.title if plan else None,
        "description": plan.routine.description if plan else None,
        "when": plan.routine.when if plan else None,
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
    name_w = max((cells(r["name"]) for r in routines), default=4) + 2  # as the terminal draws
    out = ["Routines"]
    for r in routines:
        if r["seconds"] is None:
            fix = f"(has errors: run 'stretchtimer check {r['path']}')"
            out.append(f"  {pad(r['name'], name_w)}{fix}")
            continue
        mark = _origin(r, r["name"], commands)
        out.append(f"  {pad(r['name'], name_w)}{join_seconds(r['seconds']):>6}  {r['title']}{mark}")
        about = r["when"] or r["description"]
        if about:
            out.append(f"  {'':<{name_w}}        {about}")
    ex_w = max((cells(e["id"]) for e in exercises), default=4) + 2
    out += ["", "Exercises"]
    for e in exercises:
        mark = _origin(e, e["id"], ())
        out.append(f"  {pad(e['id'], ex_w)}{e['title'] or '(has errors)'}{mark}")
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
        "pace": seg.pace.text() if seg.pace else None,
        "cue": seg.cue,
    }


def plan_data(plan: Plan) -> dict[str, Any]:
    """The `plan --format json` shape."""
    return {
        "name": plan.routine.name,
        "title": plan.routine.title,
        "total_seconds": plan.total_seconds,
        "equipment": list(routine_equipment(plan.routine)),
        "positions": routine_positions(plan.routine),
        "dropped": [step_text(s) for s in plan.dropped],
        "segments": [segment_data(s) for s in plan.segments],
    }


def plan_text(plan: Plan, width: int = 100) -> str:
    """The `plan` timeline."""
    r = plan.routine
    count = f"{len(r.steps)} step{'s' * (len(r.steps) != 1)}"
    out = [f"{r.title}: {join_seconds(plan.total_seconds)} in all, {count}"]
    if r.description:
        out.append(r.description)
    out += needs_lines(r)
    if plan.dropped:
        out.append("Left out to fit the time: " + "; ".join(step_text(s) for s in plan.dropped))
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
