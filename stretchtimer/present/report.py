"""Provides the clinician's report as one self-contained, printable file: Markdown, or HTML
with its style inline and no script, no remote resource; every string from the record is
shown as data (controls as escapes) and escaped for the format it goes into."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from stretchtimer.core.text import one_line
from stretchtimer.core.zones import Zone
from stretchtimer.present.progress_words import region_name
from stretchtimer.present.report_facts import ReportFacts

Names = Callable[[str], str]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>~&])")
"""What Markdown reads as markup within a line or a table cell (a line's start is never a
record's string here: each is in a table cell or after a heading's own words)."""
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;color:#111}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #999;padding:.2em .6em;text-align:left}"
    "th{background:#eee}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.5em}"
    "p.note{color:#444;font-size:.9em}@media print{body{margin:0}}"
)
NOTE = ("Recorded by the person themselves with stretchtimer, a guided stretch timer: pain is "
        "their own 0 (none) to 10 (worst imaginable) score. Zones: green, after at most 3 and "
        "not 2 or more above the session's reference; amber, after 4-5 or 2-3 above; red, after "
        "6 or more (unless 2 or more below the reference), 4 or more above it, or stopped for "
        "pain. It is a record, not a diagnosis.")


def md_text(value: object) -> str:
    """A string from the record as Markdown that shows it as it is."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(str(value)))


def html_text(value: object) -> str:
    return html.escape(one_line(str(value)), quote=True)


def _zones(counts: dict[Zone, int]) -> str:
    return ", ".join(f"{counts[z]} {z.value}" for z in Zone if counts.get(z)) or "none judged"


def _mean(values: list[int]) -> str:
    return f"{sum(values) / len(values):+.1f}" if values else "-"


def tables(facts: ReportFacts, names: Names) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report's sections: (heading, column names, rows of plain strings)."""
    out = [("Adherence", ["what", "how much"], [
        ["days with a session", str(facts.days)],
        ["sessions (completed)", f"{facts.sessions} ({facts.completed})"],
        ["minutes held", f"{facts.minutes:.0f}"],
        ["reminder breaks taken (of those offered)", f"{facts.breaks_taken} ({facts.breaks_due})"],
    ])]
    for region, weeks in facts.regions.items():
        rows = [[w.start.isoformat(), str(w.sessions),
                 "-" if w.mean is None else f"{w.mean:.1f}", _zones(w.zones)] for w in weeks]
        out.append((f"Pain: {region_name(region)}, by week",
                    ["week of", "sessions", "mean first score of the day", "zones"], rows))
    ranked = sorted(facts.stops.items(), key=lambda i: (-i[1], i[0][0], i[0][1] or ""))
    out.append(("Where \"this hurts\" was pressed", ["exercise", "side", "times"],
                [[names(ex), side or "-", str(n)] for (ex, side), n in ranked]))
    out.append(("Routines done", ["routine", "sessions (completed)", "minutes held",
                                  "pain after minus before, on average"],
                [[r.title, f"{r.sessions} ({r.completed})", f"{r.minutes:.0f}",
                  _mean(r.changes)] for r in facts.routines]))
    out.append(("Suggestions accepted", ["date", "routine", "rule", "written as"],
                [[d.at.astimezone().date().isoformat(), d.routine or "-", d.rule, d.made or "-"]
                 for d in facts.accepted]))
    return out


def _title(facts: ReportFacts) -> str:
    return f"stretchtimer report, {facts.first.isoformat()} to {facts.last.isoformat()}"


def markdown(facts: ReportFacts, names: Names) -> str:
    """The report as Markdown."""
    out = [f"# {md_text(_title(facts))}", "", md_text(NOTE), ""]
    for heading, head, rows in tables(facts, names):
        out += [f"## {md_text(heading)}", ""]
        if not rows:
            out += ["None recorded.", ""]
            continue
        out.append("| " + " | ".join(md_text(h) for h in head) + " |")
        out.append("|" + "---|" * len(head))
        out += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)


def html_page(facts: ReportFacts, names: Names) -> str:
    """The report as one HTML page: inline style, no script, nothing fetched."""
    title = html_text(_title(facts))
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{title}</title><style>{STYLE}</style></head><body>",
           f"<h1>{title}</h1>", f'<p class="note">{html_text(NOTE)}</p>']
    for heading, head, rows in tables(facts, names):
        out.append(f"<h2>{html_text(heading)}</h2>")
        if not rows:
            out.append("<p>None recorded.</p>")
            continue
        out.append("<table><tr>" + "".join(f"<th>{html_text(h)}</th>" for h in head) + "</tr>")
        out += ["<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>"
                for row in rows]
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
