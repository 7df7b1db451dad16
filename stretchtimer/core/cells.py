"""Provides text measured in terminal cells, as Textual (Rich) draws it: wide characters,
combining marks, emoji joined by U+200D, variation selectors and flags, so tables line up."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ZWJ = "\u200d"
"""The zero width joiner: it and the character after it join the emoji before (👨‍👩‍👧 is one)."""
VS16 = "\ufe0f"
"""Variation selector 16: draw the character before as an emoji, two cells wide."""

_TEXT_EMOJI = frozenset(
    "#*0123456789©®‼⁉™\u2139↔↕↖↗↘↙↩↪⌨⏏⏭⏮⏯⏱⏲⏸⏹⏺Ⓜ▪▫▶◀◻◼☀☁☂☃☄☎☑☘☝☠☢☣☦☪☮☯☸☹☺♀♂♟♠♣♥♦♨♻♾"
    "⚒⚔⚕⚖⚗⚙⚛⚜⚠⚧⚰⚱⛈⛏⛑⛓⛩⛰⛱⛴⛷⛸⛹✂✈✉✌✍✏✒✔✖✝✡✳✴❄❇❣❤➡⤴⤵⬅⬆⬇🅰🅱🅾🅿🌡🌤🌥🌦🌧🌨"
    "🌩🌪🌫🌬🌶🍽🎖🎗🎙🎚🎛🎞🎟🏋🏌🏍🏎🏔🏕🏖🏗🏘🏙🏚🏛🏜🏝🏞🏟🏳🏵🏷🐿👁📽🕉🕊🕯🕰🕳🕴🕵🕶🕷🕸🕹"
    "🖇🖊🖋🖌🖍🖐🖥🖨🖱🖲🖼🗂🗃🗄🗑🗒🗓🗜🗝🗞🗡🗣🗨🗯🗳🗺🛋🛍🛎🛏🛠🛡🛢🛣🛤🛥🛩🛰🛳"
)
"""Emoji drawn as text (one cell) unless a VS16 follows (❤ is one cell, ❤️ two): the narrow
bases of Unicode's emoji-variation-sequences.txt, the set Rich widens."""

_ZERO = ((0x1160, 0x11FF), (0x3164, 0x3164), (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xFFA0, 0xFFA0),
         (0x1F3FB, 0x1F3FF))
"""Letters and symbols drawn as nothing of their own: Hangul's medial and final jamo join the
syllable before, the fillers are blank, the skin-tone modifiers colour the emoji before."""
_SHOWN_FORMATS = frozenset("\u00ad\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890"
                           "\u0891\u08e2\U000110bd\U000110cd")
"""Format characters that take a cell: the soft hyphen and the prepended concatenation marks
(every other format character, U+200B to U+2064, the bidi controls, draws as nothing)."""
_WIDE = ((0x2630, 0x2637), (0x268A, 0x268F), (0x4DC0, 0x4DFF), (0x1D300, 0x1D356),
         (0x1D360, 0x1D376))
"""Made wide by Unicode 16 (trigrams, hexagrams, counting rods), which the unicodedata of
Python 3.11 (Unicode 14) does not know yet."""
_WIDE_UNASSIGNED = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x1F000, 0x1FAFF),
                    (0x20000, 0x3FFFD))
"""Where a character newer than this Python's Unicode is wide: the CJK blocks and planes
(UAX #11's defaults) and the emoji blocks."""


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(start <= code <= end for start, end in ranges)


@lru_cache(maxsize=4096)
def char_cells(ch: str) -> int:
    """The cells one character takes on its own: 0 (controls, combining marks, format
    characters), 1, or 2 (East Asian wide and full-width characters, emoji)."""
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Mc", "Zl", "Zp") or _within(code, _ZERO):
        return 0
    if category == "Cf":
        return 1 if ch in _SHOWN_FORMATS else 0
    if category == "Cn":  # newer than this Python's Unicode (its width here is a guess)
        return 2 if _within(code, _WIDE_UNASSIGNED) else 1
    if unicodedata.east_asian_width(ch) in ("W", "F") or _within(code, _WIDE):
        return 2
    return 1


def cells(text: str) -> int:
    """How many terminal cells `text` takes (one line): `cells("日本") == 4`,
    `cells("👨‍👩‍👧") == 2`, `cells("🇩🇪") == 2`, `cells("❤️") == 2`, `cells("é") == 1`."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(width for _, width in clusters(text))


def clusters(text: str) -> list[tuple[str, int]]:
    """`text` cut where a terminal draws a new character, each piece with its cells: a
    combining mark, a ZWJ with the character it joins, and a variation selector stay with the
    character before (so nothing is cut inside an emoji)."""
    out: list[tuple[str, int]] = []
    last = ""  # the character measured last, which a VS16 may widen (once)
    i = 0
    while i < len(text):
        ch = text[i]
        step = 2 if ch == ZWJ else 1  # a ZWJ takes the character it joins along
        width = 0
        if ch == VS16:
            width, last = (1 if last in _TEXT_EMOJI else 0), ""
        elif ch != ZWJ:
            width = char_cells(ch)
            last = ch if width else last
        piece = text[i : i + step]
        if out and (width == 0 or ch == VS16 or _pairs(out[-1][0], ch)):
            out[-1] = (out[-1][0] + piece, out[-1][1] + width)
        else:
            out.append((piece, width))
        i += step
    return out


def _pairs(before: str, ch: str) -> bool:
    """Whether `ch` ends the flag `before` began: two regional indicators are one flag."""
    return len(before) == 1 and _is_flag_letter(before) and _is_flag_letter(ch)


def _is_flag_letter(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def pad(text: str, width: int) -> str:
    """`text` followed by spaces to fill `width` cells (as `f"{text:<{width}}"` does for text
    whose every character takes one cell). A trailing ZWJ joins the first space to itself
    (drawn as nothing), so the spaces are measured with the text."""
    padded = text + " " * max(0, width - cells(text))
    while cells(padded) < width:
        padded += " "
    return padded


def clip(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells, never cut inside a character
    as drawn (an emoji sequence, a letter and its accents)."""
    if text.isascii() and text.isprintable():
        return text[:width]
    kept: list[str] = []
    used = 0
    for piece, w in clusters(text):
        if used + w > width:
            break
        kept.append(piece)
        used += w
    return "".join(kept)
