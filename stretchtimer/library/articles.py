"""Provides the article loader: a Markdown exercise article, read as written, into an Exercise."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.model import Exercise, Mistake, Section, Variant
from stretchtimer.core.text import heading_key, one_line, slugify
from stretchtimer.library.article_meta import VariantMeta, merged, read_meta, region_of
from stretchtimer.library.files import read_text
from stretchtimer.library.markdown import Code, Heading, ListBlock, Table, Text, blocks
from stretchtimer.library.yamlsafe import safe_load

ARTICLE_MAX_BYTES = 32_000
"""Six times the longest article we know of (the seed, 5.4 kB). markdown-it-py costs about
10 µs a character at worst (a file of open brackets), so the worst article allowed costs well
under the second a bad input may take (at 64 kB it took 0.7-1.0 s)."""
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
    cautions: list[str] = field(default_factory=list)
    modifications: list[str] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    disclaimer: str = ""
    reviewed: str = ""
    empty: list[tuple[int, str]] = field(default_factory=list)
    """(body line, heading) of sections that should hold something and hold nothing."""


_MODIFY = re.compile(r"^(modif|easier|make it easier|if it is too|adapt)")
"""A Precautions subsection of ways to make it easier, not of conditions to take care with."""
DIFFICULTIES = ("beginner", "intermediate", "advanced")


def _plain(label: str, text: str) -> str:
    return f"{label} {text}".strip()


def _difficulty(value: object) -> str:
    """One spelling whatever the source: `Beginner`, `beginner`, `BEGINNER (easy)` are all
    `beginner`; a word of the article's own is kept, lower-cased."""
    word = one_line(str(value or "")).strip().lower()
    return next((d for d in DIFFICULTIES if word.startswith(d)), word)


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
    caution_kind = "cautions"

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
        "precautions": lambda: len(draft.cautions) + len(draft.modifications),
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
            if own == "precautions":
                caution_kind = "cautions"
            if own is None and outer == "howto":
                variant = new_variant(text, line)
            elif own is None and outer == "mistakes":
                mistake = {"title": re.sub(r"^\d+[.)]\s*", "", text)}
                draft.mistakes.append(mistake)
            elif own is None and outer == "precautions":
                caution_kind = "modifications" if _MODIFY.match(heading_key(text)) else "cautions"
            elif own is None and outer is None:
                if level <= 2 or not draft.sections:
                    section = []
                    draft.sections.append({"title": text, "lines": section, "parts": []})
                else:
                    section = []
                    draft.sections[-1]["parts"].append({"title": text, "lines": section})
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
                        draft.rows.append((row[0].strip().rstrip(":"), row[1]))
            continue
        if current == "howto" and variant is None:
            variant = new_variant("", -1)
        if isinstance(block, Text):
            said = [_plain(ln.label, ln.text) for ln in block.lines]
            first = heading_key(said[0]) if said else ""
            if first.startswith("disclaimer") or first.startswith("last reviewed"):
                text = " ".join(said).split(":", 1)[-1].strip()
                if first.startswith("disclaimer"):
                    draft.disclaimer = text
                else:
                    draft.reviewed = text
                continue
            if mistake is None and variant is None:
                if section is not None:
                    section.extend(said)
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
                section.extend(f"- {item.text}" for item in block.items if item.text)
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
                (draft.modifications if caution_kind == "modifications" else draft.cautions).extend(
                    items
                )
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


def _hold(meta: dict[str, Any], steps: list[str], low: int | None) -> int | None:
    value = meta.get("hold")
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # the routine that uses it checks its range
    for step in steps:
        match = _HOLD_RE.search(step)
        if match:
            n = int(match.group(1))
            n = n * 60 if match.group(2).lower().startswith("min") else n
            return n if low is None else max(n, low)
    return low


def _sides(meta: dict[str, Any], steps: list[str]) -> str | None:
    value = meta.get("sides")
    if isinstance(value, str) and value in _SIDES:
        return value
    return "both" if any(_SIDES_RE.search(s) for s in steps) else None


def _variant_ids(raws: list[dict[str, Any]]) -> list[str]:
    """Each variant's id: the slug of its heading, made unique with -2, -3."""
    seen: list[str] = []
    for raw in raws:
        base = slugify(raw["name"]) or "default"
        vid = base
        n = 2
        while vid in seen:
            vid = f"{base}-{n}"
            n += 1
        seen.append(vid)
    return seen


def _variant(meta: dict[str, Any], raw: dict[str, Any], vid: str, more: VariantMeta) -> Variant:
    return Variant(
        id=vid,
        name=raw["name"],
        starting_position=tuple(raw["start"]),
        steps=tuple(raw["steps"]),
        hold=_hold(meta, raw["steps"], more.hold_min),
        sides=_sides(meta, raw["steps"]),
        left=raw.get("left", ""),
        right=raw.get("right", ""),
        position=more.position,
        equipment=more.equipment or (),
        flow=more.flow,
        hold_min=more.hold_min,
        hold_max=more.hold_max,
        easier=more.easier,
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
    difficulty = _difficulty(meta.get("difficulty") or draft.facts.get("difficulty"))
    raws = draft.variants or [{"name": "", "start": [], "steps": []}]
    ids = _variant_ids(raws)
    common, own, region = read_meta(path, text, meta, ids)
    variants = tuple(
        _variant(meta, raw, vid, merged(common, own.get(vid)))
        for raw, vid in zip(raws, ids, strict=True)
    )
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
            difficulty=difficulty,
            targets=targets,
            variants=variants,
            good_sensations=tuple(draft.good),
            red_flags=tuple(draft.red),
            mistakes=mistakes,
            cautions=tuple(draft.cautions),
            modifications=tuple(draft.modifications),
            facts=tuple(draft.rows),
            sections=tuple(
                Section(
                    sec["title"],
                    tuple(sec["lines"]),
                    tuple(Section(p["title"], tuple(p["lines"])) for p in sec["parts"]),
                )
                for sec in draft.sections
            ),
            disclaimer=draft.disclaimer,
            reviewed=draft.reviewed,
            region=region_of(region, targets),
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
        cautions=lines(ex.cautions),
        modifications=lines(ex.modifications),
        facts=tuple((one_line(k), one_line(v)) for k, v in ex.facts),
        sections=tuple(_safe_section(sec) for sec in ex.sections),
        disclaimer=one_line(ex.disclaimer),
        reviewed=one_line(ex.reviewed),
    )


def _safe_section(sec: Section) -> Section:
    return Section(
        one_line(sec.title),
        tuple(one_line(s) for s in sec.lines),
        tuple(_safe_section(p) for p in sec.parts),
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
