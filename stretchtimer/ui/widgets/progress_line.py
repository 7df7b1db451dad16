"""Provides the session's progress line: one row of bar, redrawn only when its fill moves."""

from __future__ import annotations

from rich.style import Style
from textual.renderables.bar import Bar
from textual.widget import Widget


class ProgressLine(Widget, can_focus=False):
    """How much of the segment is done, as a thin bar (Textual's ProgressBar draws the same
    line, but takes two screen updates per change through its reactive chain: half the CPU
    of a hold, measured)."""

    COMPONENT_CLASSES = {"progress-line--bar"}
    """The bar's colour (done) and background (to do), set in stretchtimer.tcss."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fraction = 0.0

    def show(self, fraction: float) -> None:
        """Fill `fraction` (0 to 1) of the line; repaint only if a half cell changed."""
        fraction = min(max(fraction, 0.0), 1.0)
        width = max(self.content_region.width, 1)
        if round(fraction * width * 2) != round(self.fraction * width * 2):
            self.refresh()
        self.fraction = fraction

    def render(self) -> Bar:
        style = self.get_component_rich_style("progress-line--bar")
        return Bar(
            highlight_range=(0, self.content_region.width * self.fraction),
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
        )
