"""Provides where a due break is also shown: tmux's status line, and the terminal a routine is
started in from a desktop notification."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import unicodedata
from collections.abc import Mapping

COMMON_TERMINALS = (
    "gnome-terminal", "konsole", "xfce4-terminal", "kitty", "alacritty", "wezterm", "foot",
    "tilix", "terminator", "xterm",
)
"""Tried in order after $TERMINAL and x-terminal-emulator."""
_BEFORE_ARGV: dict[str, tuple[str, ...]] = {
    "gnome-terminal": ("--",),
    "wezterm": ("start", "--"),
    "xfce4-terminal": ("-x",),
    "terminator": ("-x",),
}
"""What comes before the command's own argv, for the terminals that do not take it after
`-e` (xfce4-terminal's and terminator's `-e` take one string; `-x` takes the rest as argv)."""
_ONE_STRING = ("tilix",)
"""Terminals that take the command as one string after `-e`, which they split the way a shell
would (GLib's g_shell_parse_argv: quotes and backslashes, no expansion, no shell). tilix
rebuilds that string itself from an argv, quoting only the arguments with a space, so an
argv is not safe there: we give it the string, every argument quoted."""
_HASHES = re.compile(r"(#+)(\[?)")


def _hashes(run: re.Match[str]) -> str:
    """A run of `#` for tmux (see tmux_text): doubled before `[`, else four times over."""
    hashes, bracket = run.group(1), run.group(2)
    return hashes * (2 if bracket else 4) + bracket


def tmux_text(text: str) -> str:
    """`text` for tmux's display-message, so that it is shown as it is and nothing in it is
    run or expanded. tmux passes the message through strftime(3) (`%` → `%%`), then expands
    its formats (`#(...)` runs a shell command, `#{...}`, `#S`, ...), then draws the result
    with its styles (`#[...]`): a run of n `#` before `[` is left alone by the expansion and
    drawn as n/2 `#` then `[` when n is even, so it becomes 2n; any other run is halved by
    the expansion and then by the drawing (ceil each time), so it becomes 4n. Control
    characters (tmux drops them) become spaces. A trailing `;` would end tmux's command (an
    argument ending in `;` is a separator, `\\;` a literal `;`), so it is escaped."""
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    text = text.replace("%", "%%")
    text = _HASHES.sub(_hashes, text)
    if text.endswith(";"):
        text = text[:-1] + "\\;"
    return text


def tmux_message(text: str, env: Mapping[str, str] | None = None) -> bool:
    """Show `text` in tmux's status line when running inside tmux; whether it was shown. The
    text is escaped for tmux (see tmux_text); tmux reads options up to the first argument that
    does not start with `-`, so a message that does comes after `--`."""
    env = os.environ if env is None else env
    if not env.get("TMUX") or shutil.which("tmux") is None:
        return False
    message = tmux_text(text)
    end_options = ["--"] if message.startswith("-") else []
    try:
        done = subprocess.run(
            ["tmux", "display-message", "-d", "10000", *end_options, message],
            capture_output=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def terminal_command(
    command: list[str], env: Mapping[str, str] | None = None
) -> list[str] | None:
    """The argv that opens a terminal running `command`: $TERMINAL if set, else
    x-terminal-emulator, else the first common terminal found; None if there is none.
    $TERMINAL is one program's name or path, whatever it holds (never split, never given to a
    shell), and every element of `command` stays one argument of the program it runs."""
    env = os.environ if env is None else env
    chosen = env.get("TERMINAL", "").strip()
    candidates = [chosen] if chosen else []
    candidates += ["x-terminal-emulator", *COMMON_TERMINALS]
    for name in candidates:
        found = shutil.which(name, path=env.get("PATH"))
        if found is None:
            continue
        path = os.path.abspath(found)  # never a leading `-`, whatever PATH holds
        base = os.path.basename(path)
        if base in _ONE_STRING:
            return [path, "-e", shlex.join(command)]
        return [path, *_BEFORE_ARGV.get(base, ("-e",)), *command]
    return None
