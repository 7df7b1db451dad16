"""Provides the article walker: a body's blocks, in order, into a Draft of the article's parts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from stretchtimer.core.text import heading_key
from stretchtimer.library.markdown import Code, Heading, Line, ListBlock, Table, Text, blocks

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
_SIDE_LABELS = {"left side": "left", "left": "left", "right side": "right", "right": "right"}
"""`**Left side:** your left knee comes in`: what a side means in a two-sided variant."""
_MODIFY = re.compile(r"^(modif|easier|make it easier|if it is too|adapt)")
"""A Precautions subsection of ways to make it easier, not of conditions to take care with."""
_PROBLEM_KEYS = ("problem", "why", "issue")
_FIX_KEYS = ("fix", "solution", "correction", "instead")


@dataclass
class Draft:
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


_COUNTS: dict[str, Callable[[Draft], int]] = {
    "good": lambda d: len(d.good),
    "red": lambda d: len(d.red),
    "precautions": lambda d: len(d.cautions) + len(d.modifications),
    "mistakes": lambda d: len(d.mistakes),
    "howto": lambda d: len(d.variants),
}
"""What a section of each role adds to: one that adds nothing is empty."""


def _plain(label: str, text: str) -> str:
    return f"{label} {text}".strip()


def _role(heading: str) -> str | None:
    key = heading_key(heading)
    for prefix, role in _ROLES:
        if key.startswith(prefix):
            return role
    return None


class _Walker:
    """Walks one body: a method for each kind of block, and one for each kind of
    subsection a role's heading opens (a variant, a mistake, a precautions part, a section
    kept whole)."""

    def __init__(self) -> None:
        self.draft = Draft()
        self.stack: list[tuple[int, str | None, str]] = []  # (level, role, heading)
        self.role: str | None = None
        """The innermost role of the headings open (what the blocks here are)."""
        self.label = ""
        self.mistake: dict[str, str] | None = None
        self.variant: dict[str, Any] | None = None
        self.section: list[str] | None = None
        self.caution_kind = "cautions"
        self.marks: list[tuple[int, int, str, str, int]] = []  # level, line, heading, role, count

    def walk(self, body: str) -> Draft:
        for block in blocks(body):
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Code):
                continue
            elif isinstance(block, Text) and block.quoted:
                self.quote(block)
            elif isinstance(block, Table):
                self.table(block)
            else:
                if self.role == "howto" and self.variant is None:
                    self.variant = self.new_variant("", -1)
                if isinstance(block, Text):
                    self.text(block)
                else:
                    self.items(block)
        self.close_marks(0)
        for v in self.draft.variants:
            if v["name"] and not v["start"] and not v["steps"]:
                self.draft.empty.append((v["line"], v["name"]))
        return self.draft

    # -- headings -----------------------------------------------------------------------

    def close_marks(self, level: int) -> None:
        """Sections at `level` or deeper are over: note those that added nothing."""
        while self.marks and self.marks[-1][0] >= level:
            _, line, heading, role, before = self.marks.pop()
            if _COUNTS[role](self.draft) == before:
                self.draft.empty.append((line, heading))

    def heading(self, block: Heading) -> None:
        level, text = block.level, block.text
        if level == 1 and not self.draft.title:
            self.draft.title = text
            return
        self.draft.first_heading = self.draft.first_heading or text
        self.close_marks(level)
        own = _role(text)
        if own in _COUNTS:
            self.marks.append((level, block.line, text, own, _COUNTS[own](self.draft)))
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        outer = self.role_of_stack()
        self.stack.append((level, own, text))
        self.role = own or outer
        self.label = ""
        self.mistake = None
        self.variant = None
        self.section = None
        if own == "precautions":
            self.caution_kind = "cautions"
        if own is None:
            opens = _SUBSECTIONS.get(outer)
            if opens is not None:
                opens(self, block)

    def role_of_stack(self) -> str | None:
        for _, role, _ in reversed(self.stack):
            if role:
                return role
        return None

    def new_variant(self, name: str, line: int) -> dict[str, Any]:
        v: dict[str, Any] = {"name": name, "start": [], "steps": [], "line": line}
        self.draft.variants.append(v)
        return v

    def open_variant(self, block: Heading) -> None:
        """A heading under How-to: a variant of its own."""
        self.variant = self.new_variant(block.text, block.line)

    def open_mistake(self, block: Heading) -> None:
        """A heading under Common mistakes: one mistake (`2. Rounding the back`)."""
        self.mistake = {"title": re.sub(r"^\d+[.)]\s*", "", block.text)}
        self.draft.mistakes.append(self.mistake)

    def open_caution_part(self, block: Heading) -> None:
        """A heading under Precautions: ways to make it easier, or conditions to mind."""
        easier = _MODIFY.match(heading_key(block.text))
        self.caution_kind = "modifications" if easier else "cautions"

    def open_section(self, block: Heading) -> None:
        """A heading of no role: a section kept whole (deeper ones are its parts)."""
        self.section = []
        if block.level <= 2 or not self.draft.sections:
            self.draft.sections.append({"title": block.text, "lines": self.section, "parts": []})
        else:
            self.draft.sections[-1]["parts"].append({"title": block.text, "lines": self.section})

    # -- other blocks -------------------------------------------------------------------

    def quote(self, block: Text) -> None:
        """A quote: the first one is the summary."""
        if not self.draft.summary and block.lines:
            self.draft.summary = " ".join(ln.text or ln.label for ln in block.lines)

    def table(self, block: Table) -> None:
        """Quick facts: the table under that heading, or else the first table."""
        draft = self.draft
        if self.role == "facts" or not draft.facts:
            for row in block.rows:
                if len(row) >= 2 and row[0]:
                    draft.facts[heading_key(row[0])] = row[1]
                    draft.rows.append((row[0].strip().rstrip(":"), row[1]))

    def text(self, block: Text) -> None:
        said = [_plain(ln.label, ln.text) for ln in block.lines]
        first = heading_key(said[0]) if said else ""
        if first.startswith("disclaimer") or first.startswith("last reviewed"):
            text = " ".join(said).split(":", 1)[-1].strip()
            if first.startswith("disclaimer"):
                self.draft.disclaimer = text
            else:
                self.draft.reviewed = text
        elif self.mistake is not None:
            self.mistake_lines(self.mistake, block.lines)
        elif self.variant is not None:
            self.variant_lines(self.variant, block.lines)
        elif self.section is not None:
            self.section.extend(said)

    def mistake_lines(self, mistake: dict[str, str], lines: tuple[Line, ...]) -> None:
        """`**Problem:** ...`, `**Fix:** ...`; an unlabelled line is the problem."""
        for ln in lines:
            key = heading_key(ln.label)
            if key in _PROBLEM_KEYS:
                mistake["problem"] = ln.text
            elif key in _FIX_KEYS:
                mistake["fix"] = ln.text
            elif not ln.label and ln.text and "problem" not in mistake:
                mistake["problem"] = ln.text

    def variant_lines(self, variant: dict[str, Any], lines: tuple[Line, ...]) -> None:
        """`**Starting Position:** ...`, `**Left side:** ...` and labelled steps."""
        for ln in lines:
            if ln.label:
                self.label = heading_key(ln.label)
            if ln.label and ln.text:
                if self.label in _SIDE_LABELS:
                    variant[_SIDE_LABELS[self.label]] = ln.text
                else:
                    where = "start" if self.label.startswith("start") else "steps"
                    variant[where].append(ln.text)

    def items(self, block: ListBlock) -> None:
        if self.section is not None and self.variant is None and self.role is None:
            self.section.extend(f"- {item.text}" for item in block.items if item.text)
            return
        items = [item.text for item in block.items if item.text]
        if self.variant is not None:
            is_start = self.label.startswith("start") or self.label.startswith("position")
            self.variant["start" if is_start else "steps"].extend(items)
        elif (listed := self.role_list()) is not None:
            listed.extend(items)
        elif self.mistake is not None and "problem" not in self.mistake and items:
            self.mistake["problem"] = items[0]

    def role_list(self) -> list[str] | None:
        """The draft's list a list here adds to (good sensations, red flags, precautions)."""
        draft = self.draft
        if self.role == "good":
            return draft.good
        if self.role == "red":
            return draft.red
        if self.role == "precautions":
            return draft.modifications if self.caution_kind == "modifications" else draft.cautions
        return None


_SUBSECTIONS: dict[str | None, Callable[[_Walker, Heading], None]] = {
    "howto": _Walker.open_variant,
    "mistakes": _Walker.open_mistake,
    "precautions": _Walker.open_caution_part,
    None: _Walker.open_section,
}
"""What a heading of no role of its own opens, by the role of the heading it is under."""


def walk(body: str) -> Draft:
    """The parts of an article's body, as written."""
    return _Walker().walk(body)
