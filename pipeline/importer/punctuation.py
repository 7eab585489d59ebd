"""Half-width punctuation and straight quotes inside Chinese text -> full-width forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cjk import is_cjk

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PAIR = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class Fix:
    column: int  # 1-based
    old: str
    new: str
    context: str


def _context(text: str, index: int) -> str:
    return text[max(0, index - 6):index + 7]


def _is_digit_pair(text: str, index: int) -> bool:
    """`10:30`, `1,300`: a mark between two digits belongs to the number."""
    return (0 < index < len(text) - 1 and text[index - 1].isdigit()
            and text[index + 1].isdigit())


def fix_marks(text: str, before: str = "", after: str = "") -> tuple[str, list[Fix]]:
    """`before`/`after`: neighbouring characters on the adjacent lines of the paragraph."""
    chars = list(text)
    fixes: list[Fix] = []

    def cjk_at(index: int) -> bool:
        if 0 <= index < len(text):
            return is_cjk(text[index])
        return is_cjk(before if index < 0 else after)

    for index, char in enumerate(text):
        if (char in FULL_WIDTH and (cjk_at(index - 1) or cjk_at(index + 1))
                and not _is_digit_pair(text, index)):
            chars[index] = FULL_WIDTH[char]
            fixes.append(Fix(index + 1, char, FULL_WIDTH[char], _context(text, index)))
    for match in _PAIR.finditer(text):  # brackets change as a pair
        start, end = match.start(), match.end() - 1
        if cjk_at(start - 1) or cjk_at(end + 1) or any(map(is_cjk, match.group(1))):
            chars[start], chars[end] = "（", "）"
            fixes.append(Fix(start + 1, "(…)", "（…）", _context(text, start)))
    return "".join(chars), fixes


def fix_quotes(text: str) -> tuple[str, list[Fix], bool]:
    """Straight double quotes in a Chinese paragraph -> “…” in pairs.
    Returns (text, fixes, unpaired): an odd count is left alone for the editor."""
    positions = [i for i, char in enumerate(text) if char == '"']
    if not positions:
        return text, [], False
    near_cjk = any(is_cjk(text[i - 1] if i else "") or is_cjk(text[i + 1:i + 2])
                   for i in positions)
    if not near_cjk:
        return text, [], False
    if len(positions) % 2:
        return text, [], True
    chars = list(text)
    fixes = []
    for number, index in enumerate(positions):
        chars[index] = "“" if number % 2 == 0 else "”"
        fixes.append(Fix(index + 1, '"', chars[index], _context(text, index)))
    return "".join(chars), fixes, False
