"""Provides the console script's entry point: the collector paused, then the command line."""

from __future__ import annotations

from stretchtimer.startup import pause_collector


def run() -> None:
    """`stretchtimer ...`: the collector is resumed once the first frame is up (or at once,
    for the commands that draw no screen)."""
    pause_collector()
    from stretchtimer.cli import run as run_cli

    run_cli()
