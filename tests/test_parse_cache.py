"""Tests the parse cache: exact round trips of articles and routine node trees, invalidation,
damage tolerated, and a warm start that never loads PyYAML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTICLES, write

from stretchtimer.library import registry as library_module
from stretchtimer.library.articles import load_article
from stretchtimer.library.nodes import MappingNode, ScalarNode, SequenceNode
from stretchtimer.library.nodes import from_data as nodes_from_data
from stretchtimer.library.nodes import to_data as nodes_to_data
from stretchtimer.library.parse_cache import ParseCache, from_data, to_data
from stretchtimer.library.registry import Library, load_cached
from stretchtimer.library.routines import check_routine
from stretchtimer.library.yamlsafe import safe_compose

ROUTINE = """\
title: Calf care
steps:
  - exercise: calf
    hold: 20
    sides: both
    flavour: mint
"""


def test_round_trip_is_exact() -> None:
    """An Exercise through the cache's JSON comes back equal, metadata included."""
    for path in [ARTICLES / "wall-angel.md", ARTICLES / "deep-levels.md"]:
        ex = load_article(path)
        back = from_data(to_data(ex))
        assert back == ex and back.metadata == ex.metadata


def test_cache_is_used_and_invalidated(tmp_path: Path) -> None:
    """A second process reads the cache; an edited file is parsed again."""
    article = write(tmp_path, "calf.md", "# Calf\n\n### Red Flags\n\n- Pain\n")
    cache_file = tmp_path / "cache.json"
    cache = ParseCache(cache_file)
    assert load_cached(article, None, cache).title == "Calf"
    cache.save()
    library_module._ARTICLE_CACHE.clear()
    again = ParseCache(cache_file)
    assert str(article.resolve()) in again.articles
    assert again.get(article.resolve(), article.stat(), "calf") is not None
    article.write_text("# Calf Raise\n\n### Red Flags\n\n- Pain\n")
    os.utime(article, ns=(1, 1))  # a different mtime
    assert again.get(article.resolve(), article.stat(), "calf") is None
    assert load_cached(article, None, again).title == "Calf Raise"


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    """A cache file that is not valid JSON (or of another format) is simply not used."""
    cache_file = tmp_path / "cache.json"
    cache_file.write_text("{not json")
    assert ParseCache(cache_file).articles == {}
    cache_file.write_text('{"loader": "another", "articles": {"x": 1}}')
    assert ParseCache(cache_file).articles == {}


def shape(node: object) -> object:
    """A node tree as nested tuples, to compare two trees."""
    where = (node.tag, node.line, node.column)  # type: ignore[attr-defined]
    if isinstance(node, ScalarNode):
        return ("s", *where, node.value)
    if isinstance(node, SequenceNode):
        return ("q", *where, [shape(n) for n in node.value])
    assert isinstance(node, MappingNode)
    return ("m", *where, [(shape(k), shape(v)) for k, v in node.value])


def test_routine_node_tree_round_trip_is_exact() -> None:
    """Scalars, lists and mappings, with their tags and positions, survive the JSON."""
    root = safe_compose(ROUTINE + "extra: [1, 2.5, yes, ~, '1:30']\n", "r.yaml")
    assert root is not None
    assert shape(nodes_from_data(nodes_to_data(root))) == shape(root)


@pytest.mark.parametrize("bad", [[], ["x"], ["s", 1, "v", 0, 0], ["m", "t", [[1, 2]], 0, 0], "s"])
def test_damaged_routine_entries_are_not_nodes(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        nodes_from_data(bad)  # type: ignore[arg-type]


def test_cached_routine_is_still_checked_against_today_s_library(tmp_path: Path) -> None:
    """The cache spares the YAML parse only: an exercise removed since is reported, at the
    line of the cached node, and warnings come back the same."""
    content = tmp_path / "content"
    article = write(content, "calf.md", "# Calf\n\n### Red Flags\n\n- Pain\n")
    routine = write(tmp_path / "routines", "calf-care.yaml", ROUTINE)
    cache_file = tmp_path / "cache.json"

    def check() -> tuple[object, list[str]]:
        library_module._ARTICLE_CACHE.clear()
        lib = Library(
            content_dirs=[(content, "user")],
            routine_dirs=[(routine.parent, "user")],
            cache=ParseCache(cache_file),
        )
        found, problems = check_routine(routine, lib)
        lib.save()
        return found, [str(p) for p in problems]

    first, first_problems = check()
    assert first is not None and len(first_problems) == 2  # no 'left', and the unknown key
    assert str(routine.resolve()) in ParseCache(cache_file).routines
    assert check() == (first, first_problems)
    article.unlink()
    gone, problems = check()
    assert gone is None
    assert f"{routine}:3:15: step 1: unknown exercise 'calf'" in problems
    assert first_problems[-1] in problems  # the unknown key's


def test_an_edited_routine_is_parsed_again(tmp_path: Path) -> None:
    routine = write(tmp_path, "r.yaml", ROUTINE)
    cache = ParseCache(tmp_path / "cache.json")
    root = safe_compose(ROUTINE, routine)
    assert root is not None
    cache.put_routine(routine, routine.stat(), root)
    assert cache.get_routine(routine, routine.stat()) is not None
    routine.write_text(ROUTINE.replace("20", "25"))
    os.utime(routine, ns=(1, 1))
    assert cache.get_routine(routine, routine.stat()) is None


def test_a_warm_start_never_loads_yaml(tmp_path: Path) -> None:
    """Once the bundled routine and its articles are cached, planning it loads no YAML module
    (PyYAML's import alone is about 10 ms of the first frame)."""
    code = (
        "import sys\n"
        "from stretchtimer.cli import main\n"
        "assert main(['plan', 'quick-relief']) == 0\n"
        "print('YAML LOADED' if 'yaml' in sys.modules else 'NO YAML')\n"
    )
    env = {**os.environ, "STRETCHTIMER_HOME": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert runs[0].returncode == 0 and runs[0].stdout.strip().endswith("YAML LOADED")
    assert runs[1].returncode == 0 and runs[1].stdout.strip().endswith("NO YAML"), runs[1]


def test_another_loader_makes_every_entry_stale(tmp_path: Path) -> None:
    """The cache belongs to the loader that wrote it: another fingerprint (a new version, an
    edited loader module, another markdown-it-py) starts empty, with no number to bump."""
    article = write(tmp_path, "calf.md", "# Calf\n\n### Red Flags\n\n- Pain\n")
    cache_file = tmp_path / "cache.json"
    cache = ParseCache(cache_file, fingerprint="loader-a")
    load_cached(article, None, cache)
    cache.save()
    library_module._ARTICLE_CACHE.clear()
    assert ParseCache(cache_file, fingerprint="loader-a").articles
    assert ParseCache(cache_file, fingerprint="loader-b").articles == {}


def test_the_fingerprint_follows_the_loader_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint is a digest of the loader's sources: change one, and it changes."""
    from stretchtimer.library import parse_cache

    before = parse_cache.loader_fingerprint()
    assert before == parse_cache.loader_fingerprint()
    monkeypatch.setattr(parse_cache, "_LOADER", (*parse_cache._LOADER, "core/engine.py"))
    assert parse_cache.loader_fingerprint() != before


def test_entries_of_files_that_are_gone_are_dropped_on_save(tmp_path: Path) -> None:
    """A deleted article's entry does not outlive it: the next save drops it, even when
    nothing else changed."""
    kept = write(tmp_path, "kept.md", "# Kept\n\n### Red Flags\n\n- Pain\n")
    gone = write(tmp_path, "gone.md", "# Gone\n\n### Red Flags\n\n- Pain\n")
    cache_file = tmp_path / "cache.json"
    cache = ParseCache(cache_file)
    load_cached(kept, None, cache)
    load_cached(gone, None, cache)
    cache.save()
    gone.unlink()
    later = ParseCache(cache_file)
    later.save()
    assert list(ParseCache(cache_file).articles) == [str(kept.resolve())]


def test_the_cache_is_bounded_keeping_the_most_recently_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_ENTRIES, the entries used least recently go first."""
    from stretchtimer.library import parse_cache

    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 3)
    files = [write(tmp_path, f"a{n}.md", f"# A{n}\n\n### Red Flags\n\n- Pain\n") for n in range(5)]
    cache = ParseCache(tmp_path / "cache.json")
    for path in files:
        cache.put(path.resolve(), path.stat(), load_article(path))
    assert cache.get(files[0].resolve(), files[0].stat(), "a0") is not None  # used again
    cache.save()
    kept = {Path(p).name for p in ParseCache(tmp_path / "cache.json").articles}
    assert kept == {"a0.md", "a3.md", "a4.md"}


def test_saving_from_two_threads_at_once_is_safe(tmp_path: Path) -> None:
    """A worker filling the cache while the main thread saves it: no error, a whole file."""
    import json
    import threading

    files = [write(tmp_path, f"b{n}.md", f"# B{n}\n\n### Red Flags\n\n- Pain\n") for n in range(40)]
    exercises = [load_article(path) for path in files]
    cache = ParseCache(tmp_path / "cache.json")

    def fill() -> None:
        for path, ex in zip(files, exercises, strict=True):
            cache.put(path.resolve(), path.stat(), ex)

    worker = threading.Thread(target=fill)
    worker.start()
    for _ in range(20):
        cache.save()
    worker.join()
    cache.save()
    assert len(json.loads((tmp_path / "cache.json").read_text())["articles"]) == 40
