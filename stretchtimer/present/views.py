"""Provides the command line's views: exercises, routines and plans as text and as JSON data."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from stretchtimer.core.model import Exercise, Pace, Plan, Section, Segment, Side, Variant
from stretchtimer.core.plan import side_meaning, starting_position
from stretchtimer.core.text import join_seconds
from stretchtimer.library.registry import Entry
from stretchtimer.present.needs import (
    needs_lines,
    needs_text,
    position_name,
    routine_equipment,
    routine_positions,
)
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
                "sides": v.sides,
                "starting_position": list(v.starting_position),
                "steps": list(v.steps),
                "left": v.left,
                "right": v.right,
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


def _wrap(text: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "   ")


def _lines(lines: tuple[str, ...], indent: str, width: int) -> list[str]:
    """Paragraphs and `- items`, wrapped (items hang under their dash)."""
    out: list[str] = []
    for line in lines:
        if line.startswith("- "):
            out += textwrap.wrap(
                line, width, initial_indent=indent, subsequent_indent=indent + "  "
            )
        else:
            out += textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent)
    return out


def _section_text(sec: Section, width: int) -> list[str]:
    out = ["", f"## {sec.title}"]
    if sec.lines:
        out += ["", *_lines(sec.lines, "", width)]
    for part in sec.parts:
        head = part.title if part.title.endswith((":", "?", ".", "!")) else f"{part.title}:"
        out += ["", head, *_lines(part.lines, "  ", width)]
    return out


def _variant_facts(v: Variant) -> str:
    """`Position: lying on your back. You'll need: a mat. Breath-paced: 4 s in, 4 s out.`"""
    bits = []
    if v.position:
        bits.append(f"Position: {position_name(v.position)}")
    if v.equipment:
        bits.append(f"You'll need: {needs_text(v.equipment)}")
    if v.flow:
        bits.append(
            f"Paced by breath: {v.flow.inhale} s in ({v.flow.in_label or 'in'}), "
            f"{v.flow.exhale} s out ({v.flow.out_label or 'out'})"
        )
    return ". ".join(bits) + ("." if bits else "")


def exercise_text(ex: Exercise, width: int = 88) -> str:
    """A readable page about one exercise: every part of the article, in its order."""
    out = [ex.title, "=" * min(len(ex.title), width)]
    if ex.summary:
        out += ["", *textwrap.wrap(ex.summary, width)]
    facts = list(ex.facts)
    labels = {k.lower() for k, _ in facts}
    if ex.targets and "targets" not in labels:
        facts.insert(0, ("Targets", ", ".join(ex.targets)))
    facts = [(k, ex.difficulty.capitalize()) if k.lower() == "difficulty" else (k, v)
             for k, v in facts]
    if ex.difficulty and "difficulty" not in labels:
        facts.append(("Difficulty", ex.difficulty.capitalize()))
    if facts:
        wide = max(len(k) for k, _ in facts) + 2
        out += [""] + [ln for k, v in facts for ln in _wrap(f"{k + ':':<{wide}}{v}", "", width)]
    for v in ex.variants:
        out += ["", f"## {v.name or 'How to do it'}   [{v.id}]"]
        about = _variant_facts(v)
        if about:
            out += ["", *textwrap.wrap(about, width)]
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
        ("Take care with", ex.cautions),
        ("To make it easier", ex.modifications),
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
    for sec in ex.sections:
        out += _section_text(sec, width)
    out += ["", *_lines(tuple(urgent_text([ex.region]).splitlines()), "", width)]
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
    name_w = max((len(r["name"]) for r in routines), default=4) + 2
    out = ["Routines"]
    for r in routines:
        if r["seconds"] is None:
            out.append(f"  {r['name']:<{name_w}}(has errors: run 'stretchtimer check {r['path']}')")
            continue
        mark = _origin(r, r["name"], commands)
        out.append(f"  {r['name']:<{name_w}}{join_seconds(r['seconds']):>6}  {r['title']}{mark}")
        about = r["when"] or r["description"]
        if about:
            out.append(f"  {'':<{name_w}}        {about}")
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
