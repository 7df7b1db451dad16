"""Tests that the caches are verified, bounded and cheap: a damaged parse cache of any shape is
rebuilt, never a traceback; a library larger than its bound stays warm but for the overflow;
its writes are atomic and what killed writes left is removed; a phrase's key cannot collide
with another phrase's, a phrase file that is no sound is never played, and temporary phrases
a killed render left are removed."""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import os
import random
import string
import struct
import subprocess
import sys
import time
import wave
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clihelp import cli
from conftest import ARTICLES, write
from fakes import FakeClock, RecordingPlayer, make_plan

from stretchtimer.library import articles, parse_cache, paths
from stretchtimer.library import registry as registry_module
from stretchtimer.library.cache_data import EXERCISE, VARIANT
from stretchtimer.library.parse_cache import ParseCache, to_data
from stretchtimer.library.registry import Library, load_cached
from stretchtimer.library.routines import check_routine
from stretchtimer.present.views import exercise_data, exercise_text
from stretchtimer.runner.session import SessionRunner
from stretchtimer.sound import phrase_cache
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.phrase_cache import phrase_key, wav_seconds
from stretchtimer.sound.voice import Voice

BUNDLED = paths.bundled_dir("content")
SOURCES = [BUNDLED / "cat-cow.md", BUNDLED / "knee-to-chest.md", ARTICLES / "deep-levels.md"]
"""Articles with a flow, with sides, and with nested sections."""
WRONG: list[Any] = [None, True, 7, -1, 2.5, "", "both", [], {}, [[[]]], {"k": [1]}]
"""What every value of an entry is replaced with, in turn."""


@pytest.fixture(autouse=True)
def nothing_in_memory() -> None:
    """Every test starts with no article parsed in this process (only on disk, if at all)."""
    registry_module._ARTICLE_CACHE.clear()


def counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The articles really parsed (not from a cache) from now on."""
    parsed: list[Path] = []
    real = articles.load_article

    def load(path: Path, exercise_id: str | None = None) -> Any:
        parsed.append(path)
        return real(path, exercise_id)

    monkeypatch.setattr(articles, "load_article", load)
    return parsed


# -- a damaged parse cache ---------------------------------------------------------------------


def good_cache_text(monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """The cache file a first `plan quick-relief` writes, and what it prints."""
    registry_module._ARTICLE_CACHE.clear()
    code, out, _ = cli(monkeypatch, ["plan", "quick-relief"])
    assert code == 0
    return (paths.data_dir() / "parse-cache.json").read_text(), out


def shapes() -> Iterator[tuple[str, Any]]:
    """(name, how to make the damaged file from a good one's text)."""
    deep = 100_000
    yield "deep list", lambda good: "[" * deep + "]" * deep
    yield "deep object", lambda good: '{"a":' * deep + "1" + "}" * deep
    yield "unclosed deep list", lambda good: "[" * deep
    for part in (0.0, 0.01, 0.5, 0.99):
        yield f"truncated at {part:.0%}", lambda good, part=part: good[: int(len(good) * part)]
    yield "binary", lambda good: bytes(range(256)) * 40
    yield "NULs", lambda good: b"\x00" * 64
    yield "UTF-16", lambda good: good.encode("utf-16")
    for top in ("[]", '"x"', "1", "null", "{}", '{"articles": {}}', "1" * 5000):
        yield f"top {top[:10]}", lambda good, top=top: top
    odd_articles: list[Any] = [[], "x", {"k": []}, {"k": {"mtime": "x"}}, {"k": {}}]
    for articles_value in odd_articles:
        yield f"articles {articles_value}", lambda good, a=articles_value: json.dumps(
            {**json.loads(good), "articles": a}
        )
    yield "another loader", lambda good: good.replace(json.loads(good)["loader"], "0" * 8)
    yield "another version", lambda good: json.dumps({**json.loads(good), "loader": "1.0"})


@pytest.mark.parametrize(("name", "damage"), list(shapes()), ids=[n for n, _ in shapes()])
def test_a_damaged_cache_file_is_rebuilt_never_a_traceback(
    name: str, damage: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the cache file holds, `plan` prints what it always prints, says nothing of it,
    writes a whole cache again, and the next run is warm."""
    good, expected = good_cache_text(monkeypatch)
    cache = paths.data_dir() / "parse-cache.json"
    bad = damage(good)
    cache.write_bytes(bad if isinstance(bad, bytes) else bad.encode())
    registry_module._ARTICLE_CACHE.clear()
    code, out, err = cli(monkeypatch, ["plan", "quick-relief"])
    assert (code, out, err) == (0, expected, "")
    rebuilt = json.loads(cache.read_bytes())  # (UTF-16 JSON is JSON: that one is kept)
    assert rebuilt["loader"] == parse_cache.loader_fingerprint() and rebuilt["articles"]
    registry_module._ARTICLE_CACHE.clear()
    parsed = counting_parses(monkeypatch)
    assert cli(monkeypatch, ["plan", "quick-relief"])[:2] == (0, expected)
    assert parsed == []


def places(data: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path to every value inside JSON data."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        yield (*at, key)
        if isinstance(value, dict | list):
            yield from places(value, (*at, key))


def damaged(data: Any) -> Iterator[Any]:
    """`data` with one thing wrong: each value replaced by each of WRONG, each key of an
    object missing, and an object with one key too many. The damage is done in place and
    undone once the consumer is done with it (a deep copy for each cost minutes once entries
    carried figures: quadratic in the entry's size); what was yielded is not kept."""
    for at in list(places(data)):
        holder = data
        for key in at[:-1]:
            holder = holder[key]
        last = at[-1]
        for wrong in [*WRONG, "DROP", "EXTRA"]:
            original = holder[last]
            if wrong == "EXTRA":
                if not isinstance(original, dict):
                    continue
                original["unknown"] = 1
                yield data
                del original["unknown"]
            elif wrong == "DROP":
                if not isinstance(holder, dict):
                    continue
                items = list(holder.items())
                del holder[last]
                yield data
                holder.clear()
                holder.update(items)  # back in its order
            else:
                holder[last] = wrong
                yield data
                holder[last] = original


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_damage_to_an_article_entry_is_caught(source: Path) -> None:
    """Each value of an entry made wrong in turn (its type, a key missing or one too many):
    the entry is either refused (the article is parsed again, exactly) or, where the damage
    is still an article of the right shape, used as it is (shown and put as JSON whole), and
    never anything in between."""
    cache = ParseCache(Path("/nonexistent/cache.json"))
    key, st, ex = source.resolve(), source.stat(), articles.load_article(source)
    good = json.loads(json.dumps({"mtime": st.st_mtime_ns, "size": st.st_size, "data": to_data(ex)}))
    refused = 0
    for bad in damaged(good):
        cache.articles[str(key)] = bad
        got = cache.get(key, st, source.stem)
        if got is None:
            refused += 1
            if refused % 100 == 1:  # (a parse is 3 ms: a sample of them)
                cache.articles[str(key)] = bad
                registry_module._ARTICLE_CACHE.clear()
                assert load_cached(source, None, cache) == ex
        else:
            assert json.loads(json.dumps(to_data(got))) == bad["data"]  # nothing coerced
            json.dumps(exercise_data(got))
            exercise_text(got)
    assert refused > 100


def test_every_damage_to_a_routine_entry_is_caught(tmp_path: Path) -> None:
    """The same for a routine's cached node tree: refused (the YAML is parsed again), or read
    as the tree it is; check_routine never raises; a tree nested past any routine's depth
    is refused."""
    routine = write(tmp_path, "r.yaml", "title: R\nsteps:\n  - exercise: cat-cow\n    hold: 20\n")
    lib = Library(cache=ParseCache(tmp_path / "cache.json"))
    expected = check_routine(routine, lib)
    good = copy.deepcopy(lib.cache.routines[str(routine.resolve())])  # type: ignore[union-attr]
    for bad in damaged(good):
        lib.cache.routines[str(routine.resolve())] = bad  # type: ignore[union-attr]
        check_routine(routine, lib)
    deep: Any = ["s", "tag:yaml.org,2002:str", "x", 0, 0]
    for _ in range(200):
        deep = ["q", "tag:yaml.org,2002:seq", [deep], 0, 0]
    lib.cache.routines[str(routine.resolve())] = {**good, "data": deep}  # type: ignore[union-attr]
    assert lib.cache.get_routine(routine.resolve(), routine.stat()) is None  # type: ignore[union-attr]
    assert check_routine(routine, lib) == expected


def test_the_shape_checks_name_every_field_of_the_model() -> None:
    """A field added to the model must be added to the checks too (else every entry would be
    refused, and every run cold)."""
    from dataclasses import fields

    from stretchtimer.core.model import Exercise, Variant

    assert set(EXERCISE) == {f.name for f in fields(Exercise)}
    assert set(VARIANT) == {f.name for f in fields(Variant)}


def test_what_cannot_be_written_back_is_dropped_not_the_cache(tmp_path: Path) -> None:
    """An entry read in that cannot be written again (damaged beyond JSON): the save keeps
    what this run checked or parsed, and writes a whole file."""
    source = SOURCES[1]
    cache = ParseCache(tmp_path / "cache.json")
    load_cached(source, None, cache)
    cache.articles[str(SOURCES[0].resolve())] = {"mtime": 0, "size": 0, "data": {1j}}
    cache.save()
    assert list(json.loads((tmp_path / "cache.json").read_text())["articles"]) == [
        str(source.resolve())
    ]


# -- the bound ---------------------------------------------------------------------------------


def test_a_library_past_the_bound_stays_warm_but_for_the_overflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half as many articles again as the cache keeps: the first run parses them all, every
    later run only the overflow (the least recently used), never all of them."""
    bound = 40
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", bound)
    content = tmp_path / "content"
    for n in range(bound * 3 // 2):
        write(content, f"a{n:03}.md", f"# A{n}\n\n### Red Flags\n\n- Pain\n")
    parsed = counting_parses(monkeypatch)
    cache_file = tmp_path / "cache.json"

    def run() -> int:
        registry_module._ARTICLE_CACHE.clear()
        parsed.clear()
        lib = Library([(content, "user")], [(tmp_path / "none", "user")], ParseCache(cache_file))
        for ex_id in lib.exercises():
            lib.exercise(ex_id)
        lib.save()
        return len(parsed)

    assert run() == 60
    assert [run() for _ in range(3)] == [20, 20, 20]
    assert len(ParseCache(cache_file).articles) == bound


# -- writes ------------------------------------------------------------------------------------


def test_a_write_that_fails_midway_leaves_the_old_cache_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up halfway through the JSON: the cache file is the one before, and no
    temporary file is left."""
    cache_file = tmp_path / "cache.json"
    cache = ParseCache(cache_file)
    load_cached(SOURCES[0], None, cache)
    cache.save()
    before = cache_file.read_bytes()

    def full(data: Any, fh: Any) -> None:
        fh.write(json.dumps(data)[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json, "dump", full)
    load_cached(SOURCES[1], None, cache)
    cache.save()
    assert cache_file.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]


def test_leftovers_of_killed_writes_go_at_the_next_save(tmp_path: Path) -> None:
    """Temporary files over an hour old, or of a process that is gone: removed as the cache
    is next written; a live process's recent one, and a dead one's of a few seconds, stay."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    now = time.time()
    files = {
        f".parse-cache-{gone.pid}-a.tmp": (now - 20, False),
        f".parse-cache-{gone.pid}-b.tmp": (now - 2, True),
        f".parse-cache-{os.getpid()}-c.tmp": (now - 20, True),
        f".parse-cache-{os.getpid()}-d.tmp": (now - 7200, False),
        ".parse-cache-oldstyle": (now - 7200, False),
        ".parse-cache-recent": (now - 60, True),
        "history.db": (now - 7200, True),
    }
    for name, (when, _) in files.items():
        (tmp_path / name).write_text("partial")
        os.utime(tmp_path / name, (when, when))
    cache = ParseCache(tmp_path / "parse-cache.json")
    load_cached(SOURCES[0], None, cache)
    cache.save()
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {"parse-cache.json"} | {name for name, (_, stays) in files.items() if stays}


# -- phrases -----------------------------------------------------------------------------------


class TextEngine:
    """Renders a phrase as a WAV whose frames are the phrase's own bytes."""

    name = "espeak-ng"

    def render(self, text: str, wav_path: Path, rate: int) -> None:
        with wave.open(str(wav_path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(1)
            w.setframerate(8000)
            w.writeframes(text.encode())


class BrokenEngine:
    name = "espeak-ng"

    def render(self, text: str, wav_path: Path, rate: int) -> None:
        raise OSError("no voice data")


def crc32_collision(engine: str, rate: int) -> tuple[str, str]:
    """Two phrases the old keys (CRC-32 of `engine|rate|text`) gave one file: a birthday
    search over random words, about 80,000 of them (well under a second). (Not over numbered
    phrases: CRC-32 is linear, and texts that differ in a few digits hardly ever collide.)"""
    seen: dict[int, str] = {}
    rng = random.Random(11)
    for _ in itertools.count():
        text = "Stop if " + "".join(rng.choices(string.ascii_lowercase, k=10)) + "."
        key = zlib.crc32(f"{engine}|{rate}|{text}".encode())
        if key in seen:
            return seen[key], text
        seen[key] = text
    raise AssertionError("unreachable")


def test_two_phrases_the_old_keys_confused_get_their_own_files(tmp_path: Path) -> None:
    """A pair that collides under CRC-32 now has two files, each holding its own phrase."""
    first, second = crc32_collision("espeak-ng", 190)
    v = Voice(TextEngine(), tmp_path)
    assert v.path_for(first) != v.path_for(second)
    v.render([first, second])
    for text in (first, second):
        with wave.open(str(v.path_for(text))) as w:
            assert w.readframes(w.getnframes()) == text.encode()


def test_the_key_is_a_sha256_of_length_prefixed_fields() -> None:
    """Moving a separator from one field to the next makes another key."""
    assert phrase_key("a|b", "c") != phrase_key("a", "b|c")
    assert phrase_key("ab") == hashlib.sha256(b"2:ab").hexdigest()
    assert phrase_key("é") == hashlib.sha256("2:é".encode()).hexdigest()


def phrase_run(v: Voice) -> list[str]:
    """A get-ready and a hold on the fake clock with this voice: what was played."""
    plan = make_plan(("prepare", 5, None), ("hold", 10, None))
    clock, player = FakeClock(0.0), RecordingPlayer()
    runner = SessionRunner(plan, clock, Chimes(player, lambda n: None, print), v, None)
    runner.render_phrases(runner.phrases())
    runner.start()
    for _ in range(round(20 / 0.05)):  # to 5 s past the end: "Routine complete." too
        clock.advance(0.05)
        runner.tick()
        runner.speak_due()
    return player.played


def no_sounds(folder: Path, texts: list[str], v: Voice) -> None:
    """Put something that is no sound at each phrase's place."""
    folder.mkdir(parents=True, exist_ok=True)
    header = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00"
    for n, text in enumerate(texts):
        wav = v.path_for(text)
        if n % 3 == 0:
            wav.write_bytes(b"not a sound at all, but more than a header's bytes" * 3)
        elif n % 3 == 1:  # a header that promises a thousand frames, and none of them
            TextEngine().render(text, wav, 190)
            data = bytearray(wav.read_bytes())
            data[40:44] = struct.pack("<I", 1000)
            wav.write_bytes(bytes(data))
        else:
            wav.write_bytes(header + b"\x00" * 40)


def test_a_phrase_file_that_is_no_sound_is_never_played(tmp_path: Path) -> None:
    """Garbage, a truncated WAV, a bare header at each phrase's place: with an engine that
    fails, none is ever played (the ticks are, instead) and each goes; with one that works,
    each is rendered again and said."""
    folder = tmp_path / "phrases"
    v = Voice(BrokenEngine(), folder)
    texts = v.plan(make_plan(("prepare", 5, None), ("hold", 10, None)))
    no_sounds(folder, texts, v)
    assert all(wav_seconds(v.path_for(t)) == 0 for t in texts)
    played = phrase_run(v)
    assert set(played) <= {"hold", "tick", "complete"} and played.count("tick") == 3
    assert not any(v.path_for(t).exists() for t in texts)
    no_sounds(folder, texts, v)
    working = Voice(TextEngine(), folder)
    played = phrase_run(working)
    assert {working.path_for(t).stem for t in texts} <= set(played)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_at_a_phrase_s_place_never_blocks(tmp_path: Path) -> None:
    """A FIFO where a phrase should be: never opened to wait for a writer; rendered over."""
    v = Voice(TextEngine(), tmp_path)
    os.mkfifo(v.path_for("Rest."))
    assert wav_seconds(v.path_for("Rest.")) == 0
    v.render(["Rest."])
    assert v.ready("Rest.") and wav_seconds(v.path_for("Rest.")) > 0


def test_leftover_temporary_phrases_and_old_keys_go(tmp_path: Path) -> None:
    """A temporary phrase a minute old (a killed render's) and phrases named by the old
    CRC-32 keys are removed when the cache is next used; a render under way is not."""
    v = Voice(TextEngine(), tmp_path)
    old = time.time() - 120
    for name in (".phrase-123-abcd.wav", ".phrase-456-efgh.wav", "espeak-ng-190-1a2b3c4d.wav"):
        (tmp_path / name).write_bytes(b"RIFF")
    os.utime(tmp_path / ".phrase-123-abcd.wav", (old, old))
    v.render(["Rest."])
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {".phrase-456-efgh.wav", v.path_for("Rest.").name}


def test_the_phrase_cache_is_bounded_keeping_the_most_recently_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_PHRASES, the phrases used least recently go; the session's own never do."""
    monkeypatch.setattr(phrase_cache, "MAX_PHRASES", 3)
    v = Voice(TextEngine(), tmp_path)
    v.render([f"Phrase {n}." for n in range(3)])
    for n, text in enumerate(f"Phrase {n}." for n in range(3)):
        os.utime(v.path_for(text), (1000.0 + n, 1000.0 + n))
    v.render(["Now.", "Phrase 0."])  # Phrase 0 used again (it is old: marked used now)
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {v.path_for(t).name for t in ("Now.", "Phrase 0.", "Phrase 2.")}
