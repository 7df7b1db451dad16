"""Provides the routine picker: each routine with its time, a preview, Enter to start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from stretchtimer.core.errors import InputError
from stretchtimer.core.model import Plan, Routine
from stretchtimer.core.text import join_seconds
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine
from stretchtimer.present.preview import preview_text
from stretchtimer.ui.messages import RoutineChosen

NO_ROUTINES = "No routine can be run: 'stretchtimer list' says why."


@dataclass(frozen=True)
class Choice:
    """One routine the picker offers: its plan, or why it cannot be run."""

    name: str
    """The routine's name."""
    plan: Plan | None
    """Its plan, or None if it has errors."""
    problem: str = ""
    """Its first error, when it has one."""
    today: str = ""
    """Why the coach proposes it for now, on the first row (else empty)."""

    @property
    def key(self) -> str:
        """The row's id (today's row is its own, beside the routine's)."""
        return f"today:{self.name}" if self.today else self.name


def load_choices(
    library: Library,
    plan_for: Callable[[Routine], Plan],
    today: Callable[[Library], tuple[Plan, str] | None] | None = None,
) -> list[Choice]:
    """Today's proposal first (when `today` has one), then every routine of the library,
    loaded and planned (disk work: run it in a worker)."""
    choices = []
    proposed = today(library) if today is not None else None
    if proposed is not None:
        plan, why = proposed
        choices.append(Choice(plan.routine.name, plan, today=why))
    for name, entry in library.routines().items():
        try:
            routine, _ = load_routine(entry, library)
        except InputError as exc:
            choices.append(Choice(name, None, str(exc.problems[0])))
            continue
        choices.append(Choice(name, plan_for(routine)))
    return choices


class PickerScreen(Screen[None]):
    """Choose a routine."""

    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),  # (the list would take enter)
        Binding("h", "app.progress", "Progress"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, load: Callable[[], list[Choice]]) -> None:
        super().__init__()
        self.load = load
        """Loads the routines (reads files and the history): called in a worker."""
        self.plans: dict[str, Plan] = {}

    def compose(self) -> ComposeResult:
        yield Label("stretchtimer: choose a routine", id="picker-title", markup=False)
        with Horizontal(id="picker"):
            yield OptionList(id="routines")
            with VerticalScroll(id="preview-box"):
                yield Static("Loading routines...", id="preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#routines", OptionList).focus()
        self.load_routines()

    @dataclass
    class Loaded(Message):
        """The routines, loaded in the worker."""

        choices: list[Choice]

    @work(thread=True, exclusive=True, group="picker", exit_on_error=False)
    def load_routines(self) -> None:
        """Load the routines off the event loop and post them back."""
        self.post_message(self.Loaded(self.load()))

    @on(Loaded)
    def show_choices(self, message: Loaded) -> None:
        """Fill the list; highlight the first routine that can run."""
        choices = message.choices
        options = self.query_one("#routines", OptionList)
        for choice in choices:
            plan = choice.plan
            if plan is None:
                label = f"{choice.name}  (has errors: {choice.problem})"
                options.add_option(Option(label, choice.name, disabled=True))
                continue
            self.plans[choice.key] = plan
            routine = plan.routine
            label = f"{routine.title}  {join_seconds(plan.total_seconds)}"
            about = routine.when or routine.description  # what it is for, first
            if choice.today:
                label, about = f"Today: {label}", f"(the coach: {choice.today})"
            if about:
                label += f"\n  {about}"
            options.add_option(Option(Content(label), choice.key))
        first = next((i for i, c in enumerate(choices) if c.plan is not None), None)
        if first is not None:
            options.highlighted = first
        else:
            self.query_one("#preview", Static).update(NO_ROUTINES)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        plan = self.plans.get(event.option.id or "")
        self.query_one("#preview", Static).update(preview_text(plan) if plan else "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._start(event.option.id)

    def action_start(self) -> None:
        """Start the highlighted routine."""
        options = self.query_one("#routines", OptionList)
        if options.highlighted is not None:
            self._start(options.get_option_at_index(options.highlighted).id)

    def _start(self, name: str | None) -> None:
        plan = self.plans.get(name or "")
        if plan is not None:
            self.post_message(RoutineChosen(plan))
