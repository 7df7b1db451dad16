"""Tests the article loader on varied articles, as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTICLES

from stretchtimer.core.errors import InputError
from stretchtimer.core.model import Section
from stretchtimer.library.articles import load_article, parse_article


def test_full_article_reads_every_part() -> None:
    """A complete article yields title, facts, variants, feelings, flags, mistakes, cautions."""
    ex = load_article(ARTICLES / "wall-angel.md")
    assert ex.id == "wall-angel"
    assert ex.title == "Wall Angel: Open the Chest and Upper Back"
    assert ex.summary.startswith("Standing with your back to a wall")
    assert ex.targets == ("Upper back", "chest", "shoulders")
    assert ex.difficulty == "intermediate"
    assert [v.id for v in ex.variants] == ["standing-wall-angel", "floor-angel"]
    standing, floor = ex.variants
    assert standing.name == "Standing Wall Angel"
    assert standing.starting_position == (
        "Stand with heels a small step from the wall",
        "Press the back of the head, upper back and hips to the wall",
    )
    assert len(standing.steps) == 4 and standing.steps[0].startswith("Raise the arms")
    assert standing.hold == 40
    assert floor.starting_position == () and len(floor.steps) == 3
    assert ex.good_sensations == ("Work between the shoulder blades", "A stretch across the chest")
    assert ex.red_flags == (
        "Pins and needles in the hands",
        "Sharp shoulder pain",
        "Neck pain that builds",
    )
    assert [m.title for m in ex.mistakes] == ["Arching the Back", "Shrugging"]
    assert ex.mistakes[1].problem == "The shoulders climb toward the ears"
    assert ex.mistakes[1].fix == "Keep the shoulders down as the arms rise"
    assert ex.cautions == (
        "A recent shoulder dislocation",
        "Frozen shoulder (work in a small range)",
    )
    assert Section("When to Use", (), (Section("At the Desk", ("- Every hour of sitting",)),)) in (
        ex.sections
    )
    assert ex.metadata["audience"] == "desk workers"


def test_metadata_only_in_frontmatter_and_no_how_to() -> None:
    """No H1 and no How-to: frontmatter title, one unnamed variant, frontmatter hold and sides."""
    ex = load_article(ARTICLES / "neck-roll-minimal.md")
    assert ex.title == "Neck Release"
    assert len(ex.variants) == 1
    only = ex.variants[0]
    assert (only.id, only.name, only.hold, only.sides) == ("default", "", 25, "both")
    assert ex.red_flags == ("Dizziness", "Pain spreading into an arm")


def test_other_heading_levels() -> None:
    """Deeper heading levels and lists with bullets still map to their parts."""
    ex = load_article(ARTICLES / "deep-levels.md")
    assert ex.title == "Seated Forward Fold"
    assert [v.id for v in ex.variants] == ["straight-legs"]
    v = ex.variants[0]
    assert v.starting_position == ("Sit with legs long in front of you",)
    assert v.steps == ("Hinge forward from the hips", "Reach toward the shins", "Hold 1 minute")
    assert v.hold == 60
    assert ex.red_flags == ("Pain behind the knee",)
    assert ex.mistakes[0].problem == "The back takes all the load"
    assert ex.mistakes[0].fix == "Lead with the chest"


@pytest.mark.parametrize(
    "heading",
    ["### Red Flags—Stop If:", "### Red Flags - Stop If", "## red flags – stop if:", "### Stop If"],
)
def test_red_flag_heading_spellings(heading: str) -> None:
    """Dashes, case, trailing colons and heading levels do not hide the red flags."""
    text = f"# Twist\n\n{heading}\n\n- Sharp pain\n- Numbness\n"
    ex = parse_article(Path("twist.md"), text)
    assert ex.red_flags == ("Sharp pain", "Numbness")


def test_how_to_without_subheadings_is_one_unnamed_variant() -> None:
    """A How-to section with lists but no variant headings becomes one unnamed variant."""
    text = (
        "# Calf Stretch\n\n## How to Do It\n\n**Starting Position:**\n1. Face a wall\n\n"
        "**The Movement:**\n1. Step one foot back\n2. Hold 30 seconds\n3. Switch sides\n"
    )
    ex = parse_article(Path("calf.md"), text)
    (v,) = ex.variants
    assert (v.id, v.name) == ("default", "")
    assert v.starting_position == ("Face a wall",)
    assert v.steps == ("Step one foot back", "Hold 30 seconds", "Switch sides")
    assert (v.hold, v.sides) == (30, "both")


def test_frontmatter_hold_wins_over_prose() -> None:
    """An explicit frontmatter key wins over what the prose says."""
    text = "---\nhold: 45\nsides: left\n---\n# Calf\n\n## How to\n\n1. Hold 20 seconds\n2. Switch sides\n"
    (v,) = parse_article(Path("calf.md"), text).variants
    assert (v.hold, v.sides) == (45, "left")


def test_h1_wins_over_frontmatter_title() -> None:
    """The H1 is the title; the frontmatter title is only a fallback."""
    ex = parse_article(Path("x.md"), "---\ntitle: Site | Name\n---\n# Real Title\n")
    assert ex.title == "Real Title"


@pytest.mark.parametrize(
    ("name", "position", "words"),
    [
        ("broken-frontmatter.md", (5, 11), "flow sequence"),
        ("no-title.md", (1, 1), "no title"),
        ("unclosed.md", (1, 1), "never closed"),
    ],
)
def test_malformed_articles_name_file_line_col(
    name: str, position: tuple[int, int], words: str
) -> None:
    """A malformed article is one error with the file, line and column."""
    with pytest.raises(InputError) as info:
        load_article(ARTICLES / name)
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == position
    assert words in problem.message
    assert str(problem).startswith(f"{ARTICLES / name}:{position[0]}:{position[1]}: ")


def test_frontmatter_error_line_counts_dropped_blank_lines(tmp_path: Path) -> None:
    """python-frontmatter strips leading blank lines; the error line still points at the file."""
    path = tmp_path / "x.md"
    path.write_text("\n\n\n---\ntitle: ok\nbad: : :\n---\n# X\n")
    with pytest.raises(InputError) as info:
        load_article(path)
    assert info.value.problems[0].line == 6


def test_frontmatter_must_be_a_mapping(tmp_path: Path) -> None:
    """A frontmatter that is a list is refused with its position."""
    path = tmp_path / "x.md"
    path.write_text("---\n- a\n- b\n---\n# X\n")
    with pytest.raises(InputError, match="mapping"):
        load_article(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"# A\n\xff\xfe bad", "not UTF-8"), (b"# A\x00\x01", "binary")],
)
def test_unreadable_bytes(tmp_path: Path, data: bytes, message: str) -> None:
    """Non-UTF-8 and binary files are refused plainly."""
    path = tmp_path / "x.md"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        load_article(path)


def test_setext_headings_read_as_commonmark_reads_them() -> None:
    """An underlined title and section (`===`, `---`) are headings, as CommonMark has them."""
    text = (
        "Calf Raise\n==========\n\n"
        "How to Do It\n------------\n\n"
        "**Starting Position:**\n\n1. Stand tall\n\n**The Movement:**\n\n1. Rise onto the toes\n\n"
        "Red Flags—Stop If:\n------------------\n\n- Cramp in the calf\n"
    )
    ex = parse_article(Path("calf-raise.md"), text)
    assert ex.title == "Calf Raise"
    assert ex.variants[0].starting_position == ("Stand tall",)
    assert ex.variants[0].steps == ("Rise onto the toes",)
    assert ex.red_flags == ("Cramp in the calf",)


def test_html_in_an_article_is_text_never_markup() -> None:
    """Inline HTML is kept as the words written, and a lone HTML block is a paragraph."""
    text = "# Neck Roll\n\n### Red Flags\n\n- Pain <b>behind</b> the eye\n- <script>x</script>\n"
    ex = parse_article(Path("neck-roll.md"), text)
    assert ex.red_flags == ("Pain <b>behind</b> the eye", "<script>x</script>")
