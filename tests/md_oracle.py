"""Provides the reference reader for the Markdown tests: markdown-it-py (CommonMark, with GFM
tables; it comes with Textual) set up as articles were read before md_blocks/md_inline, with its
blocks in the same shape as content._blocks gives them."""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

_MD = MarkdownIt("zero").enable(
    ["heading", "list", "table", "blockquote", "fence", "code", "hr", "emphasis", "backticks",
     "newline", "escape", "link", "image", "entity"]
)


def _lines(inline: Token) -> list[tuple[str, str]]:
    """The old content._lines: an inline token's lines as (bold label, rest)."""
    lines: list[tuple[str, str]] = []
    label: list[str] = []
    text: list[str] = []
    in_strong = False
    at_start = True

    def flush() -> None:
        if label or text:
            lines.append(("".join(label).strip(), "".join(text).strip()))
        label.clear()
        text.clear()

    for child in inline.children or []:
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
    if len(lines) == 1 and lines[0][0] and not lines[0][0].rstrip().endswith(":"):
        return [("", f"{lines[0][0]} {lines[0][1]}".strip())]
    return lines


def _plain(inline: Token) -> str:
    """The old content._plain, but with lines joined by a space (it ran them together)."""
    return " ".join(a + (" " if a and b else "") + b for a, b in _lines(inline)).strip()


def blocks(body: str) -> list[tuple[str, Any]]:
    """(kind, value) per block; inline parts as their lines, headings and cells as plain text."""
    tokens = _MD.parse(body)
    out: list[tuple[str, Any]] = []
    i = 0
    quote = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            out.append(("heading", (int(tok.tag[1:]), _plain(tokens[i + 1]), tok.map[0] if tok.map else 0)))
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            items, depth = [], 0
            while i < len(tokens):
                t = tokens[i]
                depth += t.nesting if t.type.endswith("_list_open") or t.type.endswith("_list_close") else 0
                if t.type == "inline":
                    items.append(_lines(t))
                i += 1
                if depth == 0:
                    break
            out.append(("list", items))
            continue
        if tok.type == "table_open":
            rows: list[list[str]] = []
            while tokens[i].type != "table_close":
                if tokens[i].type == "tr_open":
                    rows.append([])
                elif tokens[i].type == "inline":
                    rows[-1].append(_plain(tokens[i]))
                i += 1
            out.append(("table", rows))
            i += 1
            continue
        if tok.type == "blockquote_open":
            quote += 1
        elif tok.type == "blockquote_close":
            quote -= 1
        elif tok.type == "inline":
            out.append(("quote" if quote else "para", _lines(tok)))
        elif tok.type in ("fence", "code_block"):
            out.append(("code", ""))  # articles never read code; only that it is there
        i += 1
    return out


def ours(body: str) -> list[tuple[str, Any]]:
    """Our reader's blocks in the same shape."""
    from stretchtimer.md_blocks import blocks as our_blocks
    from stretchtimer.md_inline import lines, plain

    def shape(source: str) -> list[tuple[str, str]]:
        return [(ln.label, ln.text) for ln in lines(source)]

    out: list[tuple[str, Any]] = []
    for kind, value in our_blocks(body):
        if kind == "heading":
            out.append((kind, (value[0], plain(value[1]), value[2])))
        elif kind == "table":
            out.append((kind, [[plain(c) for c in row] for row in value]))
        elif kind == "list":
            out.append((kind, [shape(s) for s in value]))
        elif kind in ("para", "quote"):
            out.append((kind, shape(value)))
        else:
            out.append((kind, ""))
    return out
