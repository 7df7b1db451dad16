"""Tests the seed article (`../shared/seeds/knee-to-chest.md`, the kind users already write):
read as written. It lives beside the repository, not in it: a clone without it skips."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchtimer.library.articles import load_article

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "knee-to-chest.md"

pytestmark = pytest.mark.skipif(
    not SEED.is_file(), reason=f"the seed article is not beside this clone ({SEED})"
)


def test_the_seed_article_reads_as_written() -> None:
    """Title, both variants with their steps, holds and sides, red flags, mistakes, cautions."""
    ex = load_article(SEED)
    assert ex.title == "Knee-to-Chest Stretch: Lower Back and Hip Relief"
    assert [v.name for v in ex.variants] == ["Single Knee to Chest", "Double Knee to Chest"]
    single, double = ex.variants
    assert (single.id, single.hold, single.sides) == ("single-knee-to-chest", 20, "both")
    assert single.starting_position and single.steps and double.steps
    assert len(ex.red_flags) == 4 and len(ex.good_sensations) == 4
    assert [m.title for m in ex.mistakes][:2] == ["Forcing the Stretch", "Holding Breath"]
    assert all(m.problem and m.fix for m in ex.mistakes)
    assert ex.targets[0] == "Lower back"
    assert ex.difficulty == "beginner"  # "beginner" in the frontmatter, "Beginner" in the table


def test_every_part_of_the_seed_is_kept_apart() -> None:
    """Precautions' two lists apart, every Quick Facts row, every other section with its
    subsections as plain text, the disclaimer on its own: nothing of the article is lost."""
    ex = load_article(SEED)
    assert ex.cautions == (
        "Acute back injury",
        "Disc issues (consult provider)",
        "Hip replacement (consult provider)",
        "Pregnancy (single knee may be better)",
    )
    assert ex.modifications == (
        "Use single knee version",
        "Don't pull as far",
        "Place pillow under head",
        "Keep movement small",
    )
    assert [k for k, _ in ex.facts] == [
        "Targets", "Best For", "Difficulty", "Equipment", "Time", "Frequency",
    ]
    assert dict(ex.facts)["Equipment"] == "None (mat optional)"
    titles = [s.title for s in ex.sections]
    assert titles == [
        "Why This Stretch Helps",
        "Variations",
        "When to Use This Stretch",
        "Programming",
        "Who Benefits Most",
        "Frequently Asked Questions",
        "Related Exercises",
        "Related Conditions",
    ]
    when = ex.sections[2]
    assert [p.title for p in when.parts] == [
        "Morning", "After Sitting", "Before Sleep", "During Flare-Ups",
    ]
    assert when.parts[0].lines == (
        "- Loosens overnight stiffness", "- Gentle wake-up for spine", "- Before getting out of bed",
    )
    faq = ex.sections[5].parts[0]
    assert faq.title == "How long should I hold?"
    assert faq.lines == ("Minimum 20 seconds, up to 60 seconds for deeper release.",)
    assert ex.sections[6].lines[0] == "- Cat-Cow"  # the link's text, not its Markdown
    assert ex.disclaimer.startswith("If you have spine conditions or injuries")
    assert ex.reviewed == "January 2025"
    assert not any("Disclaimer" in line for s in ex.sections for line in s.lines)
