"""Provides the parse cache: articles (as Exercises) and routines (as YAML node trees) kept as
JSON, keyed by path, mtime and size, valid only for the loader that wrote it, and checked entry
by entry before use: a damaged cache of any shape is rebuilt, never a traceback."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import tempfile
import threading
import time
import zlib
from pathlib import Path
from typing import Any

from stretchtimer import __version__
from stretchtimer.core.model import Exercise
from stretchtimer.library import nodes
from stretchtimer.library.cache_data import exercise_data, within
from stretchtimer.library.cache_data import from_data as from_data  # re-exported: still here
from stretchtimer.library.cache_data import to_data as to_data
from stretchtimer.library.files import open_regular

MAX_ENTRIES = 2_000
"""Articles (and, apart, routines) kept at most: past it, those used least recently go at the
next save, so a larger library stays warm but for the overflow (the least recently used)."""
NODE_DEPTH = 3 * 16 + 4
"""The deepest a cached routine's node data nests: a YAML level is three JSON levels (node,
pairs, pair) and routines nest at most 16 YAML levels (yamlsafe.MAX_DEPTH; not imported: it
loads PyYAML)."""
TEMP_PREFIX = ".parse-cache-"
"""How the cache's temporary files begin: `.parse-cache-PID-XXXXXXXX.tmp`."""
LEFTOVER_AFTER = 3600.0
"""A temporary file older than this (seconds) was left by a write that never finished."""
DEAD_AFTER = 10.0
"""A temporary file of a process that is gone is left over once this old (a write takes
milliseconds; the wait spares a writer in another PID namespace that merely looks gone)."""
_LOADER = (
    "core/model.py", "core/text.py", "library/articles.py", "library/article_meta.py",
    "library/article_front.py", "library/article_safe.py", "library/article_variants.py",
    "library/article_walk.py", "library/durations.py",
    "library/markdown.py", "library/nodes.py", "library/yamlsafe.py", "library/parse_cache.py",
    "library/cache_data.py", "library/article_figure.py", "library/article_advice.py",
    "core/figure_spec.py", "core/pace.py", "figure/body.py", "figure/pose.py", "figure/props.py",
    "figure/draw.py",
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


def _entry(st: os.stat_result, data: Any) -> dict[str, Any]:
    """A cache entry: the parsed data, stamped with the file's mtime and size."""
    return {"mtime": st.st_mtime_ns, "size": st.st_size, "data": data}


def _exists(path: str) -> bool:
    try:
        return os.path.isfile(path)
    except (OSError, ValueError):
        return False


def _alive(pid: int) -> bool:
    """Whether process `pid` may still be running (where that cannot be told: yes)."""
    if os.name != "posix" or pid <= 0 or pid == os.getpid():
        return True  # (on Windows os.kill would end the process, not look at it)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's (PermissionError), or no PID at all
        return True
    return True


def _leftover(name: str, age: float) -> bool:
    """Whether a temporary file of the cache, this old, was left by a write that never ended:
    older than LEFTOVER_AFTER, or of a process that is gone (the PID in its name)."""
    if age > LEFTOVER_AFTER:
        return True
    pid = name[len(TEMP_PREFIX) :].split("-", 1)[0]
    return age > DEAD_AFTER and pid.isascii() and pid.isdigit() and not _alive(int(pid))


def remove_leftovers(folder: Path) -> None:
    """Remove the temporary files that killed writes left in `folder` (never one in use)."""
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            if not entry.name.startswith(TEMP_PREFIX):
                continue
            with contextlib.suppress(OSError):
                age = now - entry.stat(follow_symlinks=False).st_mtime
                if entry.is_file(follow_symlinks=False) and _leftover(entry.name, age):
                    os.unlink(entry.path)


class _Section:
    """One kind of entry (articles or routines), in least to most recently used order."""

    def __init__(self, entries: object) -> None:
        self.entries: dict[str, Any] = entries if isinstance(entries, dict) else {}
        self.sound: set[str] = set()
        """Entries known whole: written or checked by this process."""

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

    def checked(self, path: Path, ok: bool) -> None:
        """The entry for `path` was checked: whole (kept), or damaged (dropped)."""
        if ok:
            self.sound.add(str(path))
        else:
            self.entries.pop(str(path), None)

    def put(self, path: Path, st: os.stat_result, data: Any) -> None:
        """Remember data for the file as it is now."""
        self.entries.pop(str(path), None)
        self.entries[str(path)] = _entry(st, data)
        self.sound.add(str(path))

    def prune(self) -> bool:
        """Drop entries of files that are gone, and the least used past MAX_ENTRIES; True if
        anything was dropped."""
        keep = [key for key in self.entries if _exists(key)][-MAX_ENTRIES:]
        if len(keep) == len(self.entries):
            return False
        self.entries = {key: self.entries[key] for key in keep}
        return True

    def only_sound(self) -> None:
        """Keep only the entries known whole (what was read could not be written back)."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.sound}


class ParseCache:
    """A JSON file of parsed articles and routines. Anything unreadable in it (not JSON, too
    deep, of another shape), or written by another loader, is not used. Safe to use from more
    than one thread."""

    def __init__(self, path: Path, fingerprint: str | None = None) -> None:
        self.path = path
        self.fingerprint = fingerprint or loader_fingerprint()
        self.dirty = False
        self._lock = threading.Lock()
        data: Any = {}
        try:
            with open_regular(path) as fh:  # a FIFO put in its place is passed over, unread
                data = json.load(fh)
        except (OSError, ValueError, RecursionError):  # (100,000 nested brackets, say)
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
        """The cached Exercise for this file as it is now, or None (and a damaged entry is
        dropped)."""
        with self._lock:
            data = self._articles.fresh(path, st)
            if data is None:
                return None
            ok = exercise_data(data)
            self._articles.checked(path, ok)
        if not ok:
            return None
        try:
            ex = from_data(data)
        except (KeyError, TypeError, ValueError, RecursionError):  # (exercise_data says no)
            return None
        return ex if ex.id == exercise_id else None

    def put(self, path: Path, st: os.stat_result, ex: Exercise) -> None:
        """Remember a freshly parsed article."""
        with self._lock:
            self._articles.put(path, st, to_data(ex))
            self.dirty = True

    def get_routine(self, path: Path, st: os.stat_result) -> nodes.Node | None:
        """The cached node tree of this routine file as it is now, or None (and a damaged
        entry is dropped)."""
        with self._lock:
            data = self._routines.fresh(path, st)
            if data is None:
                return None
            ok = within(data, NODE_DEPTH)
            self._routines.checked(path, ok)
        try:
            return nodes.from_data(data) if ok else None
        except (KeyError, TypeError, ValueError, RecursionError):
            with self._lock:
                self._routines.checked(path, False)
            return None

    def put_routine(self, path: Path, st: os.stat_result, root: nodes.Node) -> None:
        """Remember a freshly parsed routine's node tree."""
        with self._lock:
            self._routines.put(path, st, nodes.to_data(root))
            self.dirty = True

    def save(self) -> None:
        """Write the cache if it changed or holds files that are gone (atomically, private to
        the user, removing what killed writes left behind); never fails loudly."""
        with self._lock:
            pruned = self._articles.prune() | self._routines.prune()
            if not (self.dirty or pruned):
                return
            with contextlib.suppress(OSError):
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                remove_leftovers(self.path.parent)
                try:
                    self._write()
                except (ValueError, TypeError, RecursionError):  # what was read is damaged
                    self._articles.only_sound()
                    self._routines.only_sound()
                    with contextlib.suppress(ValueError, TypeError, RecursionError):
                        self._write()
                self.dirty = False

    def _write(self) -> None:
        """The file written whole or not at all: a temporary file beside it, then renamed."""
        data = {
            "loader": self.fingerprint,
            "articles": self._articles.entries,
            "routines": self._routines.entries,
        }
        prefix = f"{TEMP_PREFIX}{os.getpid()}-"
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=prefix, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)  # ASCII: a file name that is not UTF-8 survives
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
