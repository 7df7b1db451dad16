"""Provides the article loader: a Markdown exercise article, read as written, into an Exercise."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stretchtimer.errors import InputError, Problem
from stretchtimer.files import read_text
from stretchtimer.model import Exercise, Mistake, Variant
from stretchtimer.text import heading_key, slugify
from stretchtimer.yamlsafe import safe_load

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@cache
def _markdown() -> MarkdownIt:
    """The Markdown tokenizer, built (and imported) the first time an article is parsed: with
    the parsed-article cache warm, a run never needs it."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero").enable(
        [
            "heading",
            "list",
            "table",
            "blockquote",
            "fence",
            "code",
            "hr",
            "html_block",
            "emphasis",
            "backticks",
            "newline",
            "escape",
            "link",
            "image",
            "entity",
            "html_inline",
        ]
    )
    # Inline parsing is done on demand, only for the parts the timer reads (see _children).
    md.core.ruler.disable(["inline", "text_join"])
    logging.getLogger("markdown_it").disabled = True  # its debug calls cost ~20% of a parse
    return md


ARTICLE_MAX_BYTES = 64_000
"""Ten times the longest article we know of; Markdown costs up to ~4 s a megabyte to parse."""
_HOLD_RE = re.compile(r"\bhold\b\D{0,20}?(\d+)(?:\s*(?:-|\u2013|to)\s*\d+)?\s*(sec|s\b|min)", re.I)
_SIDES_RE = re.compile(r"\b(switch (legs|sides)|each side|other side|repeat on the other)", re.I)
_SIDES = {"both", "left", "right", "none"}

# Roles a heading can give the blocks under it.
_ROLES: tuple[tuple[str, str], ...] = (
    ("how to", "howto"),
    ("good sensation", "good"),
    ("red flag", "red"),
    ("stop if", "red"),
    ("warning sign", "red"),
    ("common mistake", "mistakes"),
    ("precaution", "precautions"),
    ("quick facts", "facts"),
    ("what you should feel", "feel"),
)


@dataclass
class _Line:
    """One line of an inline run, split at its bold label if it starts with one."""

    label: str
    text: str


@dataclass
class _Draft:
    """Mutable state while an article is walked."""

    title: str = ""
    first_heading: str = ""
    summary: str = ""
    facts: dict[str, str] = field(default_factory=dict)
    variants: list[dict[str, Any]] = field(default_factory=list)
    good: list[str] = field(default_factory=list)
    red: list[str] = field(default_factory=list)
    mistakes: list[dict[str, str]] = field(default_factory=list)
    precautions: list[str] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    empty: list[tuple[int, str]] = field(default_factory=list)
    """(body line, heading) of sections that should hold something and hold nothing."""


def _role(heading: str) -> str | None:
    key = heading_key(heading)
    for prefix, role in _ROLES:
        if key.startswith(prefix):
            return role
    return None


def _children(inline: Token) -> list[Token]:
    """The inline token's children, parsed the first time they are asked for."""
    if inline.children is None or (not inline.children and inline.content):
        inline.children = []
        md = _markdown()
        md.inline.parse(inline.content, md, {}, inline.children)
    return inline.children


def _plain(inline: Token) -> str:
    """The text of an inline token, without Markdown marks."""
    return "".join(
        line.label + (" " if line.label and line.text else "") + line.text
        for line in _lines(inline)
    ).strip()


def _lines(inline: Token) -> list[_Line]:
    """An inline token's lines, each split into its leading bold label and the rest."""
    lines: list[_Line] = []
    label: list[str] = []
    text: list[str] = []
    in_strong = False
    at_start = True  # nothing but blanks yet on this line, so a bold run here is a label

    def flush() -> None:
        if label or text:
            lines.append(_Line("".join(label).strip(), "".join(text).strip()))
        label.clear()
        text.clear()

    for child in _children(inline):
        if child.type in ("softbreak", "hardbreak"):
            flush()
            at_start = True
        elif child.type == "strong_open":
            in_strong = at_start
        elif child.type == "strong_close":
            in_strong = False
            at_start = False
        elif child.type in ("text", "text_special", "code_inline", "html_inline"):
            (label if in_strong else text).append(child.content)
            if child.content.strip() and not in_strong:
                at_start = False
        elif child.type == "image":
            text.append(child.content)
    flush()
    if len(lines) == 1 and lines[0].label and not lines[0].label.rstrip().endswith(":"):
        # `**Bold** words` that is not a `Label:` reads as one sentence.
        only = lines[0]
        return [_Line("", f"{only.label} {only.text}".strip())]
    return lines


def _label_key(label: str) -> str:
    return heading_key(label)


def _list_items(tokens: list[Token], start: int) -> tuple[list[Token], int]:
    """Every item's inline token (nested ones too) of the list opening at `start`; and the
    index after the list."""
    items: list[Token] = []
    depth = 0
    i = start
    while i < len(tokens):
        tok = tokens[i]
        if tok.nesting == 1 and tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.nesting == -1 and tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                return items, i + 1
        elif tok.type == "inline":
            items.append(tok)
        i += 1
    return items, i


def _table_rows(tokens: list[Token], start: int) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    i = start
    while i < len(tokens) and tokens[i].type != "table_close":
        if tokens[i].type == "tr_open":
            rows.append([])
        elif tokens[i].type == "inline" and rows:
            rows[-1].append(_plain(tokens[i]))
        i += 1
    return rows, i + 1


def _blocks(body: str) -> Iterator[tuple[str, Any]]:
    """The article's blocks in order: heading, para, list, table, quote."""
    tokens = _markdown().parse(body)
    i = 0
    quote = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            line = tok.map[0] if tok.map else 0
            yield "heading", (int(tok.tag[1:]), _plain(tokens[i + 1]), line)
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            items, i = _list_items(tokens, i)
            yield "list", items
            continue
        if tok.type == "table_open":
            rows, i = _table_rows(tokens, i)
            yield "table", rows
            continue
        if tok.type == "blockquote_open":
            quote += 1
        elif tok.type == "blockquote_close":
            quote -= 1
        elif tok.type == "inline":
            yield ("quote" if quote else "para"), tokens[i]
        elif tok.type in ("fence", "code_block"):
            yield "code", tok.content
        i += 1


def _walk(body: str) -> _Draft:
    draft = _Draft()
    stack: list[tuple[int, str | None, str]] = []  # (level, role, heading)
    label = ""
    mistake: dict[str, str] | None = None
    variant: dict[str, Any] | None = None
    section: list[str] | None = None

    def role() -> str | None:
        for _, r, _ in reversed(stack):
            if r:
                return r
        return None

    def new_variant(name: str, line: int) -> dict[str, Any]:
        v: dict[str, Any] = {"name": name, "start": [], "steps": [], "line": line}
        draft.variants.append(v)
        return v

    counts = {
        "good": lambda: len(draft.good),
        "red": lambda: len(draft.red),
        "precautions": lambda: len(draft.precautions),
        "mistakes": lambda: len(draft.mistakes),
        "howto": lambda: len(draft.variants),
    }
    open_marks: list[tuple[int, int, str, str, int]] = []  # level, line, heading, role, count

    def close_marks(level: int) -> None:
        while open_marks and open_marks[-1][0] >= level:
            _, line, heading, r, before = open_marks.pop()
            if counts[r]() == before:
                draft.empty.append((line, heading))

    for kind, value in _blocks(body):
        if kind == "heading":
            level, text, line = value
            if level == 1 and not draft.title:
                draft.title = text
                continue
            draft.first_heading = draft.first_heading or text
            close_marks(level)
            own_role = _role(text)
            if own_role in counts:
                open_marks.append((level, line, text, own_role, counts[own_role]()))
            while stack and stack[-1][0] >= level:
                stack.pop()
            outer = role()
            own = _role(text)
            stack.append((level, own, text))
            label = ""
            mistake = None
            variant = None
            section = None
            if own is None and outer == "howto":
                variant = new_variant(text, line)
            elif own is None and outer == "mistakes":
                mistake = {"title": re.sub(r"^\d+[.)]\s*", "", text)}
                draft.mistakes.append(mistake)
            elif own is None and outer is None:
                if level <= 2 or not draft.sections:
                    section = []
                    draft.sections.append((text, section))
                else:
                    section = draft.sections[-1][1]
                    section.append(f"\n{text}")
            continue
        current = role()
        if kind == "quote":
            lines = _lines(value)
            if not draft.summary and lines:
                draft.summary = " ".join(ln.text or ln.label for ln in lines)
            continue
        if kind == "table":
            if current == "facts" or not draft.facts:
                for row in value:
                    if len(row) >= 2 and row[0]:
                        draft.facts[heading_key(row[0])] = row[1]
            continue
        if current == "howto" and variant is None:
            variant = new_variant("", -1)
        if kind == "para":
            if mistake is None and variant is None:
                if section is not None:
                    section.append(value.content)  # kept as written, not parsed
                continue
            lines = _lines(value)
            if mistake is not None:
                for ln in lines:
                    key = _label_key(ln.label)
                    if key in ("problem", "why", "issue"):
                        mistake["problem"] = ln.text
                    elif key in ("fix", "solution", "correction", "instead"):
                        mistake["fix"] = ln.text
                    elif not ln.label and ln.text and "problem" not in mistake:
                        mistake["problem"] = ln.text
                continue
            for ln in lines:
                if ln.label:
                    label = _label_key(ln.label)
                if variant is not None and ln.label and ln.text:
                    variant["start" if label.startswith("start") else "steps"].append(ln.text)
            continue
        if kind == "list":
            if section is not None and variant is None and current is None:
                section.extend(f"- {tok.content}" for tok in value)
                continue
            items = [text for text in (_plain(tok) for tok in value) if text]
            if variant is not None:
                is_start = label.startswith("start") or label.startswith("position")
                variant["start" if is_start else "steps"].extend(items)
            elif current == "good":
                draft.good.extend(items)
            elif current == "red":
                draft.red.extend(items)
            elif current == "precautions":
                draft.precautions.extend(items)
            elif mistake is not None and "problem" not in mistake and items:
                mistake["problem"] = items[0]
    close_marks(0)
    for v in draft.variants:
        if v["name"] and not v["start"] and not v["steps"]:
            draft.empty.append((v["line"], v["name"]))
    return draft


def _split(path: Path, text: str) -> tuple[dict[str, Any], str, int]:
    """The frontmatter (checked, positions true to the file), the body, and the number of
    file lines before the body."""
    stripped = text.lstrip()
    dropped = text[: len(text) - len(stripped)].count("\n")
    from frontmatter.default_handlers import YAMLHandler

    handler = YAMLHandler()
    if not handler.detect(stripped):
        return {}, stripped, dropped
    try:
        fm, body = handler.split(stripped)
    except ValueError:
        raise InputError.single(
            path,
            "the frontmatter opened with '---' is never closed by another '---' line",
            dropped + 1,
            1,
        ) from None
    data = safe_load(fm, path, dropped)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError.single(
            path, "the frontmatter must be a mapping of 'key: value' lines", dropped + 2, 1
        )
    before_body = stripped[: len(stripped) - len(body)].count("\n")
    return {str(k): v for k, v in data.items()}, body, dropped + before_body


def _json_safe(value: Any) -> Any:
    """Frontmatter as JSON-safe data (dates become ISO text), so it survives the cache."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _hold(meta: dict[str, Any], steps: list[str]) -> int | None:
    value = meta.get("hold")
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    for step in steps:
        match = _HOLD_RE.search(step)
        if match:
            n = int(match.group(1))
            return n * 60 if match.group(2).lower().startswith("min") else n
    return None


def _sides(meta: dict[str, Any], steps: list[str]) -> str | None:
    value = meta.get("sides")
    if isinstance(value, str) and value in _SIDES:
        return value
    return "both" if any(_SIDES_RE.search(s) for s in steps) else None


def _variant(meta: dict[str, Any], raw: dict[str, Any], seen: set[str]) -> Variant:
    name: str = raw["name"]
    base = slugify(name) or "default"
    vid = base
    n = 2
    while vid in seen:
        vid = f"{base}-{n}"
        n += 1
    seen.add(vid)
    return Variant(
        id=vid,
        name=name,
        starting_position=tuple(raw["start"]),
        steps=tuple(raw["steps"]),
        hold=_hold(meta, raw["steps"]),
        sides=_sides(meta, raw["steps"]),
    )


def parse_article(path: Path, text: str, exercise_id: str | None = None) -> Exercise:
    """An Exercise from an article's text; InputError if it cannot be one."""
    meta, body, body_line = _split(path, text)
    draft = _walk(body)
    if draft.empty:
        raise InputError(
            [
                Problem(path, f"section '{heading}' is empty", body_line + line + 1, 1)
                for line, heading in sorted(draft.empty)
            ]
        )
    fm_title = meta.get("title")
    fm_title = fm_title.strip() if isinstance(fm_title, str) else ""
    title = draft.title or fm_title or draft.first_heading
    if not title:
        raise InputError.single(
            path, "no title: add a '# Title' heading or 'title:' to the frontmatter", 1, 1
        )
    targets_raw = draft.facts.get("targets") or meta.get("targets") or ""
    if isinstance(targets_raw, list):
        targets = tuple(str(t).strip() for t in targets_raw if str(t).strip())
    else:
        targets = tuple(t.strip() for t in str(targets_raw).split(",") if t.strip())
    difficulty = meta.get("difficulty") or draft.facts.get("difficulty") or ""
    raws = draft.variants or [{"name": "", "start": [], "steps": []}]
    seen: set[str] = set()
    variants = tuple(_variant(meta, raw, seen) for raw in raws)
    mistakes = tuple(
        Mistake(m.get("title", "").strip(), m.get("problem", ""), m.get("fix", ""))
        for m in draft.mistakes
        if m.get("title", "").strip()
    )
    summary = draft.summary
    if summary.lower().startswith("at a glance:"):
        summary = summary[len("at a glance:") :].strip()
    if not summary and isinstance(meta.get("description"), str):
        summary = meta["description"]
    return Exercise(
        id=exercise_id or path.stem,
        title=title,
        path=path,
        summary=summary,
        difficulty=str(difficulty),
        targets=targets,
        variants=variants,
        good_sensations=tuple(draft.good),
        red_flags=tuple(draft.red),
        mistakes=mistakes,
        precautions=tuple(draft.precautions),
        sections=tuple((h, "\n".join(lines).strip()) for h, lines in draft.sections),
        metadata=_json_safe(meta),
    )


def load_article(path: Path, exercise_id: str | None = None) -> Exercise:
    """Read and parse the article at `path`."""
    return parse_article(path, read_text(path, ARTICLE_MAX_BYTES), exercise_id)


def article_warnings(ex: Exercise) -> list[str]:
    """What a timer will miss in this article: shown by `check`, never fatal."""
    out: list[str] = []
    if not ex.red_flags:
        out.append("no 'Red Flags—Stop If:' list: nothing will tell the user when to stop")
    for v in ex.variants:
        if not v.steps:
            name = f"variant '{v.name}'" if v.name else "the exercise"
            out.append(f"{name} has no movement steps")
    return out
