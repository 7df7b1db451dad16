"""Tests the corpus of bad inputs: each gets its exact message, exit 2, fast, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stretchtimer.cli import main
from stretchtimer.library.articles import ARTICLE_MAX_BYTES
from stretchtimer.library.files import MAX_BYTES
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import check_routine

BAD = Path(__file__).parent / "bad"

EXPECTED: dict[str, list[str]] = {
    "billion-laughs.yaml": [
        "{path}:1:4: anchors and aliases (& and *) are not allowed",
    ],
    "binary.md": [
        "{path}: is a binary file, not text",
    ],
    "binary.yaml": [
        "{path}: is a binary file, not text",
    ],
    "deep-nesting.yaml": [
        "{path}:2:23: nested deeper than 16 levels",
    ],
    "duplicate-keys.yaml": [
        "{path}:5:5: step 1: 'hold' is given twice",
        "{path}:6:1: routine: 'title' is given twice",
    ],
    "durations.yaml": [
        "{path}:4:11: step 1: hold: -5 is out of range: use 1 to 3600 seconds",
        "{path}:6:11: step 2: hold: 0 is out of range: use 1 to 3600 seconds",
        "{path}:8:11: step 3: hold: '2.5' is not a whole number of seconds",
        "{path}:10:11: step 4: hold: 99999 is out of range: use 1 to 3600 seconds",
        "{path}:12:11: step 5: hold: '1:30' is ambiguous (YAML reads it as base-60); write seconds or \"1m30s\"",
        "{path}:14:11: step 6: hold: expected a duration, got 'yes' (read as yes/no)",
        '{path}:16:11: step 7: hold: \'20 sec please\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
    ],
    "empty-sections.md": [
        "{path}:9:1: section 'Seated Version' is empty",
        "{path}:15:1: section 'Red Flags—Stop If:' is empty",
        "{path}:17:1: section 'Common Mistakes' is empty",
    ],
    "empty.yaml": [
        "{path}: the routine is empty: it needs 'title:' and 'steps:'",
    ],
    "frontmatter-alias.md": [
        "{path}:3:7: anchors and aliases (& and *) are not allowed",
    ],
    "frontmatter-broken.md": [
        "{path}:2:8: YAML: while scanning a quoted scalar: found unexpected end of stream",
    ],
    "frontmatter-list.md": [
        "{path}:2:1: the frontmatter must be a mapping of 'key: value' lines",
    ],
    "frontmatter-unclosed.md": [
        "{path}:1:1: the frontmatter opened with '---' is never closed by another '---' line",
    ],
    "latin1.md": [
        "{path}:1:6: is not UTF-8 text",
    ],
    "latin1.yaml": [
        "{path}:1:11: is not UTF-8 text",
    ],
    "no-title.md": [
        "{path}:1:1: no title: add a '# Title' heading or 'title:' to the frontmatter",
    ],
    "numbers.yaml": [
        '{path}:3:12: defaults: prepare: \'0x05\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        '{path}:6:11: step 1: hold: \'²0\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        '{path}:8:11: step 2: hold: \'①\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        '{path}:10:11: step 3: hold: \'٣٠\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        '{path}:12:11: step 4: hold: 99999999999999999999... is out of range: use 1 to 3600 seconds',
        '{path}:14:11: step 5: hold: \'0x10\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        "{path}:15:13: step 5: repeat: '0x10' is not a plain number: write it in digits, like 2",
        '{path}:17:11: step 6: hold: \'0o20\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        "{path}:18:13: step 6: repeat: '0o2' is not a plain number: write it in digits, like 2",
        '{path}:20:11: step 7: hold: \'020\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        "{path}:21:13: step 7: repeat: '02' is not a plain number: write it in digits, like 2",
        '{path}:23:11: step 8: hold: \'1_000\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        "{path}:24:13: step 8: repeat: '1_0' is not a plain number: write it in digits, like 2",
        '{path}:26:11: step 9: hold: \'1e2\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        "{path}:27:13: step 9: repeat: '1e1' is not a plain number: write it in digits, like 2",
        '{path}:29:11: step 10: hold: \'３０s\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        "{path}:30:13: step 10: repeat: '²' is not a plain number: write it in digits, like 2",
        '{path}:33:13: step 11: repeat: 99999999999999999999... is out of range: use 1 to 20',
    ],
    "path-ids.yaml": [
        "{path}:3:15: step 1: exercise '../x' is not an id: use a plain name like 'cat-cow' (lower-case letters, digits and hyphens; no paths)",
        "{path}:5:15: step 2: exercise '/etc/passwd' is not an id: use a plain name like 'cat-cow' (lower-case letters, digits and hyphens; no paths)",
        "{path}:7:15: step 3: exercise 'C:\\x' is not an id: use a plain name like 'cat-cow' (lower-case letters, digits and hyphens; no paths)",
        "{path}:9:15: step 4: exercise 'cat cow!' is not an id: use a plain name like 'cat-cow' (lower-case letters, digits and hyphens; no paths)",
        "{path}:11:15: step 5: exercise 'cät-cow' is not an id: use a plain name like 'cat-cow' (lower-case letters, digits and hyphens; no paths)",
    ],
    "tabs.yaml": [
        "{path}:3:1: YAML: a tab is used for indentation; YAML needs spaces",
    ],
    "top-list.yaml": [
        "{path}:1:1: a routine must be a mapping with 'title:' and 'steps:', not a list or text",
    ],
    "top-scalar.yaml": [
        "{path}:1:1: a routine must be a mapping with 'title:' and 'steps:', not a list or text",
    ],
    "two-documents.yaml": [
        "{path}:4:1: holds several YAML documents; use one",
    ],
    "unknown-exercise.yaml": [
        "{path}:3:15: step 1: unknown exercise 'chlids-pose' (did you mean 'childs-pose'?)",
        "{path}:6:14: step 2: 'knee-to-chest' has no variant 'sinlge' (did you mean 'single'?)",
    ],
    "unknown-keys.yaml": [
        "{path}:2:1: warning: routine: unknown key 'autor' is ignored",
        "{path}:6:5: warning: step 1: unknown key 'sieds' is ignored (did you mean 'sides'?)",
    ],
    "wrong-types.yaml": [
        "{path}:1:8: title must be text",
        "{path}:2:14: description must be text",
        '{path}:4:12: defaults: prepare: \'soon\' is not a duration: write plain digits like 20, or "20s", "1m", "1m30s"',
        "{path}:6:15: step 1: exercise must be an exercise id such as 'cat-cow'",
        "{path}:7:11: step 1: hold: expected a duration, got 'true' (read as yes/no)",
        "{path}:8:12: step 1: sides must be one of: both, left, right, none",
        "{path}:9:13: step 1: repeat: 'two' is not a plain number: write it in digits, like 2",
        "{path}:11:14: step 2: variant must be text",
        '{path}:12:11: step 2: hold: expected a duration like 20, "20s" or "1m30s", got a list or mapping',
    ],
}
WARNING_ONLY = {"unknown-keys.yaml"}


def check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[str], float]:
    start = time.perf_counter()
    code = main(["check", str(path)])
    elapsed = time.perf_counter() - start
    return code, capsys.readouterr().err.strip().splitlines(), elapsed


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gets_its_exact_message(capsys: pytest.CaptureFixture[str], name: str) -> None:
    """Each file of the corpus: exactly its messages, exit 2 (0 for warnings), under a second."""
    path = BAD / name
    code, lines, elapsed = check(capsys, path)
    assert lines == [line.format(path=path) for line in EXPECTED[name]]
    assert code == (0 if name in WARNING_ONLY else 2)
    assert elapsed < 1.0


def test_corpus_is_all_covered() -> None:
    """Every file in tests/bad has an expectation, and every expectation a file."""
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize(
    "name", sorted(n for n in EXPECTED if n.endswith(".yaml") and n not in WARNING_ONLY)
)
def test_running_a_bad_routine_says_the_same(name: str) -> None:
    """The installed command, asked to run a bad routine: same lines, exit 2, no traceback."""
    exe = Path(sys.executable).parent / "stretchtimer"
    path = BAD / name
    result = subprocess.run(
        [str(exe), str(path), "--plain"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [line.format(path=path) for line in EXPECTED[name]]
    assert "Traceback" not in result.stderr and result.stdout == ""


def problems_of(path: Path) -> list[str]:
    _, problems = check_routine(path, Library())
    return [str(p) for p in problems]


def test_directory_missing_and_symlink_loop(tmp_path: Path) -> None:
    """A directory, a missing file and a symlink loop each get a plain message."""
    assert problems_of(tmp_path) == [f"{tmp_path}: is a directory, not a file"]
    assert problems_of(tmp_path / "gone.yaml") == [f"{tmp_path / 'gone.yaml'}: no such file"]
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.symlink_to(b)
    b.symlink_to(a)
    assert problems_of(a) == [f"{a}: too many levels of symbolic links"]


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreadable file says so (simulated: these tests may run as root, who reads anything)."""
    path = tmp_path / "locked.yaml"
    path.write_text("title: T\n")
    if os.geteuid() != 0:
        path.chmod(0)
    else:
        real_open = os.open  # what the reader opens with (it refuses what is not a file first)

        def deny(file: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
            if Path(file) == path:
                raise PermissionError(13, "Permission denied")
            return real_open(file, flags, mode)

        monkeypatch.setattr(os, "open", deny)
    assert problems_of(path) == [f"{path}: permission denied"]


def test_50_mb_file_is_refused_unread(tmp_path: Path) -> None:
    """A 50 MB file is refused by size, quickly and without reading it all."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    assert problems_of(path) == [f"{path}: file is larger than {MAX_BYTES // 1000} kB; refused"]
    assert time.perf_counter() - start < 1.0


PROBE = Path(__file__).parent / "cost_probe.py"


def costs(kind: str, files: list[Path]) -> dict[str, tuple[float, float]]:
    """(CPU seconds, peak MB) of loading each file, measured by the probe in a process of its
    own (CPU time, so the other tests running beside it do not count)."""
    out = subprocess.run(
        [sys.executable, str(PROBE), kind, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    return {row["path"]: (row["cpu"], row["mb"]) for row in rows}


ROUTINE_BOMBS = {
    "billion-laughs": (BAD / "billion-laughs.yaml").read_text(),
    "deep-nesting": "title: T\nsteps: " + "[" * 100_000 + "]" * 100_000 + "\n",  # too big too
    "node-flood": "title: T\nsteps:\n" + "  - {exercise: cat-cow, hold: 20}\n" * 7_000,
    "long-line": "title: " + "x" * 250_000 + "\n",
    "deep-mappings": "k: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
}
ARTICLE_BOMBS = {
    "nested-quotes": ">" * 200_000 + " deep quote\n",
    "nested-lists": "".join("  " * i + "- item\n" for i in range(2000)),
    "many-bold": "# T\n\n" + "**a** " * 150_000 + "\n",
    "many-links": "# T\n\n" + "[x](http://e.com) " * 50_000,
    "open-brackets": "# T\n\n" + "[" * 70_000,
    "open-images": "# T\n\n" + "![a](" * 20_000,
    "unmatched-code": "# T\n\n" + "``` `` ` " * 10_000,
    "unmatched-emphasis": "# T\n\n" + "*a _b " * 20_000,
    "nested-bold": "# T\n\n" + "**a" * 30_000 + "**" * 30_000,
    "deep-lazy-quote": "# T\n\n" + "> - " * 20_000 + "x\n" + "lazy\n" * 5_000,
    "many-items": "# T\n\n" + "- a\n" * 16_000,
    "long-table": "# T\n\n" + "|a|b|\n|-|-|\n" + "|x|y|\n" * 10_000,
}
"""Pathological Markdown, each cut to the largest article allowed."""


@pytest.fixture(scope="module")
def bomb_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bomb written to a file of its own."""
    folder = tmp_path_factory.mktemp("bombs")
    files = {}
    for name, text in ROUTINE_BOMBS.items():
        files[name] = folder / f"{name}.yaml"
        files[name].write_text(text)
    for name, body in ARTICLE_BOMBS.items():
        files[name] = folder / f"{name}.md"
        files[name].write_text(body[: ARTICLE_MAX_BYTES - 10])
    return files


@pytest.fixture(scope="module")
def bomb_costs(bomb_files: dict[str, Path]) -> dict[str, tuple[float, float]]:
    """(CPU seconds, peak MB) of each bomb, measured once for the module."""
    routines = [p for p in bomb_files.values() if p.suffix == ".yaml"]
    articles = [p for p in bomb_files.values() if p.suffix == ".md"]
    by_path = {**costs("routine", routines), **costs("article", articles)}
    return {name: by_path[str(path)] for name, path in bomb_files.items()}


@pytest.mark.xdist_group("bombs")  # one worker measures them all, once
@pytest.mark.parametrize("name", list(ROUTINE_BOMBS))
def test_routine_bombs_are_refused_cheaply(
    name: str, bomb_files: dict[str, Path], bomb_costs: dict[str, tuple[float, float]]
) -> None:
    """Each bomb is refused, in under 1 s of CPU and under 50 MB of extra memory."""
    assert problems_of(bomb_files[name]), "the bomb was refused"
    cpu, peak = bomb_costs[name]
    assert cpu < 1.0 and peak < 50, (cpu, peak)


@pytest.mark.xdist_group("bombs")
@pytest.mark.parametrize("name", list(ARTICLE_BOMBS))
def test_article_bombs_load_or_fail_cheaply(
    name: str, bomb_costs: dict[str, tuple[float, float]]
) -> None:
    """Pathological Markdown, as large as allowed, loads (or is refused) in under 1 s of CPU and
    50 MB."""
    cpu, peak = bomb_costs[name]
    assert cpu < 1.0 and peak < 50, (cpu, peak)
