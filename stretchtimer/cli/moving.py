"""Provides `stretchtimer history export FILE` and `history import FILE`: the history moved
between machines as a file (a live SQLite file is never copied)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from stretchtimer.cli.say import err, say
from stretchtimer.core.errors import InputError
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.library import paths
from stretchtimer.library.files import read_text


def write_new(path: Path, text: str) -> None:
    """Write `text` to `path`, which must not exist yet: whole or not at all (a temporary
    file beside it, linked into place: another file that appears meanwhile is never
    replaced)."""
    if path.exists() or path.is_symlink():
        raise InputError.single(path, "already exists: name a new file (nothing was written)")
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".export-", suffix=".tmp")
    except OSError as exc:
        raise InputError.single(folder, f"cannot write here: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.link(tmp, path)
    except FileExistsError:
        raise InputError.single(path, "already exists: name a new file (nothing was written)") \
            from None
    except OSError as exc:
        raise InputError.single(path, f"cannot write: {exc.strerror}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def cmd_export(file: str) -> int:
    """`history export FILE` (`-`: standard output)."""
    from stretchtimer.history.moving import export_text

    text, left_out = export_text(paths.history_file())
    if file == "-":
        sys.stdout.write(text)
    else:
        path = Path(file).expanduser()
        write_new(path, text)
        say(f"Exported to {path}.")
    if left_out:
        err(f"stretchtimer: {left_out} damaged history rows left out of the export")
    return ExitCode.OK


def cmd_import(file: str) -> int:
    """`history import FILE`: checked whole first; then merged in one transaction."""
    from stretchtimer.history.moving import MOST_BYTES, merge, read_export

    path = Path(file).expanduser()
    text = read_text(path, MOST_BYTES)
    tables = read_export(path, text)
    added = merge(paths.history_file(), tables)
    total = len(tables["sessions"]), len(tables["breaks"])
    say(f"Imported from {path}: {added.sessions} new session{'s' * (added.sessions != 1)} "
        f"(of {total[0]}) and {added.breaks} new break{'s' * (added.breaks != 1)} "
        f"(of {total[1]}); {added.checks} morning checks and {added.decisions} decisions. "
        "Nothing already here was changed.")
    return ExitCode.OK


def cmd_move(args: argparse.Namespace) -> int:
    """`history export|import FILE`."""
    if not args.file:
        err(f"stretchtimer: history {args.action} needs a FILE "
            f"(stretchtimer history {args.action} my-history.json)")
        return ExitCode.USAGE
    return cmd_export(args.file) if args.action == "export" else cmd_import(args.file)
