"""Provides the loading benchmark: validate every routine (and so every article) of a library,
cold (nothing parsed before) and warm (the parse cache on disk, as on a second run), and the
cost of reading articles against markdown-it-py's bare parse of the same files."""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from benchmarks.generate import generate
from stretchtimer.library import registry as library_module
from stretchtimer.library.articles import load_article
from stretchtimer.library.parse_cache import ParseCache
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import check_routine


def load_all(content: Path, routines: Path, cache_file: Path | None = None) -> int:
    """Load and validate every routine and article, with nothing parsed in memory."""
    library_module._ARTICLE_CACHE.clear()
    cache = ParseCache(cache_file) if cache_file else None
    lib = Library(content_dirs=[(content, "user")], routine_dirs=[(routines, "user")], cache=cache)
    good = 0
    for entry in lib.routines().values():
        routine, _ = check_routine(entry.path, lib)
        good += routine is not None
    for ex_id in lib.exercises():  # articles no routine named still get loaded
        lib.exercise(ex_id)
    lib.save()
    return good


def time_loads(counts: tuple[int, ...], warm: bool, runs: int = 9) -> list[float]:
    """Median seconds to load and validate `count` articles and `count` routines, for each
    count; the counts take turns run by run, so the machine's drifts hit them alike."""
    with tempfile.TemporaryDirectory() as tmp:
        libraries: list[tuple[int, Path, Path, Path | None]] = []
        for count in counts:
            content, routines = generate(Path(tmp) / str(count), count)
            cache_file = Path(tmp) / str(count) / "cache.json"
            if warm:
                load_all(content, routines, cache_file)  # a first run fills the cache
            libraries.append((count, content, routines, cache_file if warm else None))
        times: list[list[float]] = [[] for _ in counts]
        for _ in range(runs):
            for n, (count, content, routines, cached) in enumerate(libraries):
                start = time.perf_counter()
                assert load_all(content, routines, cached) == count
                times[n].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def articles_vs_bare_parse(count: int = 50, runs: int = 7) -> tuple[float, float]:
    """(seconds to read `count` articles into Exercises, seconds for markdown-it-py alone to
    read and parse the same files), the best of runs taking turns: the loader's own cost
    (frontmatter, walking the tokens) is the ratio over 1. CPU time, so that other work on the
    machine (the test suite runs on every core) does not land on one side only."""
    bare_md = MarkdownIt("commonmark", {"html": False}).enable("table")
    with tempfile.TemporaryDirectory() as tmp:
        content, _ = generate(Path(tmp), count)
        files = sorted(content.glob("*.md"))
        load_article(files[0])  # imports done once, outside the timing
        ours: list[float] = []
        bare: list[float] = []
        gc.collect()
        gc.disable()  # a collection would land on whichever side happened to trigger it
        try:
            for _ in range(runs):
                ours.append(_cpu(lambda: [load_article(path) for path in files]))
                bare.append(_cpu(lambda: [bare_md.parse(p.read_text("utf-8")) for p in files]))
        finally:
            gc.enable()
    return min(ours), min(bare)


def _cpu(fn: Callable[[], object]) -> float:
    """CPU seconds of calling fn."""
    start = time.process_time()
    fn()
    return time.process_time() - start


if __name__ == "__main__":
    ours, bare = articles_vs_bare_parse()
    print(f"50 articles: {ours:.3f} s; markdown-it-py alone {bare:.3f} s ({ours / bare:.2f}x)")
    small, large = time_loads((100, 1000), warm=True)
    print(f"warm: 1000 of each in {large:.3f} s; 10x the files costs {large / small:.2f}x")
