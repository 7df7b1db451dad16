"""The `harder:` frontmatter key: the mirror of `easier:`, resolved to another variant's id,
and a clear message with its line when it names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchtimer.core.errors import InputError
from stretchtimer.library.articles import parse_article

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_articles_name_their_harder_ways() -> None:
    """The single knee-to-chest's harder way is the double, and the double has none."""
    path = ROOT / "content" / "knee-to-chest.md"
    ex = parse_article(path, path.read_text(encoding="utf-8"))
    ways = {v.id: (v.easier, v.harder) for v in ex.variants}
    assert ways["single-knee-to-chest"] == (None, "double-knee-to-chest")
    assert ways["double-knee-to-chest"] == ("single-knee-to-chest", None)


@pytest.mark.parametrize("written", ["single", "nothing-like-it"])
def test_a_harder_way_that_is_not_another_variant_is_named_with_its_line(
    written: str, tmp_path: Path
) -> None:
    """`harder:` naming the variant itself or no variant at all is refused at its line."""
    path = ROOT / "content" / "knee-to-chest.md"
    text = path.read_text(encoding="utf-8").replace("harder: double", f"harder: {written}")
    target = tmp_path / "knee-to-chest.md"
    with pytest.raises(InputError) as caught:
        parse_article(target, text)
    line = text.splitlines().index(f"    harder: {written}") + 1
    shown = [(p.line, p.message) for p in caught.value.problems]
    assert (line, f"frontmatter harder: '{written}' is not another variant") in shown
