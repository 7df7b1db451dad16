"""Provides the chimes of a session: played for its events, the terminal bell when no player can."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

from stretchtimer.core.events import Event
from stretchtimer.core.model import Plan
from stretchtimer.sound.chime import WAV_DIR, Chime
from stretchtimer.sound.cues import chime_for
from stretchtimer.sound.players import Player

NO_PLAYER_NOTICE = "No sound player works here, so chimes use the terminal bell."


class Chimes:
    """Plays chimes for events; falls back to the terminal bell once a player fails."""

    def __init__(
        self,
        player: Player | None,
        bell: Callable[[int], None],
        notify: Callable[[str], None],
        muted: bool = False,
        folder: Path | None = None,
    ) -> None:
        self.player = player
        self.bell = bell
        """Rings the terminal bell n times (a pattern per chime) when no player can."""
        self.notify = notify
        self.muted = muted
        self.folder = folder or WAV_DIR
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
        if chime.bells:
            self.bell(chime.bells)

    def on_events(self, events: list[Event], plan: Plan, ticks: bool = True) -> Chime | None:
        """Sound what the events call for (at most one chime per tick; no ticks when the voice
        counts down instead); return the chime sounded, if any."""
        chimes = [c for c in (chime_for(e, plan) for e in events) if c]
        if not ticks:
            chimes = [c for c in chimes if c is not Chime.TICK]
        if not chimes or self.muted:
            return None
        self.play(chimes[-1])
        return chimes[-1]

    @property
    def can_play(self) -> bool:
        """Whether sounds go to a player (not muted, not fallen back to the bell)."""
        return self.player is not None and not self.muted and not self.fallen_back

    def toggle_mute(self) -> bool:
        """Mute or unmute; return whether now muted."""
        self.muted = not self.muted
        return self.muted
