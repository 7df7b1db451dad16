"""Provides an A/B measurement of the first frame: this checkout and an earlier commit (each
installed as a user would, in its own venv) beside the bare Textual app, taking turns in one
tmux server, so the three are measured on the same machine at the same moments.

    python3 benchmarks/first_frame_ab.py [REF] [RUNS]   # REF: a commit (default HEAD~1)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.terminal import Pane  # noqa: E402

MARKER = "Step 1/2"


def venv_with(where: Path, source: Path) -> Path:
    """A venv at `where` with `source` installed (as `pip install .` would)."""
    python = where / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(source)], check=True)
    return where / "bin"


def main() -> None:
    ref = sys.argv[1] if len(sys.argv) > 1 else "HEAD~1"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        old_src = tmp / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach",
                        str(old_src), ref], check=True)
        try:
            old = venv_with(tmp / "venv-old", old_src)
            new = venv_with(tmp / "venv-new", ROOT)
            home = tmp / "st" / "state"
            home.mkdir(parents=True)
            (home / "urgent-signs-shown").touch()
            env = f"env STRETCHTIMER_HOME={tmp / 'st'} TERM=xterm-256color"
            programs = {
                "bare": (f"{new / 'python'} -m benchmarks.bare_app", "bare app ready"),
                "old": (f"{old / 'stretchtimer'} quick-relief --mute", MARKER),
                "new": (f"{new / 'stretchtimer'} quick-relief --mute", MARKER),
            }
            server = tmp / "tmux.sock"
            Pane(server, "keeper", "sleep 100000").start()
            times: dict[str, list[float]] = {k: [] for k in programs}
            count = 0
            for key in ("old", "new"):  # the very first run of each fills its caches
                count += 1
                pane = Pane(server, f"warm{count}", f"cd {ROOT} && {env} {programs[key][0]}")
                pane.start()
                pane.wait_for(programs[key][1])
                pane.kill()
            for _ in range(runs):
                for key, (command, marker) in programs.items():
                    count += 1
                    pane = Pane(server, f"p{count}", f"cd {ROOT} && {env} {command}")
                    pane.start()
                    seen = pane.wait_for(marker)
                    times[key].append(seen - pane.started)
                    pane.kill()
                    time.sleep(0.3)
            subprocess.run(["tmux", "-S", str(server), "kill-server"], check=False)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(old_src)], check=False)
    bare = statistics.median(times["bare"])
    for key in ("bare", "old", "new"):
        m = statistics.median(times[key])
        print(f"{key:5} median {m:.3f} s over {runs} runs  ({m / bare:.2f}x the bare app)")
    print(f"new / old: {statistics.median(times['new']) / statistics.median(times['old']):.2f}x")


if __name__ == "__main__":
    main()
