"""Tests the parsed-article cache: exact round trip, invalidation, damage tolerated."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ARTICLES, write

from stretchtimer import library as library_module
from stretchtimer.article_cache import ArticleCache, from_data, to_data
from stretchtimer.content import load_article
from stretchtimer.library import load_cached


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
    cache = ArticleCache(cache_file)
    assert load_cached(article, None, cache).title == "Calf"
    cache.save()
    library_module._ARTICLE_CACHE.clear()
    again = ArticleCache(cache_file)
    assert str(article.resolve()) in again.entries
    assert again.get(article.resolve(), article.stat(), "calf") is not None
    article.write_text("# Calf Raise\n\n### Red Flags\n\n- Pain\n")
    os.utime(article, ns=(1, 1))  # a different mtime
    assert again.get(article.resolve(), article.stat(), "calf") is None
    assert load_cached(article, None, again).title == "Calf Raise"


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    """A cache file that is not valid JSON (or of another format) is simply not used."""
    cache_file = tmp_path / "cache.json"
    cache_file.write_text("{not json")
    assert ArticleCache(cache_file).entries == {}
    cache_file.write_text('{"format": 999, "articles": {"x": 1}}')
    assert ArticleCache(cache_file).entries == {}
