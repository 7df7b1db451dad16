"""Provides a history that moves between machines: the whole history exported read-only to
one JSON text, and an export read back (bounded, checked whole before anything is written)
and merged into the history in one transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from stretchtimer.core.errors import InputError
from stretchtimer.history.exchange import Added, export_data, import_data
from stretchtimer.history.exchange_format import FORMAT, VERSION, Bad, checked
from stretchtimer.history.store import History
from stretchtimer.history.view import HistoryView, read_history

MOST_BYTES = 64_000_000
"""An export larger than this (64 MB: about 100,000 sessions with their steps) is refused."""


def export_text(history: Path) -> tuple[str, int]:
    """(the export as JSON text, damaged rows left out); no history yet: an empty export,
    and none is created."""
    stamp = datetime.now(UTC).isoformat()

    def read(view: HistoryView) -> tuple[dict[str, object], int]:
        return export_data(view.conn, stamp)

    found = read_history(history, read)
    if found is None:
        empty = {"format": FORMAT, "version": VERSION, "exported_utc": stamp, "sessions": [],
                 "breaks": [], "checks": [], "decisions": []}
        found = (empty, 0)
    data, left_out = found
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n", left_out


def read_export(path: Path, text: str) -> dict[str, list[dict[str, object]]]:
    """An export's tables, checked; InputError naming the file (and, for broken JSON, the
    line and column) when it is not one this version can import."""
    if not text.strip():
        raise InputError.single(path, "the file is empty: not an export")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.single(path, f"damaged: {exc.msg} (not an export, or cut short)",
                                exc.lineno, exc.colno) from None
    except (ValueError, RecursionError):
        raise InputError.single(path, "damaged: a value or a nesting no export has") from None
    try:
        return checked(data)
    except Bad as exc:
        raise InputError.single(path, str(exc)) from None


def merge(history: Path, tables: dict[str, list[dict[str, object]]]) -> Added:
    """Add what the history lacks, in one transaction (the history created if need be)."""
    store = History(history)
    try:
        with store.transaction():
            return import_data(store.conn, tables)
    finally:
        store.close()
