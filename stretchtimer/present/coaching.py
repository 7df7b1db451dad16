"""Provides the coach's words for the command line: the suggestions (text and JSON) and
today's proposal, each naming its data and its rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stretchtimer.core.coach_types import Suggestion
from stretchtimer.core.model import Plan
from stretchtimer.core.text import join_seconds, one_line
from stretchtimer.core.today import Proposal

RULE_NAMES = {
    "clinician": "see a clinician", "flare": "flare", "ease-off": "ease off",
    "replace": "replace a step", "progress": "progress", "stay": "stay", "gap": "back after a gap",
}
"""Each rule as the user reads it."""


def suggestion_data(s: Suggestion) -> dict[str, Any]:
    """One suggestion of the `suggest --format json` shape."""
    change = None
    if s.change is not None:
        change = {
            "what": s.change.what,
            "edits": [
                {k: v for k, v in vars(e).items() if v is not None} for e in s.change.edits
            ],
            "drop": list(s.change.drop),
        }
    return {"rule": s.rule, "key": s.key, "routine": s.routine or None, "text": s.text,
            "data": s.data, "change": change}


def suggestion_line(s: Suggestion, n: int | None = None) -> str:
    """`2. [progress] (morning) Morning: 3 sessions ...`."""
    about = f" ({one_line(s.routine)})" if s.routine else ""
    number = f"{n}. " if n is not None else ""
    return f"{number}[{RULE_NAMES.get(s.rule, s.rule)}]{about} {one_line(s.text)}"


def suggestions_text(suggestions: list[Suggestion], scored: int = 0) -> str:
    """The `suggest` page: each suggestion, its rule, and how to take it up (`scored`: the
    sessions with a pain score, which say why there is none)."""
    if not suggestions:
        if scored < 3:
            return ("No suggestions yet: the coach needs a few sessions with pain scores "
                    "(the summary asks after each one).")
        return ("No suggestions now: nothing in your record asks for a change (one you "
                "accepted or declined is not suggested again for 7 days).")
    out: list[str] = []
    for n, s in enumerate(suggestions, 1):
        out.append(suggestion_line(s, n))
        if s.change is not None:
            out.append(f"   Accept: stretchtimer suggest --accept {n}    "
                       f"Decline: stretchtimer suggest --decline {n}")
    return "\n".join(out)


def command_for(name: str, fit_seconds: int | None, commands: tuple[str, ...]) -> str:
    """How to run it: `stretchtimer morning --fit 300s` (`run NAME` for one named like a
    command)."""
    words = ["stretchtimer", *(["run"] if name in commands else []), name]
    if fit_seconds is not None:
        minutes, seconds = divmod(fit_seconds, 60)
        words += ["--fit", f"{minutes}m" if minutes and not seconds else f"{fit_seconds}s"]
    return " ".join(words)


def reason_text(proposal: Proposal, title: str) -> str:
    """Why the coach proposes it, where its title is said beside it (the core's reason
    leads with the title)."""
    return proposal.reason.removeprefix(f"{title}: ")


def today_text(proposal: Proposal, plan: Plan, commands: tuple[str, ...]) -> str:
    """The `today` page: the routine and its time, how to run it, why, and the suggestion
    that shaped it."""
    routine = plan.routine
    reason = reason_text(proposal, routine.title)
    out = [
        f"Today: {one_line(routine.title)} ({join_seconds(plan.total_seconds)})",
        f"  {command_for(proposal.routine, proposal.fit_seconds, commands)}",
        f"Why: {one_line(reason)}",
    ]
    if proposal.suggestion is not None:
        out.append(f"The coach: {one_line(proposal.suggestion.text)}")
    return "\n".join(out)


def today_data(proposal: Proposal, plan: Plan) -> dict[str, Any]:
    """The `today --format json` shape."""
    return {
        "routine": proposal.routine, "title": plan.routine.title, "reason": proposal.reason,
        "seconds": plan.total_seconds, "fit_seconds": proposal.fit_seconds,
        "suggestion": None if proposal.suggestion is None else suggestion_data(
            proposal.suggestion),
    }


def summary_coach_text(s: Suggestion, more: int) -> str:
    """The coach's note on the summary: the suggestion, its rule, and its keys."""
    rule = RULE_NAMES.get(s.rule, s.rule)
    if s.change is not None:
        keys = "a: accept (written as your own routine, the original kept)   d: decline"
    else:
        keys = "d: noted, not again for 7 days" if s.rule != "clinician" else ""
    also = f"\n({more} more: stretchtimer suggest)" if more else ""
    return f"The coach ({rule}): {one_line(s.text)}" + (f"\n{keys}" if keys else "") + also


def decided_text(path: Path | None) -> str:
    """What the summary says once a suggestion is accepted."""
    if path is None:
        return "The coach: noted."
    return (f"The coach: written as {one_line(str(path))}. Run it as 'stretchtimer "
            f"{one_line(path.stem)}'; delete the file to undo it.")


def plain_coach_text(suggestions: list[Suggestion]) -> str:
    """What plain mode says at the end: the first suggestion, and where to take it up."""
    said = [s for s in suggestions if s.rule != "stay"] or suggestions
    if not said:
        return ""
    more = f" ({len(said) - 1} more)" if len(said) > 1 else ""
    return (f"The coach: {suggestion_line(said[0])}{more} "
            "To accept or decline: stretchtimer suggest")
