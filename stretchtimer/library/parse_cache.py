"""Provides the parse cache: articles (as Exercises) and routines (as YAML node trees) kept as
JSON, keyed by path, mtime and size, and valid only for the loader that wrote it."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import tempfile
import threading
import zlib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from stretchtimer import __version__
from stretchtimer.core.model import Exercise, Mistake, Pace, Section, Variant
from stretchtimer.library import nodes

MAX_ENTRIES = 2_000
"""Articles (and, apart, routines) kept at most: the most recently used survive."""
_LOADER = (
    "core/model.py", "core/text.py", "library/articles.py", "library/article_meta.py",
    "library/durations.py",
    "library/markdown.py", "library/nodes.py", "library/yamlsafe.py", "library/parse_cache.py",
)
"""The sources whose change can change what the cache holds (paths in the package)."""
_PACKAGE = Path(__file__).resolve().parent.parent


def loader_fingerprint() -> str:
    """A checksum of this version, the loader's own sources and markdown-it-py's: any change to
    one of them makes every cached entry stale, without anyone having to remember it. (CRC-32,
    not a secure hash: it guards against accidents, and hashlib's OpenSSL costs ~5 ms at
    start-up.)"""
    crc = zlib.crc32(__version__.encode())
    spec = importlib.util.find_spec("markdown_it")
    sources = [_PACKAGE / name for name in _LOADER]
    if spec is not None and spec.origin:
        sources.append(Path(spec.origin))
    for source in sources:
        try:
            crc = zlib.crc32(source.read_bytes(), crc)
        except OSError:
            crc = zlib.crc32(str(source).encode(), crc)
    return f"{crc:08x}"


def to_data(ex: Exercise) -> dict[str, Any]:
    """An Exercise as JSON data."""
    data = asdict(ex)
    data["path"] = str(ex.path)
    return data


def _section(data: dict[str, Any]) -> Section:
    return Section(data["title"], tuple(data["lines"]), tuple(_section(p) for p in data["parts"]))


def _variant(v: dict[str, Any]) -> Variant:
    flow = v["flow"]
    return Variant(
        **{
            **v,
            "starting_position": tuple(v["starting_position"]),
            "steps": tuple(v["steps"]),
            "equipment": tuple(v["equipment"]),
            "flow": Pace(**flow) if flow else None,
        }
    )


def from_data(data: dict[str, Any]) -> Exercise:
    """An Exercise from JSON data made by to_data."""
    return Exercise(
        **{
            **data,
            "path": Path(data["path"]),
            "targets": tuple(data["targets"]),
            "variants": tuple(_variant(v) for v in data["variants"]),
            "good_sensations": tuple(data["good_sensations"]),
            "red_flags": tuple(data["red_flags"]),
            "mistakes": tuple(Mistake(**m) for m in data["mistakes"]),
            "cautions": tuple(data["cautions"]),
            "modifications": tuple(data["modifications"]),
            "facts": tuple((k, v) for k, v in data["facts"]),
            "sections": tuple(_section(sec) for sec in data["sections"]),
        }
    )


def _entry(st: os.stat_result, data: Any) -> dict[str, Any]:
    """A cache entry: the parsed data, stamped with the file's mtime and size."""
    return {"mtime": st.st_mtime_ns, "size": st.st_size, "data": data}


def _exists(path: str) -> bool:
    try:
        return os.path.isfile(path)
    except (OSError, ValueError):
        return False


class _Section:
    """One kind of entry (articles or routines), in least to most recently used order."""

    def __init__(self, entries: object) -> None:
        self.entries: dict[str, Any] = entries if isinstance(entries, dict) else {}

    def fresh(self, path: Path, st: os.stat_result) -> Any:
        """The data cached for `path` if its stamp matches the file as it is now, else None."""
        key = str(path)
        entry = self.entries.get(key)
        if not isinstance(entry, dict):
            return None
        if entry.get("mtime") != st.st_mtime_ns or entry.get("size") != st.st_size:
            return None
        self.entries[key] = self.entries.pop(key)  # now the most recently used
        return entry.get("data")

    def put(self, path: Path, st: os.stat_result, data: Any) -> None:
        """Remember data for the file as it is now."""
        self.entries.pop(str(path), None)
        self.entries[str(path)] = _entry(st, data)

    def prune(self) -> bool:
        """Drop entries of files that are gone, and the least used past MAX_ENTRIES; True if
        anything was dropped."""
        keep = [key for key in self.entries if _exists(key)][-MAX_ENTRIES:]
        if len(keep) == len(self.entries):
            return False
        self.entries = {key: self.entries[key] for key in keep}
        return True


class ParseCache:
    """A JSON file of parsed articles and routines. Anything unreadable in it, or written by
    another loader, is not used. Safe to use from more than one thread."""

    def __init__(self, path: Path, fingerprint: str | None = None) -> None:
        self.path = path
        self.fingerprint = fingerprint or loader_fingerprint()
        self.dirty = False
        self._lock = threading.Lock()
        data: Any = {}
        try:
            with path.open(encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            pass
        if not isinstance(data, dict) or data.get("loader") != self.fingerprint:
            data = {}
        self._articles = _Section(data.get("articles"))
        self._routines = _Section(data.get("routines"))

    @property
    def articles(self) -> dict[str, Any]:
        """The article entries, by resolved path."""
        return self._articles.entries

    @property
    def routines(self) -> dict[str, Any]:
        """The routine entries, by resolved path."""
        return self._routines.entries

    def get(self, path: Path, st: os.stat_result, exercise_id: str) -> Exercise | None:
        """The cached Exercise for this file as it is now, or None."""
        with self._lock:
            data = self._articles.fresh(path, st)
        try:
            ex = from_data(data) if data is not None else None
        except (KeyError, TypeError, ValueError):
            return None
        return ex if ex is not None and ex.id == exercise_id else None

    def put(self, path: Path, st: os.stat_result, ex: Exercise) -> None:
        """Remember a freshly parsed article."""
        with self._lock:
            self._articles.put(path, st, to_data(ex))
            self.dirty = True

    def get_routine(self, path: Path, st: os.stat_result) -> nodes.Node | None:
        """The cached node tree of this routine file as it is now, or None."""
        with self._lock:
            data = self._routines.fresh(path, st)
        try:
            return nodes.from_data(data) if data is not None else None
        except (KeyError, TypeError, ValueError, RecursionError):
            return None

    def put_routine(self, path: Path, st: os.stat_result, root: nodes.Node) -> None:
        """Remember a freshly parsed routine's node tree."""
        with self._lock:
            self._routines.put(path, st, nodes.to_data(root))
            self.dirty = True

    def save(self) -> None:
        """Write the cache if it changed or holds files that are gone (atomically, private to
        the user); never fails loudly."""
        with self._lock:
            pruned = self._articles.prune() | self._routines.prune()
            if not (self.dirty or pruned):
                return
            data = {
                "loader": self.fingerprint,
                "articles": self._articles.entries,
                "routines": self._routines.entries,
            }
            with contextlib.suppress(OSError):
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".parse-cache-")
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as fh:
                        json.dump(data, fh)  # ASCII: a file name that is not UTF-8 survives
                    os.replace(tmp, self.path)
                    self.dirty = False
                finally:
                    if os.path.exists(tmp):
                        os.unlink(tmp)
