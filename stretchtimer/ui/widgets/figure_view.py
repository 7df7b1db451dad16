"""Provides the figure widget: the stick figure of the exercise being done, drawn by the
figure layer for the widget's size, the working limb, props and floor each in its colour;
redrawn only when the pose, the side or the size changes (a hold draws once)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from stretchtimer.figure.canvas import Drawing
    from stretchtimer.present.figure_motion import FigureNow

ROLE_CLASSES = ("body", "work", "prop", "floor", "mark")


class FigureView(Widget, can_focus=False):
    """A figure drawn as braille (or blocks, or plain characters) filling the widget."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"figure-view--{r}" for r in ROLE_CLASSES}
    DEFAULT_CSS = "FigureView { height: 1fr; }"

    def __init__(self, mode: str = "braille", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = mode
        """`braille`, `blocks` or `ascii`: what the terminal can draw."""
        self.now: FigureNow | None = None
        self.draws = 0
        """How many times a figure was drawn (a still hold draws once)."""
        self._strips: list[Strip] = []
        self._drawn_for: tuple[object, ...] | None = None

    def show(self, now: FigureNow | None) -> None:
        """Show the figure at this moment, repainted only when what is drawn changes: a pose
        that moved less than a dot draws the same characters, and repainting them would cost
        the compositor ten times the drawing."""
        if now == self.now:
            return
        self.now = now
        before = self._strips
        if self._drawn_for is None or not self.size.area:
            self.refresh()
            return
        after = self.strips()
        if [list(s) for s in after] != [list(s) for s in before]:  # the text and its colours
            self.refresh()

    def notify_style_update(self) -> None:
        """New colours (a theme, a class) are drawn into new strips."""
        self._drawn_for = None
        self._role_styles = None
        super().notify_style_update()

    _role_styles: dict[str, Style] | None = None

    def _styles(self) -> dict[str, Style]:
        """Each role's style over the widget's (kept until the styles change: looking them
        up cost more than drawing the figure)."""
        if self._role_styles is None:
            base = self.rich_style
            styles = {
                r: base + self.get_component_rich_style(f"figure-view--{r}") for r in ROLE_CLASSES
            }
            styles[""] = base
            self._role_styles = styles
        return self._role_styles

    def _strips_of(self, drawing: Drawing, width: int) -> list[Strip]:
        styles = self._styles()
        base = styles[""]
        return [
            Strip([Segment(text, styles[role]) for text, role in row]).adjust_cell_length(
                width, base
            )
            for row in drawing.rows
        ]

    def strips(self) -> list[Strip]:
        """Every row of the figure at its size."""
        width, height = self.content_size
        now = self.now
        key = (now, width, height)
        if key != self._drawn_for:
            self._drawn_for = key
            if now is None or width < 4 or height < 2:
                self._strips = []
            else:  # (imported here: the first frame is painted before the figure)
                from stretchtimer.figure.draw import draw
                from stretchtimer.present.figures import rows_for

                rows = min(height, rows_for(now.box, width, height, self.mode))
                drawing = draw(
                    now.scene, now.pose, width, rows, mode=self.mode,
                    mirrored=now.mirrored, box=now.box, marks=now.marks,
                )
                self.draws += 1
                blank = Strip.blank(width, self.rich_style)
                self._strips = [blank] * ((height - rows) // 2) + self._strips_of(drawing, width)
        return self._strips

    def render_line(self, y: int) -> Strip:
        strips = self.strips()
        if 0 <= y < len(strips):
            return strips[y]
        # (a styled blank: NO_COLOR's monochrome filter cannot take a segment with no style)
        return Strip.blank(self.content_size.width, self.rich_style)
