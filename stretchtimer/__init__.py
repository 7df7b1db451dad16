"""Provides stretchtimer, a guided stretch timer for the terminal."""

__version__ = "0.1.0"
