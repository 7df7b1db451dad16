"""Provides which chime plays at which event, and the players behind a small interface."""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys
import types
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from stretchtimer.chimes import Chime
from stretchtimer.events import Countdown, Event, Finished, SegmentStarted
from stretchtimer.model import Plan, SegmentKind
from stretchtimer.paths import sounds_dir

NO_PLAYER_NOTICE = "No sound player works here, so chimes use the terminal bell."


def chime_for(event: Event, plan: Plan) -> Chime | None:
    """The chime for an event, or None. Late events (after a long gap) never chime."""
    if event.late:
        return None
    kind = plan.segments[event.index].kind
    if isinstance(event, Finished):
        return Chime.COMPLETE
    if isinstance(event, SegmentStarted):
        return {SegmentKind.HOLD: Chime.HOLD, SegmentKind.SWITCH: Chime.SWITCH}.get(kind)
    if isinstance(event, Countdown) and kind is SegmentKind.HOLD:
        return Chime.TICK
    return None


class Player(Protocol):
    """Something that can start playing a sound file without waiting for it."""

    def play(self, path: Path) -> None:
        """Start playing; raise on failure."""

    def failed(self) -> bool:
        """Whether a sound already started has since failed (no device, say)."""


class _OnDemandModule(types.ModuleType):
    """Stands in for a module until one of its names is used, then imports it for real."""

    def __getattr__(self, name: str) -> Any:
        parent, _, child = self.__name__.rpartition(".")
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        package = sys.modules[parent]
        if getattr(package, child, None) is self:
            delattr(package, child)
        return getattr(importlib.import_module(self.__name__), name)


@contextlib.contextmanager
def _urllib_request_on_demand() -> Iterator[None]:
    """playsound3 imports urllib.request at its top only to fetch sounds from URLs, which
    stretchtimer never plays; that import (email, http.client, OpenSSL's hashes) is 1.8 MB of
    a 40 MB process. While playsound3 is imported, a stand-in takes its place, which imports
    the real module the first time anything in it is used."""
    import urllib

    name = "urllib.request"
    if name in sys.modules:
        yield
        return
    stand_in = _OnDemandModule(name)
    sys.modules[name] = stand_in
    urllib.request = stand_in
    try:
        yield
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]  # a later `import urllib.request` gets the real one


class Playsound3Player:
    """playsound3 with block=False. Imported on first use, which the app puts after its first
    frame; it must be called on the main thread (the player process dies with its thread)."""

    def __init__(self) -> None:
        self._playsound: Callable[..., Any] | None = None
        self._last: Any = None

    def load(self) -> None:
        """Import playsound3 (it probes for players: about 150 ms)."""
        if self._playsound is None:
            log = logging.getLogger("playsound3")
            log.addHandler(logging.NullHandler())
            log.propagate = False
            with _urllib_request_on_demand():
                from playsound3 import playsound

            self._playsound = playsound

    def play(self, path: Path) -> None:
        """Start the sound; raise if no player can."""
        self.load()
        assert self._playsound is not None
        self._last = self._playsound(str(path), block=False)

    def failed(self) -> bool:
        """Whether the last sound's player exited with an error."""
        proc = getattr(self._last, "subprocess", None)
        code = proc.poll() if proc is not None else None
        return code not in (None, 0)


class RecordingPlayer:
    """A player that only records what it was asked to play (for tests)."""

    def __init__(self, fail: bool = False) -> None:
        self.played: list[str] = []
        self.fail = fail

    def play(self, path: Path) -> None:
        """Record the chime's name, or fail if told to."""
        if self.fail:
            raise OSError("no device")
        self.played.append(path.stem)

    def failed(self) -> bool:
        """Never fails after starting."""
        return False


class Chimes:
    """Plays chimes for events; falls back to the terminal bell once a player fails."""

    def __init__(
        self,
        player: Player | None,
        bell: Callable[[], None],
        notify: Callable[[str], None],
        muted: bool = False,
        folder: Path | None = None,
    ) -> None:
        self.player = player
        self.bell = bell
        self.notify = notify
        self.muted = muted
        self.folder = folder or sounds_dir()
        self.fallen_back = player is None
        self.heard: list[Chime] = []
        """Every chime sounded, in order (what a listener heard)."""
        self._checked: dict[Chime, Path | None] = {}
        self._damage_said = False

    def _fall_back(self) -> None:
        if not self.fallen_back:
            self.fallen_back = True
            self.notify(NO_PLAYER_NOTICE)

    def prepare(self) -> None:
        """Load the player ahead of the first chime (the app does it just after its first
        frame). Muted, it waits until a chime is really wanted. A player that cannot load
        means the bell, said once."""
        load = getattr(self.player, "load", None)
        if load is None or self.muted or self.fallen_back:
            return
        try:
            load()
        except Exception:  # a broken sound stack must not stop a session
            self._fall_back()

    def _usable(self, chime: Chime) -> Path | None:
        """The chime's file if it is a sound WAV (checked once); None if missing or damaged."""
        if chime not in self._checked:
            path = self.folder / f"{chime.value}.wav"
            try:
                with wave.open(str(path)) as w:
                    ok = w.getnframes() > 0 and w.getsampwidth() in (1, 2, 3, 4)
            except (OSError, EOFError, wave.Error):
                ok = False
            self._checked[chime] = path if ok else None
            if not ok and not self._damage_said:
                self._damage_said = True
                self.notify(f"Chime file {path} is missing or damaged: the bell rings instead.")
        return self._checked[chime]

    def play(self, chime: Chime) -> None:
        """Sound one chime, unless muted."""
        if self.muted:
            return
        self.heard.append(chime)
        path = self._usable(chime) if self.player is not None and not self.fallen_back else None
        if path is not None and self.player is not None:
            if self.player.failed():
                self._fall_back()
            else:
                try:
                    self.player.play(path)
                    return
                except Exception:  # any failure of a player means: use the bell
                    self._fall_back()
        if chime is not Chime.TICK:
            self.bell()

    def on_events(self, events: list[Event], plan: Plan) -> None:
        """Sound what the events call for (at most one chime per tick)."""
        chimes = [c for c in (chime_for(e, plan) for e in events) if c]
        if chimes:
            self.play(chimes[-1])

    def toggle_mute(self) -> bool:
        """Mute or unmute; return whether now muted."""
        self.muted = not self.muted
        return self.muted


def default_player() -> Player:
    """The platform's player (playsound3, which itself honours PLAYSOUND3_BACKEND)."""
    return Playsound3Player()
