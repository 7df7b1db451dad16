"""Provides `stretchtimer check PATH...`: routines, articles and the settings file validated,
each problem as `path:line:col: message`."""

from __future__ import annotations

import argparse
from pathlib import Path

from stretchtimer.cli.context import Context
from stretchtimer.cli.say import dump, report, say
from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.library import paths
from stretchtimer.library.registry import Library, file_id, load_cached
from stretchtimer.library.routines import check_routine
from stretchtimer.library.settings import FILE_NAME, check_settings

FOLDERS = ("routines", "content", "programs")
"""The folders of a config folder (or a clone of this project), checked for what they hold."""


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".yaml", ".yml"))


def expand(names: list[str]) -> list[Path]:
    """The files named, a folder's routines and articles in their place; a folder that holds
    routines/ or content/ (the config folder itself) gives its settings.yaml and the files
    in those."""
    out: list[Path] = []
    for name in names:
        path = Path(name)
        if not path.is_dir():
            out.append(path)
            continue
        inner = [path / f for f in FOLDERS if (path / f).is_dir()]
        if inner:
            settings = path / FILE_NAME
            out += [settings] if settings.is_file() else []
            out += [file for folder in inner for file in _files(folder)]
        else:
            out += _files(path) or [path]
    return out


def is_settings(path: Path) -> bool:
    """A settings file: named `settings.yaml`, or the one in the config folder."""
    if path.name == FILE_NAME:
        return True
    try:
        return path.resolve() == (paths.config_dir() / FILE_NAME).resolve()
    except (OSError, RuntimeError):
        return False


def check_path(path: Path, library: Library) -> list[Problem]:
    """Every problem with one routine, article or settings file, and whether the library can
    use it under its name."""
    from stretchtimer.library.articles import article_warnings

    if is_settings(path):
        return check_settings(path)
    naming = _naming(path, library)
    if path.suffix == ".md":
        try:
            ex = load_cached(path, None, library.cache)
        except InputError as exc:
            return exc.problems + naming
        return [Problem(path, w, warning=True) for w in article_warnings(ex)] + naming
    if path.suffix in (".yaml", ".yml") or not path.is_file():
        return check_routine(path, library)[1] + naming
    return [Problem(path, "not a routine (.yaml), an article (.md) or settings.yaml")]


def _naming(path: Path, library: Library) -> list[Problem]:
    """Warnings about the file's name: not used by the library (and why), or known by an id
    made from it, or only runnable with `run`."""
    from stretchtimer.cli.commands import NAMES

    try:
        where = path.resolve()
    except (OSError, RuntimeError):
        return []
    unused = [p for p in library.unused_files() if Path(p.path).resolve() == where]
    if unused or not path.is_file():
        return unused
    ident = file_id(path)
    out = []
    if ident and ident != path.stem:
        out.append(Problem(path, f"its name is not an id: it is known as '{ident}'", warning=True))
    if ident in NAMES and path.suffix in (".yaml", ".yml"):
        out.append(Problem(path, f"run it as: stretchtimer run {ident}", warning=True))
    return out


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer check PATH...`."""
    results = []
    failed = False
    for path in expand(args.paths):
        problems = check_path(path, ctx.library)
        ok = not any(not p.warning for p in problems)
        failed = failed or not ok
        results.append((path, ok, problems))
    if args.format == "json":
        dump([
            {
                "path": str(path),
                "ok": ok,
                "problems": [
                    {
                        "line": p.line,
                        "col": p.col,
                        "message": p.message,
                        "severity": "warning" if p.warning else "error",
                    }
                    for p in problems
                ],
            }
            for path, ok, problems in results
        ])
    else:
        for path, ok, problems in results:
            report(problems)
            if ok:
                say(f"{path}: ok")
    return ExitCode.USAGE if failed else ExitCode.OK
