"""Provides the phrase cache's files: a key per phrase that no other phrase shares (a SHA-256
of its fields), the check that a file is a sound before it counts as ready or is played, and
the tidying (what killed renders left, phrases of the old keys, the bound)."""

from __future__ import annotations

import contextlib
import importlib
import os
import stat
import struct
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, cast

HEADER = 44
"""The fewest bytes a WAV's chunk headers take (RIFF, fmt, data): a file no larger is no sound."""
TEMP_PREFIX = ".phrase-"
"""How a phrase being rendered is named until it is whole: `.phrase-PID-XXXXXXXX.wav`."""
LEFTOVER_AFTER = 60.0
"""A temporary phrase this old (seconds) was left by a killed process (a render takes ~60 ms,
an engine is given 30 s)."""
MAX_PHRASES = 1_000
"""Phrases kept at most (about 60 kB each); past it, those used least recently are removed."""
TOUCH_AFTER = 86_400.0
"""A cached phrase used again is marked used (its mtime) once it is this old (seconds)."""
KEY_FORMAT = "stretchtimer-phrase-1"
"""The first field of every phrase's key: a new way of rendering can never meet an old file."""
_OPEN = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""Opening a phrase never waits (a FIFO in its place is refused, not waited on)."""


class _Digest(Protocol):
    def hexdigest(self) -> str: ...


_sha256: list[Callable[[bytes], _Digest]] = []


def sha256(data: bytes) -> str:
    """The SHA-256 of `data`, in hex: from the interpreter's own small module where there is
    one (as `random` does: hashlib loads OpenSSL, ~4 ms before a session's clock starts)."""
    if not _sha256:
        for name in ("_sha2", "_sha256"):  # Python 3.12 on, 3.11
            with contextlib.suppress(ImportError, AttributeError):
                module = importlib.import_module(name)
                _sha256.append(cast(Callable[[bytes], _Digest], module.sha256))
                break
        else:
            import hashlib

            _sha256.append(hashlib.sha256)
    return _sha256[0](data).hexdigest()


def phrase_key(*fields: str) -> str:
    """A key no two lists of fields share: the SHA-256 of each field's length and bytes."""
    raw = (field.encode("utf-8", "surrogatepass") for field in fields)
    return sha256(b"".join(b"%d:%s" % (len(part), part) for part in raw))


def phrase_name(engine: str, voice: str, rate: int, text: str) -> str:
    """The file name of a phrase: `espeak-ng-190-` and the key of all four fields."""
    return f"{engine}-{rate}-{phrase_key(KEY_FORMAT, engine, voice, str(rate), text)}.wav"


def wav_seconds(path: Path) -> float:
    """How long a WAV file plays; 0 unless it is a sound: a regular file that opens as a WAV,
    with frames, 1 to 4 bytes a sample, and every frame its header counts there."""
    try:
        fd = os.open(path, _OPEN)
    except (OSError, ValueError):
        return 0.0
    with os.fdopen(fd, "rb") as fh:
        try:
            size = os.fstat(fd)
            if not stat.S_ISREG(size.st_mode):
                return 0.0
            with wave.open(fh) as w:
                frames, width, rate = w.getnframes(), w.getsampwidth(), w.getframerate()
                frame_bytes = width * w.getnchannels()
        except (OSError, EOFError, ValueError, wave.Error, struct.error):
            return 0.0
    whole = frames > 0 and 1 <= width <= 4 and rate > 0
    return frames / rate if whole and HEADER + frames * frame_bytes <= size.st_size else 0.0


def is_on_disk(path: Path) -> bool:
    """Whether a cached phrase is there, at a glance (wav_seconds looks inside before use)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size > HEADER


def _old_name(name: str) -> bool:
    """Whether a phrase's file name is of the old CRC-32 keys (`espeak-ng-190-1a2b3c4d.wav`),
    which could collide and are never read now."""
    parts = name.removesuffix(".wav").rsplit("-", 2)
    return len(parts) == 3 and parts[1].isdecimal() and len(parts[2]) == 8 and all(
        c in "0123456789abcdef" for c in parts[2]
    )


def tidy(folder: Path, keep: set[str]) -> None:
    """Remove what killed renders left (temporary phrases a minute old) and phrases of the old
    keys, then, past MAX_PHRASES, the phrases used least recently (never one of `keep`)."""
    now, kept = time.time(), []
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            with contextlib.suppress(OSError):
                if not entry.name.endswith(".wav") or not entry.is_file(follow_symlinks=False):
                    continue
                used = entry.stat(follow_symlinks=False).st_mtime
                temp = entry.name.startswith(TEMP_PREFIX)
                if (temp and now - used > LEFTOVER_AFTER) or _old_name(entry.name):
                    os.unlink(entry.path)
                elif not temp:
                    kept.append((used, entry))
    kept.sort(key=lambda item: item[0])
    for _, entry in kept[: max(0, len(kept) - MAX_PHRASES)]:
        if entry.name not in keep:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def touch(path: Path) -> None:
    """Mark a cached phrase used (for MAX_PHRASES), at most once a day."""
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > TOUCH_AFTER:
            os.utime(path)
