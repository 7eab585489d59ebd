"""Compatibility characters -> the ordinary text they stand for, on every input form.

PDFs printed with the Noto CJK fonts give CJK radicals for ordinary ideographs (⼈ for 人,
⻓ for 长); documents carry enclosed forms (㈠, ⑴, ⒈), full-width digits and letters, and
justified lines spaced out character by character (基 本 情 况). Each becomes what an
editor would type. The radicals come from a table generated from the Unicode data
(`_radicals.py`): `unicodedata` has no decomposition for most of the supplement block.
Each changed line is a change note; the report sums them in one line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..cjk import HAN
from ._radicals import RADICAL_IDEOGRAPH
from .lines import Line
from .report import Change, ImportResult


def _enclosed() -> dict[int, str]:
    """㈠ (U+3220–3229) -> （一）; ⑴ (U+2474–2487) -> （1）; ⒈ (U+2488–249B) -> 1. .
    Circled forms (①, ㊀) are kept: Chinese documents use them as they are."""
    table: dict[int, str] = {}
    for code in [*range(0x3220, 0x322A), *range(0x2474, 0x249C)]:
        text = unicodedata.normalize("NFKC", chr(code))
        if text.startswith("(") and text.endswith(")"):
            text = f"（{text[1:-1]}）"
        table[code] = text
    return table


_TABLE: dict[int, str] = {
    **{code: chr(ideograph) for code, ideograph in RADICAL_IDEOGRAPH.items()},
    **_enclosed(),
    **{code: chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)},   # ０-９
    **{code: chr(code - 0xFEE0) for code in range(0xFF21, 0xFF3B)},   # Ａ-Ｚ
    **{code: chr(code - 0xFEE0) for code in range(0xFF41, 0xFF5B)},   # ａ-ｚ
}
_COMPAT = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")
# One space (or ideographic space) between two characters of Chinese text.
_GAP = re.compile(f"(?<=[{HAN}\u3001-\u303f\uff01-\uffef“”‘’])[ \u3000]"
                  f"(?=[{HAN}\u3001-\u303f\uff01-\uffef“”‘’])")


def close_spaced(text: str) -> tuple[str, int]:
    """`基 本 情 况` -> `基本情况`: a space goes only inside a run of three or more
    characters each one space apart, as justification sets them; a single gap
    (`记者 张三`, a name padded as `王 明`) stays as it is."""
    gaps = {match.start() for match in _GAP.finditer(text)}
    closing = {i for i in gaps if i - 2 in gaps or i + 2 in gaps}
    if not closing:
        return text, 0
    return "".join(c for i, c in enumerate(text) if i not in closing), len(closing)


def normalise_text(text: str) -> str:
    """One line or block of text."""
    if text.isascii():
        return text
    return close_spaced(_COMPAT.sub(lambda match: _TABLE[ord(match.group())], text))[0]


def note(result: ImportResult, line: int, before: str, after: str) -> None:
    """One change note per changed line: the report sums them in one line."""
    shown = before if len(before) <= 24 else before[:24] + "…"
    result.change(Change.COMPATIBILITY, line, f"'{shown}' -> '{after[:24]}'")


def normalise_lines(lines: list[Line], result: ImportResult) -> list[Line]:
    """Every line of a text or PDF extraction, before anything reads its text."""
    out = []
    for line in lines:
        text = normalise_text(line.text)
        if text != line.text:
            note(result, line.number, line.text, text)
            line = replace(line, text=text)
        out.append(line)
    return out
