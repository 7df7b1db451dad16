"""Provides measurements of programs running in real tmux panes: first frame, CPU, memory, end."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Pane:
    """One program in its own tmux session."""

    server: Path
    name: str
    command: str
    size: tuple[int, int] = (100, 30)
    started: float = 0.0
    first_frame: float | None = None
    ended: float | None = None
    notes: dict[str, float] = field(default_factory=dict)

    def tmux(self, *args: str) -> str:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
        return subprocess.run(
            ["tmux", "-S", str(self.server), *args], capture_output=True, text=True, env=env
        ).stdout

    def start(self) -> None:
        full = f"{self.command}; echo BENCH-EXIT=$?; sleep 600"
        self.started = time.monotonic()
        self.tmux(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(self.size[0]),
            "-y",
            str(self.size[1]),
            full,
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(
        self, marker: str | tuple[str, ...], timeout: float = 120.0, poll: float = 0.005
    ) -> float:
        """Monotonic time at which `marker` (or any of several) was first seen on screen."""
        markers = (marker,) if isinstance(marker, str) else marker
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(m in screen for m in markers):
                return time.monotonic()
            time.sleep(poll)
        raise TimeoutError(f"{self.name}: {marker!r} never appeared:\n{self.screen()}")

    def pid(self) -> int:
        shell = int(self.tmux("display", "-p", "-t", self.name, "#{pane_pid}").strip())
        for _ in range(200):
            out = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout
            if out.split():
                return int(out.split()[0])
            time.sleep(0.01)
        raise RuntimeError(f"{self.name}: no program under the pane's shell")

    def kill(self) -> None:
        self.tmux("kill-session", "-t", self.name)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the process has used (with its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return (utime + stime + cutime + cstime) / TICKS


def peak_memory_mb(pid: int) -> float:
    """VmHWM: the process's peak resident memory, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def cpu_ns(pid: int) -> int:
    """Nanoseconds on a CPU, all of the process's threads (/proc/PID/task/*/schedstat): far
    finer than the clock ticks of /proc/PID/stat, for programs that barely run. Threads that
    have ended are not counted."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total
