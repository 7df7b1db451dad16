"""Provides the voice: a plan's phrases rendered ahead (in a worker) and cached on disk, then
spoken after each event's chime through the chimes' player, one at a time; a phrase not yet
rendered when its moment comes is dropped, never said late."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import wave
import zlib
from pathlib import Path

from stretchtimer.core.events import Breath, Countdown, Event, Finished, SegmentStarted
from stretchtimer.core.model import Plan
from stretchtimer.sound.phrases import CUES, Trigger, in_order, phrases
from stretchtimer.sound.speech import RATE, SpeechEngine

STALE = 0.5
"""A phrase this late (seconds) is no longer said: its moment has gone."""


def wav_seconds(path: Path) -> float:
    """How long a WAV file plays (0 if it cannot be read)."""
    try:
        with wave.open(str(path)) as w:
            return float(w.getnframes()) / float(w.getframerate() or 1)
    except (OSError, EOFError, wave.Error):
        return 0.0


def _trigger(event: Event) -> Trigger | None:
    if isinstance(event, SegmentStarted):
        return (event.index, "start")
    if isinstance(event, Countdown):
        return (event.index, str(event.n))
    if isinstance(event, Finished):
        return (event.index, "finish")
    if isinstance(event, Breath):
        return (event.index, event.phase)
    return None


class Voice:
    """Spoken cues for one session at a time."""

    def __init__(
        self,
        engine: SpeechEngine | None,
        cache_dir: Path,
        rate: int = RATE,
        cues: tuple[str, ...] = CUES,
        on: bool = True,
    ) -> None:
        self.engine = engine
        self.cache_dir = cache_dir
        self.rate = rate
        self.cues = cues
        self.on = on and engine is not None
        """Speaking (`v` and --voice/--no-voice switch it; no engine: never)."""
        self.table: dict[Trigger, list[str]] = {}
        self._ready: dict[str, Path] = {}
        self._lock = threading.Lock()
        self._queue: list[tuple[float, Path]] = []
        self._free_at = 0.0

    @property
    def counts_down(self) -> bool:
        """Whether the voice says 3, 2, 1 (then the ticks are not played)."""
        return self.on and "countdown" in self.cues

    def path_for(self, text: str) -> Path:
        """Where `text` is cached, keyed by engine, rate and text."""
        assert self.engine is not None
        key = zlib.crc32(f"{self.engine.name}|{self.rate}|{text}".encode())
        return self.cache_dir / f"{self.engine.name}-{self.rate}-{key:08x}.wav"

    def plan(self, plan: Plan) -> list[str]:
        """Take a plan's phrases (cheap: those cached on disk are ready at once, so the first
        get-ready is said from the second run on); return them in the order to render them."""
        self.table = phrases(plan, self.cues)
        texts = in_order(self.table)
        with self._lock:
            self._queue.clear()
            if self.engine is not None:
                for text in texts:
                    path = self.path_for(text)
                    if path.exists():
                        self._ready[text] = path
        return texts

    def render(self, texts: list[str]) -> None:
        """Render each phrase not cached yet, first needed first (run this in a worker: a
        phrase takes an engine about 60 ms). A phrase that fails is simply never ready."""
        if self.engine is None:
            return
        with contextlib.suppress(OSError):
            self.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        for text in texts:
            path = self.path_for(text)
            if not path.exists():
                try:
                    fd, tmp = tempfile.mkstemp(
                        dir=self.cache_dir, prefix=".phrase-", suffix=".wav"
                    )
                except OSError:  # the cache cannot be written: no voice this time
                    return
                os.close(fd)
                try:
                    self.engine.render(text, Path(tmp), self.rate)
                    if wav_seconds(Path(tmp)) <= 0:
                        continue
                    os.replace(tmp, path)
                except Exception:  # no engine after all, a full disk: that phrase is not said
                    continue
                finally:
                    with contextlib.suppress(OSError):
                        os.unlink(tmp)
            with self._lock:
                self._ready[text] = path

    def ready(self, text: str) -> bool:
        """Whether `text` is rendered."""
        with self._lock:
            return text in self._ready

    def hear(self, events: list[Event], now: float, after: float) -> None:
        """Queue the phrases of these events, to start `after` seconds from `now` (when the
        event's chime ends) and one after another; those not rendered yet are dropped."""
        if not self.on:
            return
        texts = [
            text
            for event in events
            if not event.late and (trigger := _trigger(event)) is not None
            for text in self.table.get(trigger, [])
        ]
        with self._lock:
            paths = [self._ready[t] for t in texts if t in self._ready]
            start = max(now + after, self._free_at)
            for path in paths:
                self._queue.append((start, path))
                start += wav_seconds(path)
            self._free_at = max(self._free_at, start)

    def next_due(self) -> float | None:
        """When the next queued phrase is due (clock time), or None."""
        with self._lock:
            return self._queue[0][0] if self._queue else None

    def due(self, now: float) -> list[Path]:
        """The queued phrases due by `now`, to play now, in order; one whose moment passed
        more than STALE seconds ago (the loop was stalled) is dropped, never said late."""
        with self._lock:
            ripe = [path for when, path in self._queue if now - STALE <= when <= now + 0.001]
            self._queue = [(when, path) for when, path in self._queue if when > now + 0.001]
        return ripe

    def silence(self) -> None:
        """Drop what is queued (a skip, a pause, a stop)."""
        with self._lock:
            self._queue.clear()
            self._free_at = 0.0
