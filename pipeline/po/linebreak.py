"""Line-break opportunities and column widths, as libunistring 1.0 computes them.

GNU msgcat (gettext 0.21) wraps PO strings with libunistring's
``ulc_width_linebreaks_v2``: ``u8_possible_linebreaks`` (the UAX #14 pair-table
algorithm, Unicode 14 data) followed by a greedy fill that measures characters
with ``uc_width(uc, "UTF-8")``.  This module re-implements both in pure Python
so that our PO writer breaks lines at exactly the same places, e.g. between two
CJK ideographs at column 79 but never before "，" or after "“".

The per-character data (line-break class, width) and the 33x33 pair table are
dumped from libunistring itself by ``tools/gen_unidata.py`` into ``_unidata``.
"""
from __future__ import annotations

import base64
import zlib
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress, pairwise

from . import _unidata

# Break values, same numbering as libunistring's <unilbrk.h>.
UNDEFINED = 0
PROHIBITED = 1
POSSIBLE = 2
MANDATORY = 3
CR_BEFORE_LF = 5

# Line-break classes as numbered in libunistring 1.0 (indices < 33 are rows /
# columns of the pair table; the rest are resolved before the table lookup).
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO,
 PR, SY, AL, H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM) = range(33)
BK, CR, LF, CM, ZW, SP, CB, AI, SA, XX = range(33, 43)
HL_BA = 101  # artificial: Hebrew letter followed by HY/BA (rule LB21a)

_DIRECT, _INDIRECT = 1, 2  # pair-table cell values; 3 = prohibited


def _runs(blob: str) -> tuple[list[int], list[int]]:
    raw = zlib.decompress(base64.b64decode("".join(blob.split())))
    starts = [int.from_bytes(raw[i:i + 3], "little") for i in range(0, len(raw), 4)]
    values = [raw[i + 3] for i in range(0, len(raw), 4)]
    return starts, values


_PROP_STARTS, _PROP_VALUES = _runs(_unidata.PROPS)
_WIDTH_STARTS, _WIDTH_VALUES = _runs(_unidata.WIDTHS)
_TABLE = [[int(c) for c in _unidata.LBRK_TABLE[r * 33:(r + 1) * 33]] for r in range(33)]

# Per-character caches: most catalogs use a few thousand distinct characters.
_prop_cache: dict[str, int] = {}
_width_cache: dict[str, int] = {}


def lb_class(ch: str) -> int:
    """libunistring's raw line-break class of one character."""
    prop = _prop_cache.get(ch)
    if prop is None:
        prop = _PROP_VALUES[bisect_right(_PROP_STARTS, ord(ch)) - 1]
        _prop_cache[ch] = prop
    return prop


# libunistring's is_cjk_encoding: in these legacy encodings most characters from
# U+00A1 on are two columns wide and ambiguous ones (class AI) break as ideographs.
CJK_ENCODINGS = frozenset({"EUC-JP", "GB2312", "GBK", "EUC-TW", "BIG5", "EUC-KR", "CP949",
                           "JOHAB"})


def is_cjk_encoding(charset: str | None) -> bool:
    return (charset or "").upper() in CJK_ENCODINGS


def char_width(ch: str, cjk: bool = False) -> int:
    """``uc_width(ch, encoding)``: 2 for East Asian wide/fullwidth, 0 for
    combining marks, -1 for control characters, 1 otherwise; in a CJK legacy
    encoding (`cjk`), 2 for every other character from U+00A1 to U+FF60 too."""
    w = _width_cache.get(ch)
    if w is None:
        w = _WIDTH_VALUES[bisect_right(_WIDTH_STARTS, ord(ch)) - 1]
        w = -1 if w == 255 else w
        _width_cache[ch] = w
    if cjk and w == 1 and 0xA1 <= ord(ch) < 0xFF61 and ch != "\u20a9":
        return 2
    return w


class _ClampedWidths(dict[str, int]):
    """char -> max(uc_width, 0), filled on first use."""

    def __init__(self, cjk: bool) -> None:
        super().__init__()
        self.cjk = cjk

    def __missing__(self, ch: str) -> int:
        w = self[ch] = max(char_width(ch, self.cjk), 0)
        return w


_clamped = {False: _ClampedWidths(False), True: _ClampedWidths(True)}


def text_width(text: str, cjk: bool = False) -> int:
    """Column width of ``text`` (control characters count as 0)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(_clamped[cjk].__getitem__, text))


def _resolve(ch: str, cjk: bool = False) -> int:
    """The class with the encoding's resolutions already applied (AI -> AL, or
    ID1 in a CJK legacy encoding; SA/XX -> AL; CB -> ID1)."""
    prop = lb_class(ch)
    if prop == AI and cjk:
        return ID1
    if prop in (AI, SA, XX):
        return AL
    return ID1 if prop == CB else prop


# ord -> chr(resolved class) for str.translate, per encoding kind: every class is
# below 43, so a translated text is ASCII, and any character still above ASCII is
# one not yet in the table (every ASCII character is in it from the start).
_class_tables: dict[bool, dict[int, str]] = {
    cjk: {c: chr(_resolve(chr(c), cjk)) for c in range(128)} for cjk in (False, True)}


def _resolved_classes(text: str, cjk: bool = False) -> bytes:
    """Each character's resolved class (as bytes: one C-level pass, not a dict
    lookup per character in Python)."""
    table = _class_tables[cjk]
    coded = text.translate(table)
    if not coded.isascii():
        for ch in set(coded):
            if ord(ch) >= 128:
                table[ord(ch)] = chr(_resolve(ch, cjk))
        coded = text.translate(table)
    return coded.encode("ascii")


def possible_linebreaks(text: str, cjk: bool = False) -> list[int]:
    """Break opportunity *before* each character (``u8_possible_linebreaks_v2``;
    class AI resolves to AL, or to ID1 in a CJK legacy encoding)."""
    props = _resolved_classes(text, cjk)
    if _PLAIN_OR_SPACE.issuperset(props):
        return _pair_table_linebreaks(props)
    return _state_machine_linebreaks(props)


def _state_machine_linebreaks(props: bytes) -> list[int]:
    """The UAX #14 pair-table algorithm as libunistring runs it, for any classes."""
    out = [PROHIBITED] * len(props)
    table = _TABLE
    prev_prop = BK   # class of the previous character
    last_prop = BK   # class of the last non-space character
    seen_space = False
    ri_count = 0
    for i, prop in enumerate(props):
        if prop < 33 and prop != ZWJ and prev_prop < 33 and prev_prop != ZWJ \
                and last_prop < 33 and prop != RI and prev_prop != HL:
            # Fast path: a plain pair-table lookup (the overwhelming case).
            cell = table[last_prop][prop]
            if cell == _DIRECT or (cell == _INDIRECT and seen_space):
                out[i] = POSSIBLE
            last_prop = prev_prop = prop
            seen_space = False
            ri_count = 0
            continue
        if prop in (BK, LF, CR):
            # LB4-LB6: mandatory break; CR LF counts as one.
            out[i] = MANDATORY
            if prev_prop == CR and prop == LF:
                out[i - 1] = CR_BEFORE_LF
            prev_prop = prop
            last_prop = BK
            seen_space = False
        else:
            if prop == SP:
                seen_space = True  # LB7: never break before a space
            elif prop == ZW:
                last_prop = ZW
                seen_space = False
            elif prop in (CM, ZWJ):
                # LB9/LB10: marks attach to the previous character, except at
                # line start or after spaces, where they act as AL.
                if last_prop == BK:
                    last_prop = AL
                    seen_space = False
                elif last_prop == ZW or seen_space:
                    out[i] = POSSIBLE
                    last_prop = AL
                    seen_space = False
            else:
                if last_prop == BK:
                    pass  # no break at the start of the text
                elif last_prop == ZW:
                    out[i] = POSSIBLE  # LB8
                elif prev_prop == ZWJ:
                    pass  # LB8a
                elif last_prop == RI and prop == RI:
                    # LB30a: regional indicators pair up.
                    if seen_space or ri_count % 2 == 0:
                        out[i] = POSSIBLE
                elif prev_prop == HL_BA:
                    pass  # LB21a
                else:
                    cell = table[last_prop][prop]
                    if cell == _DIRECT or (cell == _INDIRECT and seen_space):
                        out[i] = POSSIBLE
                last_prop = prop
                seen_space = False
            prev_prop = HL_BA if (prev_prop == HL and (prop in (HY, BA))) else prop
        ri_count = ri_count + 1 if prop == RI else 0
    return out


# Classes decided by the pair table alone (no marks, joiners, regional indicators,
# Hebrew letters, zero-width spaces or line ends): nearly every PO string.
_PLAIN = frozenset(range(33)) - {ZWJ, RI, HL}
_PLAIN_OR_SPACE = _PLAIN | {SP}
# Pair table -> break before the second character, without / with spaces between.
_BREAK_ADJACENT = [[POSSIBLE if cell == _DIRECT else PROHIBITED for cell in row] for row in _TABLE]
_BREAK_SPACED = [[POSSIBLE if cell in (_DIRECT, _INDIRECT) else PROHIBITED for cell in row]
                 for row in _TABLE]


def _pair_table_linebreaks(props: bytes) -> list[int]:
    """`possible_linebreaks` for a text of _PLAIN classes and spaces: its state
    machine then reduces to the pair table between each non-space character and
    the one before it (LB7: never before a space; LB18: indirect across spaces),
    with no break before the first."""
    out = [PROHIBITED] * len(props)
    placed = compress(range(len(props)), map(SP.__ne__, props))
    for before, at in pairwise(placed):
        table = _BREAK_SPACED if at - before > 1 else _BREAK_ADJACENT
        out[at] = table[props[before]][props[at]]
    return out


def char_widths(text: str, cjk: bool = False) -> list[int]:
    """Per-character column widths, control characters counted as 0."""
    return list(map(_clamped[cjk].__getitem__, text))


def line_cuts(breaks: list[int], widths: Sequence[int], width: int,
              start_column: int, at_end_columns: int = 0,
              first_only: bool = False) -> list[int]:
    """The greedy fill of ``u8_width_linebreaks``: given break opportunities
    (after overrides) and column widths, return the indices before which a
    line break is inserted (only the first one if ``first_only``).

    Only the break opportunities are visited; the width of the text between two
    of them comes from running sums (libunistring adds it character by character)."""
    cuts: list[int] = []
    running = [0, *accumulate(widths)]  # running[i]: the width of text[:i]
    last_p = -1
    last_column = start_column
    piece = 0  # running width where the current piece began
    for i in compress(range(len(breaks)), map(PROHIBITED.__lt__, breaks)):
        if last_p >= 0 and last_column + running[i] - piece > width:
            cuts.append(last_p)  # the piece overflowed: break before it
            if first_only:
                return cuts
            last_column = 0
        if breaks[i] in (MANDATORY, CR_BEFORE_LF):
            last_p = -1
            last_column = 0
            piece = running[i + 1]  # the line starts after the break character
        else:
            last_p = i
            last_column += running[i] - piece
            piece = running[i]
    if last_p >= 0 and last_column + running[-1] - piece + at_end_columns > width:
        cuts.append(last_p)
    return cuts
