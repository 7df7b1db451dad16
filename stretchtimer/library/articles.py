"""Provides the article loader: a Markdown exercise article, read as written, into an Exercise."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.model import Exercise, Mistake, Variant
from stretchtimer.core.text import heading_key, one_line, slugify, visible
from stretchtimer.library.files import read_text
from stretchtimer.library.markdown import Code, Heading, ListBlock, Table, Text, blocks
from stretchtimer.library.yamlsafe import safe_load

ARTICLE_MAX_BYTES = 64_000
"""Ten times the longest article we know of; Markdown costs up to ~4 s a megabyte to parse."""
_HOLD_RE = re.compile(
    r"\bhold\b[^0-9]{0,20}?([0-9]{1,9})(?:\s*(?:-|\u2013|to)\s*[0-9]+)?\s*(sec|s\b|min)", re.I
)
"""`Hold for 20-30 seconds`: the first number, in ASCII digits (never handed a huge one)."""
_SIDES_RE = re.compile(r"\b(switch (legs|sides)|each side|other side|repeat on the other)", re.I)
_SIDES = {"both", "left", "right", "none"}
_SIDE_LABELS = {"left side": "left", "left": "left", "right side": "right", "right": "right"}
"""`**Left side:** your left knee comes in`: what a side means in a two-sided variant."""

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

    for block in blocks(body):
        if isinstance(block, Heading):
            level, text, line = block.level, block.text, block.line
            if level == 1 and not draft.title:
                draft.title = text
                continue
            draft.first_heading = draft.first_heading or text
            close_marks(level)
            own = _role(text)
            if own in counts:
                open_marks.append((level, line, text, own, counts[own]()))
            while stack and stack[-1][0] >= level:
                stack.pop()
            outer = role()
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
        if isinstance(block, Code):
            continue
        if isinstance(block, Text) and block.quoted:
            if not draft.summary and block.lines:
                draft.summary = " ".join(ln.text or ln.label for ln in block.lines)
            continue
        if isinstance(block, Table):
            if current == "facts" or not draft.facts:
                for row in block.rows:
                    if len(row) >= 2 and row[0]:
                        draft.facts[heading_key(row[0])] = row[1]
            continue
        if current == "howto" and variant is None:
            variant = new_variant("", -1)
        if isinstance(block, Text):
            if mistake is None and variant is None:
                if section is not None:
                    section.append(block.source)  # kept as written, not parsed
                continue
            if mistake is not None:
                for ln in block.lines:
                    key = heading_key(ln.label)
                    if key in ("problem", "why", "issue"):
                        mistake["problem"] = ln.text
                    elif key in ("fix", "solution", "correction", "instead"):
                        mistake["fix"] = ln.text
                    elif not ln.label and ln.text and "problem" not in mistake:
                        mistake["problem"] = ln.text
                continue
            for ln in block.lines:
                if ln.label:
                    label = heading_key(ln.label)
                if variant is not None and ln.label and ln.text:
                    if label in _SIDE_LABELS:
                        variant[_SIDE_LABELS[label]] = ln.text
                    else:
                        variant["start" if label.startswith("start") else "steps"].append(ln.text)
            continue
        if isinstance(block, ListBlock):
            if section is not None and variant is None and current is None:
                section.extend(f"- {item.source}" for item in block.items)
                continue
            items = [item.text for item in block.items if item.text]
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
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # the routine that uses it checks its range
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
        left=raw.get("left", ""),
        right=raw.get("right", ""),
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
    return _shown_safely(
        Exercise(
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
    )


def _shown_safely(ex: Exercise) -> Exercise:
    """The exercise with every text that can reach a terminal made safe: one-line fields
    with their control characters shown as escapes (and breaks as spaces), sections keeping
    their newlines. Done once here, so every view, plain line and screen gets safe text."""

    def lines(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(one_line(s) for s in items)

    return replace(
        ex,
        title=one_line(ex.title),
        summary=one_line(ex.summary),
        difficulty=one_line(ex.difficulty),
        targets=lines(ex.targets),
        variants=tuple(
            replace(
                v,
                name=one_line(v.name),
                starting_position=lines(v.starting_position),
                steps=lines(v.steps),
                left=one_line(v.left),
                right=one_line(v.right),
            )
            for v in ex.variants
        ),
        good_sensations=lines(ex.good_sensations),
        red_flags=lines(ex.red_flags),
        mistakes=tuple(
            Mistake(one_line(m.title), one_line(m.problem), one_line(m.fix)) for m in ex.mistakes
        ),
        precautions=lines(ex.precautions),
        sections=tuple((one_line(h), visible(text)) for h, text in ex.sections),
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
        name = f"variant '{v.name}'" if v.name else "the exercise"
        if not v.steps:
            out.append(f"{name} has no movement steps")
        if v.sides == "both" and not (v.left or v.right):
            out.append(
                f"{name} is done on both sides but does not say what 'left' means: add a line "
                "like '**Left side:** your left knee comes in'"
            )
    return out
