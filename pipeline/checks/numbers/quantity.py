"""Shared value type for the quantity checker (see ``compare.py`` for the API).

Kept separate so the Chinese and English extractors can both build
``Quantity`` objects without importing each other or the comparison code.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import ahocorasick

Span = tuple[int, int]


class Kind(str, enum.Enum):
    """What a quantity is.  CODE is a number that is part of an identifier or
    slogan code (“6996”, “1+2+15”, 5G) and is copied verbatim."""

    NUMBER = "number"
    PERCENT = "percent"
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    ORDINAL = "ordinal"
    CODE = "code"
    # A clock time, valued in minutes past 12 or 0 o'clock: 8时, 20时 and 8:00 pm
    # agree, as a 12-hour and a 24-hour clock name the same times.
    TIME = "time"

    def __str__(self) -> str:
        return self.value


class Unit(enum.Enum):
    """Units whose values are converted when compared (1 mu = 1/15 ha)."""

    NONE = "none"
    MU = "mu"
    HECTARE = "ha"
    LI = "li"  # 里: half a kilometre
    JIN = "jin"  # 斤: half a kilogram
    KILOGRAM = "kg"
    TONNE = "t"


# Factors by which a translator may convert a source unit into the metric one the
# English uses (20里 = 10 km, 1000斤 = 500 kg, 26亿公斤 = 2.6 million tonnes).
CONVERSIONS: dict[Unit, tuple[Decimal, ...]] = {
    Unit.LI: (Decimal("0.5"),), Unit.JIN: (Decimal("0.5"),),
    Unit.KILOGRAM: (Decimal("0.001"),), Unit.TONNE: (Decimal(1000),),
}


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a segment.

    ``text`` is the numeral expression as written, including scale words
    (万/亿, million), a percent marker and attached approximation markers
    (余/多); measure words and units are not part of it.  ``start``/``end``
    index into the segment, so callers can highlight the span.
    """

    value: Decimal
    text: str
    start: int
    end: int
    kind: Kind = Kind.NUMBER
    approximate: bool = False
    # Why: "一个"/"a", English "one"/"first" are often rendered implicitly
    # (or appear explicitly without a counterpart), so an optional quantity
    # is matched when possible but never reported as missing/extra.
    optional: bool = False
    # A list marker (一、 （二） ① / "1." "(3)"): optional, but two markers that
    # disagree are reported.
    marker: bool = False
    unit: Unit = Unit.NONE


def normalize(value: Decimal) -> Decimal:
    """Canonical Decimal: ``Decimal('145000000.00')`` -> ``145000000``.

    Why: ``Decimal('1.45') * 10**8`` keeps trailing zeros, which makes
    reprs and messages noisy although equality already ignores them.
    """
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def overlaps(start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def within(start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(s_start <= start and end <= s_end for s_start, s_end in spans)


def phrase_spans(text: str, phrases: Sequence[str]) -> list[Span]:
    """All (possibly overlapping) occurrences of literal ``phrases`` (as a set: the
    order is the automaton's, one pass over the text for a hundred phrases)."""
    automaton = _automaton(tuple(phrases))
    if automaton is None:
        return []
    return [(end + 1 - size, end + 1) for end, size in automaton.iter(text)]


@lru_cache(maxsize=8)
def _automaton(phrases: tuple[str, ...]) -> ahocorasick.Automaton | None:
    automaton = ahocorasick.Automaton()
    for phrase in dict.fromkeys(p for p in phrases if p):
        automaton.add_word(phrase, len(phrase))
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}


def quoted_spans(text: str) -> list[Span]:
    """Spans of quoted passages (quotes included), for callers that want to
    ignore slogans wholesale: ``zh_quantities(t, ignore_spans=quoted_spans(t))``.

    Not applied by default: quoted phrases such as “五支队伍” or
    “六大产业链、九大专业镇” carry real counts that translations keep.
    """
    spans: list[Span] = []
    i = 0
    while i < len(text):
        close = _QUOTES.get(text[i])
        if close is not None:
            j = text.find(close, i + 1)
            if j != -1:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def in_quotes_only(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is the whole content of a quote pair.

    Why: a bare number that fills a quotation (“6996”) names a rule or a
    scheme rather than counting something; it is tagged ``code``.
    """
    if start == 0 or end >= len(text):
        return False
    return _QUOTES.get(text[start - 1]) == text[end]


# Full-width forms map 1:1 onto ASCII, so offsets stay valid after this.
FULLWIDTH = str.maketrans("０１２３４５６７８９．％＋", "0123456789.%+")


@dataclass
class Draft:
    """Mutable draft of a Quantity, so range bounds can share scale and kind."""

    value: Decimal
    start: int
    end: int
    kind: str = "number"
    approximate: bool = False
    optional: bool = False
    scale: int = 1
    marker: bool = False
    unit: Unit = Unit.NONE


_Trie = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching exactly `words`, shaped as a trie (one branch per letter):
    `re` tries each alternative of a branch in turn, so a flat list of 70 words
    costs 70 tests at every position, a trie a few."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else f"(?:{'|'.join(alts)})"
        return body + "?" if "" in node else body
    return emit(root)


def link_ranges(drafts: list[Draft], t: str, connector: re.Pattern[str]) -> None:
    """3至5万 / 3-5% / 2023—2024年 / 3 to 5 million: the first bound borrows
    the second's scale and kind, since both languages write them only once."""
    drafts.sort(key=lambda d: d.start)
    for a, b in itertools.pairwise(drafts):
        if (a.scale == 1 and a.kind == "number" and b.start > a.end
                and connector.fullmatch(t, a.end, b.start)):
            if b.scale > 1:
                a.value, a.scale = a.value * b.scale, b.scale
            if b.kind in ("percent", "year", "month", "day"):
                a.kind = b.kind
            elif b.kind == "time" and a.value == a.value.to_integral_value() and a.value <= 24:
                a.kind, a.value = "time", clock_minutes(int(a.value), 0)
        elif (a.kind == "time" and b.kind == "number" and b.scale == 1 and b.start > a.end
              and b.value == b.value.to_integral_value() and b.value <= 24
              and connector.fullmatch(t, a.end, b.start)):
            b.kind, b.value = "time", clock_minutes(int(b.value), 0)  # from 0:00 to 24


# A date written with numbers (2018-08-27, 2017.10.17, 2024/3/18), as a dateline or a
# web page's metadata line has it, in either language: a year, a month and a day.
_NUMERIC_DATE_RE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<sep>[-./])(?P<m>0?[1-9]|1[0-2])"
                              r"(?P=sep)(?P<d>0?[1-9]|[12]\d|3[01])(?![\d.])")
# In every such date (the year's last digit, a separator, the month's first): a
# prefix `re` can scan for, where the pattern's lookbehind has it try every position
# (and nearly every sentence has a full stop).
_NUMERIC_DATE_HINT = re.compile(r"\d[-./]\d")


def numeric_date_drafts(t: str, taken: list[Span]) -> list[Draft]:
    """The year, month and day of each numeric date in `t`; their spans are taken."""
    drafts: list[Draft] = []
    for m in _NUMERIC_DATE_RE.finditer(t) if _NUMERIC_DATE_HINT.search(t) else ():
        for group, kind in (("y", "year"), ("m", "month"), ("d", "day")):
            drafts.append(Draft(Decimal(int(m.group(group))), m.start(group), m.end(group), kind))
        taken.append(m.span())
    return drafts


def clock_minutes(hour: int, minute: int) -> Decimal:
    """A time of day on the 12-hour dial (20:30 and 8:30 pm are both 510)."""
    return Decimal(hour % 12 * 60 + minute)


def overlap_test(spans: Sequence[Span]) -> Callable[[int, int], bool]:
    """`lambda start, end: overlaps(start, end, spans)`, in O(log n) a question: the
    spans sorted by start, with the furthest end reached so far."""
    if len(spans) < 8:
        return lambda start, end: overlaps(start, end, spans)
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach = list(itertools.accumulate((e for _, e in ordered), max))

    def test(start: int, end: int) -> bool:
        before = bisect.bisect_left(starts, end)  # the spans starting before `end`
        return before > 0 and reach[before - 1] > start
    return test


def freeze(drafts: Iterable[Draft], text: str, ignore: Sequence[Span]) -> list[Quantity]:
    ignored = overlap_test(ignore)
    return [
        Quantity(normalize(d.value), text[d.start:d.end], d.start, d.end, Kind(d.kind),
                 # Why: "over 2023" / 2025年左右 compare dates, not amounts.
                 d.approximate and d.kind not in ("year", "month", "day"),
                 d.optional or d.marker, d.marker, d.unit)
        for d in sorted(drafts, key=lambda d: d.start)
        if not ignored(d.start, d.end)
    ]
