"""Provides `stretchtimer report [--since 4w] [--format md|html] [-o FILE]`: the record as
one printable file for a clinician."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from stretchtimer.cli.context import Context
from stretchtimer.cli.moving import write_new
from stretchtimer.cli.say import say
from stretchtimer.core.errors import InputError
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.library import paths
from stretchtimer.library.registry import exercise_title
from stretchtimer.present.report import html_page, markdown
from stretchtimer.present.report_facts import ReportFacts, gather

_SPAN = re.compile(r"(\d{1,3})([dw])")
BASELINE_DAYS = 14
"""Read this much before the span too: its first days' baselines need their week before."""


def first_day(text: str, today: date) -> date:
    """`--since`: `4w`, `30d` or a date like 2026-11-01."""
    found = _SPAN.fullmatch(text.strip())
    if found:
        n, unit = int(found[1]), found[2]
        if n < 1:
            raise InputError.single("--since", "give at least 1d or 1w")
        return today - timedelta(days=n * (7 if unit == "w" else 1) - 1)
    try:
        found_day = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError.single(
            "--since", f"'{text}' is not a span like 4w or 30d, or a date like 2026-11-01"
        ) from None
    if found_day > today:
        raise InputError.single("--since", f"{found_day.isoformat()} is after today")
    return found_day


def read_facts(since: date, today: date) -> ReportFacts:
    """The report's facts, read-only from the history (none yet: an empty report)."""
    from stretchtimer.history.view import HistoryView, read_history

    def read(view: HistoryView) -> ReportFacts:
        early = since - timedelta(days=BASELINE_DAYS)
        records, checks = view.records(since=early), view.checks(since=early)
        breaks = [(datetime.fromisoformat(b.at_utc).astimezone().date(), b.kind)
                  for b in view.breaks(since) if not b.damaged]
        return gather(records, checks, view.decisions(), breaks, since, today)

    return read_history(paths.history_file(), read) or ReportFacts(since, today)


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    """`stretchtimer report`."""
    today = datetime.now().astimezone().date()
    since = first_day(args.since, today)
    facts = read_facts(since, today)
    names = exercise_title(ctx.library)
    html = args.format == "html" or str(args.output or "").lower().endswith((".html", ".htm"))
    text = html_page(facts, names) if html else markdown(facts, names)
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return ExitCode.OK
    path = Path(args.output).expanduser()
    write_new(path, text)
    say(f"Report written to {path}.")
    return ExitCode.OK
