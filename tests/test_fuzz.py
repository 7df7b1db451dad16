"""Tests with Hypothesis: mutated and generated routines and articles never raise anything but
the project's own errors, each with a position. `pytest -m fuzz` runs the long version."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.plan import plan
from stretchtimer.library import paths
from stretchtimer.library.articles import parse_article
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import check_routine

LIBRARY = Library(
    content_dirs=[(paths.bundled_dir("content"), "bundled")],
    routine_dirs=[(paths.bundled_dir("routines"), "bundled")],
)
ROUTINE_TEXTS = [p.read_text() for p in sorted(paths.bundled_dir("routines").glob("*.yaml"))]
ARTICLE_TEXTS = [p.read_text() for p in sorted(paths.bundled_dir("content").glob("*.md"))]
SHORT = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
# Problems that concern a whole file have no line to point at.
WHOLE_FILE = ("is a binary file", "the routine is empty", "file is larger", "is a directory")

YAML_BITS = [*list(":-[]{}&*!|>'\"#%@`,?\t\n "), "1:30", "yes", "no", "~", "null", "0x1F", "1e9", "-1", "2.5", "both", "left", "hold", "sides", "exercise", "variant", "repeat", "steps", "- ", "  ", "\n  - ", "../", "cat-cow", "knee-to-chest", "\x00", "é", "\ufeff"]
MD_BITS = [*list("#*->_`[]()|!\n "), "## ", "### ", "**", "1. ", "- ", "---\n", "\n---\n", "Red Flags—Stop If:", "How to Do", "Common Mistakes", "Precautions", "**Problem:**", "**Fix:**", "**Starting Position:**", "title: ", "&a", "*a", "—", "\t", "\x00"]


RUNS: dict[str, int] = {}


def counted(name: str) -> None:
    RUNS[name] = RUNS.get(name, 0) + 1


def mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply (position, delete count, insert) edits, positions taken modulo the length."""
    for pos, delete, insert in edits:
        at = pos % (len(text) + 1)
        text = text[:at] + insert + text[at + delete :]
    return text


def edits(bits: list[str]) -> st.SearchStrategy[list[tuple[int, int, str]]]:
    piece = st.one_of(st.sampled_from(bits), st.text(max_size=6))
    return st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 12), piece), max_size=8)


def assert_positioned(problems: list[Problem]) -> None:
    for p in problems:
        assert isinstance(p, Problem) and str(p).startswith(str(p.path))
        if not p.warning and p.line is None:
            assert p.message.startswith(WHOLE_FILE), str(p)
        if p.line is not None:
            assert p.line >= 1 and (p.col or 1) >= 1


def routine_ok(tmp: Path, text: str | bytes) -> None:
    path = tmp / "fuzz.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    routine, problems = check_routine(path, LIBRARY)
    assert_positioned(problems)
    if routine is not None:
        assert plan(routine).total_seconds > 0


def article_ok(text: str) -> None:
    try:
        ex = parse_article(Path("fuzz.md"), text)
    except InputError as exc:
        assert_positioned(exc.problems)
        return
    assert ex.title and ex.variants


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["cat-cow", "knee-to-chest", "single", "both", "20s", "1m30s"]),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "title",
                    "steps",
                    "exercise",
                    "hold",
                    "sides",
                    "variant",
                    "repeat",
                    "defaults",
                    "prepare",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


def _mutated_routines(tmp_path_factory: pytest.TempPathFactory, s: settings) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")

    @s
    @given(st.sampled_from(ROUTINE_TEXTS), edits(YAML_BITS))
    def run(text: str, changes: list[tuple[int, int, str]]) -> None:
        counted("mutated routines")
        routine_ok(tmp, mutate(text, changes))

    RUNS["mutated routines"] = 0
    run()
    assert RUNS["mutated routines"] >= s.max_examples


def _generated_routines(tmp_path_factory: pytest.TempPathFactory, s: settings) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")

    @s
    @given(structures)
    def run(data: object) -> None:
        counted("generated routines")
        routine_ok(tmp, yaml.safe_dump(data, allow_unicode=True))

    RUNS["generated routines"] = 0
    run()
    assert RUNS["generated routines"] >= s.max_examples


def _mutated_articles(s: settings) -> None:
    @s
    @given(st.sampled_from(ARTICLE_TEXTS), edits(MD_BITS))
    def run(text: str, changes: list[tuple[int, int, str]]) -> None:
        counted("mutated articles")
        article_ok(mutate(text, changes))

    RUNS["mutated articles"] = 0
    run()
    assert RUNS["mutated articles"] >= s.max_examples


def _random_bytes(tmp_path_factory: pytest.TempPathFactory, s: settings) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")

    @s
    @given(st.binary(max_size=300))
    def run(data: bytes) -> None:
        counted("random bytes")
        routine_ok(tmp, data)

    RUNS["random bytes"] = 0
    run()
    assert RUNS["random bytes"] >= s.max_examples


def test_mutated_routines(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Bundled routines with random edits: a routine, or problems with positions."""
    _mutated_routines(tmp_path_factory, SHORT)


def test_generated_routines(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Arbitrary YAML structures: a routine, or problems with positions."""
    _generated_routines(tmp_path_factory, SHORT)


def test_mutated_articles() -> None:
    """Bundled articles with random edits: an exercise, or InputError with positions."""
    _mutated_articles(SHORT)


def test_random_bytes_as_routine(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Random bytes as a routine file: problems, never an exception."""
    _random_bytes(tmp_path_factory, SHORT)


@pytest.mark.fuzz
def test_long_fuzz_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The long run: 10,000 examples of each kind (40,000 in all)."""
    _mutated_routines(tmp_path_factory, LONG)
    _generated_routines(tmp_path_factory, LONG)
    _mutated_articles(LONG)
    _random_bytes(tmp_path_factory, LONG)
    print("fuzz examples run:", RUNS, "total", sum(RUNS.values()))
