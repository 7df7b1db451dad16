"""Provides the parts of an exercise's page as text: facts, variants, lists and sections."""

from __future__ import annotations

import textwrap

from stretchtimer.core.cells import cells, pad
from stretchtimer.core.model import Exercise, Section, Side, Variant
from stretchtimer.core.plan import side_meaning, starting_position
from stretchtimer.present.figures import figure_text
from stretchtimer.present.needs import needs_text, position_name


def _wrap(text: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "   ")


def wrapped_lines(lines: tuple[str, ...], indent: str, width: int) -> list[str]:
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


def section_text(sec: Section, width: int) -> list[str]:
    """A section kept whole, as the article has it, its parts under it."""
    out = ["", f"## {sec.title}"]
    if sec.lines:
        out += ["", *wrapped_lines(sec.lines, "", width)]
    for part in sec.parts:
        head = part.title if part.title.endswith((":", "?", ".", "!")) else f"{part.title}:"
        out += ["", head, *wrapped_lines(part.lines, "  ", width)]
    return out


def _variant_facts(v: Variant) -> str:
    """`Position: lying on your back. You'll need: a mat. Breath-paced: 4 s in, 4 s out.`"""
    bits = []
    if v.position:
        bits.append(f"Position: {position_name(v.position)}")
    if v.equipment:
        bits.append(f"You'll need: {needs_text(v.equipment)}")
    if v.flow:
        bits.append("Paced by breath: " + ", ".join(
            f"{seconds} s {word} ({label or word})" for word, seconds, label in v.flow.in_order()
        ))
    return ". ".join(bits) + ("." if bits else "")


def facts_text(ex: Exercise, width: int) -> list[str]:
    """The quick facts, with the targets and the difficulty among them, aligned."""
    facts = list(ex.facts)
    labels = {k.lower() for k, _ in facts}
    if ex.targets and "targets" not in labels:
        facts.insert(0, ("Targets", ", ".join(ex.targets)))
    facts = [(k, ex.difficulty.capitalize()) if k.lower() == "difficulty" else (k, v)
             for k, v in facts]
    if ex.difficulty and "difficulty" not in labels:
        facts.append(("Difficulty", ex.difficulty.capitalize()))
    if not facts:
        return []
    wide = max(cells(k) for k, _ in facts) + 2  # as the terminal draws them
    return [""] + [ln for k, v in facts for ln in _wrap(pad(f"{k}:", wide) + v, "", width)]


def _numbered(items: tuple[str, ...], width: int) -> list[str]:
    return [ln for i, s in enumerate(items, 1) for ln in _wrap(f"{i}. {s}", "  ", width)]


def variant_text(ex: Exercise, v: Variant, width: int, mode: str = "braille") -> list[str]:
    """One variant: its facts, its figure, starting position, movement and what each side
    means."""
    out = ["", f"## {v.name or 'How to do it'}   [{v.id}]"]
    about = _variant_facts(v)
    if about:
        out += ["", *textwrap.wrap(about, width)]
    if v.figure is not None:
        cols = max(12, min(26, (width - 6) // 3))
        out += ["", *figure_text(v, cols, max(5, cols * 9 // 26), mode)]
    start = starting_position(ex, v)
    if start:
        label = "Starting position" if v.starting_position else "Starting position (as above)"
        out += ["", f"{label}:", *_numbered(start, width)]
    if v.steps:
        out += ["", "The movement:", *_numbered(v.steps, width)]
    if v.left or v.right:
        out += [""]
        for side in (Side.LEFT, Side.RIGHT):
            out += _wrap(f"{side.value.capitalize()} side: {side_meaning(v, side)}", "", width)
    return out


def lists_text(ex: Exercise, width: int) -> list[str]:
    """What to feel, when to stop, what to take care with, ways to make it easier, and the
    common mistakes."""
    out: list[str] = []
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
    return out
