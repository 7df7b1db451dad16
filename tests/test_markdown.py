"""Tests for the Markdown reader (md_blocks, md_inline): articles read exactly as markdown-it-py
(a full CommonMark reader) reads them, and each construct an article uses read as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from md_oracle import _MD, _lines, blocks, ours

from stretchtimer import paths
from stretchtimer.content import _split
from stretchtimer.errors import InputError
from stretchtimer.md_blocks import blocks as our_blocks
from stretchtimer.md_inline import Line, lines, plain

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ARTICLES = sorted(
    [
        *paths.bundled_dir("content").glob("*.md"),
        *(Path(__file__).parent / "fixtures" / "articles").glob("*.md"),
        *SEEDS.glob("*.md"),
    ]
)
SOME = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

# Lines an article is made of; Hypothesis strings them together in any order.
PIECES = ["# H", "## Red Flags", "### Var", "#nope", "- item", "* star", "+ plus", "1. one", "2. two", "3) three", "  - nested", "    - deep", "   cont", "text line", "**Fix:** do", "> quote", "> - ql", ">", "| a | b |", "|---|---|", "| c | d |", "a | b", "--- | ---", "```", "~~~", "    code", "---", "***", "", "", "-", "1.", "  ", "- [x](y)", "#", "## x ##", " ## y", "|x|", "|-|", "10. ten", "-  two spaces", "-     five", "**Starting Position:**", "> **At a Glance:** x", "| **T** | v |"]
INLINE = [*"*_`[]()!&\\ \n", "**", "__", "a", "b", " x ", "Fix:", ":", "http://e", "&amp;", "&bogus;", "![", "](", '"t"', "é", "—", ".", "<b>"]


def body_of(path: Path) -> str:
    """The article's body; the whole file when its frontmatter is broken."""
    try:
        return _split(path, path.read_text())[1]
    except InputError:
        return path.read_text()


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_articles_read_as_commonmark_reads_them(path: Path) -> None:
    """Every bundled, fixture and seed article gives the same blocks, text and labels."""
    body = body_of(path)
    assert ours(body) == blocks(body)


def test_the_seed_is_among_them() -> None:
    assert any(p.parent == SEEDS for p in ARTICLES)


@SOME
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
def test_any_arrangement_of_article_lines_reads_the_same(parts: list[str]) -> None:
    """Headings, lists (nested, lazy, empty), quotes, tables, fences and rules in any order."""
    body = "\n".join(parts)
    assert ours(body) == blocks(body)


@SOME
@given(st.lists(st.sampled_from(INLINE), min_size=1, max_size=16))
def test_any_inline_text_reads_the_same(parts: list[str]) -> None:
    """Bold labels, emphasis, code, links, images, escapes and entities, mixed at random."""
    src = "".join(parts).strip()
    assume(src)
    theirs = _lines(_MD.parseInline(src)[0])
    assume(("", "") not in theirs)  # markdown-it's empty text tokens, which say nothing
    assert [(ln.label, ln.text) for ln in lines(src)] == theirs


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("**Fix:** keep it *slow*", [Line("Fix:", "keep it slow")]),
        ("**Problem:** a\n**Fix:** b", [Line("Problem:", "a"), Line("Fix:", "b")]),
        ("**Bold** words", [Line("", "Bold words")]),
        ("a **b** c", [Line("", "a b c")]),
        ("`**code**` and [a link](https://e.com 'x')", [Line("", "**code** and a link")]),
        ("![a knee](knee.png) up", [Line("", "a knee up")]),
        (r"\*not\* &amp; &copy; &bogus;", [Line("", "*not* & \u00a9 &bogus;")]),
        ("[a](javascript:alert(1))", [Line("", "[a](javascript:alert(1))")]),
        ("** not bold**", [Line("", "** not bold**")]),
    ],
)
def test_inline_marks(src: str, expected: list[Line]) -> None:
    assert lines(src) == expected


def test_blocks_with_their_lines() -> None:
    body = (
        "# Title\n"
        "\n"
        "```\n"
        "## not a heading\n"
        "```\n"
        "- one\n"
        "  - nested\n"
        "- two\n"
        "continued lazily\n"
        "\n"
        "- - -\n"
        "| A | B \\| C |\n"
        "|---|---|\n"
        "| 1 |\n"
        "> **At a Glance:** x\n"
        "\n"
        "## Red Flags ##\n"
    )
    assert our_blocks(body) == [
        ("heading", (1, "Title", 0)),
        ("code", "## not a heading\n"),
        ("list", ["one", "nested", "two\ncontinued lazily"]),
        ("table", [["A", "B | C"], ["1", ""]]),
        ("quote", "**At a Glance:** x"),
        ("heading", (2, "Red Flags", 16)),
    ]
    assert plain("**At a Glance:** x") == "At a Glance: x"
    assert plain("two\ncontinued *lazily*") == "two continued lazily"  # not "twocontinued"
