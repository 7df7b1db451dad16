"""Provides big text for the far view: a 5-row block font, scaled to fill the widget, so the
countdown and the phase can be read from the floor two metres away."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

ROWS = 5
"""Every glyph is five pixels tall."""
_FONT: dict[str, tuple[str, str, str, str, str]] = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", " ##", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", " # ", " # ", " # "),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    " ": ("  ", "  ", "  ", "  ", "  "),
    "A": (" # ", "# #", "###", "# #", "# #"),
    "C": ("###", "#  ", "#  ", "#  ", "###"),
    "D": ("## ", "# #", "# #", "# #", "## "),
    "E": ("###", "#  ", "## ", "#  ", "###"),
    "G": ("###", "#  ", "# #", "# #", "###"),
    "H": ("# #", "# #", "###", "# #", "# #"),
    "I": ("###", " # ", " # ", " # ", "###"),
    "L": ("#  ", "#  ", "#  ", "#  ", "###"),
    "M": ("# #", "###", "###", "# #", "# #"),
    "N": ("###", "# #", "# #", "# #", "# #"),
    "O": ("###", "# #", "# #", "# #", "###"),
    "P": ("###", "# #", "###", "#  ", "#  "),
    "R": ("## ", "# #", "## ", "# #", "# #"),
    "S": ("###", "#  ", "###", "  #", "###"),
    "T": ("###", " # ", " # ", " # ", " # "),
    "U": ("# #", "# #", "# #", "# #", "###"),
    "W": ("# #", "# #", "# #", "###", "# #"),
    "Y": ("# #", "# #", " # ", " # ", " # "),
}
"""The glyphs the far view needs: digits, the colon, and the letters of its phase words."""


def can_draw(text: str) -> bool:
    """Whether every character of `text` has a glyph."""
    return all(ch in _FONT for ch in text)


def pixels_wide(text: str) -> int:
    """The text's width in pixels, a pixel between glyphs."""
    return sum(len(_FONT[ch][0]) for ch in text) + max(0, len(text) - 1)


def scale_for(text: str, width: int, height: int, most: int = 99) -> int:
    """The largest scale (pixel = 2*scale columns by scale rows) at which `text` fits, or 0."""
    if not text or not can_draw(text):
        return 0
    return max(0, min(most, height // ROWS, width // (2 * pixels_wide(text))))


def draw(text: str, scale: int) -> list[str]:
    """The rows of `text` in block pixels at `scale` (cells are about twice as tall as wide,
    so a pixel is two columns per row)."""
    rows = []
    for r in range(ROWS):
        line = " ".join(_FONT[ch][r] for ch in text)
        wide = "".join(("█" if px == "#" else " ") * (2 * scale) for px in line)
        rows += [wide.rstrip()] * scale
    return rows


class BigText(Widget, can_focus=False):
    """Text drawn as large as the widget allows (up to `most` times), centred; empty if it
    cannot be drawn. Lines are drawn straight into strips, kept until the text, the size or
    the colour changes: a change repaints the rows without Rich's text layout."""

    DEFAULT_CSS = "BigText { height: 1fr; }"

    def __init__(self, most: int = 99, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.most = most
        self._strips: list[Strip] = []
        self._drawn_for: tuple[str, int, int] | None = None

    def show(self, text: str) -> None:
        """Draw `text` (repainted only when it changes)."""
        if text != self.text:
            self.text = text
            self.refresh()

    @property
    def scale(self) -> int:
        """The scale the text is drawn at now."""
        size = self.content_size
        return scale_for(self.text, size.width, size.height, self.most)

    def notify_style_update(self) -> None:
        """A new colour (the phase changed) is drawn into new strips."""
        self._drawn_for = None
        super().notify_style_update()

    def strips(self) -> list[Strip]:
        """Every content row, the text centred in the widget both ways."""
        width, height = self.content_size
        if self._drawn_for != (self.text, width, height):
            scale = self.scale
            drawn = draw(self.text, scale) if scale else []
            wide = max((len(row) for row in drawn), default=0)
            left = " " * ((width - wide) // 2)
            top = (height - len(drawn)) // 2
            rows = [""] * top + [left + row for row in drawn]
            rows += [""] * (height - len(rows))
            style = self.rich_style
            self._strips = [Strip([Segment(row.ljust(width), style)], width) for row in rows]
            self._drawn_for = (self.text, width, height)
        return self._strips

    def render_line(self, y: int) -> Strip:
        strips = self.strips()
        return strips[y] if 0 <= y < len(strips) else Strip.blank(self.content_size.width)
