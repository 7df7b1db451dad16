"""Provides moving a damaged history file aside: under a lock on its folder, to a name no other
file has, and only the very file found damaged (two processes that both found it damaged move
it once, and neither moves the new one the other started)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

Identity = tuple[int, int]
"""A file's (device, inode): the same file under whatever name it has now."""

_EXTRAS = ("-wal", "-shm")


def identity(path: Path) -> Identity | None:
    """The file at `path` now (None: nothing is there)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


if sys.platform == "win32":  # no flock: the moves below still never overwrite a file

    @contextlib.contextmanager
    def _folder_lock(folder: Path) -> Iterator[None]:
        yield

else:
    import fcntl

    @contextlib.contextmanager
    def _folder_lock(folder: Path) -> Iterator[None]:
        """Only one process at a time moves files in `folder` (an advisory lock on the folder
        itself: nothing is created for it)."""
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            yield
            return
        try:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # (and the lock with it)


def set_aside(
    path: Path, damaged: Identity, now: Callable[[], datetime]
) -> tuple[Path | None, bool]:
    """Move the damaged file (and its WAL files) to `<name>.corrupt-<time>` (`-2`, `-3`, ... if
    that is taken), unless another process has moved it already; then make sure an empty file
    is there to start afresh. Returns where the damaged file is now (None if it cannot be
    found) and whether this process moved it."""
    with _folder_lock(path.parent):
        if identity(path) == damaged:
            aside = _free_name(path, now)
            os.rename(path, aside)  # under the lock, nothing else is at `aside`
            for suffix in _EXTRAS:
                extra = Path(f"{path}{suffix}")
                if extra.exists():
                    extra.rename(Path(f"{aside}{suffix}"))
            moved: tuple[Path | None, bool] = (aside, True)
        else:
            moved = (_find(path, damaged), False)
        with contextlib.suppress(FileExistsError):  # never over one another process started
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return moved


def _free_name(path: Path, now: Callable[[], datetime]) -> Path:
    """`<name>.corrupt-<time>`, with a number after it where that (or its WAL files) is taken."""
    stamp = now().strftime("%Y%m%dT%H%M%SZ")
    base = path.with_name(f"{path.name}.corrupt-{stamp}")
    candidate, n = base, 1
    while any(os.path.lexists(f"{candidate}{suffix}") for suffix in ("", *_EXTRAS)):
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def _find(path: Path, damaged: Identity) -> Path | None:
    """Where another process moved the damaged file (it kept its inode)."""
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            if entry.name.startswith(f"{path.name}.corrupt-") and identity(entry) == damaged:
                return entry
    return None
