"""Provides the block Markdown reader: an article's headings, paragraphs, lists, tables, quotes
and code, in order, with line numbers, read line by line as CommonMark (with GFM tables) reads
them; inline text is left as written for md_inline. Like the reader it replaced, it knows ATX
headings only (a `---` under text is a rule, not a heading) and treats HTML as text."""

from __future__ import annotations

import re
from typing import Any

MAX_NESTING = 20
"""Quotes and lists nested deeper than this are not read (CommonMark readers cap it too)."""

_START = re.compile(
    r" {0,3}(?:"
    r"(?P<atx>#{1,6})(?:[ \t]+|$)"
    r"|(?P<hr>(?:\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$)"
    r"|(?P<bullet>[-+*])(?=[ \t]|$)"
    r"|(?P<number>\d{1,9})[.)](?=[ \t]|$)"
    r"|(?P<quote>>)"
    r"|(?P<fence>`{3,}(?=[^`]*$)|~{3,})"
    r")"
)
"""What a line (indented less than four columns) starts, if anything: the group's name."""
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_DELIMITER_CELL = re.compile(r":?-+:?$")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_OPENERS = frozenset(" #*-_+>`~0123456789")

Block = tuple[str, Any]
"""("heading", (level, inline source, line)), ("para", source), ("quote", source),
("list", [source, ...]), ("table", [[cell source, ...], ...]) or ("code", text)."""
Lines = list[tuple[int, str]]


def _indent(text: str) -> int:
    """Columns of leading whitespace (tabs to the next multiple of four)."""
    if text[:1] not in (" ", "\t"):
        return 0
    col = 0
    for ch in text:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


def _dedent(text: str, columns: int) -> str:
    """`text` without its first `columns` columns of leading whitespace."""
    if text[:columns] == " " * columns:
        return text[columns:]
    stripped = text.lstrip(" \t")
    lead = text[: len(text) - len(stripped)].expandtabs(4)
    return " " * max(len(lead) - columns, 0) + stripped


def _blank(text: str) -> bool:
    return not text.strip(" \t")


def _start(text: str) -> re.Match[str] | None:
    """The block the line `text` starts (see _START), or None."""
    if text[:1] not in _OPENERS:
        return None
    return _START.match(text)


def _cells(text: str) -> list[str]:
    """A table row's cells (GFM): split at unescaped pipes, the outer pipes dropped."""
    text = text.strip()
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and text[i + 1 : i + 2] == "|":
            current.append("|")
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current))
    if text.startswith("|"):
        cells.pop(0)
    if len(text) > 1 and text.endswith("|") and not text.endswith("\\|"):
        cells.pop()
    return [c.strip() for c in cells]


def _table_width(lines: Lines, i: int, lazy: set[int]) -> int:
    """The column count if a table starts at line `i` (a header, then a delimiter row)."""
    if i + 1 >= len(lines) or lines[i][0] in lazy or lines[i + 1][0] in lazy:
        return 0
    head, delim = lines[i][1], lines[i + 1][1]
    if "|" not in head or _indent(delim) >= 4 or _indent(head) >= 4:
        return 0
    d = delim.strip(" \t")
    if len(d) < 2 or d[0] not in "|-:" or not set(d) <= set("|-: \t") or d[:2] in ("- ", "-\t"):
        return 0  # ("- " would be a list item)
    columns = _cells(d)
    if not columns or not all(_DELIMITER_CELL.match(c) for c in columns):
        return 0
    return len(columns) if len(_cells(head)) == len(columns) else 0


def _starts_block(text: str, paragraph: bool) -> bool:
    """Whether the line `text` starts a block that ends a paragraph: in a paragraph, only a
    non-empty list item may, and an ordered one only from 1."""
    match = _start(text)
    if not match:
        return False
    kind = match.lastgroup
    if kind in ("bullet", "number") and paragraph:
        if _blank(text[match.end() :]):
            return False
        return kind == "bullet" or int(match.group("number")) == 1
    return True


class _Reader:
    """Reads one container's lines (the article, a quote, a list item) into blocks."""

    def __init__(self, out: list[Block], depth: int, quote: bool, lazy: set[int]) -> None:
        self.out = out
        self.depth = depth
        self.quote = quote
        self.lazy = lazy  # lines taken in lazily, which cannot start a table

    def read(self, lines: Lines) -> None:
        if self.depth > MAX_NESTING:
            return
        i, n = 0, len(lines)
        while i < n:
            line_no, text = lines[i]
            if _blank(text):
                i += 1
                continue
            indent = _indent(text)
            if indent >= 4:
                i = self.code(lines, i)
                continue
            match = _start(text)
            kind = match.lastgroup if match else None
            if match and kind == "atx":
                content = _ATX_CLOSE.sub("", text[match.end() :].strip(" \t")).strip(" \t")
                self.out.append(("heading", (len(match.group("atx")), content, line_no)))
                i += 1
            elif match and kind == "fence":
                i = self.fence(lines, i, indent, match.group("fence"))
            elif kind == "quote":
                i = self.blockquote(lines, i)
            elif kind == "hr":
                i += 1
            elif match and kind in ("bullet", "number"):
                i = self.list(lines, i, text[match.end() - 1])
            elif width := _table_width(lines, i, self.lazy):
                i = self.table(lines, i, width)
            else:
                i = self.paragraph(lines, i)

    def code(self, lines: Lines, i: int) -> int:
        body: list[str] = []
        while i < len(lines) and (_blank(lines[i][1]) or _indent(lines[i][1]) >= 4):
            body.append(_dedent(lines[i][1], 4))
            i += 1
        while body and _blank(body[-1]):
            body.pop()
        self.out.append(("code", "\n".join(body) + "\n"))
        return i

    def fence(self, lines: Lines, i: int, indent: int, opening: str) -> int:
        body: list[str] = []
        i += 1
        while i < len(lines):
            text = lines[i][1]
            s = text.lstrip(" \t")
            closing = s.startswith(opening) and not s.rstrip(" \t").strip(opening[0])
            if closing and _indent(text) < 4:
                i += 1
                break
            body.append(_dedent(text, indent))
            i += 1
        self.out.append(("code", "".join(f"{b}\n" for b in body)))
        return i

    def blockquote(self, lines: Lines, i: int) -> int:
        inner: Lines = []
        lazy_ok = False
        while i < len(lines):
            line_no, text = lines[i]
            s = text.lstrip(" \t")
            if line_no in self.lazy and lazy_ok:
                inner.append((line_no, s))
            elif (match := _start(text)) and match.lastgroup == "quote":
                rest = text[match.end() :]
                rest = rest[1:] if rest[:1] in (" ", "\t") else rest
                inner.append((line_no, rest))
                lazy_ok = _ends_in_paragraph_text(rest)
            elif lazy_ok and not _blank(text) and not _starts_block(text, False):
                inner.append((line_no, s))
                self.lazy.add(line_no)
            else:
                break
            i += 1
        _Reader(self.out, self.depth + 1, True, self.lazy).read(inner)
        return i

    def list(self, lines: Lines, i: int, kind: str) -> int:
        items: list[str] = []
        n = len(lines)
        lazy = self.lazy
        match = _start(lines[i][1])
        while match and match.lastgroup in ("bullet", "number"):
            line_no, text = lines[i]
            end = match.end()
            if text[end - 1] != kind:
                break
            indent = _indent(text)
            rest = text[end:]
            width = end - indent
            spaces = _indent(rest)
            if _blank(rest):
                content_col, first = indent + width + 1, ""
            elif spaces >= 5:
                content_col, first = indent + width + 1, _dedent(rest, 1)
            else:
                content_col, first = indent + width + spaces, rest.lstrip(" \t")
            item: Lines = [(line_no, first)]
            i += 1
            match = None
            while i < n:
                line_no, text = lines[i]
                if _blank(text):
                    if len(item) == 1 and not first:
                        break  # an item may begin with at most one blank line
                    item.append((line_no, ""))
                elif line_no in lazy and _ends_in_paragraph_text(item[-1][1]):
                    item.append((line_no, text.lstrip(" \t")))
                elif _indent(text) >= content_col:
                    item.append((line_no, _dedent(text, content_col)))
                else:
                    match = _start(text)
                    if match or not _ends_in_paragraph_text(item[-1][1]):
                        break  # the next item, another block, or a line the item cannot take
                    item.append((line_no, text.lstrip(" \t")))  # a lazy continuation
                    lazy.add(line_no)
                i += 1
            while len(item) > 1 and not item[-1][1]:
                item.pop()
            if len(item) == 1 and _indent(first) < 4 and not _start(first):
                if first.strip():
                    items.append(first.strip())  # the common case: one line of text
            else:
                sub: list[Block] = []
                _Reader(sub, self.depth + 1, False, lazy).read(item)
                items.extend(_sources(sub))
            if match is None:
                while i < n and _blank(lines[i][1]):
                    i += 1  # blank lines between items
                match = _start(lines[i][1]) if i < n else None
        self.out.append(("list", items))
        return i

    def table(self, lines: Lines, i: int, width: int) -> int:
        rows = [_cells(lines[i][1])]
        i += 2
        while i < len(lines):
            text = lines[i][1]
            if _blank(text) or _indent(text) >= 4 or _starts_block(text, False):
                break
            rows.append(_cells(text))
            i += 1
        self.out.append(("table", [(row + [""] * width)[:width] for row in rows]))
        return i

    def paragraph(self, lines: Lines, i: int) -> int:
        body = [lines[i][1].strip(" \t")]
        i += 1
        while i < len(lines):
            text = lines[i][1]
            if _blank(text):
                break
            starts = _starts_block(text, True) or _table_width(lines, i, self.lazy)
            if starts and lines[i][0] not in self.lazy:
                break
            body.append(text.lstrip(" \t"))
            i += 1
        content = "\n".join(body).strip()
        self.out.append(("quote" if self.quote else "para", content))
        return i


def _ends_in_paragraph_text(text: str) -> bool:
    """Whether a line of a quote or list item, past any nested quote and list markers, is
    paragraph text (so the next line may continue it lazily, without its own `>` or indent)."""
    for _ in range(MAX_NESTING + 1):  # deeper than that is not read at all
        if _blank(text) or _indent(text) >= 4:
            return False
        match = _start(text)
        kind = match.lastgroup if match else None
        if match and kind in ("quote", "bullet", "number"):
            text = text[match.end() :]
            if kind != "quote":
                text = text.lstrip(" \t")
        else:
            return not match
    return False


def _sources(blocks: list[Block]) -> list[str]:
    """Every inline source inside a list item's blocks, in order (nested lists too)."""
    out: list[str] = []
    for kind, value in blocks:
        if kind in ("para", "quote"):
            out.append(value)
        elif kind == "heading":
            out.append(value[1])
        elif kind == "list":
            out.extend(value)
        elif kind == "table":
            out.extend(cell for row in value for cell in row)
    return out


def blocks(body: str) -> list[Block]:
    """The blocks of a Markdown body, in order; lines are counted from 0."""
    lines = list(enumerate(_LINE_BREAK.split(body.replace("\x00", "\ufffd"))))
    out: list[Block] = []
    _Reader(out, 0, False, set()).read(lines)
    return out
