"""Provides a probe run as its own process: the CPU seconds and the peak memory growth of loading
each file named, each in a fresh fork, so one file's memory never hides another's and no
tracer slows the load (`python tests/cost_probe.py article|routine PATH...`, a JSON line each)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path

from stretchtimer.core.errors import InputError
from stretchtimer.library.articles import load_article
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import check_routine


def _status_mb(field: str) -> float:
    """A `VmRSS`/`VmHWM` line of /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def _load(kind: str, path: Path) -> None:
    if kind == "article":
        with contextlib.suppress(InputError):
            load_article(path)
    else:
        check_routine(path, Library())


def _measure(kind: str, path: Path) -> dict[str, float]:
    """In a forked child: CPU seconds and MB of memory above what the child started with."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        start_mb = _status_mb("VmRSS")
        start = time.process_time()
        _load(kind, path)
        cpu = time.process_time() - start
        result = {"cpu": cpu, "mb": _status_mb("VmHWM") - start_mb}
        os.write(write_end, json.dumps(result).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return dict(json.loads(data))


def main(argv: list[str]) -> None:
    """Print `{"path": ..., "cpu": seconds, "mb": megabytes}` for each file."""
    kind, paths = argv[0], argv[1:]
    Library().exercises()  # warm what every load shares, so each fork measures only its file
    for name in paths:
        print(json.dumps({"path": name, **_measure(kind, Path(name))}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
