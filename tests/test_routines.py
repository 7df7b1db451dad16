"""Tests the routine loader: the format, every validation rule, and lookup."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from stretchtimer.core.errors import Problem
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import DEFAULT_REPS, check_routine


def check(tmp_path: Path, library: Library, text: str) -> tuple[object, list[Problem]]:
    path = write(tmp_path, "r.yaml", text)
    return check_routine(path, library)


def messages(problems: list[Problem]) -> list[str]:
    return [str(p).split(": ", 1)[1] for p in problems]


GOOD = """\
title: Test
description: A test.
defaults:
  prepare: 3
steps:
  - exercise: knee-to-chest
    variant: single
    hold: {hold}
    sides: both
"""


@pytest.mark.parametrize(
    ("hold", "seconds"), [("20", 20), ('"20s"', 20), ("1m", 60), ('"1m30s"', 90), ("2m", 120)]
)
def test_durations(tmp_path: Path, library: Library, hold: str, seconds: int) -> None:
    """Seconds, "20s", "1m" and "1m30s" all read as seconds."""
    routine, problems = check(tmp_path, library, GOOD.format(hold=hold))
    assert problems == []
    assert routine is not None
    step = routine.steps[0]  # type: ignore[attr-defined]
    assert (step.hold, step.prepare, step.switch, step.sides) == (seconds, 3, 5, "both")


@pytest.mark.parametrize(
    ("hold", "words"),
    [
        ("1:30", "base-60"),
        ("0:30", "base-60"),
        ("yes", "yes/no"),
        ("2.5", "whole number"),
        ("-5", "out of range"),
        ("0", "out of range"),
        ("99999", "out of range"),
        ("soon", "not a duration"),
        ("[20]", "list or mapping"),
        ("", "got nothing"),
    ],
)
def test_bad_durations(tmp_path: Path, library: Library, hold: str, words: str) -> None:
    """Every kind of bad duration is refused at its position with a reason."""
    routine, problems = check(tmp_path, library, GOOD.format(hold=hold))
    assert routine is None
    (problem,) = problems
    assert problem.line == 8
    assert problem.col == (10 if hold == "" else 11)  # an empty value sits right after "hold:"
    assert words in problem.message


def test_three_mistakes_three_lines(tmp_path: Path, library: Library) -> None:
    """Every problem is reported at once, each with its own position."""
    text = """\
title: Broken
steps:
  - exercise: knee-too-chest
    hold: 20
  - exercise: cat-cow
    hold: 1:30
  - exercise: knee-to-chest
    variant: tripple
    hold: 20
"""
    routine, problems = check(tmp_path, library, text)
    assert routine is None
    assert [(p.line, p.col) for p in problems] == [(3, 15), (6, 11), (8, 14)]
    assert "did you mean 'knee-to-chest'" in problems[0].message
    assert "has no variant 'tripple'" in problems[2].message


def test_variant_by_unique_leading_part(tmp_path: Path, library: Library) -> None:
    """A variant may be named by any unique leading part of its id."""
    text = "title: T\nsteps:\n  - exercise: knee-to-chest\n    variant: doub\n    hold: 20\n"
    routine, problems = check(tmp_path, library, text)
    assert problems == []
    assert routine.steps[0].variant.id == "double-knee-to-chest"  # type: ignore[attr-defined]


def test_misspelt_variant_suggests(tmp_path: Path, library: Library) -> None:
    """A near-miss variant gets a did-you-mean."""
    text = "title: T\nsteps:\n  - exercise: knee-to-chest\n    variant: singel-knee\n    hold: 20\n"
    _, problems = check(tmp_path, library, text)
    assert "did you mean 'single-knee-to-chest'" in problems[0].message


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "'C:\\\\x'", "Knee To Chest", "a/b"])
def test_path_like_exercise_ids_refused(tmp_path: Path, library: Library, bad: str) -> None:
    """Exercise ids are plain slugs: anything that looks like a path is refused."""
    text = f"title: T\nsteps:\n  - exercise: {bad}\n    hold: 20\n"
    routine, problems = check(tmp_path, library, text)
    assert routine is None
    assert "not an id" in problems[0].message


def test_unknown_keys_warn_and_still_load(tmp_path: Path, library: Library) -> None:
    """Unknown keys are named in a warning, with a suggestion, and do not fail the file."""
    text = "title: T\nauthor: me\nsteps:\n  - exercise: cat-cow\n    hodl: 20\n    hold: 30\n"
    routine, problems = check(tmp_path, library, text)
    assert routine is not None
    assert all(p.warning for p in problems)
    assert messages(problems) == [
        "warning: routine: unknown key 'author' is ignored",
        "warning: step 1: unknown key 'hodl' is ignored (did you mean 'hold'?)",
    ]


def test_duplicate_keys(tmp_path: Path, library: Library) -> None:
    """A key given twice is an error at the second one."""
    text = "title: T\nsteps:\n  - exercise: cat-cow\n    hold: 20\n    hold: 30\n"
    routine, problems = check(tmp_path, library, text)
    assert routine is None
    assert (problems[0].line, "given twice" in problems[0].message) == (5, True)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("- a\n- b\n", "must be a mapping"),
        ("just text\n", "must be a mapping"),
        ("title: T\n", "no 'steps:'"),
        ("title: T\nsteps: []\n", "at least one step"),
        ("title: T\nsteps:\n  - cat-cow\n", "must be a mapping"),
        ("title: T\nsteps:\n  - hold: 20\n", "no 'exercise:'"),
        ("title: [1]\nsteps:\n  - exercise: cat-cow\n", "title must be text"),
        ("title: T\nsteps:\n  - exercise: supine-twist\n    sides: up\n", "sides must be one of"),
        ("title: T\nsteps:\n  - exercise: supine-twist\n    repeat: 0\n", "repeat: 0 is out of range: use 1 to 20"),
        ("title: T\ndefaults: 5\nsteps:\n  - exercise: cat-cow\n", "defaults must be"),
        ("title: T\nsteps:\n  - exercise: supine-twist\n", ""),
        ("a: &x [1]\nb: *x\n", "anchors and aliases"),
        ("title: T\nsteps: [" * 1 + "[" * 30 + "]" * 31 + "\n", "nested deeper"),
        ("title: T\n\tsteps: x\n", "YAML"),
        ("title: 'T\n", "YAML"),
    ],
)
def test_structure_rules(tmp_path: Path, library: Library, text: str, words: str) -> None:
    """Each structural rule has its own clear message."""
    routine, problems = check(tmp_path, library, text)
    if not words:
        assert routine is not None and problems == []
        return
    assert routine is None
    assert any(words in p.message for p in problems), messages(problems)
    assert all(p.line is not None for p in problems) or words == "empty"


def test_hold_comes_from_article_when_missing(tmp_path: Path, library: Library) -> None:
    """A step without hold takes the article's suggested hold (its prose: `Hold 20-30
    seconds`), and a flow's article makes it a flow of the default number of breaths."""
    text = "title: T\nsteps:\n  - exercise: knee-to-chest\n  - exercise: pelvic-tilts\n"
    routine, problems = check(tmp_path, library, text)
    assert problems == []
    held, flow = routine.steps  # type: ignore[attr-defined]
    assert held.hold == 20 and held.reps == 0
    assert flow.reps == DEFAULT_REPS and flow.pace.text() == "4/4"
    assert flow.pace.out_label.startswith("Tilt")


def test_missing_file_and_directory(tmp_path: Path, library: Library) -> None:
    """A missing file and a directory are refused with the path."""
    _, problems = check_routine(tmp_path / "nope.yaml", library)
    assert messages(problems) == ["no such file"]
    _, problems = check_routine(tmp_path, library)
    assert messages(problems) == ["is a directory, not a file"]


def test_user_routines_and_content_shadow_bundled(private_home: Path) -> None:
    """The user's own routine and article directories come before the bundled ones."""
    write(
        paths.user_dir("routines"),
        "quick-relief.yaml",
        "title: Mine\nsteps:\n  - exercise: my-neck\n    hold: 10\n",
    )
    write(paths.user_dir("content"), "my-neck.md", "# My Neck\n\n### Red flags\n\n- Pain\n")
    library = Library()
    entry = library.find_routine("quick-relief")
    assert entry.source == "user"
    assert library.exercises()["my-neck"].source == "user"
    assert library.exercises()["cat-cow"].source == "bundled"


def test_ambiguous_variant_prefix(private_home: Path) -> None:
    """A leading part that matches two variants names both."""
    write(
        paths.user_dir("content"),
        "chair.md",
        "# Chair\n\n## How to\n\n### Seated Twist\n\n1. Turn\n\n### Seated Fold\n\n1. Fold\n",
    )
    library = Library()
    text = "title: T\nsteps:\n  - exercise: chair\n    variant: seated\n    hold: 20\n"
    routine, problems = check(private_home, library, text)
    assert routine is None
    assert "could be any of: seated-twist, seated-fold" in problems[0].message


@pytest.mark.parametrize("suggested", ["hold: 99999", "hold: 0", "hold: -3"])
def test_an_article_s_suggested_hold_passes_the_routine_s_range_check(
    tmp_path: Path, suggested: str
) -> None:
    """A routine that takes its hold from the article: an out-of-range suggestion is an error
    at the step, as the same number written in the routine would be."""
    content = tmp_path / "content"
    write(content, "calf.md", f"---\n{suggested}\n---\n# Calf\n\n### Red Flags\n\n- Pain\n")
    routine = write(tmp_path, "r.yaml", "title: T\nsteps:\n  - exercise: calf\n")
    lib = Library(content_dirs=[(content, "user")], routine_dirs=[(tmp_path, "user")])
    found, problems = check_routine(routine, lib)
    assert found is None
    assert [p.line for p in problems] == [3]
    assert "the hold its article suggests" in problems[0].message
    assert "use 1 to 3600 seconds" in problems[0].message


def test_a_huge_number_in_an_article_s_prose_is_no_crash(tmp_path: Path) -> None:
    """`Hold for 9999...9 seconds` (hundreds of digits) in prose: read, never converted."""
    from stretchtimer.library.articles import parse_article

    text = "# Calf\n\n## How to Do It\n\n### Calf\n\n1. Hold for " + "9" * 5000 + " seconds\n"
    assert parse_article(Path("calf.md"), text).variants[0].hold is None


def test_user_files_are_never_silently_ignored(
    private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Evening.yaml` and `my_routine.yaml` are loaded under ids made from their names; a
    `.yml` beside a `.yaml` of the same name, and a name no id can be made from, are said by
    `list` and `check`; `list.yaml` is run as `stretchtimer run list`, and `list` says so."""
    from stretchtimer.cli import main

    body = "title: T\nsteps:\n  - exercise: cat-cow\n    hold: 20\n"
    folder = paths.user_dir("routines")
    for name in ("Evening.yaml", "my_routine.yaml", "calm.yaml", "calm.yml", "list.yaml", "!!!.yaml"):
        write(folder, name, body)
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert "evening " in out and "(yours, from Evening.yaml)" in out
    assert "my-routine " in out and "(yours, run it as: stretchtimer run list)" in out
    assert f"{folder / 'calm.yml'}: warning: not used: calm.yaml in the same folder is also 'calm'" in err
    assert f"{folder / '!!!.yaml'}: warning: not used: no name can be made" in err
    assert main(["check", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert f"{folder / 'Evening.yaml'}: warning: its name is not an id: it is known as 'evening'" in err
    assert f"{folder / 'list.yaml'}: warning: run it as: stretchtimer run list" in err
    assert f"{folder / 'calm.yml'}: warning: not used" in err
    assert main(["plan", "evening"]) == 0 and main(["plan", "my-routine"]) == 0


def test_run_runs_a_routine_named_like_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """`stretchtimer run list` runs the user's list.yaml (plain here, on a fake clock)."""
    from clihelp import plain_run

    write(paths.user_dir("routines"), "list.yaml", "title: The list\nsteps:\n  - exercise: cat-cow\n    hold: 2\n")
    code, out, _, _ = plain_run(monkeypatch, ["run", "list"])
    assert code == 0 and out.startswith("The list: 1 step,") and "Routine complete" in out
