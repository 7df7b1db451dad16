"""Tests storage faults: none of them is taken for corruption, none moves a file aside, and
nothing recorded earlier is lost. `history` meets each with one line and exit 2; a session
meets it with one notice and goes on."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from clihelp import cli, plain_run
from conftest import write

from stretchtimer.history.store import History
from stretchtimer.library import paths

TINY = "title: Tiny\ndefaults:\n  prepare: 1\nsteps:\n  - exercise: cat-cow\n    hold: 2\n"
FORMATS = (["history"], ["history", "--format", "json"], ["history", "--format", "csv"])


def recorded(count: int) -> Path:
    """A healthy history with `count` completed sessions; its path."""
    db = paths.history_file()
    h = History(db)
    for n in range(count):
        sid = h.begin(f"r{n}", "", f"Routine {n}", 4, None)
        h.end(sid, "completed", 4, 40)
    h.close()
    return db


def nothing_moved_aside() -> bool:
    folder = paths.data_dir()
    return not folder.is_dir() or not any(".corrupt-" in p.name for p in folder.iterdir())


def one_clear_line(code: int, out: str, err: str) -> None:
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stretchtimer: "), err
    assert "Traceback" not in err


@contextlib.contextmanager
def mounted(folder: Path, options: str) -> Iterator[Path]:
    """A small tmpfs of our own at `folder` (skips where mounting is not allowed)."""
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if result.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (it needs root): " + result.stderr.decode())
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path) -> Path:
    """Fill the file system under `folder` to the last byte; the filler's path."""
    filler = folder / "filler"
    with filler.open("wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with contextlib.suppress(OSError), filler.open("ab") as fh:
        while True:
            fh.write(b"\0")
            fh.flush()
    return filler


def test_a_full_disk_is_not_corruption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up: `history` still reads (every format), a session runs with one
    notice, nothing is moved aside, and once there is room every earlier session is there."""
    with mounted(tmp_path / "disk", "size=2m") as disk:
        monkeypatch.setenv(paths.HOME_ENV, str(disk))
        db = recorded(3)
        size = db.stat().st_size
        filler = fill(disk)
        for argv in FORMATS:  # reading needs no room: the sessions are shown
            code, out, err = cli(monkeypatch, argv)
            assert code == 0 and err == "" and "Routine 2" in out
        code, out, err, _ = plain_run(monkeypatch, [str(write(tmp_path, "tiny.yaml", TINY))])
        assert code == 0 and "Routine complete" in out
        assert err.count("History is not being recorded") == 1 and str(db) in err
        assert nothing_moved_aside() and db.stat().st_size == size
        filler.unlink()
        code, out, _ = cli(monkeypatch, ["history", "--format", "json"])
        assert code == 0
        assert {row["title"] for row in json.loads(out)} >= {f"Routine {n}" for n in range(3)}


def test_a_read_only_file_system_is_not_corruption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data folder is on a file system mounted read-only: `history` reads, a session runs
    with one notice, nothing moved."""
    with mounted(tmp_path / "disk", "size=2m") as disk:
        monkeypatch.setenv(paths.HOME_ENV, str(disk))
        db = recorded(2)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for argv in FORMATS:  # reading needs no writing: the sessions are shown
            code, out, err = cli(monkeypatch, argv)
            assert code == 0 and err == "" and "Routine 1" in out
        code, out, err, _ = plain_run(monkeypatch, [str(write(tmp_path, "tiny.yaml", TINY))])
        assert code == 0 and err.count("History is not being recorded") == 1
        assert nothing_moved_aside() and db.exists()


def _newer(db: Path) -> None:
    recorded(1)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


def _folder_is_a_file(db: Path) -> None:
    db.parent.parent.mkdir(parents=True, exist_ok=True)
    db.parent.write_text("not a folder")


def _database_is_a_folder(db: Path) -> None:
    db.mkdir(parents=True)


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (_newer, "newer stretchtimer"),
        (_folder_is_a_file, "is not a folder"),
        (_database_is_a_folder, "unable to open"),
    ],
    ids=["newer-version", "data-folder-is-a-file", "database-is-a-folder"],
)
@pytest.mark.parametrize("argv", FORMATS, ids=["text", "json", "csv"])
def test_history_meets_a_storage_fault_with_one_line(
    monkeypatch: pytest.MonkeyPatch, fault: object, words: str, argv: list[str]
) -> None:
    """Each fault: exit 2, one line naming the file and the fault, nothing moved aside."""
    db = paths.history_file()
    fault(db)  # type: ignore[operator]
    code, out, err = cli(monkeypatch, argv)
    one_clear_line(code, out, err)
    assert words in err and str(paths.data_dir()) in err
    assert nothing_moved_aside()


def test_a_newer_database_keeps_its_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A database from a newer stretchtimer is left exactly as it is."""
    db = paths.history_file()
    _newer(db)
    before = db.read_bytes()
    cli(monkeypatch, ["history"])
    assert db.read_bytes() == before and nothing_moved_aside()


def test_only_a_malformed_database_is_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file SQLite finds damaged (a healthy header, garbage pages): `history` only says so
    (a reader moves nothing); the next session that records moves it aside, and the message
    names the new file."""
    db = recorded(3)
    data = bytearray(db.read_bytes())
    data[200:1200] = os.urandom(1000)  # inside the first page's b-tree, past the header
    data[4096:] = os.urandom(len(data) - 4096)
    db.write_bytes(bytes(data))
    code, out, err = cli(monkeypatch, ["history"])
    assert code == 2 and "damaged" in err and nothing_moved_aside()
    code, out, err, _ = plain_run(monkeypatch, [str(write(tmp_path, "tiny.yaml", TINY))])
    moved = [p for p in db.parent.iterdir() if ".corrupt-" in p.name and p.suffix != ".db-wal"]
    assert moved, (code, out, err)
    assert str(moved[0]) in err
