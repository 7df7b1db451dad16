"""Provides `python -m stretchtimer`."""

from stretchtimer.cli import run

run()
