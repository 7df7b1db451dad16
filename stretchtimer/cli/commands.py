"""Provides the table of commands: each one's name, help, handler and options, in the order
`--help` lists them."""

from __future__ import annotations

from stretchtimer.cli.checking import cmd_check
from stretchtimer.cli.coaching import cmd_suggest, cmd_today
from stretchtimer.cli.info import cmd_doctor, cmd_history, cmd_list, cmd_plan, cmd_show
from stretchtimer.cli.reminders import cmd_remind
from stretchtimer.cli.reporting import cmd_report
from stretchtimer.cli.running import cmd_run
from stretchtimer.cli.table import (
    FIT,
    FLAG,
    MUTE,
    NO_HISTORY,
    SESSION,
    VOICE,
    Command,
    Opt,
    fmt,
)

COMMANDS = (
    Command("list", "the routines and exercises, yours and the bundled ones", cmd_list,
            (fmt("text", "json"),)),
    Command("show", "one exercise's article: steps, red flags, advice", cmd_show,
            (Opt(("exercise",), "an exercise id or a path to an article"), fmt("text", "json"))),
    Command("plan", "a routine's timeline, without running it", cmd_plan,
            (Opt(("routine",), "a routine name or a path"), FIT, fmt("text", "json"))),
    Command("check", "validate routines, articles and settings.yaml (path:line:col)", cmd_check,
            (Opt(("paths",), "routines (.yaml), articles (.md), settings.yaml, folders",
                 {"nargs": "+"}), fmt("text", "json")), settings=False),
    Command("history", "your sessions, streaks and pain scores, or the reminders' breaks",
            cmd_history,
            (Opt(("action",), "export FILE: write it all to a file; import FILE: merge one in",
                 {"nargs": "?", "choices": ["export", "import"]}),
             Opt(("file",), "the export file (export: - writes to standard output)",
                 {"nargs": "?"}),
             Opt(("--since",), "only sessions on or after YYYY-MM-DD"),
             Opt(("--breaks",), "the reminders' breaks instead", FLAG),
             Opt(("--steps",), "every exercise step of the sessions instead", FLAG),
             fmt("text", "json", "csv"))),
    Command("report", "your record as one printable file for a clinician (Markdown or HTML)",
            cmd_report,
            (Opt(("--since",), "the span: 4w (the default), 30d, or a date like 2026-11-01",
                 {"default": "4w"}),
             fmt("md", "html"),
             Opt(("-o", "--output"), "write it to this new file (default: standard output)",
                 {"metavar": "FILE"}))),
    Command("doctor", "what works here: sound, voice, terminal, settings, history", cmd_doctor,
            (Opt(("--quiet",), "do not play the test chime", FLAG),), settings=False),
    Command("remind", "a stretch break every so often, in this terminal or on the desktop",
            cmd_remind,
            (Opt(("--every",), "a break this often (settings.yaml: remind_every, 50m)",
                 {"metavar": "TIME"}),
             Opt(("--routine",), "the routine a break starts (settings.yaml: remind_routine)"),
             Opt(("--between",), "only between these local hours (settings.yaml: "
                 "remind_between)", {"metavar": "HH:MM-HH:MM"}),
             Opt(("--days",), "only on these days: mon-fri, or mon,wed,fri (settings.yaml: "
                 "remind_days)"),
             Opt(("--plain",), "a line when something happens (keys on a terminal)", FLAG),
             Opt(("--desktop",), "notifications only (for a service)", FLAG),
             Opt(("--print-service",), "print a systemd user unit and stop", FLAG),
             MUTE, VOICE, NO_HISTORY)),
    Command("today", "one routine for now, from your record, and why (Enter starts it)",
            cmd_today, (*SESSION, fmt("text", "json"))),
    Command("suggest", "the coach's suggestions: progress, stay or ease off, and why",
            cmd_suggest,
            (Opt(("--accept",), "accept suggestion N (its number, or its key): written as "
                 "your own routine", {"metavar": "N"}),
             Opt(("--decline",), "decline suggestion N: not suggested again for 7 days",
                 {"metavar": "N"}),
             fmt("text", "json"))),
    Command("run", "run a routine (for one named like a command: run list)", cmd_run,
            (Opt(("routine",), "a routine name or a path"), *SESSION)),
)
NAMES = tuple(c.name for c in COMMANDS)
"""The command names: a routine of the same name runs only with `run`."""
BY_NAME = {c.name: c for c in COMMANDS}
