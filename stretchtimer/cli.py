"""Provides the command line: `main(argv) -> int`, its subcommands, and the exit codes."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stretchtimer import __version__
from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.model import Plan, Routine, Side
from stretchtimer.core.text import json_visible, one_line, visible
from stretchtimer.history.errors import HistoryError
from stretchtimer.history.recorder import HistoryRecorder
from stretchtimer.history.row import BreakRow
from stretchtimer.library import paths
from stretchtimer.library.durations import DurationError, parse_duration_text
from stretchtimer.library.planning import plan_routine
from stretchtimer.library.registry import (
    Library,
    default_cache,
    file_id,
    load_cached,
    looks_like_path,
)
from stretchtimer.library.routines import check_routine, load_routine
from stretchtimer.library.settings import Settings, load_settings
from stretchtimer.library.state import mark_urgent_signs_seen, urgent_signs_seen
from stretchtimer.present import streams
from stretchtimer.present.history import breaks_text, csv_table, history_text
from stretchtimer.present.reminder import Reminder
from stretchtimer.present.streams import full_screen_possible
from stretchtimer.present.views import (
    exercise_data,
    exercise_text,
    list_text,
    plan_data,
    plan_text,
    routine_row,
)
from stretchtimer.sound.speech import find_engine
from stretchtimer.sound.voice import Voice
from stretchtimer.startup import resume_collector

# Textual, SQLite and the Markdown reader are imported inside the command that needs them, so
# `list`, `check` or `plan` never pay for the full-screen UI (about 100 ms).

COMMANDS = ("list", "show", "plan", "check", "history", "doctor", "remind", "run")


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, never a traceback."""

    def error(self, message: str) -> Any:
        said = one_line(message)  # it may quote an argument, control characters and all
        self.exit(ExitCode.USAGE, f"{self.prog}: {said} (see '{self.prog} --help')\n")


def _parser(run: bool = False) -> argparse.ArgumentParser:
    p = _Parser(
        prog="stretchtimer run" if run else "stretchtimer",
        description="A guided stretch timer for the terminal.",
        epilog="commands: list, show EXERCISE, plan ROUTINE, check PATH..., history, doctor, "
        "remind, run ROUTINE (each with --help)",
    )
    p.add_argument(
        "routine",
        nargs=None if run else "?",
        help="a routine name (morning, quick-relief) or a path",
    )
    p.add_argument("--mute", action="store_true", help="no chimes and no voice")
    p.add_argument(
        "--voice",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="spoken cues (on where a speech engine is found; settings.yaml: voice)",
    )
    p.add_argument("--plain", action="store_true", help="one line per event, no full-screen UI")
    p.add_argument("--fit", metavar="TIME", help="fit the routine to this much time: 5m, 90s")
    p.add_argument(
        "--ask-pain",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="ask how much it hurts before the session too (settings.yaml: ask_pain)",
    )
    p.add_argument("--no-history", action="store_true", help="record nothing")
    p.add_argument("--version", action="version", version=f"stretchtimer {__version__}")
    return p


def _sub_parser(command: str) -> argparse.ArgumentParser:
    p = _Parser(prog=f"stretchtimer {command}")
    fmt = ["text", "json"]
    if command == "show":
        p.add_argument("exercise", help="an exercise id or a path to an article")
    elif command == "plan":
        p.add_argument("routine", help="a routine name or a path")
        p.add_argument("--fit", metavar="TIME", help="fit the routine to this much time: 5m")
    elif command == "check":
        p.add_argument("paths", nargs="+", help="routines (.yaml), articles (.md), folders")
    elif command == "history":
        fmt.append("csv")
        p.add_argument("--since", help="only sessions on or after YYYY-MM-DD")
        p.add_argument("--breaks", action="store_true", help="the reminders' breaks instead")
    elif command == "doctor":
        p.add_argument("--quiet", action="store_true", help="do not play the test chime")
        return p
    elif command == "remind":
        p.add_argument("--every", metavar="TIME", help="a break this often (settings: 50m)")
        p.add_argument("--routine", help="the routine a break starts (settings: desk-break)")
        p.add_argument("--between", metavar="HH:MM-HH:MM", help="only between these hours")
        p.add_argument("--days", help="only on these days: mon-fri, or mon,wed,fri")
        p.add_argument("--plain", action="store_true", help="a line when something happens")
        p.add_argument("--desktop", action="store_true", help="notifications only (a service)")
        p.add_argument(
            "--print-service", action="store_true", help="print a systemd user unit and stop"
        )
        p.add_argument("--mute", action="store_true", help="no chimes and no voice")
        p.add_argument("--voice", action=argparse.BooleanOptionalAction, default=None)
        p.add_argument("--no-history", action="store_true", help="record nothing")
        return p
    p.add_argument("--format", choices=fmt, default="text")
    return p


# Every line the commands print goes through _say or _err: the text views are made of loaded
# (and so already safe) text, but a file name, a history field or an argument may hold control
# characters, and none of them may reach the terminal raw.


def _say(text: object) -> None:
    print(visible(str(text)))


def _err(line: object) -> None:
    print(one_line(str(line)), file=sys.stderr)


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        _err(problem)


def _dump(data: object) -> None:
    """JSON (which escapes C0 controls itself; C1 controls and lone surrogates are escaped
    here, as JSON's \\uXXXX)."""
    print(json_visible(json.dumps(data, indent=2, ensure_ascii=False)))


def cmd_list(args: argparse.Namespace, library: Library) -> int:
    """`stretchtimer list`."""
    routines = []
    bad: list[Problem] = []
    settings = load_settings()
    for entry in library.routines().values():
        plan: Plan | None = None
        try:
            routine, _ = load_routine(entry, library)
            plan = plan_routine(routine, Side.LEFT, settings)
        except InputError as exc:
            bad += exc.problems
        routines.append(routine_row(entry, plan))
    exercises = []
    for ex_id, entry in library.exercises().items():
        title = None
        try:
            title = library.exercise(ex_id).title
        except InputError as exc:
            bad += exc.problems
        exercises.append(
            {"id": ex_id, "title": title, "path": str(entry.path), "source": entry.source}
        )
    if args.format == "json":
        _dump({"routines": routines, "exercises": exercises})
    else:
        _say(list_text(routines, exercises, COMMANDS))
    _report(bad + library.unused_files())
    return ExitCode.USAGE if bad else ExitCode.OK


def cmd_show(args: argparse.Namespace, library: Library) -> int:
    """`stretchtimer show EXERCISE`."""
    ex = library.find_exercise(args.exercise)
    if args.format == "json":
        _dump(exercise_data(ex))
    else:
        _say(exercise_text(ex))
    return ExitCode.OK


def next_lead(routine: Routine, recorder: HistoryRecorder | None = None) -> Side:
    """The side the next run of `routine` leads with: the other one than last time."""
    if recorder is not None:
        return recorder.next_lead(routine.name)
    from stretchtimer.history.store import History

    db = paths.history_file()
    if not db.exists():
        return Side.LEFT
    try:
        history = History(db)
    except Exception:  # an unreadable history only costs the alternation
        return Side.LEFT
    try:
        return history.next_lead(routine.name)
    finally:
        history.close()


def load_routine_named(name: str, library: Library) -> Routine:
    """The routine named on the command line (warnings go to stderr)."""
    routine, warnings = load_routine(library.find_routine(name), library)
    _report(warnings)
    return routine


FIT_RANGE = (30, 3600)
REMIND_RANGE = (5, 8 * 3600)
"""How often reminders may come, in seconds (5 s is for trying it out)."""
"""The time budgets `--fit` accepts, in seconds."""


def _budget(args: argparse.Namespace) -> int | None:
    """`--fit 5m` in seconds (None without it); InputError naming the option."""
    if args.fit is None:
        return None
    try:
        return parse_duration_text(args.fit, *FIT_RANGE)
    except DurationError as exc:
        raise InputError.single("--fit", str(exc)) from None


def cmd_plan(args: argparse.Namespace, library: Library) -> int:
    """`stretchtimer plan ROUTINE`."""
    routine = load_routine_named(args.routine, library)
    plan = plan_routine(routine, next_lead(routine), load_settings(), _budget(args))
    if args.format == "json":
        _dump(plan_data(plan))
    else:
        _say(plan_text(plan))
    return ExitCode.OK


def _expand(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".md", ".yaml", ".yml"))
            out += found or [path]
        else:
            out.append(path)
    return out


def check_path(path: Path, library: Library) -> list[Problem]:
    """Every problem with one routine or article file, and whether the library can use it
    under its name."""
    from stretchtimer.library.articles import article_warnings

    naming = _naming(path, library)
    if path.suffix == ".md":
        try:
            ex = load_cached(path, None, library.cache)
        except InputError as exc:
            return exc.problems + naming
        return [Problem(path, w, warning=True) for w in article_warnings(ex)] + naming
    if path.suffix in (".yaml", ".yml") or not path.is_file():
        return check_routine(path, library)[1] + naming
    return [Problem(path, "not a routine (.yaml) or an article (.md)")]


def _naming(path: Path, library: Library) -> list[Problem]:
    """Warnings about the file's name: not used by the library (and why), or known by an id
    made from it, or only runnable with `run`."""
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
    if ident in COMMANDS and path.suffix in (".yaml", ".yml"):
        out.append(Problem(path, f"run it as: stretchtimer run {ident}", warning=True))
    return out


def cmd_check(args: argparse.Namespace, library: Library) -> int:
    """`stretchtimer check PATH...`."""
    results = []
    failed = False
    for path in _expand(args.paths):
        problems = check_path(path, library)
        ok = not any(not p.warning for p in problems)
        failed = failed or not ok
        results.append((path, ok, problems))
    if args.format == "json":
        _dump(
            [
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
            ]
        )
    else:
        for path, ok, problems in results:
            _report(problems)
            if ok:
                _say(f"{path}: ok")
    return ExitCode.USAGE if failed else ExitCode.OK


def cmd_history(args: argparse.Namespace, library: Library) -> int:
    """`stretchtimer history`."""
    from stretchtimer.history.store import parse_since, read_all

    since = parse_since(args.since) if args.since else None
    rows, current, longest, notice, breaks = read_all(paths.history_file(), since)
    if notice:
        _err(notice)
    if args.breaks:  # the reminders' breaks, in every format
        if args.format == "json":
            _dump([b.as_dict() for b in breaks])
        elif args.format == "csv":
            csv.writer(sys.stdout).writerows(csv_table(breaks, BreakRow))
        else:
            _say(breaks_text(breaks, since))
        return ExitCode.OK
    if args.format == "json":
        _dump([r.as_dict() for r in rows])
    elif args.format == "csv":
        csv.writer(sys.stdout).writerows(csv_table(rows))
    else:
        _say(history_text(rows, current, longest, since, breaks))
    return ExitCode.OK


def cmd_doctor(args: argparse.Namespace, library: Library) -> int:
    """`stretchtimer doctor`: the sound player, the terminal, the history; a test chime."""
    from stretchtimer.doctor import doctor

    return doctor(play=not args.quiet)


def _ask(question: str) -> str:
    """Ask on stdout and read the answer from stdin (input() would put the question on
    stderr when the two are terminals, which may be a log)."""
    sys.stdout.write(question)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line


def _self_command() -> list[str]:
    """How to run this program again from anywhere: the console script's full path, or this
    Python with `-m stretchtimer`."""
    script = Path(sys.argv[0])
    if script.name == "stretchtimer" and script.exists():
        return [str(script.resolve())]
    return [sys.executable, "-m", "stretchtimer"]


def cmd_remind(args: argparse.Namespace, library: Library) -> int:
    """`stretchtimer remind`: a break every so often, in this terminal or on the desktop."""
    import time
    from datetime import datetime

    from stretchtimer.core.schedule import Schedule, parse_window
    from stretchtimer.present.reminder import Reminder

    settings = load_settings()
    every_text = args.every or settings.remind_every
    try:
        every = parse_duration_text(every_text, *REMIND_RANGE)
    except DurationError as exc:
        raise InputError.single("--every", str(exc)) from None
    between = args.between or settings.remind_between
    days = args.days or settings.remind_days
    try:
        window = parse_window(between, days)
    except ValueError as exc:
        option = "--between" if "hours" in str(exc) else "--days"
        raise InputError.single(option, str(exc)) from None
    reference = args.routine or settings.remind_routine  # a name or a path: found again later
    routine = load_routine_named(reference, library)
    if args.print_service:
        extra = ["--every", every_text, "--routine", reference]
        extra += ["--between", between] if between else []
        extra += ["--days", days] if days else []
        from stretchtimer.remind.service import systemd_unit

        _say(systemd_unit(_self_command(), extra).rstrip("\n"))
        return ExitCode.OK
    from stretchtimer.reminding import boot_clock

    schedule = Schedule(every, window, time.monotonic, boot_clock, datetime.now)
    recorder = make_recorder(args)
    reminder = Reminder(schedule, reference, every_text, recorder)
    try:
        if args.desktop:
            return _remind_desktop(reminder, reference)
        if args.plain or not full_screen_possible():
            return _remind_plain(args, reminder, routine, settings, recorder)
        return _full_screen(
            args,
            library,
            recorder,
            lambda chosen, lead: plan_routine(chosen, lead, settings),
            settings.ask_pain,
            reminder=reminder,
        )
    finally:
        if recorder is not None:
            recorder.close()


def _remind_desktop(reminder: Reminder, routine: str) -> int:
    import asyncio

    from stretchtimer.remind.desktop import DesktopAlerts
    from stretchtimer.reminding import run_desktop_reminder

    try:
        command = [*_self_command(), "run", routine]
        return asyncio.run(run_desktop_reminder(reminder, DesktopAlerts(), command, sys.stdout))
    except KeyboardInterrupt:
        return ExitCode.OK


def _remind_plain(
    args: argparse.Namespace,
    reminder: Reminder,
    routine: Routine,
    settings: Settings,
    recorder: HistoryRecorder | None,
) -> int:
    from stretchtimer.plain import run_plain
    from stretchtimer.reminding import run_plain_reminder

    def run_routine() -> int:
        plan = plan_routine(routine, next_lead(routine, recorder), settings)
        on_terminal = streams.is_terminal(sys.stdin) and streams.is_terminal(sys.stdout)
        return run_plain(
            plan,
            mute=args.mute,
            recorder=recorder,
            urgent=False,
            ask_before=settings.ask_pain,
            ask=_ask if on_terminal else None,
        )

    resume_collector()
    return run_plain_reminder(reminder, run_routine, sys.stdout, sys.stdin)


def make_recorder(args: argparse.Namespace) -> HistoryRecorder | None:
    """The history recorder, unless history is switched off (then nothing opens the database
    for writing; it is only read for the lead side, if it exists)."""
    if args.no_history or not load_settings().record_history:
        return None
    from stretchtimer.history.store import History

    return HistoryRecorder(lambda: History(paths.history_file()), notify=_err)


def make_voice(args: argparse.Namespace) -> Voice | None:
    """The voice: on where a speech engine is found, unless --no-voice or settings.yaml's
    `voice: false` (--voice wins over the settings)."""
    settings = load_settings()
    engine = find_engine()
    if engine is None:
        return None
    on = settings.voice if args.voice is None else args.voice
    cache = paths.cache_dir() / "phrases"
    return Voice(engine, cache, settings.voice_rate, settings.voice_cues, on=on)


def cmd_run(args: argparse.Namespace, library: Library) -> int:
    """`stretchtimer [ROUTINE]`: a guided session, full-screen or plain."""
    routine = load_routine_named(args.routine, library) if args.routine else None
    plain = args.plain or not full_screen_possible()
    if plain and routine is None:
        _err("stretchtimer: name a routine to run without the full-screen UI (see 'list')")
        return ExitCode.USAGE
    settings = load_settings()
    budget = _budget(args)
    ask_pain = settings.ask_pain if args.ask_pain is None else args.ask_pain
    recorder = make_recorder(args)

    def planner(chosen: Routine, lead: Side) -> Plan:
        return plan_routine(chosen, lead, settings, budget)

    try:
        plan = planner(routine, next_lead(routine, recorder)) if routine else None
        if plain:
            from stretchtimer.plain import run_plain

            resume_collector()
            assert plan is not None
            urgent = not urgent_signs_seen()
            if urgent:
                mark_urgent_signs_seen()
            on_terminal = streams.is_terminal(sys.stdin) and streams.is_terminal(sys.stdout)
            return run_plain(
                plan,
                mute=args.mute,
                recorder=recorder,
                urgent=urgent,
                ask_before=ask_pain,
                ask=_ask if on_terminal else None,
            )
        return _full_screen(args, library, recorder, planner, ask_pain, plan=plan)
    finally:
        if recorder is not None:
            recorder.close()


def _full_screen(
    args: argparse.Namespace,
    library: Library,
    recorder: HistoryRecorder | None,
    planner: Callable[[Routine, Side], Plan],
    ask_pain: bool,
    plan: Plan | None = None,
    reminder: Reminder | None = None,
) -> int:
    """Run the full-screen UI (a session, the picker, or reminders) to its exit code."""
    from stretchtimer.ui.app import StretchApp

    app = StretchApp(
        library=library,
        plan=plan,
        mute=args.mute,
        recorder=recorder,
        voice=make_voice(args),
        planner=planner,
        urgent_first=not urgent_signs_seen(),
        ask_pain=ask_pain,
        mark_seen=mark_urgent_signs_seen,
        reminder=reminder,
    )
    try:
        app.run()
    finally:
        app.cancel_watchdog()
    return app.return_code or ExitCode.OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    problem = streams.prepare()
    if problem:
        _err(f"stretchtimer: {problem}")
        return ExitCode.USAGE
    library = Library(cache=default_cache())
    handlers = {
        "list": cmd_list,
        "show": cmd_show,
        "plan": cmd_plan,
        "check": cmd_check,
        "history": cmd_history,
        "doctor": cmd_doctor,
        "remind": cmd_remind,
    }
    try:
        if argv and argv[0] == "run":  # `run ROUTINE`, for a routine named like a command
            return cmd_run(_parser(run=True).parse_args(argv[1:]), library)
        if argv and argv[0] in COMMANDS and not looks_like_path(argv[0]):
            resume_collector()  # no screen to hurry for
            args = _sub_parser(argv[0]).parse_args(argv[1:])
            return handlers[argv[0]](args, library)
        return cmd_run(_parser().parse_args(argv), library)
    except InputError as exc:
        _report(exc.problems)
        return ExitCode.USAGE
    except HistoryError as exc:
        _err(f"stretchtimer: {exc}")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        _err("stretchtimer: interrupted")
        return 130
    except BrokenPipeError:
        streams.quiet(sys.stdout)
        return ExitCode.BROKEN_PIPE
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    finally:
        library.save()


def run() -> None:
    """The console script."""
    sys.exit(main())
