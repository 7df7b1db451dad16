"""Provides the screen shown when the user stops because it hurts: the exercise's red flags,
ways to make it easier, plain advice, and the signs that need a doctor now."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.model import Segment
from stretchtimer.core.plan import side_meaning
from stretchtimer.present.session import PAIN_ADVICE, easier_ways
from stretchtimer.present.urgent import urgent_text
from stretchtimer.ui.messages import SessionDone


class PainScreen(Screen[None]):
    """The exercise's red flags, easier ways, and advice; leaving exits with code 1."""

    BINDINGS = [
        Binding("enter", "leave", "Close"),
        Binding("q", "leave", "Quit"),
    ]

    def __init__(self, segment: Segment) -> None:
        super().__init__()
        self.segment = segment

    def compose(self) -> ComposeResult:
        seg = self.segment
        where = seg.exercise.title
        if seg.variant.name:
            where += f" / {seg.variant.name}"
        if seg.side:
            where += f", {side_meaning(seg.variant, seg.side)}"
        flags = "\n".join(f"- {f}" for f in seg.exercise.red_flags) or "- Any pain that is sharp"
        easier = easier_ways(seg)
        with VerticalScroll(id="pain"):
            yield Label("Stopped: this hurts", id="pain-title", markup=False)
            yield Static(f"During {where}", id="pain-where", markup=False)  # it wraps
            yield Label("Stop this exercise if you notice:", classes="pain-heading", markup=False)
            yield Static(flags, id="pain-flags", markup=False)
            yield Label("What to do", classes="pain-heading", markup=False)
            yield Static(PAIN_ADVICE, id="pain-advice", markup=False)
            if easier:
                yield Label("Next time, to make it easier", classes="pain-heading", markup=False)
                yield Static("\n".join(f"- {e}" for e in easier), id="pain-easier", markup=False)
            yield Static(urgent_text([seg.exercise.region]), id="pain-urgent", markup=False)
        yield Footer()

    def action_leave(self) -> None:
        """SessionDone with exit code 1 (or, while reminding, back to waiting)."""
        self.post_message(SessionDone(ExitCode.PAIN))
