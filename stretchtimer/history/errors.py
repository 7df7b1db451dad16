"""Provides the error a history that cannot be used raises (its file and the fault, in one line)."""

from __future__ import annotations


class HistoryError(Exception):
    """The history could not be used: said once; a session still runs, `history` exits 2."""
