"""Provides a dot canvas drawn as text: braille (2x4 dots a cell), half blocks (1x2) or plain
characters (1x1), each cell with the role of what was drawn in it (body, working limb, prop)."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("", "floor", "prop", "body", "work", "mark")
"""What a cell shows, lowest first: a cell shows the highest role drawn in it."""
FLOOR, PROP, BODY, WORK, MARK = 1, 2, 3, 4, 5
MODES = ("braille", "blocks", "ascii")
_DOTS = {"braille": (2, 4), "blocks": (1, 2), "ascii": (1, 1)}
_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
_BLOCKS = (" ", "▀", "▄", "█")
Run = tuple[str, str]


def _stroke(dx: int, dy: int) -> str:
    """The character a line (dx, dy) on screen, y down, is drawn with."""
    if abs(dy) * 2 <= abs(dx):
        return "-"
    if abs(dx) * 2 <= abs(dy):
        return "|"
    return "\\" if (dx > 0) == (dy > 0) else "/"
"""(text, role): a stretch of one row drawn in one role."""


@dataclass(frozen=True)
class Drawing:
    """A figure drawn as rows of text, each row as runs of one role."""

    rows: tuple[tuple[Run, ...], ...]

    def text(self) -> str:
        """The rows as plain text."""
        return "\n".join("".join(t for t, _ in row) for row in self.rows)


class Canvas:
    """Dots over `cols` x `rows` cells; a dot is square on a terminal whose cells are twice as
    tall as wide (plain characters: a dot is a whole cell, twice as tall)."""

    def __init__(self, cols: int, rows: int, mode: str = "braille") -> None:
        self.cols, self.rows, self.mode = cols, rows, mode
        self.dx, self.dy = _DOTS[mode]
        self.width, self.height = cols * self.dx, rows * self.dy
        self.aspect = 2.0 if mode == "ascii" else 1.0
        """A dot's height over its width on screen."""
        self.dots = [bytearray(self.width) for _ in range(self.height)]
        self.glyphs: dict[tuple[int, int], tuple[str, int]] = {}
        self.chars: dict[tuple[int, int], str] = {}
        """Plain characters only: the stroke each dot was drawn with."""

    def dot(self, x: int, y: int, role: int, char: str = "") -> None:
        """Set the dot at (x, y) from the top left, if it is on the canvas."""
        if 0 <= x < self.width and 0 <= y < self.height and self.dots[y][x] <= role:
            self.dots[y][x] = role
            if char:
                self.chars[(x, y)] = char

    def line(self, x0: int, y0: int, x1: int, y1: int, role: int) -> None:
        """A straight line of dots (Bresenham); in plain characters, drawn with the stroke
        that runs its way (`-`, `|`, `/`, `\\`)."""
        char = _stroke(x1 - x0, 2 * (y1 - y0)) if self.mode == "ascii" else ""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        while True:
            self.dot(x0, y0, role, char)
            if x0 == x1 and y0 == y1:
                return
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def glyph(self, x: int, y: int, char: str, role: int) -> None:
        """A character over the cell holding dot (x, y): a mark, or a plain-mode joint."""
        col, row = x // self.dx, y // self.dy
        if 0 <= col < self.cols and 0 <= row < self.rows:
            self.glyphs[(col, row)] = (char, role)

    def _cell(self, col: int, row: int) -> tuple[str, int]:
        x0, y0 = col * self.dx, row * self.dy
        role = 0
        if self.mode == "braille":
            code = 0
            for j, bits in enumerate(_BRAILLE_BITS):
                line = self.dots[y0 + j]
                for i, bit in enumerate(bits):
                    r = line[x0 + i]
                    if r:
                        code |= bit
                        role = max(role, r)
            return (chr(0x2800 + code) if code else " "), role
        if self.mode == "blocks":
            top, bottom = self.dots[y0][x0], self.dots[y0 + 1][x0]
            return _BLOCKS[(top > 0) + 2 * (bottom > 0)], max(top, bottom)
        r = self.dots[y0][x0]
        if not r:
            return " ", 0
        return self.chars.get((x0, y0)) or ("_" if r == FLOOR else "o"), r

    def drawing(self) -> Drawing:
        """The canvas as rows of runs."""
        rows: list[tuple[Run, ...]] = []
        for row in range(self.rows):
            runs: list[Run] = []
            text: list[str] = []
            current = -1
            for col in range(self.cols):
                char, role = self.glyphs.get((col, row)) or self._cell(col, row)
                if char == " ":
                    role = 0
                if role != current and text:
                    runs.append(("".join(text), ROLES[current]))
                    text = []
                current = role
                text.append(char)
            if text:
                runs.append(("".join(text), ROLES[current]))
            rows.append(tuple(runs))
        return Drawing(tuple(rows))
