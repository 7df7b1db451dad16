"""Provides a dot canvas drawn as text: braille (2x4 dots a cell), half blocks (1x2) or plain
characters (1x1), each cell with the role of what was drawn in it (body, working limb, prop).
Dots are set straight into their cell's bits (a frame costs a fraction of a millisecond)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

ROLES = ("", "floor", "prop", "body", "work", "mark")
"""What a cell shows, lowest first: a cell shows the highest role drawn in it."""
FLOOR, PROP, BODY, WORK, MARK = 1, 2, 3, 4, 5
MODES = ("braille", "blocks", "ascii")
_DOTS = {"braille": (2, 4), "blocks": (1, 2), "ascii": (1, 1)}
_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
_BITS = {
    "braille": _BRAILLE_BITS,
    "blocks": ((1,), (2,)),
    "ascii": ((1,),),
}
_BRAILLE = tuple(" " if code == 0 else chr(0x2800 + code) for code in range(256))
_BLOCKS = (" ", "▀", "▄", "█")
Run = tuple[str, str]
"""(text, role): a stretch of one row drawn in one role."""


def _stroke(dx: int, dy: int) -> str:
    """The character a line (dx, dy) on screen, y down, is drawn with."""
    if abs(dy) * 2 <= abs(dx):
        return "-"
    if abs(dx) * 2 <= abs(dy):
        return "|"
    return "\\" if (dx > 0) == (dy > 0) else "/"


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
        self.codes = [0] * (cols * rows)
        self.roles = bytearray(cols * rows)
        self._bits = _BITS[mode]
        self.glyphs: dict[int, tuple[str, int]] = {}
        """Characters over whole cells: marks, a plain-mode head."""
        self.chars: dict[int, str] = {}
        """Plain characters only: the stroke each cell was drawn with."""

    def dot(self, x: int, y: int, role: int, char: str = "") -> None:
        """Set the dot at (x, y) from the top left, if it is on the canvas."""
        if 0 <= x < self.width and 0 <= y < self.height:
            cell = (y // self.dy) * self.cols + x // self.dx
            self.codes[cell] |= self._bits[y % self.dy][x % self.dx]
            if self.roles[cell] <= role:
                self.roles[cell] = role
                if char:
                    self.chars[cell] = char

    def line(self, x0: int, y0: int, x1: int, y1: int, role: int) -> None:
        """A straight line of dots (Bresenham); in plain characters, drawn with the stroke
        that runs its way (`-`, `|`, `/`, `\\`)."""
        char = _stroke(x1 - x0, 2 * (y1 - y0)) if self.mode == "ascii" else ""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        width, height, cols, ddx, ddy = self.width, self.height, self.cols, self.dx, self.dy
        codes, roles, bits = self.codes, self.roles, self._bits
        while True:
            if 0 <= x0 < width and 0 <= y0 < height:  # self.dot, inline: a line is most dots
                cell = (y0 // ddy) * cols + x0 // ddx
                codes[cell] |= bits[y0 % ddy][x0 % ddx]
                if roles[cell] <= role:
                    roles[cell] = role
                    if char:
                        self.chars[cell] = char
            if x0 == x1 and y0 == y1:
                return
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def floor(self, y: int) -> None:
        """A line of floor dots across the whole canvas at dot row `y` (at once, not dot by
        dot: it is the longest line of every frame)."""
        if not 0 <= y < self.height:
            return
        row, bit = y // self.dy, 0
        for bits in self._bits[y % self.dy]:
            bit |= bits
        for cell in range(row * self.cols, (row + 1) * self.cols):
            self.codes[cell] |= bit
            if self.roles[cell] < FLOOR:
                self.roles[cell] = FLOOR
                if self.mode == "ascii":
                    self.chars[cell] = "-"

    def glyph(self, x: int, y: int, char: str, role: int) -> None:
        """A character over the cell holding dot (x, y): a mark, or a plain-mode joint."""
        col, row = x // self.dx, y // self.dy
        if 0 <= col < self.cols and 0 <= row < self.rows:
            self.glyphs[row * self.cols + col] = (char, role)

    def _chars(self, lo: int, hi: int) -> list[str]:
        """The characters of cells lo..hi."""
        codes = self.codes[lo:hi]
        if self.mode == "braille":
            return [_BRAILLE[c] for c in codes]
        if self.mode == "blocks":
            return [_BLOCKS[c] for c in codes]
        chars, roles = self.chars, self.roles
        return [
            " " if not c else chars.get(lo + i) or ("_" if roles[lo + i] == FLOOR else "o")
            for i, c in enumerate(codes)
        ]

    def drawing(self) -> Drawing:
        """The canvas as rows of runs (a blank cell has no role: it never splits a run)."""
        rows: list[tuple[Run, ...]] = []
        cols = self.cols
        for row in range(self.rows):
            lo = row * cols
            chars = self._chars(lo, lo + cols)
            roles = bytearray(self.roles[lo : lo + cols])
            for cell, (char, role) in self.glyphs.items():
                if lo <= cell < lo + cols:
                    chars[cell - lo], roles[cell - lo] = char, role
            runs: list[Run] = []
            start = 0
            for role, group in groupby(roles):
                size = len(list(group))
                runs.append(("".join(chars[start : start + size]), ROLES[role]))
                start += size
            rows.append(tuple(runs))
        return Drawing(tuple(rows))
