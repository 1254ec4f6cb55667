"""Text folding for the detection rules: half-width, lower case, simplified, with a way back to the original.

Matching runs on a folded copy of the text: full-width letters and digits half-width (NFKC), lower case,
traditional characters simplified (OpenCC t2s, one character at a time so that positions survive). Rule phrases
are folded the same way when a rules file is read (crm.detection_rules), and crm.detection maps every hit back
through ``owners`` so that evidence offsets point into the ORIGINAL text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# CJK punctuation stays as typed (it only ever separates clauses): folding it would send nearly every Chinese
# note through the slow path for nothing. The ellipsis would grow to "..." and shift every later position.
_KEEP = frozenset("！（），：；？…‥")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\uff07": "'"}  # don’t -> don't
_EXTRA_RANGES = ((0x1D400, 0x1D800), (0x1F100, 0x1F200), (0x1FBF0, 0x1FBFA), (0x2F800, 0x2FA20))
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@functools.cache
def _fold_table() -> tuple[dict[int, str], re.Pattern[str]]:
    """ord -> folded text for every character that changes; and a regex finding any such character except
    ASCII A-Z (those are left to str.lower, which is much faster than str.translate)."""
    table: dict[int, str] = {}
    codepoints = [c for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    codepoints += [c for lo, hi in _EXTRA_RANGES for c in range(lo, hi)]
    for c in codepoints:
        ch = chr(c)
        if ch in _KEEP:
            continue
        folded = _QUOTES.get(ch) or unicodedata.normalize("NFKC", ch).lower()
        if folded != ch and folded:
            table[c] = folded
    # Traditional -> simplified one character at a time ("\n" keeps OpenCC from seeing phrases): every
    # position survives. A character OpenCC would turn into several stays as it is.
    import opencc  # imported on first use: start-up time matters

    sources = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi)]
    sources += sorted({v for v in table.values() if len(v) == 1} - set(sources))
    converted = opencc.OpenCC("t2s").convert("\n".join(sources)).split("\n")
    t2s = {}
    if len(converted) == len(sources):
        t2s = {a: b for a, b in zip(sources, converted, strict=True) if a != b and len(b) == 1}
    for c, folded in list(table.items()):
        table[c] = "".join(t2s.get(ch, ch) for ch in folded)
    for a, b in t2s.items():
        table.setdefault(ord(a), b)
    # One class: the BMP characters as a bitmap (fast), everything beyond as a single range. Listing the
    # supplementary characters one by one would make re test each of them in turn: 200x slower.
    special = sorted(chr(c) for c in table if c < 0x10000 and not ("A" <= chr(c) <= "Z"))
    pattern = re.compile("[" + "".join("\\" + ch if ch in "\\]^-[" else ch for ch in special)
                         + "\U00010000-\U0010ffff]")
    return table, pattern


def fold(text: str) -> str:
    """The text rules are matched on: half-width, lower case, simplified; one or more characters per input
    character (most text: exactly one, so positions are the same as in the input)."""
    if text.isascii():
        return text.lower()
    table, special = _fold_table()
    if special.search(text) is None:
        return text.lower()
    return text.translate(table)


def owners(text: str) -> list[int]:
    """For each position of fold(text), the position of the input character it came from."""
    table = _fold_table()[0]
    out: list[int] = []
    for i, ch in enumerate(text):
        n = len(table.get(ord(ch), ch))
        if n == 1:
            out.append(i)
        else:
            out.extend([i] * n)
    return out


def original_span(text: str, folded: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) in fold(text) -> the smallest span of ``text`` whose folding covers it."""
    if len(folded) == len(text):
        return start, end
    positions = owners(text)
    return positions[start], positions[end - 1] + 1


def is_word_char(ch: str) -> bool:
    """ASCII letters, digits and "_": where an English phrase must not start or end inside a longer word."""
    return ch.isascii() and (ch.isalnum() or ch == "_")
