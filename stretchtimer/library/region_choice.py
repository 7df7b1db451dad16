"""Provides the body region the user picked for a routine that works two (the pain questions
of `desk-break` about the neck, say): remembered in the state directory, one line a
routine, `name<TAB>region`."""

from __future__ import annotations

import contextlib

from stretchtimer.core.text import is_slug
from stretchtimer.library import paths

FILE = "pain-regions"
MOST_BYTES = 64_000


def _read() -> dict[str, str]:
    try:
        text = (paths.state_dir() / FILE).read_bytes()[:MOST_BYTES].decode("utf-8", "replace")
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in text.splitlines():
        name, _, region = line.partition("\t")
        if is_slug(name) and is_slug(region):
            out[name] = region
    return out


def chosen_region(routine: str) -> str | None:
    """The region picked for this routine, if one was."""
    return _read().get(routine)


def remember_region(routine: str, region: str) -> None:
    """Keep the pick for the next session (best effort: an unwritable state directory only
    means it is asked about the usual region next time)."""
    if not (is_slug(routine) and is_slug(region)):
        return
    found = _read()
    found[routine] = region
    with contextlib.suppress(OSError):
        folder = paths.state_dir()
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{FILE}.tmp"
        temp.write_text("".join(f"{n}\t{r}\n" for n, r in sorted(found.items())), "utf-8")
        temp.replace(folder / FILE)
