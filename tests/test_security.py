"""Tests that no input can run code, nothing is fetched, and files stay where they belong."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write

from stretchtimer.core.errors import InputError
from stretchtimer.library import paths
from stretchtimer.library.articles import parse_article
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import check_routine

AUDIT = r"""
import json, os, sys
log = open(sys.argv[1], "w")
def hook(event, args):
    if event in ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.sendto",
                 "urllib.Request", "webbrowser.open"):
        log.write(json.dumps(["net", event, repr(args)]) + "\n"); log.flush()
    elif event == "open" and args[0] is not None and not isinstance(args[0], int):
        mode, flags = args[1], args[2]
        writes = (mode and any(c in mode for c in "wax+")) or (flags and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        log.write(json.dumps(["write" if writes else "read", os.fsdecode(args[0])]) + "\n")
    elif event == "sqlite3.connect":  # a URI (file:PATH?mode=ro) is the read-only view
        name = os.fsdecode(args[0])
        if name.startswith("file:"):
            import urllib.parse
            where = urllib.parse.urlsplit(name)
            kind = "read" if "mode=ro" in where.query else "write"
            log.write(json.dumps([kind, urllib.parse.unquote(where.path)]) + "\n")
        else:
            log.write(json.dumps(["write", name]) + "\n")
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
        log.write(json.dumps(["exec", repr(args)[:200]]) + "\n")
sys.addaudithook(hook)
from stretchtimer.cli import main
code = main(sys.argv[2:])
log.close()
sys.exit(code)
"""


def audited(tmp_path: Path, home: Path, *argv: str) -> tuple[int, list[list[str]]]:
    log = tmp_path / "audit.jsonl"
    env = {
        **os.environ,
        paths.HOME_ENV: str(home),
        "PLAYSOUND3_BACKEND": "alsa",
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", AUDIT, str(log), *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    events = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    return result.returncode, events


ROUTINE = """\
title: Linky
description: See [this](https://example.com/x) and <https://evil.example/y>
defaults:
  prepare: 0
steps:
  - exercise: linky
    hold: 1
"""
ARTICLE = """\
---
title: Linky
image: https://example.com/pic.png
---

# Linky [click](https://example.com/track) ![img](https://example.com/i.png)

### Red Flags

- Sharp pain, see <https://example.com/help>

## How to

1. Visit https://example.com and [stretch](javascript:alert(1))
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["show", "linky"],
        ["plan", "ROUTINE"],
        ["check", "ROUTINE"],
        ["ROUTINE", "--plain"],
    ],
    ids=["list", "show", "plan", "check", "run"],
)
def test_no_network_and_files_stay_in_their_place(
    tmp_path: Path, private_home: Path, argv: list[str]
) -> None:
    """No command connects anywhere; reads stay in bundled, user and named files; writes stay
    in the user data, cache and state directories (the spoken phrases are a cache; the state
    remembers what was said once per machine); what is started
    is a sound player or the speech engine."""
    write(paths.user_dir("content"), "linky.md", ARTICLE)
    routine = write(tmp_path / "mine", "linky.yaml", ROUTINE)
    argv = [str(routine) if a == "ROUTINE" else a for a in argv]
    code, events = audited(tmp_path, private_home, *argv)
    assert code == 0
    assert [e for e in events if e[0] == "net"] == []
    allowed_reads = (
        str(paths.bundled_dir("content")),
        str(paths.bundled_dir("routines")),
        str(private_home),
        str(routine),
    )
    ours = [
        e[1] for e in events if e[0] == "read" and e[1].endswith((".md", ".yaml", ".yml", ".db"))
    ]
    assert ours and all(p.startswith(allowed_reads) for p in ours), ours
    writes = [e[1] for e in events if e[0] == "write" and not e[1].startswith("/dev/")]
    places = tuple(str(private_home / name) for name in ("data", "cache", "state"))
    assert all(p.startswith(places) for p in writes), writes
    spawned = [e[1] for e in events if e[0] == "exec"]
    programs = ("aplay", "gst", "ffplay", "mpg123", "espeak")
    assert all(any(name in s for name in programs) for s in spawned), spawned


@pytest.mark.parametrize(
    "text",
    [
        "title: !!python/object/apply:os.system ['touch /tmp/pwned']\nsteps: []\n",
        "title: !!python/name:os.system\nsteps: []\n",
        "!!python/object:__main__.X {}\n",
        "title: T\nsteps:\n  - exercise: !!binary aGVsbG8=\n",
    ],
)
def test_yaml_tags_never_construct_objects(tmp_path: Path, text: str) -> None:
    """Python object tags are refused by the safe loader, with a position."""
    path = write(tmp_path, "evil.yaml", text)
    routine, problems = check_routine(path, Library())
    assert routine is None and problems and all(p.line for p in problems)
    assert not Path("/tmp/pwned").exists()


def test_frontmatter_tags_never_construct_objects() -> None:
    """The same holds in an article's frontmatter."""
    with pytest.raises(InputError) as info:
        parse_article(Path("x.md"), "---\ntitle: !!python/object/apply:os.getcwd []\n---\n# X\n")
    assert info.value.problems[0].line == 2


def test_markdown_is_text_not_markup() -> None:
    """Textual markup and links inside an article stay plain text."""
    ex = parse_article(
        Path("x.md"),
        "# [bold red]Loud[/] title\n\n### Red Flags\n\n- [link=https://x]pain[/link]\n",
    )
    assert ex.title == "[bold red]Loud[/] title"
    assert ex.red_flags == ("[link=https://x]pain[/link]",)


def test_markup_in_an_article_is_shown_literally(private_home: Path) -> None:
    """An article with Textual markup (even broken) renders as the words it contains."""
    import asyncio

    from apphelp import text
    from fakes import FakeClock, RecordingPlayer

    from stretchtimer.core.plan import plan
    from stretchtimer.library.routines import load_routine
    from stretchtimer.ui.app import StretchApp

    write(
        paths.user_dir("content"),
        "markup.md",
        "# [b]Bold[/b] [/oops]\n\n### Red Flags\n\n- [red]pain[/]\n",
    )
    routine_path = write(
        private_home, "m.yaml", "title: '[blink]M'\nsteps:\n  - exercise: markup\n    hold: 5\n"
    )
    library = Library()
    routine, _ = load_routine(library.find_routine(str(routine_path)), library)
    app = StretchApp(plan=plan(routine), clock=FakeClock(), player=RecordingPlayer())

    async def go() -> None:
        async with app.run_test() as pilot:
            await pilot.pause()
            assert text(app, "#title") == "[blink]M"
            assert text(app, "#exercise") == "[b]Bold[/b] [/oops]"
            assert text(app, "#flags") == "Stop if: [red]pain[/]"

    asyncio.run(go())
