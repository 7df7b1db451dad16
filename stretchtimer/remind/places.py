"""Provides where a due break is also shown: tmux's status line, and the terminal a routine is
started in from a desktop notification."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping

COMMON_TERMINALS = (
    "gnome-terminal", "konsole", "xfce4-terminal", "kitty", "alacritty", "wezterm", "foot",
    "tilix", "terminator", "xterm",
)
"""Tried in order after $TERMINAL and x-terminal-emulator."""
_DOUBLE_DASH = ("gnome-terminal", "tilix", "wezterm")
"""These take the command after `--` (wezterm after `start --`); the rest after `-e`."""


def tmux_message(text: str, env: Mapping[str, str] | None = None) -> bool:
    """Show `text` in tmux's status line when running inside tmux; whether it was shown."""
    env = os.environ if env is None else env
    if not env.get("TMUX") or shutil.which("tmux") is None:
        return False
    try:
        done = subprocess.run(
            ["tmux", "display-message", "-d", "10000", text],
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
    x-terminal-emulator, else the first common terminal found; None if there is none."""
    env = os.environ if env is None else env
    chosen = env.get("TERMINAL", "").strip()
    candidates = [chosen] if chosen else []
    candidates += ["x-terminal-emulator", *COMMON_TERMINALS]
    for name in candidates:
        path = shutil.which(name, path=env.get("PATH"))
        if path is None:
            continue
        base = os.path.basename(path)
        if base == "wezterm":
            return [path, "start", "--", *command]
        if base in _DOUBLE_DASH:
            return [path, "--", *command]
        return [path, "-e", *command]
    return None
