"""Provides small text helpers shared by the loaders: slugs, heading keys, suggestions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""Unicode's bidirectional controls (as a regex class): marks, embeddings, overrides and
isolates, which make text show in another order than it is (`evil\\u202etxt.yaml`)."""
_CONTROL = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff]")
"""What must never reach a terminal raw: C0 controls (but newline), DEL, C1 controls,
Unicode's line separators, the bidi controls, and lone surrogates (a file name that is not
UTF-8)."""
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_DASHES = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2212": "-"})
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


_APOSTROPHES = re.compile("['\u2019\u02bc]")
"""An apostrophe joins a word (Child's), it does not split it."""


def slugify(text: str) -> str:
    """`Single Knee to Chest` -> `single-knee-to-chest`."""
    text = text.translate(_DASHES).lower()
    text = re.sub(r"[^a-z0-9]+", "-", _APOSTROPHES.sub("", text))  # Child's -> childs
    return text.strip("-")


def old_slug(text: str) -> str:
    """The slug as it was before apostrophes were dropped (`classic-child-s-pose`): still
    accepted in routines, with a warning."""
    return re.sub(r"[^a-z0-9]+", "-", text.translate(_DASHES).lower()).strip("-")


def id_matches(name: str, ids: Sequence[str]) -> list[str]:
    """The ids `name` can mean (a variant named in a routine or in frontmatter): the one it is
    (as a slug), else every id it begins. One match is a hit; more are ambiguous."""
    wanted = slugify(name)
    if wanted in ids:
        return [wanted]
    return [i for i in ids if wanted and i.startswith(wanted)]


@lru_cache(maxsize=4096)  # the same few headings and labels recur in every article
def heading_key(text: str) -> str:
    """A heading reduced for matching: lower case, one kind of dash, no number or colon."""
    text = text.translate(_DASHES).lower().strip()
    text = re.sub(r"^\d+[.)]\s*", "", text)
    # white space to one space first, then around dashes: `\s*-\s*` tried every start of a
    # long run of spaces (quadratic); ` ?- ?` costs the same at each place
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" ?- ?", "-", text)
    return text.rstrip(": ").strip()


def is_slug(text: str) -> bool:
    """Whether `text` is a plain id: lower-case letters, digits and hyphens."""
    return bool(_SLUG_RE.match(text))


def closest(word: str, choices: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to a misspelt `word`, or None when none is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, choices: list[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or an empty string."""
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


def join_seconds(seconds: int) -> str:
    """90 -> `1:30`; 3725 -> `1:02:05`."""
    h, rest = divmod(max(0, seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def human_seconds(seconds: int) -> str:
    """90 -> `1 min 30 s`; 20 -> `20 s`."""
    m, s = divmod(seconds, 60)
    if not m:
        return f"{s} s"
    return f"{m} min {s} s" if s else f"{m} min"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return " "  # a tab is only space, and its width is the terminal's to choose
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte of a file name that is not UTF-8
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` safe for a terminal: every control character but newline is shown as an escape
    such as `\\x1b` or `\\u202e` (a tab as a space), so nothing in it can set a title, clear
    the screen, ring the bell or show itself in another order than it is."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def json_visible(text: str) -> str:
    """JSON text safe for a terminal: the control characters json.dumps leaves raw (C1, line
    separators, bidi controls, lone surrogates; it escapes C0 itself) as JSON's own \\uXXXX
    escapes."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def one_line(text: str) -> str:
    """`text` as one line safe for a terminal: line breaks and tabs become one space, other
    control characters visible escapes."""
    return visible(_BREAKS.sub(" ", text))


def utf8_name(name: str) -> str:
    """A file name (or a name made from one) as real UTF-8 text: the bytes of a name that is
    not UTF-8 (lone surrogates in Python) become `\\xff` escapes, so SQLite can store it."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
