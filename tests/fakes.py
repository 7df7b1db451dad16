"""Provides test doubles: a fake clock and a plan built without files."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from stretchtimer.core.model import (
    Exercise,
    Plan,
    Routine,
    Segment,
    SegmentKind,
    Side,
    Step,
    Variant,
)
from stretchtimer.core.schedule import Schedule, Window


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


EXERCISE = Exercise(
    id="demo",
    title="Demo Stretch",
    path=Path("demo.md"),
    variants=(Variant("demo", "Demo", ("Lie down",), ("Reach up",)),),
    red_flags=("Sharp pain",),
)


def make_plan(*parts: tuple[str, int, str | None]) -> Plan:
    """A plan of (kind, seconds, side) parts, all in one step of a demo exercise."""
    variant = EXERCISE.variants[0]
    routine = Routine("demo", "Demo", "", Path("demo.yaml"), (Step(EXERCISE, variant, 10),))
    segments = tuple(
        Segment(
            SegmentKind(kind),
            seconds,
            f"{kind} cue",
            0,
            EXERCISE,
            variant,
            Side(side) if side else None,
        )
        for kind, seconds, side in parts
    )
    return Plan(routine, segments)


class RecordingPlayer:
    """A player that only records what it was asked to play."""

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


class Clocks:
    """A reminder schedule's three clocks, moved together by the test: monotonic, boot (runs
    on while the machine sleeps) and the local wall clock."""

    def __init__(self, wall: datetime) -> None:
        self.mono = 100.0
        self.boot = 5000.0
        self.wall = wall

    def run(self, seconds: float) -> None:
        """Time passes with the machine awake."""
        self.mono += seconds
        self.boot += seconds
        self.wall += timedelta(seconds=seconds)

    def sleep(self, seconds: float) -> None:
        """The machine is suspended: the monotonic clock stands still."""
        self.boot += seconds
        self.wall += timedelta(seconds=seconds)

    def schedule(self, every: float, window: Window | None = None) -> Schedule:
        """A schedule on these clocks (any time of day unless `window` says otherwise)."""
        return Schedule(
            every, window or Window(), lambda: self.mono, lambda: self.boot, lambda: self.wall
        )
