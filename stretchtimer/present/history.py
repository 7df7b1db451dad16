"""Provides the history views: the session table and the progress summary, as text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from stretchtimer.core.cells import cells, clip, pad
from stretchtimer.core.records import StepRecord
from stretchtimer.core.text import join_seconds, one_line
from stretchtimer.history.row import (
    BREAK_COLUMNS,
    BREAK_KINDS,
    SESSION_COLUMNS,
    BreakRow,
    SessionRow,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP's CSV injection guidance)."""
SHADES = " ░▒▓█"
"""Heat-map shades, light to dark (index 0 is unused: a day without minutes shows `-`)."""


def when(utc_iso: str) -> str:
    """A UTC timestamp as local `YYYY-MM-DD HH:MM` (a damaged one as it is, made safe)."""
    try:
        return datetime.fromisoformat(utc_iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, TypeError, OverflowError, OSError):
        return clip(one_line(str(utc_iso)), 16)


def _status(r: SessionRow) -> str:
    if not r.pain_exercise:
        return one_line(r.status)
    text = f"{r.status} ({r.pain_exercise}" + (f", {r.pain_side})" if r.pain_side else ")")
    return one_line(text)


def _pain(r: SessionRow) -> str:
    """`6 to 3` (pain before and after, 0-10), `after 3`, `before 6`, or empty (`?` for a
    damaged one), as the progress page says it."""
    before = _shown(r, "pain_before", r.pain_before)
    after = _shown(r, "pain_after", r.pain_after)
    if before and after:
        return f"{before} to {after}"
    return f"after {after}" if after else (f"before {before}" if before else "")


def _shown(r: SessionRow | BreakRow, column: str, value: object) -> str:
    """A value as the table shows it: empty for none, `?` where the row is damaged there."""
    if column in r.damaged:
        return "?"
    return "" if value is None else str(value)


def damage_note(r: SessionRow | BreakRow) -> str:
    """`(damaged row 7: seconds_held)`: a row another tool or a hand edit made odd (the
    columns that cannot be read show `?`, or their text as it is), or empty."""
    if not r.damaged:
        return ""
    return f"(damaged row {r.id}: {', '.join(r.damaged)})"


def exercises_done(steps: Sequence[StepRecord], total: int | None) -> str:
    """`3 of 6` exercises done, as the summary counts them (one of its holds or flows held to
    its end), or `3` when the routine's length is not known now."""
    done = len({s.position for s in steps if s.planned > 0 and s.held >= s.planned - 0.5})
    return f"{done} of {total}" if total else str(done)


def _held(r: SessionRow) -> str:
    return "?" if "seconds_held" in r.damaged else join_seconds(round(r.seconds_held))


def breaks_line(breaks: list[BreakRow]) -> str:
    """`Breaks: 6 due, 4 taken, 1 snoozed, 1 skipped` (empty when there are none)."""
    if not breaks:
        return ""
    counts = {k: sum(1 for b in breaks if b.kind == k) for k in BREAK_KINDS}
    words = {"away": "away from the desk"}
    return "Breaks: " + ", ".join(f"{n} {words.get(k, k)}" for k, n in counts.items()
                                  if n or k != "away")


def breaks_text(breaks: list[BreakRow], since: date | None = None) -> str:
    """`history --breaks`: each break, newest first, and the counts."""
    if not breaks:
        when_ = f" since {since.isoformat()}" if since else ""
        return f"No breaks{when_}. Start reminders: stretchtimer remind"
    out = [f"{'When':<17} {'What':<8} Routine"]
    out += [f"{pad(when(b.at_utc), 17)} {pad(one_line(b.kind), 8)} {one_line(b.routine)}"
            f"  {damage_note(b)}".rstrip() for b in breaks]
    return "\n".join([*out, "", breaks_line(breaks)])


def history_text(
    rows: list[SessionRow],
    current: int = 0,
    longest: int = 0,
    since: date | None = None,
    breaks: list[BreakRow] | None = None,
    exercises: dict[int, str] | None = None,
) -> str:
    """The `history` table, newest first: the exercises done (`exercises`, by session id: as
    the summary counts them; empty for a session from before steps were kept), pain before and
    after (0 none to 10 worst) and, for sessions from before version 3, how the back felt
    (0 worst to 9 best)."""
    exercises = exercises or {}
    if not rows:
        if since is not None:
            return f"No sessions since {since.isoformat()}."
        return "No sessions yet. Run one: stretchtimer quick-relief"
    statuses = [_status(r) for r in rows]
    titles = [one_line(r.title) for r in rows]  # a history may hold anything: show it safely
    width = max(len("Routine"), *(cells(title) for title in titles)) + 2  # as the terminal draws
    swidth = max(len("Status"), *(cells(s) for s in statuses)) + 2
    felt = any(r.feeling is not None or "feeling" in r.damaged for r in rows)
    head = (f"{'When':<17} {'Routine':<{width}}{'Status':<{swidth}}{'Held':>6}  "
            f"{'Exercises':>9}  Pain")
    out = [head + ("    Felt" if felt else "")]
    for r, title, status in zip(rows, titles, statuses, strict=True):
        line = (
            f"{pad(when(r.started_utc), 17)} {pad(title, width)}{pad(status, swidth)}"
            f"{_held(r):>6}  {exercises.get(r.id, ''):>9}  {_pain(r):<8}"
        )
        if felt:
            line += f"  {_shown(r, 'feeling', r.feeling):<4}"
        out.append(f"{line}  {damage_note(r)}".rstrip())
    out += ["", "Pain: before to after, 0 (none) to 10 (worst)."]
    if felt:
        out.append("Felt: the earlier question, how the back felt after, 0 (worst) to 9 (best).")
    out += [f"Current streak: {current} day{'s' * (current != 1)}; longest: {longest}"]
    if breaks:
        out.append(f"{breaks_line(breaks)} (stretchtimer history --breaks)")
    return "\n".join(out)


def shade(minutes: float, most: float) -> str:
    """One calendar square: `-` for none, darker for more minutes, `·` for future days; the
    busiest day (`most`) always the darkest (compared, not divided: 3 * 0.7 / 0.7 is 2.99...)."""
    if minutes < 0:
        return "·"
    if minutes <= 0 or most <= 0:
        return "-"
    if minutes >= most:
        return SHADES[-1]
    return SHADES[1 + min(2, int(3 * minutes / most))]


def heat_map(grid: list[list[float]]) -> list[str]:
    """The 12-week calendar: a row a weekday, a column a week, a square a day."""
    most = max((m for row in grid for m in row), default=0.0)
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return [f"{names[d]} " + " ".join(shade(m, most) for m in row) for d, row in enumerate(grid)]


def month_header(mondays: list[date]) -> str:
    """Month names over the calendar's week columns, over the week each month begins in (a
    week from 30 Nov to 6 Dec is December's first)."""
    cells = [" "] * (len(mondays) * 2)
    previous = None
    for w, monday in enumerate(mondays):
        sunday = monday + timedelta(days=6)
        if sunday.month != previous:
            name = sunday.strftime("%b")
            at = w * 2
            if all(c == " " for c in cells[max(0, at - 1) : at + len(name)]):
                cells[at : at + len(name)] = list(name)
            previous = sunday.month
    return "    " + "".join(cells).rstrip()


def sparkline(values: list[int], top: int = 9) -> str:
    """Feeling scores as a one-line chart."""
    bars = "▁▂▃▄▅▆▇█"
    return "".join(bars[min(len(bars) - 1, round(v / top * (len(bars) - 1)))] for v in values)


def csv_cell(value: object) -> object:
    """A value safe to open in a spreadsheet and to print: text a spreadsheet would take for a
    formula gets a leading `'` (OWASP), and control characters are shown as escapes; numbers
    stay numbers."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return one_line(value)


def csv_table(
    rows: Sequence[SessionRow | BreakRow], kind: type[SessionRow | BreakRow] = SessionRow
) -> list[list[object]]:
    """The `history --format csv` table (sessions, or `--breaks`): the header row (always),
    then one row each."""
    header: list[object] = list(SESSION_COLUMNS if kind is SessionRow else BREAK_COLUMNS)
    return [header, *([csv_cell(v) for v in r.as_dict().values()] for r in rows)]
