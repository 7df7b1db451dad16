"""Runs every benchmark in one go and prints the table of ratios (python3 benchmarks/run.py).

It makes its own environment (.bench-venv: this project, installed as a user would, plus
termdown) and re-runs itself there. Each comparison is measured side by side in the same run;
medians of at least five runs."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".bench-venv"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ONLY = os.environ.get("BENCH_ONLY", "")
"""Set BENCH_ONLY=first to measure just the first frame and memory (a quick look), or
BENCH_ONLY=remind for just reminders waiting beside the bare app (about 3.5 minutes), or
BENCH_ONLY=figure for a figure's frame against plotext's and the CPU of a still hold and of a
flow whose figure moves, beside the bare app and termdown (about 2 minutes)."""
HOLD60 = "title: Sixty\ndefaults:\n  prepare: 0\nsteps:\n  - exercise: cat-cow\n    hold: 60\n"
FLOW = "title: Flowing\ndefaults:\n  prepare: 1\nsteps:\n  - exercise: cat-cow\n    reps: 12\n"
"""96 s of cat-cow at 4/4: the figure moves with every breath."""


def ensure_environment() -> None:
    """Re-run inside .bench-venv, with the current code and termdown installed."""
    if os.environ.get("STRETCHTIMER_BENCH_ENV") == "1":
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "termdown"], check=True)
    # plotext 5.3.2: the last release with the braille canvas API the figure is measured
    # against (6.x is a different library); only the benchmark installs it.
    subprocess.run([str(python), "-m", "pip", "install", "-q", "plotext==5.3.2"], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", str(ROOT)],
        check=True,
    )
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    env = {**os.environ, "STRETCHTIMER_BENCH_ENV": "1"}
    os.chdir(ROOT)
    os.execve(str(python), [str(python), "-m", "benchmarks.run", *sys.argv[1:]], env)


def median(values: list[float]) -> float:
    return statistics.median(values)


def cpu_percent(
    pids: dict[str, int], seconds: float, cpu: Callable[[int], float]
) -> dict[str, float]:
    """Each process's CPU over the next `seconds`, in % of a core, side by side (`cpu`: a
    pid's CPU seconds so far)."""
    before = {k: cpu(pid) for k, pid in pids.items()}
    t = time.monotonic()
    time.sleep(seconds)
    span = time.monotonic() - t
    return {k: (cpu(pid) - before[k]) / span * 100 for k, pid in pids.items()}


class Bench:
    """The tmux measurements, in one private tmux server and one private home."""

    def __init__(self, tmp: Path) -> None:
        from benchmarks.terminal import Pane
        from stretchtimer.library.state import URGENT_SEEN

        self.Pane = Pane
        self.tmp = tmp
        self.server = tmp / "tmux.sock"
        self.bin = Path(sys.executable).parent
        home = tmp / "home"
        home.mkdir()
        (home / ".asoundrc").write_text(
            f'pcm.!default {{ type file slave.pcm "null" file "{tmp / "PLAYED"}" format "raw" }}\n'
        )
        self.env = (
            f"env HOME={home} STRETCHTIMER_HOME={tmp / 'st'} PLAYSOUND3_BACKEND=alsa "
            "TERM=xterm-256color"
        )
        # A returning user: the urgent signs shown before a very first session are behind
        # them (the screen that waits for a key would stop every measurement at its start).
        seen = tmp / "st" / "state"
        seen.mkdir(parents=True)
        (seen / URGENT_SEEN).touch()
        self.routine = tmp / "sixty.yaml"
        self.routine.write_text(HOLD60)
        self.count = 0
        # An idle session keeps the tmux server up: when the last session is killed the server
        # exits, and a session started at that moment can land on the dying server.
        Pane(self.server, "keeper", "sleep 100000").start()

    def pane(self, command: str) -> object:
        self.count += 1
        return self.Pane(self.server, f"p{self.count}", f"{self.env} {command}")

    def first_frames(self) -> dict[str, list[float]]:
        """First-frame seconds of `stretchtimer quick-relief` (as a user types it: history on,
        in the benchmark's private home) and of the bare app, taking turns; then peak memory
        of each, read once the first hold has begun. The very first run (nothing cached yet)
        is measured on its own."""
        from benchmarks.terminal import peak_memory_mb

        programs = (
            ("bare", f"{self.bin / 'python'} -m benchmarks.bare_app", "bare app ready"),
            ("st", f"{self.bin / 'stretchtimer'} quick-relief", "Step 1/2"),
        )
        out: dict[str, list[float]] = {"st": [], "bare": [], "st_mem": [], "bare_mem": []}

        def launch(command: str, marker: str, wait: float = 0.0) -> tuple[float, float]:
            p = self.pane(command)
            p.start()  # type: ignore[attr-defined]
            seen = p.wait_for(marker)  # type: ignore[attr-defined]
            memory = 0.0
            if wait:
                # Peak memory is read once the first hold has begun (its chime has played:
                # the sound player is imported and used), not just after the first frame.
                time.sleep(wait)
                memory = peak_memory_mb(p.pid())  # type: ignore[attr-defined]
            p.kill()  # type: ignore[attr-defined]
            time.sleep(0.3)
            return seen - p.started, memory  # type: ignore[attr-defined]

        out["st_cold"] = [launch(programs[1][1], programs[1][2])[0]]
        for _ in range(max(RUNS, 10)):
            for key, command, marker in programs:
                out[key].append(launch(command, marker)[0])
        for _ in range(RUNS):
            for key, command, marker in programs:
                out[f"{key}_mem"].append(launch(command, marker, wait=7.0)[1])
        return out

    def waiting(self, seconds: float = 60.0, windows: int = 3) -> dict[str, list[float]]:
        """`stretchtimer remind` waiting (the next break 50 minutes off) beside the bare app
        idling, in one run: CPU over `windows` consecutive spans of `seconds` (each one's
        ratio is fair: both programs ran through it side by side), then each one's peak
        memory."""
        from benchmarks.terminal import cpu_ns, peak_memory_mb

        remind = self.pane(f"{self.bin / 'stretchtimer'} remind --every 50m --mute")
        bare = self.pane(f"{self.bin / 'python'} -m benchmarks.bare_app")
        remind.start()  # type: ignore[attr-defined]
        bare.start()  # type: ignore[attr-defined]
        remind.wait_for("Next break in")  # type: ignore[attr-defined]
        bare.wait_for("bare app ready")  # type: ignore[attr-defined]
        pids = {"remind": remind.pid(), "bare": bare.pid()}  # type: ignore[attr-defined]
        time.sleep(5)  # past start-up: what is measured is waiting
        out: dict[str, list[float]] = {"remind_cpu": [], "bare_cpu": []}
        for _ in range(windows):
            for k, share in cpu_percent(pids, seconds, lambda pid: cpu_ns(pid) / 1e9).items():
                out[f"{k}_cpu"].append(share)
        for k, pid in pids.items():
            out[f"{k}_mem"] = [peak_memory_mb(pid)]
        remind.kill()  # type: ignore[attr-defined]
        bare.kill()  # type: ignore[attr-defined]
        return out

    def flow_cpu(self, runs: int = RUNS) -> dict[str, list[float]]:
        """CPU over 10 s of a flow (the figure redrawn with the breath) beside the bare app
        idling, side by side."""
        from benchmarks.terminal import cpu_seconds

        routine = self.tmp / "flow.yaml"
        routine.write_text(FLOW)
        out: dict[str, list[float]] = {"flow_cpu": [], "bare_cpu": []}
        for _ in range(runs):
            st = self.pane(f"{self.bin / 'stretchtimer'} {routine}")
            bare = self.pane(f"{self.bin / 'python'} -m benchmarks.bare_app")
            st.start()  # type: ignore[attr-defined]
            bare.start()  # type: ignore[attr-defined]
            st.wait_for("Breath 2 of 12")  # type: ignore[attr-defined]
            bare.wait_for("bare app ready")  # type: ignore[attr-defined]
            pids = {"flow": st.pid(), "bare": bare.pid()}  # type: ignore[attr-defined]
            for k, share in cpu_percent(pids, 10, cpu_seconds).items():
                out[f"{k}_cpu"].append(share)
            for p in (st, bare):
                p.kill()  # type: ignore[attr-defined]
        return out

    def sixty(self, runs: int = RUNS) -> dict[str, list[float]]:
        """CPU over 10 s of a hold, and how late a 60 s countdown ends, side by side."""
        from benchmarks.terminal import cpu_seconds

        out: dict[str, list[float]] = {
            k: [] for k in ("st_cpu", "bare_cpu", "td_cpu", "st_late", "td_late")
        }
        for _ in range(runs):
            st = self.pane(f"{self.bin / 'stretchtimer'} {self.routine}")
            td = self.pane(f"{self.bin / 'termdown'} 60")
            bare = self.pane(f"{self.bin / 'python'} -m benchmarks.bare_app")
            st.start()  # type: ignore[attr-defined]
            st_first = st.wait_for("Step 1/1")  # type: ignore[attr-defined]
            td.start()  # type: ignore[attr-defined]
            td_first = td.wait_for("88", poll=0.002)  # type: ignore[attr-defined]
            bare.start()  # type: ignore[attr-defined]
            bare.wait_for("bare app ready")  # type: ignore[attr-defined]
            pids = {k: p.pid() for k, p in (("st", st), ("td", td), ("bare", bare))}  # type: ignore[attr-defined]
            time.sleep(max(0.0, st_first + 20 - time.monotonic()))
            for k, share in cpu_percent(pids, 10, cpu_seconds).items():
                out[f"{k}_cpu"].append(share)
            # The end as the person sees it: the session screen says so at 0:00, then the
            # summary follows.
            st_end = st.wait_for(("ROUTINE COMPLETE", "Routine complete"), poll=0.002)  # type: ignore[attr-defined]
            td_end = td.wait_for("BENCH-EXIT", poll=0.002)  # type: ignore[attr-defined]
            out["st_late"].append(st_end - st_first - 60)
            out["td_late"].append(td_end - td_first - 60)
            for p in (st, td, bare):
                p.kill()  # type: ignore[attr-defined]
        return out


def check_cost() -> tuple[float, float]:
    """Median seconds of `stretchtimer check ROUTINE` and of `python -c pass`, whole process."""
    exe = Path(sys.executable).parent / "stretchtimer"
    routine = ROOT / "routines" / "quick-relief.yaml"

    def timed(cmd: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        return time.perf_counter() - t

    checks, passes = [], []
    for _ in range(max(RUNS, 10)):
        passes.append(timed([sys.executable, "-c", "pass"]))
        checks.append(timed([str(exe), "check", str(routine)]))
    return median(checks), median(passes)


def waiting_ratios(wait: dict[str, list[float]]) -> list[float]:
    """Each window's ratio: the reminder's CPU over the bare app's in the same window."""
    return [r / b for r, b in zip(wait["remind_cpu"], wait["bare_cpu"], strict=True)]


def waiting_ratio(wait: dict[str, list[float]]) -> float:
    """The median of the windows' ratios."""
    return median(waiting_ratios(wait))


def waiting_cpu(wait: dict[str, list[float]]) -> str:
    """`1.03x (0.98x, 1.03x, 1.10x)`: the median ratio and each window's."""
    each = ", ".join(f"{x:.2f}x" for x in waiting_ratios(wait))
    return f"{waiting_ratio(wait):.2f}x ({each})"


def row(what: str, value: str, against: str, target: str, ok: bool, note: str = "") -> str:
    met = ("yes" if ok else "NO") + (f" ({note})" if note else "")
    return f"| {what} | {value} | {against} | {target} | {met} |"


def figure_only(bench: Bench) -> None:
    """The figure's own numbers: a frame against plotext's, the CPU of a still hold (one 60 s
    run beside termdown and the bare app) and of a flow with the figure moving."""
    from benchmarks.figures import main as figure_frames

    frames = figure_frames(RUNS)
    flow = bench.flow_cpu()
    hold = bench.sixty(runs=2)
    bench.Pane(bench.server, "x", "").tmux("kill-server")
    for key, value in frames.items():
        print(f"{key:24} {value:8.3f}")
    print(f"flow CPU {median(flow['flow_cpu']):.2f}% of a core (bare app "
          f"{median(flow['bare_cpu']):.2f}%), runs: "
          + ", ".join(f"{x:.2f}" for x in flow["flow_cpu"]))
    print(f"still hold CPU {median(hold['st_cpu']):.2f}% (bare app {median(hold['bare_cpu']):.2f}%,"
          f" termdown {median(hold['td_cpu']):.2f}%)")


def main() -> None:
    ensure_environment()
    from benchmarks.latency import chime_latencies
    from benchmarks.loading import articles_vs_bare_parse, time_loads
    from benchmarks.phrase_latency import phrase_latencies

    rows: list[str] = []
    say: Callable[[str], None] = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(Path(tmp))
        say("first frame and memory ...")
        ff = bench.first_frames() if ONLY not in ("remind", "figure") else {}
        if ONLY == "first":
            print(f"first frame {median(ff['st']):.3f} s (cold {ff['st_cold'][0]:.3f} s) vs "
                  f"bare {median(ff['bare']):.3f} s = "
                  f"{median(ff['st']) / median(ff['bare']):.2f}x; memory "
                  f"{median(ff['st_mem']):.1f} vs {median(ff['bare_mem']):.1f} MB = "
                  f"{median(ff['st_mem']) / median(ff['bare_mem']):.2f}x")
            bench.Pane(bench.server, "x", "").tmux("kill-server")
            return
        if ONLY == "figure":
            figure_only(bench)
            return
        say("60 s of reminders waiting beside the bare app ...")
        wait = bench.waiting()
        if ONLY == "remind":
            print(f"waiting: CPU {waiting_cpu(wait)}; memory {wait['remind_mem'][0]:.1f} vs "
                  f"{wait['bare_mem'][0]:.1f} MB = "
                  f"{wait['remind_mem'][0] / wait['bare_mem'][0]:.2f}x")
            bench.Pane(bench.server, "x", "").tmux("kill-server")
            return
        say("60 s countdowns side by side (CPU, end time) ...")
        sx = bench.sixty()
        bench.Pane(bench.server, "x", "").tmux("kill-server")
    say("chime latency, loading, check ...")
    lat, ticks = chime_latencies()
    phrase_lat = phrase_latencies()
    warm_small, warm_large = time_loads((100, 1000), warm=True)
    ours, bare_md = articles_vs_bare_parse(50, 9)
    check, bare_py = check_cost()

    ff_ratio = median(ff["st"]) / median(ff["bare"])
    rows.append(
        row(
            "first frame, `stretchtimer quick-relief` in tmux",
            f"{median(ff['st']):.3f} s (very first run: {ff['st_cold'][0]:.3f} s)",
            f"bare Textual app {median(ff['bare']):.3f} s",
            "≤ 1.3x",
            ff_ratio <= 1.3,
            f"{ff_ratio:.2f}x",
        )
    )
    st_cpu, bare_cpu, td_cpu = (median(sx[k]) for k in ("st_cpu", "bare_cpu", "td_cpu"))
    rows.append(
        row(
            "CPU over 10 s of a hold",
            f"{st_cpu:.2f}% of a core",
            f"bare app idle {bare_cpu:.2f}%; termdown {td_cpu:.2f}%",
            "< 1% and < termdown",
            st_cpu < 1 and st_cpu < td_cpu,
        )
    )
    mem_ratio = median(ff["st_mem"]) / median(ff["bare_mem"])
    rows.append(
        row(
            "peak memory (VmHWM)",
            f"{median(ff['st_mem']):.1f} MB",
            f"bare app {median(ff['bare_mem']):.1f} MB",
            "≤ 1.35x",
            mem_ratio <= 1.35,
            f"{mem_ratio:.2f}x",
        )
    )
    rows.append(
        row(
            "`stretchtimer remind` waiting, CPU over 60 s",
            f"{median(wait['remind_cpu']):.3f}% of a core",
            f"bare app idle, side by side: {median(wait['bare_cpu']):.3f}%",
            "no more than the bare app",
            waiting_ratio(wait) <= 1.0,
            f"median {waiting_cpu(wait)}, nanosecond schedstat",
        )
    )
    wait_mem = wait["remind_mem"][0] / wait["bare_mem"][0]
    rows.append(
        row(
            "`stretchtimer remind` waiting, peak memory",
            f"{wait['remind_mem'][0]:.1f} MB",
            f"bare app {wait['bare_mem'][0]:.1f} MB",
            "≤ 1.35x",
            wait_mem <= 1.35,
            f"{wait_mem:.2f}x",
        )
    )
    st_late, td_late = median(sx["st_late"]), median(sx["td_late"])
    rows.append(
        row(
            "end of a 60 s routine vs its plan (real clock, tmux)",
            f"{st_late:+.3f} s",
            f"termdown 60: {td_late:+.3f} s",
            "within 0.05 s, no later than termdown",
            abs(st_late) <= 0.05 and st_late <= td_late,
        )
    )
    rows.append(
        row(
            "chime latency: event due to player process started",
            f"{median(lat):.1f} ms (max {max(lat):.1f})",
            f"tick interval {median(ticks):.0f} ms",
            "< 30 ms",
            median(lat) < 30,
        )
    )
    rows.append(
        row(
            "phrase latency: a chime's end to its phrase's player started",
            f"{statistics.median(phrase_lat):.1f} ms (max {max(phrase_lat):.1f})",
            "the chime's length (espeak-ng phrases, headless app, real clock)",
            "< 30 ms",
            max(phrase_lat) < 30,
        )
    )
    rows.append(
        row(
            "read 50 articles cold (CPU)",
            f"{ours:.3f} s",
            f"markdown-it-py's bare parse of the same files {bare_md:.3f} s",
            "≤ 1.5x",
            ours / bare_md <= 1.5,
            f"{ours / bare_md:.2f}x",
        )
    )
    rows.append(
        row(
            "load + validate 1,000 articles and 1,000 routines, warm (parse cache)",
            f"{warm_large:.3f} s; 10x files = {warm_large / warm_small:.2f}x",
            "100 of each",
            "≤ 1 s, ≤ 11x",
            warm_large <= 1 and warm_large / warm_small <= 11,
        )
    )
    own = check - bare_py
    rows.append(
        row(
            "`stretchtimer check` one routine, whole process",
            f"{check:.3f} s",
            f"`python -c pass` {bare_py:.3f} s",
            "own time < 0.25 s",
            own < 0.25,
            f"own {own:.3f} s",
        )
    )

    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; medians of {RUNS} runs ({max(RUNS, 10)} for first frames); "
        f"{time.strftime('%Y-%m-%d')}\n"
    )
    print("| what | stretchtimer | measured against | target | met |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(r)


if __name__ == "__main__":
    main()
