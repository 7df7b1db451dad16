"""Provides the voice: a plan's phrases rendered ahead (in a worker) and cached on disk, then
spoken after each event's chime through the chimes' player, one at a time; a phrase not yet
rendered when its moment comes is dropped, never said late, and a countdown number is said in
its own second or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from stretchtimer.core.events import (
    Breath,
    Countdown,
    Event,
    Finished,
    MovementDue,
    SegmentStarted,
)
from stretchtimer.core.model import Plan
from stretchtimer.sound.phrase_cache import TEMP_PREFIX, is_on_disk, phrase_name, tidy, touch
from stretchtimer.sound.phrase_cache import wav_seconds as wav_seconds  # re-exported: still here
from stretchtimer.sound.phrases import CUES, Trigger, in_order, phrases
from stretchtimer.sound.speech import RATE, SpeechEngine

STALE = 0.5
"""A phrase this late (seconds) is no longer said: its moment has gone."""
COUNT_LATE = 0.5
"""A countdown number starts at most this long into its own second, or is not said (its tick
plays instead): a late "2" would run into the "1", a late "1" past the end of the hold."""


def _trigger(event: Event) -> Trigger | None:
    if isinstance(event, SegmentStarted):
        return (event.index, "start")
    if isinstance(event, Countdown):
        return (event.index, str(event.n))
    if isinstance(event, Finished):
        return (event.index, "finish")
    if isinstance(event, Breath):
        return (event.index, event.phase)
    if isinstance(event, MovementDue):
        return (event.index, "move")
    return None


Queued = tuple[float, float, Path]
"""A phrase to say: when it is due, the latest it may start, its file."""


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
        self._queue: list[Queued] = []
        self._free_at = 0.0

    @property
    def counts_down(self) -> bool:
        """Whether the voice says 3, 2, 1 (then the ticks it says are not played)."""
        return self.on and "countdown" in self.cues

    def path_for(self, text: str) -> Path:
        """Where `text` is cached: keyed by a SHA-256 of the engine, its voice, the rate and
        the text, so no two phrases ever share a file."""
        assert self.engine is not None
        voice = str(getattr(self.engine, "voice", ""))
        return self.cache_dir / phrase_name(self.engine.name, voice, self.rate, text)

    def plan(self, plan: Plan) -> list[str]:
        """Take a plan's phrases (cheap: those cached on disk are ready at once, so the first
        get-ready is said from the second run on); return them in the order to render them.
        The first segment's are looked at whole now, the others at a glance (render looks at
        them whole; each is looked at whole again before it is queued and before it plays)."""
        self.table = phrases(plan, self.cues)
        texts = in_order(self.table)
        first = {text for (index, _), said in self.table.items() if index == 0 for text in said}
        with self._lock:
            self._queue.clear()
            if self.engine is not None:
                for text in texts:
                    path = self.path_for(text)
                    whole = wav_seconds(path) > 0 if text in first else is_on_disk(path)
                    if whole:
                        self._ready[text] = path
                    else:
                        self._ready.pop(text, None)
        return texts

    def render(self, texts: list[str]) -> None:
        """Render each phrase not cached whole yet (a damaged one again), first needed first
        (run this in a worker: a phrase takes an engine about 60 ms). A phrase that fails is
        simply never ready."""
        if self.engine is None:
            return
        with contextlib.suppress(OSError):
            self.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        writable = True
        for text in texts:
            path = self.path_for(text)
            whole = wav_seconds(path) > 0
            if whole:
                touch(path)
            elif writable:
                try:
                    whole = self._render_one(text, path)
                except OSError:  # the cache cannot be written: no new phrase this time
                    writable = False
            if not whole:  # a damaged file is no phrase: it goes (if it can)
                with contextlib.suppress(OSError):
                    os.unlink(path)
            with self._lock:
                if whole:
                    self._ready[text] = path
                else:
                    self._ready.pop(text, None)
        tidy(self.cache_dir, {self.path_for(text).name for text in texts})

    def _render_one(self, text: str, path: Path) -> bool:
        """Render `text` into the cache through a temporary file (a killed process never
        leaves half a phrase under its name); whether it is there now. OSError if nothing can
        be written to the cache."""
        assert self.engine is not None
        prefix = f"{TEMP_PREFIX}{os.getpid()}-"
        fd, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=prefix, suffix=".wav")
        os.close(fd)
        try:
            self.engine.render(text, Path(tmp), self.rate)
            if wav_seconds(Path(tmp)) <= 0:
                return False
            os.replace(tmp, path)
            return True
        except Exception:  # no engine after all, a full disk: that phrase is not said
            return False
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def ready(self, text: str) -> bool:
        """Whether `text` is rendered (and, once render has looked, a sound)."""
        with self._lock:
            return text in self._ready

    def _sound(self, text: str) -> tuple[Path, float] | None:
        """A ready phrase's file and length, if it is still a sound (else it is not ready)."""
        path = self._ready.get(text)
        seconds = wav_seconds(path) if path is not None else 0.0
        if path is None or seconds <= 0:
            self._ready.pop(text, None)
            return None
        return path, seconds

    def hear(
        self,
        events: list[Event],
        now: float,
        after: float,
        second_left: Callable[[Countdown], float] | None = None,
    ) -> bool:
        """Queue the phrases of these events, to start `after` seconds from `now` (when the
        event's chime ends) and one after another; those not rendered yet are dropped, and so
        is a countdown number that could not start within COUNT_LATE of its second
        (`second_left`: how much of it is left; by default all of it). Return whether every
        number still in its second will be said (if not, its tick should play)."""
        if not self.on:
            return False
        left = second_left or (lambda _: 1.0)
        said = True
        with self._lock:
            start = max(now + after, self._free_at)
            for event in events:
                trigger = None if event.late else _trigger(event)
                if trigger is None:
                    continue
                latest = None
                if isinstance(event, Countdown):
                    room = left(event)
                    if room <= 0:  # its second is over: neither said nor ticked
                        continue
                    latest = now + room - 1.0 + COUNT_LATE
                start, all_queued = self._enqueue(self.table.get(trigger, []), start, latest)
                said = said and (latest is None or all_queued)
            self._free_at = max(self._free_at, start)
        return said

    def _enqueue(self, texts: list[str], start: float, latest: float | None) -> tuple[float, bool]:
        """Queue `texts` one after another from `start`, each only if it can start by `latest`
        (None: any time, then dropped if STALE seconds late); return when the next may start,
        and whether there were texts and all of them were queued."""
        queued = 0
        for text in texts:
            sound = self._sound(text)
            if sound is None or (latest is not None and start > latest):
                continue
            self._queue.append((start, start + STALE if latest is None else latest, sound[0]))
            start += sound[1]
            queued += 1
        return start, bool(texts) and queued == len(texts)

    def next_due(self) -> float | None:
        """When the next queued phrase is due (clock time), or None."""
        with self._lock:
            return self._queue[0][0] if self._queue else None

    def due(self, now: float) -> list[Path]:
        """The queued phrases due by `now`, to play now, in order, each looked at again to be a
        sound; one whose moment passed more than STALE seconds ago (the loop was stalled), or
        a number past its second, is dropped, never said late."""
        with self._lock:
            ripe = [path for when, last, path in self._queue if when <= now + 0.001 and now <= last]
            self._queue = [item for item in self._queue if item[0] > now + 0.001]
        return [path for path in ripe if wav_seconds(path) > 0]

    def silence(self) -> None:
        """Drop what is queued (a skip, a pause, a stop)."""
        with self._lock:
            self._queue.clear()
            self._free_at = 0.0
