"""Provides the routine picker: each routine with its time, a preview, Enter to start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from stretchtimer.errors import InputError
from stretchtimer.library import Library
from stretchtimer.model import Plan
from stretchtimer.routines import load_routine
from stretchtimer.text import join_seconds

if TYPE_CHECKING:
    from stretchtimer.ui.app import StretchApp


def preview_text(plan: Plan) -> str:
    """The steps of a plan and the precautions of its exercises."""
    r = plan.routine
    lines = [r.title, r.description, f"{join_seconds(plan.total_seconds)} in all", "", "Steps:"]
    for i, step in enumerate(r.steps, 1):
        name = step.variant.name or step.exercise.title
        sides = {"both": ", each side", "left": ", left side", "right": ", right side"}
        lines.append(f"{i}. {name}: {step.hold} s{sides.get(step.sides, '')}")
    seen: set[str] = set()
    cautions: list[str] = []
    for step in r.steps:
        if step.exercise.id not in seen:
            seen.add(step.exercise.id)
            cautions += [c for c in step.exercise.precautions if c not in cautions]
    if cautions:
        lines += ["", "Take care with:"] + [f"- {c}" for c in cautions]
    return "\n".join(lines)


class PickerScreen(Screen[None]):
    """Choose a routine."""

    BINDINGS = [
        Binding("enter", "start", "Start"),
        Binding("h", "app.progress", "Progress"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.plans: dict[str, Plan] = {}

    def compose(self) -> ComposeResult:
        yield Label("stretchtimer: choose a routine", id="picker-title", markup=False)
        with Horizontal(id="picker"):
            yield OptionList(id="routines")
            with VerticalScroll(id="preview-box"):
                yield Static(id="preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#routines", OptionList)
        for name, entry in self.library.routines().items():
            try:
                routine, _ = load_routine(entry, self.library)
            except InputError as exc:
                options.add_option(
                    Option(f"{name}  (has errors: {exc.problems[0]})", name, disabled=True)
                )
                continue
            plan = self.stretch_app.plan_for(routine)
            self.plans[name] = plan
            label = f"{routine.title}  {join_seconds(plan.total_seconds)}"
            if routine.description:
                label += f"\n  {routine.description}"
            options.add_option(Option(Content(label), name))
        if self.plans:
            enabled = (
                i
                for i in range(options.option_count)
                if not options.get_option_at_index(i).disabled
            )
            options.highlighted = next(enabled)
        options.focus()

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

    @property
    def stretch_app(self) -> StretchApp:
        """The app, typed."""
        from stretchtimer.ui.app import StretchApp

        assert isinstance(self.app, StretchApp)
        return self.app

    def _start(self, name: str | None) -> None:
        plan = self.plans.get(name or "")
        if plan is not None:
            self.stretch_app.start_plan(plan)
