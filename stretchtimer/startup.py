"""Provides the start-up pause of Python's cyclic garbage collector, for the console script."""

from __future__ import annotations

import gc


def pause_collector() -> None:
    """Pause the collector while the program starts: the tens of thousands of objects that
    importing Textual and building the first screen create all stay alive, and sweeping them
    over and over cost about 15 ms before the first frame."""
    gc.disable()


def resume_collector() -> None:
    """Resume it, with what start-up made set aside for good (gc.freeze), so later sweeps,
    once a second while a session runs, do not walk it again. Safe to call more than once."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
