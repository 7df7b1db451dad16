"""Provides the article loader: a Markdown exercise article, read as written, into an Exercise."""

from __future__ import annotations

from pathlib import Path

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.model import Exercise, Mistake, Section
from stretchtimer.core.text import one_line
from stretchtimer.library.article_extras import with_advice, with_figures
from stretchtimer.library.article_front import json_safe, split_front
from stretchtimer.library.article_meta import merged, read_meta, region_of
from stretchtimer.library.article_safe import shown_safely
from stretchtimer.library.article_variants import build_variant, variant_ids
from stretchtimer.library.article_walk import walk
from stretchtimer.library.files import read_text

ARTICLE_MAX_BYTES = 32_000
"""Six times the longest article we know of (the seed, 5.4 kB). markdown-it-py costs about
10 µs a character at worst (a file of open brackets), so the worst article allowed costs well
under the second a bad input may take (at 64 kB it took 0.7-1.0 s)."""
DIFFICULTIES = ("beginner", "intermediate", "advanced")


def _difficulty(value: object) -> str:
    """One spelling whatever the source: `Beginner`, `beginner`, `BEGINNER (easy)` are all
    `beginner`; a word of the article's own is kept, lower-cased."""
    word = one_line(str(value or "")).strip().lower()
    return next((d for d in DIFFICULTIES if word.startswith(d)), word)


def parse_article(path: Path, text: str, exercise_id: str | None = None) -> Exercise:
    """An Exercise from an article's text; InputError if it cannot be one."""
    meta, body, body_line = split_front(path, text)
    draft = walk(body)
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
    ids = variant_ids(raws)
    common, own, region = read_meta(path, text, meta, ids)
    variants = tuple(
        build_variant(meta, raw, vid, merged(common, own.get(vid)))
        for raw, vid in zip(raws, ids, strict=True)
    )
    mistakes = tuple(
        Mistake(m.get("title", "").strip(), m.get("problem", ""), m.get("fix", ""))
        for m in draft.mistakes
        if m.get("title", "").strip()
    )
    variants = with_figures(path, text, meta, variants)
    variants = with_advice(path, text, variants, mistakes, tuple(draft.modifications))
    summary = draft.summary
    if summary.lower().startswith("at a glance:"):
        summary = summary[len("at a glance:") :].strip()
    if not summary and isinstance(meta.get("description"), str):
        summary = meta["description"]
    return shown_safely(
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
            metadata=json_safe(meta),
        )
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
