"""Plain mode reads well: on a terminal its lines wrap at word boundaries (never a word cut
by the terminal's edge), the rest of an event indented under its first line; piped, or with
`plain_wrap: false` (for a screen reader), each event is one line."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write
from tmuxhelp import Tmux

from stretchtimer.plain.session import KEYS_LINE
from stretchtimer.present.plain_wrap import terminal_width, wrapped

BIN = Path(sys.executable).parent
TINY = ("title: Tiny\ndefaults:\n  prepare: 1\nsteps:\n  - exercise: knee-to-chest\n"
        "    variant: single\n    hold: 1\n    sides: left\n")


def test_wrapping_keeps_words_whole() -> None:
    line = "Hold, 20 s: Lift one knee in toward your chest; Hold it with both hands, " \
        "behind the thigh or just below the knee"
    text = wrapped(line, 30)
    rows = text.splitlines()
    assert all(len(r) <= 30 for r in rows) and rows[1].startswith("  ")
    assert " ".join(r.strip() for r in rows) == line  # every word, whole, in order
    assert wrapped(line, None) == line and wrapped("short", 30) == "short"
    assert wrapped("a " + "x" * 50, 30).splitlines()[1].strip() == "x" * 50  # not broken
    assert terminal_width(io.StringIO(), True) is None  # not a terminal: one line an event


@pytest.mark.slow(seconds=2)
@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed")
@pytest.mark.parametrize("wrap", [True, False])
def test_in_a_narrow_terminal(tmp_path: Path, private_home: Path, wrap: bool) -> None:
    """At 44 columns: wrapped, every row a whole number of words; with plain_wrap: false the
    terminal itself folds the line (one event, one line, as a screen reader wants it)."""
    routine = write(tmp_path, "tiny.yaml", TINY)
    if not wrap:
        write(private_home / "config", "settings.yaml", "plain_wrap: false\n")
    exe = shutil.which("stretchtimer", path=str(BIN))
    assert exe
    tmux = Tmux(tmp_path / "tmux.sock")
    env = f"STRETCHTIMER_HOME={private_home} TERM=xterm-256color"
    command = f"env {env} {exe} {routine} --plain --mute --no-history; echo EXIT=$?; sleep 30"
    tmux("new-session", "-d", "-s", "t", "-x", "44", "-y", "40", command)
    try:
        pane = tmux.wait_for("EXIT=")
    finally:
        tmux("kill-server")
    rows = [r for r in pane.splitlines() if r.strip() and not r.startswith("EXIT=")]
    piped = subprocess.run([exe, str(routine), "--plain", "--mute", "--no-history"],
                           capture_output=True, text=True, timeout=60, check=True,
                           env={**os.environ, "STRETCHTIMER_HOME": str(private_home)})
    words = set(piped.stdout.split()) | set(KEYS_LINE.split())  # piped: every word whole
    shown = {w for r in rows for w in r.split()}
    assert all(len(r.rstrip()) <= 44 for r in rows)
    if wrap:
        assert shown <= words, sorted(shown - words)  # no word cut at the edge
        assert any(r.startswith("  ") for r in rows)
    else:
        assert shown - words  # the terminal itself folded lines, inside words
        assert len(piped.stdout.splitlines()) < len(rows)
