"""Tests the command line through main([...]) and through the installed console script."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTICLES, write

from stretchtimer.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """list --format json names every routine with its seconds and every exercise."""
    code, out, err = run(capsys, "list", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    names = {r["name"]: r for r in data["routines"]}
    assert {"quick-relief", "morning", "before-sleep", "after-sitting", "flare-up"} <= set(names)
    qr = names["quick-relief"]
    assert set(qr) == {"name", "title", "description", "when", "seconds", "path", "source"}
    assert all(names[n]["when"] for n in names), "every bundled routine says what it is for"
    assert qr["source"] == "bundled" and 0 < qr["seconds"] <= 120
    assert {e["id"] for e in data["exercises"]} >= {"cat-cow", "knee-to-chest"}
    assert set(data["exercises"][0]) == {"id", "title", "path", "source"}


def test_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    """list shows routines with their total time and what each is for, and exercises."""
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert re.search(r"quick-relief +1:25  Quick relief\n +Lower back tight right now", out)
    assert "pelvic-tilts" in out


def test_show_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """show --format json on an article path gives the documented structure."""
    code, out, _ = run(capsys, "show", str(ARTICLES / "wall-angel.md"), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == [
        "id",
        "title",
        "summary",
        "difficulty",
        "region",
        "targets",
        "facts",
        "variants",
        "good_sensations",
        "red_flags",
        "urgent_signs",
        "mistakes",
        "cautions",
        "modifications",
        "sections",
        "disclaimer",
        "reviewed",
        "path",
    ]
    assert data["variants"][0]["id"] == "standing-wall-angel"
    assert set(data["variants"][0]) == {
        "id", "name", "position", "equipment", "flow", "hold", "hold_min", "hold_max", "easier",
        "harder",
        "sides",
        "starting_position", "steps", "left", "right", "figure", "mistakes", "modifications",
    }
    assert data["region"] == "neck" and "A sudden, severe headache unlike any before" in (
        data["urgent_signs"]
    )
    assert data["sections"][0] == {
        "title": "When to Use",
        "lines": [],
        "parts": [{"title": "At the Desk", "lines": ["- Every hour of sitting"], "parts": []}],
    }
    assert data["mistakes"][0] == {
        "title": "Arching the Back",
        "problem": "The ribs flare and the lower back leaves the wall",
        "fix": "Brace the belly lightly and keep the back flat",
    }


def test_show_text_reads_well(capsys: pytest.CaptureFixture[str]) -> None:
    """show prints the steps numbered and the red flags under 'Stop if'."""
    code, out, _ = run(capsys, "show", "knee-to-chest")
    assert code == 0
    assert "Starting position:\n  1. Lie face up" in out
    assert "Stop if:\n  - Your back pain gets worse" in out


def test_plan_json(capsys: pytest.CaptureFixture[str]) -> None:
    """plan quick-relief --format json: 20 s left, 20 s right, then 30 s, at most 120 s."""
    code, out, _ = run(capsys, "plan", "quick-relief", "--format", "json")
    assert code == 0
    data = json.loads(out)
    holds = [(s["seconds"], s["side"]) for s in data["segments"] if s["kind"] == "hold"]
    assert holds == [(20, "left"), (20, "right"), (30, None)]
    assert data["total_seconds"] <= 120
    assert set(data["segments"][0]) == {
        "kind", "exercise", "variant", "side", "seconds", "pace", "cue",
    }


def test_check_three_mistakes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check on a routine with three mistakes prints three path:line:col lines and exits 2."""
    path = write(
        tmp_path,
        "bad.yaml",
        "title: B\nsteps:\n  - exercise: cat-cwo\n    hold: 20\n"
        "  - exercise: childs-pose\n    hold: 1:30\n  - exercise: supine-twist\n    sides: around\n",
    )
    code, out, err = run(capsys, "check", str(path))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert [ln.split(": ")[0] for ln in lines] == [f"{path}:3:15", f"{path}:6:11", f"{path}:8:12"]


def test_check_good_files(capsys: pytest.CaptureFixture[str]) -> None:
    """check on good routines and articles exits 0 and says ok."""
    root = Path(__file__).parent.parent
    code, out, _ = run(capsys, "check", str(root / "routines"), str(ARTICLES / "wall-angel.md"))
    assert code == 0
    assert out.count(": ok") == 8  # seven routines and the article


def test_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check --format json gives each file with its problems."""
    path = write(tmp_path, "r.yaml", "title: T\nsteps: 3\n")
    code, out, _ = run(capsys, "check", str(path), "--format", "json")
    assert code == 2
    (result,) = json.loads(out)
    assert result["ok"] is False and result["problems"][0]["line"] == 2


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["show", "cat-caw"], "no such exercise (did you mean 'cat-cow'?)"),
        (["plan", "mornin"], "no such routine (did you mean 'morning'?)"),
        (["plan", "quick-relief", "--format", "xml"], "invalid choice"),
        (["--bogus"], "unrecognized arguments"),
        (["show", "/nonexistent/x.md"], "no such file"),
    ],
)
def test_usage_errors_exit_2_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    """Usage and input errors: exit 2, one clear line on stderr, no traceback."""
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert words in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_installed_console_script_from_another_directory(tmp_path: Path) -> None:
    """The installed `stretchtimer` works from any directory."""
    exe = shutil.which("stretchtimer", path=str(Path(sys.executable).parent))
    assert exe, "the console script is installed beside the interpreter"
    result = subprocess.run(
        [exe, "plan", "quick-relief", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "quick-relief"
    bad = subprocess.run([exe, "check", "nope.yaml"], cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.strip() == "nope.yaml: no such file"


def test_show_keeps_the_other_sections(capsys: pytest.CaptureFixture[str]) -> None:
    """Sections the timer does not use (When to Use, ...) are shown readably: subsections as
    their own headings, no Markdown marks, the disclaimer apart at the end, and the urgent
    signs of the region the exercise works."""
    code, out, _ = run(capsys, "show", "knee-to-chest")
    assert code == 0
    assert "## When to Use This Stretch\n\nMorning:\n  - Before getting up" in out
    assert "**" not in out and "](" not in out
    assert "Take care with:\n  - A recent or acute back injury" in out
    assert "To make it easier:\n  - Do one knee at a time" in out
    assert "See a doctor now, and do not stretch, if you notice:" in out
    assert "Numbness in the groin" in out  # the low back's, not the neck's
    assert "headache" not in out
    assert out.rstrip().splitlines()[-2].startswith("Disclaimer: ")
