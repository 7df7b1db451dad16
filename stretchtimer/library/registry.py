"""Provides the library: which exercises and routines exist (user first, then bundled)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.model import Exercise
from stretchtimer.core.text import did_you_mean, is_slug, slugify
from stretchtimer.library import paths
from stretchtimer.library.files import is_regular
from stretchtimer.library.parse_cache import ParseCache

_ARTICLE_CACHE: dict[Path, tuple[int, int, Exercise]] = {}


NO_ID = (
    "not used: no name can be made from this file name; rename it with letters, digits and "
    "hyphens, like 'evening-stretch'"
)


@dataclass(frozen=True)
class Entry:
    """A file the library knows by name."""

    id: str
    """The name it is known by: the file's stem, or an id made from it (see file_id)."""
    path: Path
    """Where it is."""
    source: str
    """bundled | user | path."""


def file_id(path: Path) -> str:
    """The id a file is known by: its stem, or for a stem that is not an id (`Evening`,
    `my_routine`) the id made from it (`evening`, `my-routine`); empty if none can be."""
    stem = path.stem
    if is_slug(stem):
        return stem
    made = slugify(stem)
    return made if is_slug(made) else ""


def _preference(path: Path, suffixes: tuple[str, ...]) -> tuple[bool, int, str]:
    """Files that would share an id, best first: a stem that is the id itself, then the
    first suffix (`.yaml` before `.yml`), then by name."""
    return (not is_slug(path.stem), suffixes.index(path.suffix), path.name)


def _scan(
    dirs: list[tuple[Path, str]], suffixes: tuple[str, ...]
) -> tuple[dict[str, Entry], list[Problem]]:
    """Every file by id (earlier folders first), and a warning for each file of a folder that
    is not used: no id can be made from its name, or another file there has the same id."""
    found: dict[str, Entry] = {}
    notes: list[Problem] = []
    for folder, source in dirs:
        try:
            children = [c for c in folder.iterdir() if c.suffix in suffixes]
        except OSError:
            continue
        taken: dict[str, Path] = {}
        for child in sorted(children, key=lambda c: _preference(c, suffixes)):
            ident = file_id(child)
            if not ident:
                notes.append(Problem(child, NO_ID, warning=True))
            elif ident in taken:
                why = f"not used: {taken[ident].name} in the same folder is also '{ident}'"
                notes.append(Problem(child, why, warning=True))
            else:
                taken[ident] = child
        for ident in sorted(taken):
            if ident not in found:
                found[ident] = Entry(ident, taken[ident], source)
    return found, notes


def looks_like_path(text: str) -> bool:
    """Whether a routine or exercise argument names a file rather than an id."""
    return (
        "/" in text or "\\" in text or text.endswith((".yaml", ".yml", ".md")) or text[:1] in "~."
    )


class Library:
    """The exercises and routines a user can name."""

    def __init__(
        self,
        content_dirs: list[tuple[Path, str]] | None = None,
        routine_dirs: list[tuple[Path, str]] | None = None,
        cache: ParseCache | None = None,
    ) -> None:
        self.cache = cache
        self.content_dirs = content_dirs or [
            (paths.user_dir("content"), "user"),
            (paths.bundled_dir("content"), "bundled"),
        ]
        self.routine_dirs = routine_dirs or [
            (paths.user_dir("routines"), "user"),
            (paths.bundled_dir("routines"), "bundled"),
        ]
        self._exercises: dict[str, Entry] | None = None
        self._routines: dict[str, Entry] | None = None
        self._notes: dict[str, list[Problem]] = {}

    def exercises(self) -> dict[str, Entry]:
        """Every exercise id, the user's shadowing the bundled."""
        if self._exercises is None:
            self._exercises, self._notes["content"] = _scan(self.content_dirs, (".md",))
        return self._exercises

    def routines(self) -> dict[str, Entry]:
        """Every routine name, the user's shadowing the bundled."""
        if self._routines is None:
            self._routines, self._notes["routines"] = _scan(self.routine_dirs, (".yaml", ".yml"))
        return self._routines

    def unused_files(self) -> list[Problem]:
        """Warnings for the files in the library's folders that are not used, and why."""
        self.exercises()
        self.routines()
        return [*self._notes["routines"], *self._notes["content"]]

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id (KeyError if there is none)."""
        return load_cached(self.exercises()[exercise_id].path, exercise_id, self.cache)

    def find_exercise(self, name: str) -> Exercise:
        """An exercise by id or by a path to an article; InputError if neither."""
        if looks_like_path(name):
            return load_cached(Path(name).expanduser(), None, self.cache)
        if name in self.exercises():
            return self.exercise(name)
        hint = did_you_mean(name, list(self.exercises()))
        raise InputError.single(name, f"no such exercise{hint}; 'stretchtimer list' shows them")

    def find_routine(self, name: str) -> Entry:
        """A routine by name or path; InputError if neither."""
        if looks_like_path(name):
            path = Path(name).expanduser()
            return Entry(path.stem, path, "path")
        if name in self.routines():
            return self.routines()[name]
        hint = did_you_mean(name, list(self.routines()))
        raise InputError.single(name, f"no such routine{hint}; 'stretchtimer list' shows them")

    def save(self) -> None:
        """Keep what was parsed for next time (if this library has a disk cache)."""
        if self.cache is not None:
            self.cache.save()


def load_cached(
    path: Path, exercise_id: str | None = None, disk: ParseCache | None = None
) -> Exercise:
    """The article at `path`, parsed once per change of the file (in memory, and on disk
    when a cache is given: Markdown parsing is the slow part of loading)."""
    try:
        st = path.stat()
    except OSError:
        st = None
    if st is None or not is_regular(st):  # missing, a FIFO, a device: never from a cache
        from stretchtimer.library.articles import load_article

        return load_article(path, exercise_id)  # reports the problem plainly
    key = path.resolve()
    wanted = exercise_id or path.stem
    hit = _ARTICLE_CACHE.get(key)
    if hit and hit[0] == st.st_mtime_ns and hit[1] == st.st_size and hit[2].id == wanted:
        return hit[2]
    exercise = disk.get(key, st, wanted) if disk is not None else None
    if exercise is None:
        from stretchtimer.library.articles import load_article  # only a cache miss needs the parser

        exercise = load_article(path, exercise_id)
        if disk is not None:
            disk.put(key, st, exercise)
    _ARTICLE_CACHE[key] = (st.st_mtime_ns, st.st_size, exercise)
    return exercise


def default_cache() -> ParseCache:
    """The user's parsed-article cache (in the data directory: stretchtimer writes nowhere else)."""
    return ParseCache(paths.data_dir() / "parse-cache.json")


def exercise_title(library: Library) -> Callable[[str], str]:
    """A look-up from an exercise id to its short title (the frontmatter's, else the heading's
    before any colon; the id itself when it has no article now, or its article cannot be
    read: a history outlives the files it names)."""

    def title(exercise_id: str) -> str:
        try:
            exercise = library.exercise(exercise_id)
        except (KeyError, InputError):
            return exercise_id
        short = exercise.metadata.get("title")
        return short if isinstance(short, str) else exercise.title.partition(":")[0]

    return title
