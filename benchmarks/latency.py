"""Provides the chime-latency benchmark: from an event's due time to the player process started."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from stretchtimer.core.engine import Session, State
from stretchtimer.core.model import Plan
from stretchtimer.core.plan import plan as make_plan
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.players import Playsound3Player

ROUTINE = """\
title: Latency
defaults:
  prepare: 1
  switch: 1
steps:
  - exercise: knee-to-chest
    variant: single
    hold: 4
    sides: both
"""


def _plan(folder: Path) -> Plan:
    path = folder / "latency.yaml"
    path.write_text(ROUTINE)
    library = Library()
    routine, _ = load_routine(library.find_routine(str(path)), library)
    return make_plan(routine)


def chime_latencies() -> tuple[list[float], list[float]]:
    """(ms from each chime's due moment to its player process started, tick intervals in ms),
    running the plain-mode loop on the real clock with playsound3's ALSA player."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        played = folder / "PLAYED"
        (folder / ".asoundrc").write_text(
            f'pcm.!default {{ type file slave.pcm "null" file "{played}" format "raw" }}\n'
        )
        os.environ["HOME"] = str(folder)
        os.environ["PLAYSOUND3_BACKEND"] = "alsa"
        plan = _plan(folder)
        player = Playsound3Player()
        player.load()
        started: list[float] = []
        real_play = player.play

        def timed_play(path: Path) -> None:
            real_play(path)
            started.append(time.monotonic())

        player.play = timed_play  # type: ignore[method-assign]
        chimes = Chimes(player, lambda n: None, lambda m: None)
        session = Session(plan)
        due: list[float] = []
        ticks: list[float] = []
        session.start()
        t0 = time.monotonic()
        last = t0
        while session.state is not State.FINISHED:
            events = session.tick()
            now = time.monotonic()
            ticks.append((now - last) * 1000)
            last = now
            before = len(chimes.heard)
            chimes.on_events(events, plan)
            if len(chimes.heard) > before:
                chime = chimes.heard[-1]
                ev = events[-1]
                seg_start = t0 + sum(s.seconds for s in plan.segments[: ev.index])
                at = seg_start
                if chime is Chime.TICK:
                    at = seg_start + plan.segments[ev.index].seconds - getattr(ev, "n", 0)
                elif chime is Chime.COMPLETE:
                    at = t0 + plan.total_seconds
                due.append(at)
            time.sleep(session.next_change_in())
    return [(s - d) * 1000 for s, d in zip(started, due, strict=True)], ticks[1:]


if __name__ == "__main__":
    lat, ticks = chime_latencies()
    print(
        f"chime latency median {statistics.median(lat):.1f} ms (max {max(lat):.1f}); "
        f"tick interval median {statistics.median(ticks):.0f} ms"
    )
