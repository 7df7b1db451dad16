"""Provides the inline Markdown reader: a paragraph's text without its marks, line by line, with
each line's leading bold label (`**Fix:** ...`) set apart, as CommonMark reads it (HTML is
text: articles are shown, never rendered)."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from html.entities import html5

_SPECIAL = re.compile(r"[\\`*_\[\]!&\n]")
_PLAIN = r"[^\\`*_\[\]!&\n]"
_EDGE = r"[^\s\\`*_\[\]!&]"
_LABELLED = re.compile(rf"[ \t]*\*\*({_EDGE}|{_EDGE}{_PLAIN}*{_EDGE})\*\*((?:[ \t]{_PLAIN}*)?)$")
"""`**Label:** words`: the bold run is sure to be strong (it starts the line, its inside does
not start or end with a blank, and a blank or nothing follows it)."""
_BRACKET = re.compile(r"[\\`\[\]]")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BAD_PROTOCOL = re.compile(r"^(?:javascript|vbscript|file|data):", re.I)
_GOOD_DATA = re.compile(r"^data:image/(?:gif|png|jpeg|webp);", re.I)

# Events: the text of the paragraph with its marks taken out.
TEXT, BREAK, STRONG_OPEN, STRONG_CLOSE = "text", "break", "strong_open", "strong_close"
Event = tuple[str, str]


@dataclass
class Line:
    """One line of an inline run, split at its bold label if it starts with one."""

    label: str
    text: str


def _punct(ch: str) -> bool:
    return ch in _ASCII_PUNCT or unicodedata.category(ch).startswith("P")


class _Delim:
    """A run of `*` or `_` that may open or close emphasis."""

    __slots__ = ("can_close", "can_open", "char", "closes", "left", "length", "opens")

    def __init__(self, char: str, length: int, can_open: bool, can_close: bool) -> None:
        self.char = char
        self.length = length  # the run's length as written (for the rule of three)
        self.left = length  # characters not yet used by a match
        self.can_open = can_open
        self.can_close = can_close
        self.opens: list[int] = []  # sizes matched as an opener, innermost first
        self.closes: list[int] = []  # sizes matched as a closer, innermost first


Node = str | _Delim | tuple[str, str] | list["Node"]
"""Text; a delimiter run; an event such as a break or a code span; a link's own nodes."""


class _Reader:
    """One paragraph's source, read into nodes; failed searches are remembered so that no
    input makes the reader quadratic."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.no_code_after: dict[int, int] = {}  # backtick run length -> no closer from here
        self.links: dict[int, tuple[int, int]] = {}  # '[' -> (its ']', the link's end)
        self.images: dict[int, tuple[int, int]] = {}  # the same for '![' (keyed at '[')
        self.brackets()

    # -- tokens that are taken whole -------------------------------------------------------
    def code_span(self, pos: int, end: int) -> tuple[int, str] | None:
        src = self.src
        start = pos
        while pos < end and src[pos] == "`":
            pos += 1
        size = pos - start
        if self.no_code_after.get(size, end + 1) <= pos:
            return None
        i = pos
        while True:
            j = src.find("`", i, end)
            if j < 0:
                self.no_code_after[size] = min(self.no_code_after.get(size, end + 1), pos)
                return None
            k = j
            while k < end and src[k] == "`":
                k += 1
            if k - j == size:
                text = src[pos:j].replace("\n", " ")
                if len(text) > 2 and text[0] == " " and text[-1] == " " and text.strip(" "):
                    text = text[1:-1]
                return k, text
            i = k

    def skip(self, pos: int, end: int) -> int:
        """The position after whatever token starts at `pos` (at least one character)."""
        src = self.src
        ch = src[pos]
        if ch == "\\":
            return min(pos + 2, end)
        if ch == "`":
            code = self.code_span(pos, end)
            if code:
                return code[0]
            while pos < end and src[pos] == "`":
                pos += 1
            return pos
        return pos + 1

    def brackets(self) -> None:
        """Find every link and image in one pass: a `[` is matched with its `]` by a stack
        (escapes, code spans and tags skipped whole), and is a link when a destination
        follows and no link lies inside (links do not nest); `![...](...)` is an image."""
        src = self.src
        end = len(src)
        stack: list[list[int]] = []  # [position, is image, holds a link]
        pos = 0
        escaped_to = -1
        while True:
            match = _BRACKET.search(src, pos)
            if not match:
                return
            pos = match.start()
            ch = src[pos]
            if ch == "[":
                image = pos > 0 and src[pos - 1] == "!" and escaped_to != pos
                stack.append([pos, int(image), 0])
                pos += 1
            elif ch == "]":
                if stack:
                    start, is_image, inner = stack.pop()
                    after = _destination(src, pos + 1, end)
                    if is_image and after >= 0:
                        self.images[start] = (pos, after)
                    elif not inner and after >= 0:
                        self.links[start] = (pos, after)
                        inner = 1
                    if stack and inner and start not in self.images:
                        stack[-1][2] = 1
                pos += 1
            else:
                pos = self.skip(pos, end)
                if ch == "\\":
                    escaped_to = pos

    # -- the reading ------------------------------------------------------------------------
    def read(self, start: int, end: int) -> list[Node]:
        src = self.src
        nodes: list[Node] = []
        delims: list[_Delim] = []
        pos = start
        while pos < end:
            match = _SPECIAL.search(src, pos, end)
            at = match.start() if match else end
            if at > pos:
                nodes.append(src[pos:at])
                pos = at
                continue
            ch = src[pos]
            if ch == "\n":
                if nodes and isinstance(nodes[-1], str):
                    nodes[-1] = nodes[-1].rstrip(" ")
                nodes.append((BREAK, ""))
                pos += 1
                while pos < end and src[pos] in " \t":
                    pos += 1
            elif ch == "\\":
                nxt = src[pos + 1] if pos + 1 < end else ""
                if nxt in _ASCII_PUNCT and nxt:
                    nodes.append(nxt)
                    pos += 2
                elif nxt == "\n":
                    nodes.append((BREAK, ""))
                    pos += 2
                    while pos < end and src[pos] in " \t":
                        pos += 1
                else:
                    nodes.append("\\")
                    pos += 1
            elif ch == "`":
                code = self.code_span(pos, end)
                if code:
                    pos, text = code
                    nodes.append((TEXT, text))
                else:
                    run = pos
                    while pos < end and src[pos] == "`":
                        pos += 1
                    nodes.append(src[run:pos])
            elif ch in "*_":
                run = pos
                while pos < end and src[pos] == ch:
                    pos += 1
                prev_ch = src[run - 1] if run > 0 else " "
                next_ch = src[pos] if pos < end else " "
                delim = _flanking(ch, pos - run, prev_ch, next_ch)
                nodes.append(delim)
                delims.append(delim)
            elif ch == "&":
                entity = _ENTITY.match(src, pos, end)
                name = entity.group()[1:] if entity else ""
                if entity and (name.startswith("#") or name in html5):
                    nodes.append((TEXT, html.unescape(entity.group())))
                    pos = entity.end()
                else:
                    nodes.append("&")
                    pos += 1
            elif ch == "!" and self.images.get(pos + 1, (0, end + 1))[1] <= end:
                close, after = self.images[pos + 1]
                nodes.append((TEXT, src[pos + 2 : close]))
                pos = after
            elif ch == "[" and self.links.get(pos, (0, end + 1))[1] <= end:
                close, after = self.links[pos]
                nodes.append(self.read(pos + 1, close))
                pos = after
            else:  # "[", "]" or "!" that start nothing
                nodes.append(ch)
                pos += 1
        _match_emphasis(delims)
        return nodes


def _destination(src: str, pos: int, end: int) -> int:
    """The end of `(destination "title")` starting at `pos`; -1 if there is none."""
    if pos >= end or src[pos] != "(":
        return -1
    pos += 1
    while pos < end and src[pos] in " \t\n":
        pos += 1
    start = pos
    if pos < end and src[pos] == "<":
        pos += 1
        while pos < end and src[pos] not in "<>\n":
            pos += 2 if src[pos] == "\\" else 1
        if pos >= end or src[pos] != ">":
            return -1
        pos += 1
    else:
        level = 0
        while pos < end:
            ch = src[pos]
            if ch == " " or ord(ch) < 0x20 or ord(ch) == 0x7F:
                break
            if ch == "\\" and pos + 1 < end:
                pos += 2
                continue
            if ch == "(":
                level += 1
                if level > 32:
                    return -1
            elif ch == ")":
                if level == 0:
                    break
                level -= 1
            pos += 1
        if level:
            return -1
    href = src[start:pos].strip("<>")
    if _BAD_PROTOCOL.match(href) and not _GOOD_DATA.match(href):
        return -1
    gap = pos
    while pos < end and src[pos] in " \t\n":
        pos += 1
    if pos < end and pos > gap and src[pos] in "\"'(":
        closer = ")" if src[pos] == "(" else src[pos]
        i = pos + 1
        while i < end and src[i] != closer:
            if src[i] == "(" and closer == ")":
                return -1
            i += 2 if src[i] == "\\" else 1
        if i >= end:
            return -1
        pos = i + 1
        while pos < end and src[pos] in " \t\n":
            pos += 1
    if pos < end and src[pos] == ")":
        return pos + 1
    return -1


def _flanking(char: str, length: int, before: str, after: str) -> _Delim:
    """A delimiter run, with whether it may open and close (CommonMark's flanking rules)."""
    after_space, before_space = after.isspace(), before.isspace()
    after_punct, before_punct = _punct(after), _punct(before)
    left = not after_space and (not after_punct or before_space or before_punct)
    right = not before_space and (not before_punct or after_space or after_punct)
    if char == "*":
        return _Delim(char, length, left, right)
    can_open = left and (not right or before_punct)
    return _Delim(char, length, can_open, right and (not left or after_punct))


def _match_emphasis(delims: list[_Delim]) -> None:
    """Pair openers with closers (CommonMark's "process emphasis"), recording the sizes used."""
    prev = list(range(-1, len(delims) - 1))  # a linked list back through live delimiters
    bottom: dict[tuple[str, bool, int], int] = {}
    for c, closer in enumerate(delims):
        while closer.can_close and closer.left:
            key = (closer.char, closer.can_open, closer.length % 3)
            floor = bottom.get(key, -1)
            o = prev[c]
            found = -1
            while o > floor:
                opener = delims[o]
                if opener.char == closer.char and opener.can_open and opener.left:
                    odd = (opener.can_close or closer.can_open) and (
                        (opener.length + closer.length) % 3 == 0
                        and not (opener.length % 3 == 0 and closer.length % 3 == 0)
                    )
                    if not odd:
                        found = o
                        break
                o = prev[o]
            if found < 0:
                bottom[key] = prev[c]
                break
            opener = delims[found]
            use = 2 if opener.left >= 2 and closer.left >= 2 else 1
            opener.left -= use
            closer.left -= use
            opener.opens.append(use)
            closer.closes.append(use)
            prev[c] = found if opener.left else prev[found]  # those between can match no more


def events(src: str) -> list[Event]:
    """The paragraph's text as events: text, breaks, and where strong emphasis opens and closes."""
    out: list[Event] = []
    _flatten(_Reader(src).read(0, len(src)), out)
    return out


def _flatten(nodes: list[Node], out: list[Event]) -> None:
    for node in nodes:
        if isinstance(node, str):
            out.append((TEXT, node))
        elif isinstance(node, tuple):
            out.append(node)
        elif isinstance(node, list):
            _flatten(node, out)
        else:
            out.extend((STRONG_CLOSE, "") for size in node.closes if size == 2)
            if node.left:
                out.append((TEXT, node.char * node.left))
            out.extend((STRONG_OPEN, "") for size in reversed(node.opens) if size == 2)


def lines(src: str) -> list[Line]:
    """The paragraph's lines, each split into its leading bold label and the rest."""
    found = _simple_lines(src)
    if found is None:
        found = _read_lines(src)
    if len(found) == 1 and found[0].label and not found[0].label.rstrip().endswith(":"):
        # `**Bold** words` that is not a `Label:` reads as one sentence.
        only = found[0]
        return [Line("", f"{only.label} {only.text}".strip())]
    return found


def _simple_lines(src: str) -> list[Line] | None:
    """The lines of the common paragraph, whose lines are plain words or `**Label:** words`
    (read without the full reader); None for anything else."""
    found: list[Line] = []
    for part in src.split("\n"):
        if not _SPECIAL.search(part):
            if part.strip():
                found.append(Line("", part.strip()))
            continue
        match = _LABELLED.match(part)
        if not match:
            return None
        found.append(Line(match.group(1), match.group(2).strip()))
    return found


def _read_lines(src: str) -> list[Line]:
    """The lines of any paragraph, read in full."""
    found: list[Line] = []
    label: list[str] = []
    text: list[str] = []
    in_strong = False
    at_start = True  # nothing but blanks yet on this line, so a bold run here is a label

    def flush() -> None:
        if label or text:
            found.append(Line("".join(label).strip(), "".join(text).strip()))
        label.clear()
        text.clear()

    for kind, value in events(src):
        if kind == BREAK:
            flush()
            at_start = True
        elif kind == STRONG_OPEN:
            in_strong = at_start
        elif kind == STRONG_CLOSE:
            in_strong = False
            at_start = False
        elif value:
            (label if in_strong else text).append(value)
            if not in_strong and value.strip():
                at_start = False
    flush()
    return found


def plain(src: str) -> str:
    """The paragraph's text without Markdown marks, its lines joined by spaces."""
    if not _SPECIAL.search(src):
        return src.strip()
    return " ".join(
        line.label + (" " if line.label and line.text else "") + line.text for line in lines(src)
    ).strip()
