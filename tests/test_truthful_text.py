"""Tests that text cannot lie about itself: a bidi override (`evil\\u202etxt.yaml`) is shown as an
escape in list, plan, check, history, CSV and JSON, and tables are padded by the cells the
terminal draws (emoji sequences, flags, variation selectors, CJK, combining accents)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from clihelp import cli, plain_run
from conftest import write
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from stretchtimer.core.cells import cells, clip, clusters, pad
from stretchtimer.library import paths

EVIL = "evil\u202etxt.yaml"
"""A title a right-to-left override makes look like `evillmay.txt`."""
SHOWN = "evil\\u202etxt.yaml"
BIDI_RAW = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
WIDE = {
    "family": "Family \U0001f468\u200d\U0001f469\u200d\U0001f467 stretch",  # ZWJ sequence: 2 cells
    "flag": "Flag \U0001f1e9\U0001f1ea routine",  # two regional indicators: one flag, 2 cells
    "heart": "Heart \u2764\ufe0f opener",  # VS16: a one-cell symbol drawn as a 2-cell emoji
    "cjk": "腰のストレッチ",  # every character 2 cells
    "accents": "Cafe\u0301 cre\u0300me",  # combining accents: no cells of their own
    "plain": "Quite plain title",
}


def routine(folder: Path, name: str, title: str) -> Path:
    return write(folder, f"{name}.yaml", f"title: {json.dumps(title, ensure_ascii=False)}\ndescription: "
                 '"the \\u2066description\\u2069"\nsteps:\n  - exercise: cat-cow\n    hold: 20\n')


def no_raw_bidi(*texts: str) -> None:
    for text in texts:
        assert not BIDI_RAW.search(text), text[:400]


def test_a_bidi_override_in_a_title_is_shown_escaped_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`evil\\u202etxt.yaml` as a routine's title: list, plan (text and JSON), a run and the
    history (text, CSV, JSON) show the escape, never the override."""
    routine(paths.user_dir("routines"), "evil", EVIL)
    code, out, err = cli(monkeypatch, ["list"])
    assert code == 0 and f"0:25  {SHOWN}  (yours)" in out and "the \\u2066description\\u2069" in out
    no_raw_bidi(out, err)
    code, out, err = cli(monkeypatch, ["list", "--format", "json"])
    no_raw_bidi(out, err)
    assert {r["name"]: r["title"] for r in json.loads(out)["routines"]}["evil"] == SHOWN
    code, out, err = cli(monkeypatch, ["plan", "evil"])
    assert code == 0 and out.startswith(f"{SHOWN}: 0:25 in all")
    no_raw_bidi(out, err)
    code, out, err = cli(monkeypatch, ["plan", "evil", "--format", "json"])
    assert json.loads(out)["title"] == SHOWN
    no_raw_bidi(out, err)
    code, out, err, _ = plain_run(monkeypatch, ["evil"])
    assert code == 0 and SHOWN in out
    no_raw_bidi(out, err)
    history_shows(monkeypatch, SHOWN, SHOWN)


def test_a_bidi_override_in_the_history_itself_is_shown_escaped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A title stored raw (by hand, or by an older version): the table and CSV show the
    escape, JSON its own \\u202e escape (which reads back as the title it is)."""
    from stretchtimer.history.store import History

    h = History(paths.history_file())
    h.end(h.begin("evil", "", EVIL, 2, None), "completed", 2, 20)
    h.close()
    history_shows(monkeypatch, SHOWN, EVIL)


def history_shows(monkeypatch: pytest.MonkeyPatch, shown: str, stored: str) -> None:
    code, out, err = cli(monkeypatch, ["history"])
    assert code == 0 and shown in out
    no_raw_bidi(out, err)
    code, out, err = cli(monkeypatch, ["history", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["title"] == shown
    no_raw_bidi(out, err)
    code, out, err = cli(monkeypatch, ["history", "--format", "json"])
    assert code == 0 and json.loads(out)[0]["title"] == stored and "\\u202e" in out
    no_raw_bidi(out, err)


def test_check_shows_a_bidi_override_in_a_name_or_a_value_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` on a file named `evil\\u202etxt.yaml`, and on one quoting a bad value holding
    an override: the path and the message show the escape."""
    good = routine(tmp_path, "evil\u202etxt", "Evil")
    code, out, err = cli(monkeypatch, ["check", str(good)])
    assert code == 0 and out == f"{tmp_path}/{SHOWN}: ok\n"
    no_raw_bidi(out, err)
    bad = write(tmp_path, "bad.yaml", 'title: T\nsteps:\n  - exercise: "cat\\u202ecow"\n    hold: 20\n')
    code, out, err = cli(monkeypatch, ["check", str(bad)])
    assert code == 2 and "cat\\u202ecow" in err
    no_raw_bidi(out, err)
    code, out, err = cli(monkeypatch, ["check", str(bad), "--format", "json"])
    assert code == 2 and "\u202e" in json.loads(out)[0]["problems"][0]["message"]
    no_raw_bidi(out, err)


WIDTH_CASES = [
    ("abc", 3), ("日本", 4), ("\U0001f468\u200d\U0001f469\u200d\U0001f467", 2),
    ("\U0001f1e9\U0001f1ea", 2), ("\u2764\ufe0f", 2), ("\u2764", 1), ("\u2764\ufe0e", 1),
    ("e\u0301", 1), ("\U0001f44d\U0001f3fd", 2), ("1\ufe0f\u20e3", 2), ("ｱ", 1), ("Ａ", 2),
    ("\U0001f3f3\ufe0f\u200d\U0001f308", 2), ("한", 2), ("\u1100\u1161", 2), ("a\u200bb", 2),
]


@pytest.mark.parametrize(("text", "width"), WIDTH_CASES)
def test_cells_is_the_width_the_terminal_draws(text: str, width: int) -> None:
    assert cells(text) == width == cell_len(text)


DRAWN = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cn", "Cc"]),
        st.sampled_from(list("\u200d\ufe0f\ufe0e\u0301\u20e3\U0001f3fd\U0001f1e9\U0001f1ea"
                             "\u2764\u2600\U0001f468\U0001f469日ｱ\u1161\u00ad")),
    ),
    max_size=12,
)


@given(text=DRAWN)
def test_cells_agrees_with_the_screen(text: str) -> None:
    """What the command line pads by is what Textual (Rich) draws by: the screen and the
    tables agree on every string; cutting never splits a character as drawn."""
    assert cells(text) == cell_len(text)
    assert "".join(piece for piece, _ in clusters(text)) == text
    assert cells(pad(text, 20)) == max(20, cells(text))
    assert cells(clip(text, 5)) <= 5 and text.startswith(clip(text, 5))


def column(line: str, word: str) -> int:
    """The display column where `word` starts in `line`."""
    return cells(line[: line.index(word)])


def test_the_history_table_lines_up_whatever_the_titles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row's Status and Held columns start at the same display column as the header's,
    with titles of ZWJ emoji, a flag, a VS16 emoji, CJK and combining accents."""
    from stretchtimer.history.store import History

    h = History(paths.history_file())
    for name, title in WIDE.items():
        h.end(h.begin(name, "", title, 3, None), "completed", 3, 30)
    h.close()
    code, out, _ = cli(monkeypatch, ["history"])
    lines = out.splitlines()
    head, rows = lines[0], [ln for ln in lines if "completed" in ln]
    assert code == 0 and len(rows) == len(WIDE)
    assert {column(row, "completed") for row in rows} == {column(head, "Status")}
    assert {column(row, "0:30") + 4 for row in rows} == {column(head, "Held") + 4}


def test_the_list_and_an_article_line_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """`list`: each title starts at one column; `show`: the title's underline is as wide as
    the title is drawn, and the Quick Facts values start at one column."""
    for name, title in WIDE.items():
        routine(paths.user_dir("routines"), name, title)
    code, out, _ = cli(monkeypatch, ["list"])
    starts = {column(ln, title) for ln in out.splitlines() for title in WIDE.values() if title in ln}
    assert code == 0 and len(starts) == 1
    write(paths.user_dir("content"), "wide.md",
          f"# {WIDE['family']} 腰\n\n## Quick Facts\n\n| | |\n|---|---|\n"
          "| **目的** | 腰 |\n| **Time** | 1 min |\n| **Cafe\u0301** | x |\n\n### Red Flags\n\n- Pain\n")
    code, out, _ = cli(monkeypatch, ["show", "wide"])
    title, rule, *rest = out.splitlines()
    assert code == 0 and rule == "=" * cells(title) and cells(title) == 20 < len(title)
    facts = [ln for ln in rest if ln.startswith(("目的:", "Time:", "Cafe\u0301:"))]
    assert len(facts) == 3 and len({column(ln, ln.split()[1]) for ln in facts}) == 1
