"""Provides the notices a front end passes on, less those said once per machine: "no sound
player works here" is true of the machine, not of the session, so it is said the first time."""

from __future__ import annotations

from collections.abc import Callable

from stretchtimer.library.state import NO_PLAYER_SAID, first_time
from stretchtimer.sound.chimes import NO_PLAYER_NOTICE

ONCE_PER_MACHINE = {NO_PLAYER_NOTICE: NO_PLAYER_SAID}
"""Notices said once per machine, with the state file that remembers they were."""


def once_per_machine(notify: Callable[[str], None]) -> Callable[[str], None]:
    """`notify`, passing each once-per-machine notice on only the first time."""

    def passed_on(message: str) -> None:
        flag = ONCE_PER_MACHINE.get(message)
        if flag is None or first_time(flag):
            notify(message)

    return passed_on
