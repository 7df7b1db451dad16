"""Provides the parse cache: articles (as Exercises) and routines (as YAML node trees) kept as
JSON, keyed by path, mtime and size, so unchanged files are never parsed twice."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from stretchtimer import nodes
from stretchtimer.model import Exercise, Mistake, Variant

FORMAT = 2
"""Bumped whenever the loader's output changes, so old entries are never used."""


def to_data(ex: Exercise) -> dict[str, Any]:
    """An Exercise as JSON data."""
    data = asdict(ex)
    data["path"] = str(ex.path)
    return data


def from_data(data: dict[str, Any]) -> Exercise:
    """An Exercise from JSON data made by to_data."""
    return Exercise(
        id=data["id"],
        title=data["title"],
        path=Path(data["path"]),
        summary=data["summary"],
        difficulty=data["difficulty"],
        targets=tuple(data["targets"]),
        variants=tuple(
            Variant(
                v["id"],
                v["name"],
                tuple(v["starting_position"]),
                tuple(v["steps"]),
                v["hold"],
                v["sides"],
            )
            for v in data["variants"]
        ),
        good_sensations=tuple(data["good_sensations"]),
        red_flags=tuple(data["red_flags"]),
        mistakes=tuple(Mistake(**m) for m in data["mistakes"]),
        precautions=tuple(data["precautions"]),
        sections=tuple((h, t) for h, t in data["sections"]),
        metadata=data["metadata"],
    )


def _entry(st: os.stat_result, data: Any) -> dict[str, Any]:
    """A cache entry: the parsed data, stamped with the file's mtime and size."""
    return {"mtime": st.st_mtime_ns, "size": st.st_size, "data": data}


def _fresh(section: dict[str, Any], path: Path, st: os.stat_result) -> Any:
    """The data cached for `path` if its stamp matches the file as it is now, else None."""
    entry = section.get(str(path))
    if not isinstance(entry, dict):
        return None
    if entry.get("mtime") != st.st_mtime_ns or entry.get("size") != st.st_size:
        return None
    return entry.get("data")


class ParseCache:
    """A JSON file of parsed articles and routines. Anything unreadable in it is not used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, dict[str, Any]] = {}
        self.routines: dict[str, dict[str, Any]] = {}
        self.dirty = False
        try:
            with path.open(encoding="utf-8") as fh:
                data = json.load(fh)
            if isinstance(data, dict) and data.get("format") == FORMAT:
                self.entries = data.get("articles", {})
                self.routines = data.get("routines", {})
        except (OSError, ValueError):
            pass
        if not isinstance(self.entries, dict) or not isinstance(self.routines, dict):
            self.entries, self.routines = {}, {}

    def get(self, path: Path, st: os.stat_result, exercise_id: str) -> Exercise | None:
        """The cached Exercise for this file as it is now, or None."""
        data = _fresh(self.entries, path, st)
        try:
            ex = from_data(data) if data is not None else None
        except (KeyError, TypeError, ValueError):
            return None
        return ex if ex is not None and ex.id == exercise_id else None

    def put(self, path: Path, st: os.stat_result, ex: Exercise) -> None:
        """Remember a freshly parsed article."""
        self.entries[str(path)] = _entry(st, to_data(ex))
        self.dirty = True

    def get_routine(self, path: Path, st: os.stat_result) -> nodes.Node | None:
        """The cached node tree of this routine file as it is now, or None."""
        data = _fresh(self.routines, path, st)
        try:
            return nodes.from_data(data) if data is not None else None
        except (KeyError, TypeError, ValueError, RecursionError):
            return None

    def put_routine(self, path: Path, st: os.stat_result, root: nodes.Node) -> None:
        """Remember a freshly parsed routine's node tree."""
        self.routines[str(path)] = _entry(st, nodes.to_data(root))
        self.dirty = True

    def save(self) -> None:
        """Write the cache if it changed (atomically, private to the user); never fails loudly."""
        if not self.dirty:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".parse-cache-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    data = {"format": FORMAT, "articles": self.entries, "routines": self.routines}
                    json.dump(data, fh, ensure_ascii=False)
                os.replace(tmp, self.path)
                self.dirty = False
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
