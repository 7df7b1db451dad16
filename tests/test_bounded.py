"""Tests bounded work: every regex that reads user text runs in linear CPU time on adversarial
input, the linear rewrites mean what the old patterns meant, and `--fit` costs a few plans
whatever the routine's length, choosing what the old search chose."""

from __future__ import annotations

import ast
import contextlib
import itertools
import re
import signal
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies

import stretchtimer
from stretchtimer.cli import reporting
from stretchtimer.core import fit as fitting
from stretchtimer.core import plan as planning
from stretchtimer.core import text as texts
from stretchtimer.core.errors import InputError
from stretchtimer.core.model import Plan, Routine, Side, Step
from stretchtimer.core.plan import plan
from stretchtimer.library import (
    article_meta,
    article_variants,
    article_walk,
    coached,
    durations,
    settings_check,
)
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.present import preview, report
from stretchtimer.remind import places, service

SIZE = 40_000
"""Characters of adversarial input (more than an article may have: 32 kB)."""
CPU_BOUND = 0.25
"""CPU seconds a case may take: linear ones take milliseconds; the patterns replaced, hours."""
FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


class TooLong(Exception):
    """A case ran far past CPU_BOUND (a profiling timer stopped it)."""


def cpu(fn: Callable[[], object]) -> float:
    """CPU seconds `fn` takes; a case past 8x CPU_BOUND is stopped (the regex engine checks
    for signals as it backtracks), so a regression fails at once instead of hanging."""

    def stop(signum: int, frame: object) -> None:
        raise TooLong
    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, 8 * CPU_BOUND)
    start = time.process_time()
    try:
        fn()
    except TooLong:
        pass
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    return time.process_time() - start


def line_of(text: str) -> int | None:
    return article_meta.line_of(text, "position")


def heading(text: str) -> str:
    return texts.heading_key.__wrapped__(text)  # (not the cache)


def duration(text: str) -> None:
    with pytest.raises(durations.DurationError):
        durations.parse_duration_text(text, 5, 3600)


def mistake(text: str) -> str:
    return re.sub(r"^\d+[.)]\s*", "", text)  # (article_walk's, inline)


SPACES, DIGITS, OPEN = " " * SIZE, "1" * SIZE, "(" * SIZE
CASES: dict[str, list[tuple[Callable[[str], object], str]]] = {
    # module: each user-text regex (through what calls it), on inputs that make backtracking
    # patterns try every split of a run, or every start of one
    "stretchtimer/library/durations.py": [
        (duration, SPACES + "x"), (duration, "1h" + SPACES + "x"), (duration, DIGITS + "x"),
        (duration, "1h1" + SPACES + "m" + SPACES + "x"), (duration, "1m" + DIGITS + "x"),
        (durations.parse_pace, SPACES + "4" + SPACES + "/" + SPACES + "x"),
    ],
    "stretchtimer/library/settings_check.py": [
        (settings_check._DECIMAL.fullmatch, DIGITS + "." + DIGITS + "x"),
    ],
    "stretchtimer/cli/reporting.py": [
        (lambda t: _refused(reporting.first_day, t), DIGITS + "w" + "x"),
        (lambda t: _refused(reporting.first_day, t), SPACES + "4" + SPACES + "x"),
    ],
    "stretchtimer/present/report.py": [
        (report.md_text, "\\*" * (SIZE // 2)), (report.md_text, "|" * SIZE + "x"),
    ],
    "stretchtimer/library/coached.py": [
        (lambda t: coached.coached_name(t, set()), "-coached-" + DIGITS + "x"),
        (lambda t: coached.coached_name(t, set()), "-coached" * (SIZE // 8)),
        (lambda t: coached.coached_title(t, "x-coached"), " (coached" * (SIZE // 9) + " 1"),
        (lambda t: coached.coached_title(t, "x-coached"), " (coached " + DIGITS + "x"),
    ],
    "stretchtimer/library/article_meta.py": [
        (line_of, "\n" * SIZE), (line_of, ("- " * 50 + "\n") * (SIZE // 101)),
        (line_of, " \t" * (SIZE // 2)), (article_meta._NECK_WORDS.search, "arm" * (SIZE // 3)),
    ],
    "stretchtimer/library/article_variants.py": [
        (article_variants._HOLD_RE.search, "hold 1" + SPACES + "-" + DIGITS + SPACES + "x"),
        (article_variants._HOLD_RE.search, "hold " * (SIZE // 5)),
        (article_variants._SIDES_RE.search, "switch " * (SIZE // 7)),
    ],
    "stretchtimer/library/article_walk.py": [
        (article_walk._MODIFY.match, "modi" * (SIZE // 4)), (mistake, DIGITS + "x"),
    ],
    "stretchtimer/core/text.py": [
        (heading, "a" + SPACES + "b"), (heading, " -" * (SIZE // 2)), (heading, DIGITS + "x"),
        (texts.slugify, "-" * SIZE + "a"), (texts.visible, "\x1b" * SIZE),
        (texts.one_line, "\n" * SIZE + "x"), (texts.is_slug, "a" * SIZE),
    ],
    "stretchtimer/core/plan.py": [
        (planning._TIMING_STEP.match, SPACES + "repeat" + " x" * (SIZE // 2)),
        (planning._TIMING_STEP.match, "hold " + "a" * SIZE),
        (planning._mirror, "left " * (SIZE // 5)),
    ],
    "stretchtimer/present/preview.py": [
        (preview._key, OPEN), (preview._key, SPACES + "x)"),
        (preview._note, "(" + SPACES + ")" + SPACES),
        (preview._ADVICE_FOR_ANOTHER_WAY.search, "versio" * (SIZE // 6)),
    ],
    "stretchtimer/remind/places.py": [
        (places.tmux_text, "#" * SIZE + "x"), (places.tmux_text, "#[" * (SIZE // 2)),
    ],
    "stretchtimer/remind/service.py": [(service._BARE.fullmatch, "a" * SIZE + " ")],
}


def _refused(parse: Any, text: str) -> None:
    """Call `parse(text, today)`, which refuses the text (an InputError is its answer)."""
    with contextlib.suppress(InputError):
        parse(text, date(2026, 12, 2))


def regex_modules() -> set[str]:
    """Every module of the package that calls `re.compile(...)`, `re.sub(...)`, ..."""
    root = Path(stretchtimer.__file__).parent
    return {
        f"stretchtimer/{path.relative_to(root).as_posix()}"
        for path in root.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
        and node.func.attr in FUNCS
    }


def test_every_module_with_a_regex_is_tried_here() -> None:
    """A module that gains a regular expression must gain an adversarial case here (and the
    pattern a look for nested or adjacent quantifiers over the same characters)."""
    assert regex_modules() <= set(CASES), sorted(regex_modules() - set(CASES))


@pytest.mark.parametrize("module", sorted(CASES))
def test_regexes_on_user_text_are_linear(module: str) -> None:
    """Each case costs well under CPU_BOUND of CPU on 40 kB built to make a backtracking
    pattern blow up."""
    for fn, text in CASES[module]:
        spent = cpu(lambda fn=fn, text=text: fn(text))  # type: ignore[misc]
        assert spent < CPU_BOUND, (module, fn, len(text), spent)


# -- the linear rewrites mean what the old patterns meant ----------------------------------

OLD_PAREN = re.compile(r"\s*\(([^)]*)\)\s*$")
OLD_TEXT = re.compile(r"\s*(?:([0-9]+)\s*m(?:in)?)?\s*(?:([0-9]+)\s*s(?:ec)?)?\s*", re.ASCII)


def old_heading(text: str) -> str:
    text = text.translate(texts._DASHES).lower().strip()
    text = re.sub(r"^\d+[.)]\s*", "", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text)
    return text.rstrip(": ").strip()


SMALL = settings(max_examples=100, deadline=None)


@SMALL
@given(strategies.text(alphabet=" \t\n\u00a0()ab)", max_size=14))
def test_the_bracket_note_is_found_as_the_regex_found_it(text: str) -> None:
    match = OLD_PAREN.search(text)
    assert preview._note(text) == (None if match is None else (match.start(), match.group(1)))
    assert preview._without_note(text) == OLD_PAREN.sub("", text)


@SMALL
@given(strategies.text(alphabet=" \t\n\u00a0-\u2013a1.):", max_size=14))
def test_heading_keys_are_what_they_were(text: str) -> None:
    assert heading(text) == old_heading(text)


@SMALL
@given(strategies.text(alphabet=" \t1209msinec\u00a0h", max_size=10))
def test_durations_without_hours_read_as_before(text: str) -> None:
    """Whatever the old pattern took (minutes and seconds), the new one takes the same way,
    and it takes nothing else unless hours are allowed."""
    old = OLD_TEXT.fullmatch(text)
    parts = (old.group(1), old.group(2)) if old and text.strip() else (None, None)
    expected = ("0", parts[0] or "0", parts[1] or "0") if any(parts) else None
    assert (durations._units(text, hours=False) if text.strip() else None) == expected


def test_a_frontmatter_key_after_blank_lines_is_at_its_own_line() -> None:
    assert line_of("title: x\n\n\n  position: up\n") == 4
    assert line_of("variants:\n  - 'position' : up\n") == 2
    assert line_of("title: position\n") is None


# -- --fit: a few plans, the same choice --------------------------------------------------


def old_fit(routine: Routine, budget: int, planner: fitting.Planner) -> Plan:
    """The search --fit made before: some 48 plans a try, one try per step left out."""

    def scaled(r: Routine, factor: float) -> Routine:
        def hold(s: Step) -> int:
            whole = int(s.hold * factor)
            whole -= whole % 5 if whole >= 20 else 0
            low, high = fitting.bounds(s)
            return max(low, min(high, whole))

        return replace(r, steps=tuple(s if s.reps else replace(s, hold=hold(s)) for s in r.steps))

    def best(r: Routine, dropped: tuple[Step, ...]) -> Plan:
        low, high = 0.0, 1.0
        while planner(scaled(r, high), dropped).total_seconds <= budget and high < 64:
            high *= 2
        for _ in range(40):
            mid = (low + high) / 2
            fits = planner(scaled(r, mid), dropped).total_seconds <= budget
            low, high = (mid, high) if fits else (low, mid)
        return planner(scaled(r, low), dropped)

    dropped: list[Step] = []
    current = routine
    while True:
        found = best(current, tuple(dropped))
        if found.total_seconds <= budget or len(current.steps) == 1:
            return found
        optional = [i for i, s in enumerate(current.steps) if s.optional]
        index = optional[-1] if optional else len(current.steps) - 1
        dropped.append(current.steps[index])
        current = replace(current, steps=current.steps[:index] + current.steps[index + 1 :])


def bundled(library: Library) -> list[Routine]:
    return [load_routine(library.find_routine(n), library)[0] for n in sorted(library.routines())]


def counting(slower: float = 1.0) -> tuple[fitting.Planner, list[int]]:
    calls = [0]

    def planner(r: Routine, dropped: tuple[Step, ...] = ()) -> Plan:
        calls[0] += 1
        return plan(r, Side.LEFT, slower, None, dropped)

    return planner, calls


def shape(p: Plan) -> tuple[int, list[int], tuple[Step, ...]]:
    return p.total_seconds, [s.hold for s in p.routine.steps], p.dropped


def test_fit_chooses_what_the_old_search_chose(library: Library) -> None:
    """Every bundled routine, budgets from 30 s to 20 min, two transition paces: the same
    holds, the same steps left out, the same total."""
    for slower in (1.0, 1.5):
        planner, _ = counting(slower)
        for routine in bundled(library):
            for budget in range(30, 1230, 150 if slower == 1.0 else 300):
                new, old = fitting.fit(routine, budget, planner), old_fit(routine, budget, planner)
                assert shape(new) == shape(old), (routine.name, budget, slower)


def test_fitting_150_steps_costs_a_few_plans(library: Library) -> None:
    """A 150-step routine of the bundled exercises (optional ones among them) fits 5 minutes,
    20 minutes and a whole hour in a few plans each: under 0.5 s of CPU in all (the old
    search took 6-9 s for 5 minutes, some 6,000 plans)."""
    steps = [s for r in bundled(library) for s in r.steps]
    routine = replace(bundled(library)[0], steps=tuple((steps * 10)[:150]))
    assert len(routine.steps) == 150 and any(s.optional for s in routine.steps)
    planner, calls = counting()
    start = time.process_time()
    for budget in (300, 1200, 3600):
        calls[0] = 0
        fitted = fitting.fit(routine, budget, planner)
        assert fitted.total_seconds <= budget
        assert len(fitted.routine.steps) + len(fitted.dropped) == 150
        assert calls[0] <= 30, (budget, calls[0])  # log2(150) + log2(factors) + 2
    assert time.process_time() - start < 0.5
    five = fitting.fit(routine, 300, planner)  # the optional steps are left out first
    assert all(s.optional for s in five.dropped[: sum(s.optional for s in routine.steps)])


@pytest.mark.parametrize("hold", [1, 7, 15, 19, 20, 23, 30, 45, 60, 90])
def test_the_factors_cover_every_change_of_a_hold(hold: int) -> None:
    """A scaled hold changes value only at the factors the search tries."""
    for low, high in itertools.product({1, min(15, hold), hold}, {hold, 2 * hold, hold + 7}):
        changes, value = set(fitting._changes(hold, low, high)), low
        for whole in range(0, 4 * high + 10):
            now = max(low, min(high, fitting._nice(whole)))
            assert now == value or whole in changes, (hold, low, high, whole)
            value = now
