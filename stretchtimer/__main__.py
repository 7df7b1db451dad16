"""Provides `python -m stretchtimer`."""

from stretchtimer.launch import run

run()
