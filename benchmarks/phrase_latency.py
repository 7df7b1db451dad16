"""Provides the phrase-latency benchmark: from a chime's end to its phrase's player process
started, in the full-screen app (headless) on the real clock, phrases rendered by espeak-ng."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.latency import _plan
from stretchtimer.sound.commands import CommandPlayer
from stretchtimer.sound.speech import find_engine
from stretchtimer.sound.voice import Voice, wav_seconds
from stretchtimer.ui.app import StretchApp


class TimedPlayer(CommandPlayer):
    """Starts `true` for each sound (a real process, no device needed) and notes when."""

    def __init__(self) -> None:
        super().__init__("true")
        self.started: list[tuple[float, Path]] = []

    def play(self, path: Path) -> None:
        super().play(path)
        self.started.append((time.monotonic(), path))


def phrase_latencies() -> list[float]:
    """ms from each chime's end to the start of the phrase that follows it."""
    engine = find_engine()
    if engine is None:
        raise SystemExit("phrase latency needs a speech engine (espeak-ng)")
    with tempfile.TemporaryDirectory() as tmp:
        plan = _plan(Path(tmp))
        voice = Voice(engine, Path(tmp) / "phrases", cues=("hold", "switch", "complete"))
        voice.render(voice.plan(plan))
        player = TimedPlayer()
        app = StretchApp(plan=plan, clock=time.monotonic, player=player, voice=voice)

        async def run() -> None:
            async with app.run_test(size=(100, 30)) as pilot:
                deadline = time.monotonic() + plan.total_seconds + 5
                while time.monotonic() < deadline:
                    await pilot.pause(0.1)

        asyncio.run(run())
    out = []
    chime_end = 0.0
    for at, path in player.started:
        if path.parent.name == "wav":  # a chime
            chime_end = at + wav_seconds(path)
        elif chime_end:
            out.append((at - chime_end) * 1000)
            chime_end = 0.0
    return out


if __name__ == "__main__":
    lat = phrase_latencies()
    median, most = statistics.median(lat), max(lat)
    print(f"phrase after chime: median {median:.1f} ms (max {most:.1f}), n={len(lat)}")
