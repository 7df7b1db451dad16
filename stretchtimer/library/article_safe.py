"""Provides an exercise with every text that can reach a terminal made safe to show."""

from __future__ import annotations

from dataclasses import replace

from stretchtimer.core.model import Exercise, Mistake, Section
from stretchtimer.core.text import one_line


def _lines(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(one_line(s) for s in items)


def shown_safely(ex: Exercise) -> Exercise:
    """The exercise with every text that can reach a terminal made safe: one-line fields
    with their control characters shown as escapes (and breaks as spaces), sections keeping
    their newlines. Done once, as an article is read, so every view, plain line and screen
    gets safe text."""
    return replace(
        ex,
        title=one_line(ex.title),
        summary=one_line(ex.summary),
        difficulty=one_line(ex.difficulty),
        targets=_lines(ex.targets),
        variants=tuple(
            replace(
                v,
                name=one_line(v.name),
                starting_position=_lines(v.starting_position),
                steps=_lines(v.steps),
                left=one_line(v.left),
                right=one_line(v.right),
            )
            for v in ex.variants
        ),
        good_sensations=_lines(ex.good_sensations),
        red_flags=_lines(ex.red_flags),
        mistakes=tuple(
            Mistake(one_line(m.title), one_line(m.problem), one_line(m.fix)) for m in ex.mistakes
        ),
        cautions=_lines(ex.cautions),
        modifications=_lines(ex.modifications),
        facts=tuple((one_line(k), one_line(v)) for k, v in ex.facts),
        sections=tuple(_safe_section(sec) for sec in ex.sections),
        disclaimer=one_line(ex.disclaimer),
        reviewed=one_line(ex.reviewed),
    )


def _safe_section(sec: Section) -> Section:
    return Section(
        one_line(sec.title),
        _lines(sec.lines),
        tuple(_safe_section(p) for p in sec.parts),
    )
