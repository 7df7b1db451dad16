"""Tests that text from a routine, an article, a file name or the history never brings a
control character of its own to any output: escape sequences (OSC 0/52, clear, colour), a
bell, a carriage return, other C0 and C1 characters and Unicode's bidirectional controls are
shown as escapes, never sent raw."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from clihelp import cli, plain_run
from conftest import write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Label, Static

from stretchtimer.core.text import json_visible, one_line, visible
from stretchtimer.library import paths

BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
"""Unicode's bidirectional controls: marks, embeddings, overrides, isolates."""
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029" + "".join(map(chr, BIDI)) + "]")
"""A control character in output: only the program's own newlines (and CSV's \\r\\n) may be."""

NASTY = [
    "\x1b]0;pwned\x07",  # OSC 0: set the window title
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: set the clipboard
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b[31;5mred\x1b[0m",  # colour and blink
    "\x07",  # bell
    "over\rwrite",  # carriage return
    "\x9b2J",  # C1 CSI
    "\x85next",  # C1 NEL
    "a\u2028b",  # Unicode line separator
    "tab\there",
    "new\nline",
    "evil\u202etxt.yaml",  # a right-to-left override: drawn as "evillmay.txt"
    "\u2067isolated\u2069 \u202aembedded\u202c \u200e\u200f\u061c",  # isolates, embeddings, marks
]

hostile = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from([chr(c) for c in [*range(1, 32), *range(0x7F, 0xA0), *BIDI]]),
    ),
    min_size=1,
    max_size=30,
)


def no_raw_control(text: str) -> None:
    found = RAW.findall(text.replace("\r\n", "\n"))
    assert not found, (found, text[:400])


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly (escapes for everything odd)."""
    return '"' + "".join(
        ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}" for ch in text
    ) + '"'


def library_with(text: str, root: Path) -> tuple[Path, Path]:
    """An article and a routine whose every kind of text holds `text`."""
    md_text = text.replace("\x00", "")  # a NUL makes any file binary: refused, said plainly
    article = write(
        paths.user_dir("content"),
        "nasty.md",
        f"# Nasty {md_text}\n\n> **At a Glance:** {md_text}\n\n"
        f"## How to Do It\n\n### Nasty {md_text}\n\n**Starting Position:**\n\n1. Lie {md_text}\n\n"
        f"**The Movement:**\n\n1. Move {md_text}\n2. Hold for 20 seconds\n\n"
        f"### Red Flags—Stop If:\n\n- Pain {md_text}\n\n"
        f"## Common Mistakes\n\n### 1. Rushing {md_text}\n\n**Problem:** {md_text}\n\n"
        f"**Fix:** {md_text}\n\n## Precautions\n\n- Care {md_text}\n\n## Notes {md_text}\n\n"
        f"Some {md_text} words.\n",
    )
    routine = write(
        paths.user_dir("routines"),
        "nasty.yaml",
        f"title: {yaml_string('Nasty ' + text)}\ndescription: {yaml_string(text)}\n"
        "defaults:\n  prepare: 1\nsteps:\n  - exercise: nasty\n    hold: 2\n",
    )
    return article, routine


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.one_of(st.sampled_from(NASTY), hostile))
def test_no_output_path_sends_input_controls_raw(
    text: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any string in a routine or article, through list, show, plan, check, a plain run and
    history (text, JSON, CSV): no control character of its own reaches the output."""
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path_factory.mktemp("home")))
    article, routine = library_with(text, tmp_path_factory.mktemp("x"))
    runs = [
        ["list"], ["list", "--format", "json"], ["show", "nasty"], ["show", "nasty", "--format", "json"],
        ["plan", "nasty"], ["plan", "nasty", "--format", "json"], ["check", str(article), str(routine)],
    ]
    for argv in runs:
        code, out, err = cli(monkeypatch, argv)
        no_raw_control(out)
        no_raw_control(err)
        if "json" in argv and code == 0:
            json.loads(out)  # still valid JSON
    code, out, err, _ = plain_run(monkeypatch, ["nasty"])
    no_raw_control(out)
    no_raw_control(err)
    for argv in (["history"], ["history", "--format", "csv"], ["history", "--format", "json"]):
        code, out, err = cli(monkeypatch, argv)
        no_raw_control(out)
        no_raw_control(err)


@pytest.mark.parametrize("text", NASTY)
def test_names_and_arguments_are_shown_safely(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file name or an argument holding controls, in an error message: escaped."""
    for argv in (["show", text], [text], ["check", str(tmp_path / f"r{text}.yaml")], [f"--{text}"]):
        _, out, err = cli(monkeypatch, argv)
        no_raw_control(out)
        no_raw_control(err)


def test_a_newline_in_a_title_keeps_the_history_table_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A title with newlines (written by hand, say) is one row of the table."""
    from stretchtimer.history.store import History

    h = History(paths.history_file())
    sid = h.begin("r", "", "Line one\nline two\r\n\x1b[2Jthree", 4, None)
    h.end(sid, "completed", 4, 40)
    h.close()
    _, out, _ = cli(monkeypatch, ["history"])
    row = [ln for ln in out.splitlines() if "Line one" in ln]
    assert len(row) == 1 and "line two" in row[0] and "\\x1b[2Jthree" in row[0]


def test_the_screen_shows_controls_as_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the full-screen UI, every label and text block is free of raw controls."""
    from apphelp import advance, drive
    from fakes import FakeClock, RecordingPlayer

    from stretchtimer.core.plan import plan
    from stretchtimer.library.registry import Library
    from stretchtimer.library.routines import load_routine
    from stretchtimer.ui.app import StretchApp

    library_with("\x1b]0;pwned\x07 \x9b2J\rover \u202eevil\u2066", Path("."))
    lib = Library()
    routine, _ = load_routine(lib.find_routine("nasty"), lib)
    clock = FakeClock()
    app = StretchApp(plan=plan(routine), clock=clock, player=RecordingPlayer())
    seen: list[str] = []

    async def scenario(app: StretchApp, pilot: object) -> None:
        for _ in range(3):
            for widget in app.screen.query("Label, Static"):
                assert isinstance(widget, Label | Static)
                seen.append(str(widget.content))
            advance(app, clock, 1.0)

    drive(app, scenario)
    assert any("pwned" in s for s in seen) and any("\\u202eevil\\u2066" in s for s in seen)
    for s in seen:
        no_raw_control(s)


def test_visible_and_one_line() -> None:
    """The two functions every path uses."""
    assert visible("a\x1b[31mb\nc\x07") == "a\\x1b[31mb\nc\\x07"
    assert one_line("a\nb\r\nc\td\x9b") == "a b c d\\x9b"
    assert visible("evil\u202etxt\u2066\u200f\u061c") == "evil\\u202etxt\\u2066\\u200f\\u061c"
    assert json_visible('"\u202e"') == '"\\u202e"'
    assert visible("👨\u200d👩\u200d👧 ❤\ufe0f") == "👨\u200d👩\u200d👧 ❤\ufe0f"  # joiners stay


def test_plain_mode_rings_the_bell_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no sound player, plain mode falls back to the bell: into a pipe or a log file,
    no BEL character is written."""
    import io
    import sys

    from apphelp import quick_relief
    from fakes import FakeClock, RecordingPlayer

    from stretchtimer.plain import run_plain

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    clock = FakeClock()
    code = run_plain(
        quick_relief(), player=RecordingPlayer(fail=True), clock=clock, sleep=clock.advance
    )
    assert code == 0 and "Routine complete" in out.getvalue() and "\a" not in out.getvalue()


def test_a_file_name_that_is_not_utf8_survives_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A routine whose file name is not UTF-8: check, plan, list, a run, the parse cache and
    the history all take it; messages show the odd byte as an escape."""
    import os

    folder = tmp_path / "r"
    folder.mkdir()
    name = os.fsdecode(b"evening-\xff.yaml")
    path = folder / name
    path.write_text("title: Evening\nsteps:\n  - exercise: cat-cow\n    hold: 20\n")
    code, out, err = cli(monkeypatch, ["check", str(path)])
    assert code == 0 and "\\xff" in out
    no_raw_control(out)
    assert cli(monkeypatch, ["plan", str(path)])[0] == 0
    code, out, err, _ = plain_run(monkeypatch, [str(path)])
    assert code == 0 and "History is not being recorded" not in err
    code, out, err = cli(monkeypatch, ["history", "--format", "json"])
    assert code == 0 and json.loads(out)[0]["path"].endswith("evening-\\xff.yaml")
    cache = json.loads((paths.data_dir() / "parse-cache.json").read_text())
    assert any("evening-" in key for key in cache["routines"])


@pytest.mark.parametrize(
    ("redirect", "words"),
    [(">&-", "standard output is closed"), ("2>&-", ""), ("<&-", "Routines")],
)
def test_a_closed_stream_is_a_clear_exit(redirect: str, words: str, tmp_path: Path) -> None:
    """A closed stdout or stderr: exit 2 with a line where one can still be said, never a
    traceback; a closed stdin is no matter for a command that reads none."""
    import shutil
    import subprocess
    import sys

    exe = shutil.which("stretchtimer", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        f"{exe} list {redirect} 2>{tmp_path / 'err'}" if redirect != "2>&-" else f"{exe} list {redirect}",
        shell=True, capture_output=True, text=True,
        env={**__import__("os").environ, paths.HOME_ENV: str(tmp_path)},
    )
    said = (tmp_path / "err").read_text() if (tmp_path / "err").exists() else ""
    assert "Traceback" not in said + result.stderr
    if redirect == "<&-":
        assert result.returncode == 0 and words in result.stdout
    else:
        assert result.returncode == 2 and words in said


def test_an_output_encoding_that_cannot_show_a_character(tmp_path: Path) -> None:
    """PYTHONIOENCODING=ascii: the em dashes and accents come out as escapes, never an error."""
    import os
    import subprocess
    import sys

    write(tmp_path / "config" / "content", "reveil.md", "# Réveil — doux\n\n### Red Flags\n\n- Douleur\n")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", paths.HOME_ENV: str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "stretchtimer", "show", "reveil"],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stdout.startswith("R\\xe9veil \\u2014 doux")
