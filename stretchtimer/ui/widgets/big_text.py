"""Provides big text for the far view: a 5-row block font, scaled to fill the widget, so the
countdown and the phase can be read from the floor two metres away."""

from __future__ import annotations

from rich.text import Text
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
    cannot be drawn."""

    DEFAULT_CSS = "BigText { height: 1fr; content-align: center middle; }"

    def __init__(self, most: int = 99, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.most = most

    def show(self, text: str) -> None:
        """Draw `text` (repainted only when it changes)."""
        if text != self.text:
            self.text = text
            self.refresh()

    @property
    def scale(self) -> int:
        """The scale the text is drawn at now."""
        size = self.content_region.size
        return scale_for(self.text, size.width, size.height, self.most)

    def render(self) -> Text:
        scale = self.scale
        if scale == 0:
            return Text("")
        rows = draw(self.text, scale)
        width = max(len(row) for row in rows)
        return Text("\n".join(row.ljust(width) for row in rows), no_wrap=True)
