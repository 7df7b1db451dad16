"""Provides an article body as blocks, read by markdown-it-py (CommonMark with GFM tables):
headings, paragraphs, quotes, lists, tables and code, each with what the article reader needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from markdown_it.token import Token

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")
"""CommonMark as written (HTML is shown as text, never interpreted), plus GFM tables. The
preset caps nesting at 20 levels, so a pathological article costs no more than a plain one."""


@dataclass(frozen=True)
class Line:
    """One line of inline text: a leading bold label (`Starting Position:`) and the rest."""

    label: str
    """The bold words that open the line, or empty."""
    text: str
    """The rest of the line, as plain text."""


@dataclass(frozen=True)
class Heading:
    """A heading (ATX or setext)."""

    level: int
    """1 to 6."""
    text: str
    """Its plain text."""
    line: int
    """0-based line of the body it starts on."""


@dataclass(frozen=True)
class Text:
    """A paragraph, or one inside a quote."""

    source: str
    """The inline Markdown as written."""
    lines: tuple[Line, ...]
    """Its lines as plain text, labels apart."""
    quoted: bool
    """Inside a block quote."""


@dataclass(frozen=True)
class Item:
    """One paragraph of a list item (a nested list's items come after it, flattened)."""

    source: str
    """The inline Markdown as written."""
    text: str
    """Its plain text, lines joined by a space."""


@dataclass(frozen=True)
class ListBlock:
    """A list, nested lists flattened into it in reading order."""

    items: tuple[Item, ...]
    """Its paragraphs in order."""


@dataclass(frozen=True)
class Table:
    """A GFM table, header row first."""

    rows: tuple[tuple[str, ...], ...]
    """Each row's cells as plain text."""


@dataclass(frozen=True)
class Code:
    """A code block (articles never read code; only that it is there)."""


Block = Heading | Text | ListBlock | Table | Code


def lines(inline: Token) -> tuple[Line, ...]:
    """An inline token's lines: bold that opens a line is its label, the rest its text. A
    line that is all bold with no colon (`**Hold 20 seconds**`) is text, not a label."""
    out: list[Line] = []
    label: list[str] = []
    text: list[str] = []
    in_strong = False
    at_start = True

    def flush() -> None:
        if label or text:
            out.append(Line("".join(label).strip(), "".join(text).strip()))
        label.clear()
        text.clear()

    for child in inline.children or ():
        if child.type in ("softbreak", "hardbreak"):
            flush()
            at_start = True
        elif child.type == "strong_open":
            in_strong = at_start
        elif child.type == "strong_close":
            in_strong = False
            at_start = False
        elif child.type in ("text", "text_special", "code_inline"):
            (label if in_strong else text).append(child.content)
            if child.content.strip() and not in_strong:
                at_start = False
        elif child.type == "image":
            text.append(child.content)
    flush()
    if len(out) == 1 and out[0].label and not out[0].label.rstrip().endswith(":"):
        return (Line("", f"{out[0].label} {out[0].text}".strip()),)
    return tuple(out)


def plain(inline: Token) -> str:
    """An inline token as one line of plain text (its lines joined by a space)."""
    return " ".join(
        ln.label + (" " if ln.label and ln.text else "") + ln.text for ln in lines(inline)
    ).strip()


def _list_block(tokens: list[Token], i: int) -> tuple[ListBlock, int]:
    """The list that opens at `tokens[i]`, nested lists flattened, and the index after it."""
    items: list[Item] = []
    depth = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type.endswith(("_list_open", "_list_close")):
            depth += t.nesting
        elif t.type == "inline":
            items.append(Item(t.content, plain(t)))
        i += 1
        if depth == 0:
            break
    return ListBlock(tuple(items)), i


def _table(tokens: list[Token], i: int) -> tuple[Table, int]:
    """The table that opens at `tokens[i]`, and the index after it."""
    rows: list[list[str]] = []
    while i < len(tokens) and tokens[i].type != "table_close":
        if tokens[i].type == "tr_open":
            rows.append([])
        elif tokens[i].type == "inline" and rows:
            rows[-1].append(plain(tokens[i]))
        i += 1
    return Table(tuple(tuple(row) for row in rows)), i + 1


def blocks(body: str) -> Iterator[Block]:
    """The body's blocks in reading order."""
    tokens = _MD.parse(body)
    i = 0
    quote = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            line = tok.map[0] if tok.map else 0
            yield Heading(int(tok.tag[1:]), plain(tokens[i + 1]), line)
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            listed, i = _list_block(tokens, i)
            yield listed
            continue
        if tok.type == "table_open":
            table, i = _table(tokens, i)
            yield table
            continue
        if tok.type == "blockquote_open":
            quote += 1
        elif tok.type == "blockquote_close":
            quote -= 1
        elif tok.type == "inline":
            yield Text(tok.content, lines(tok), quoted=quote > 0)
        elif tok.type in ("fence", "code_block"):
            yield Code()
        i += 1
