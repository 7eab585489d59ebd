"""Two quantity lists matched as multisets by value, from the strictest pass to
the loosest; what is left over is reported as a mismatch (missing, extra, or
differing in approximation), with the likely reason (a changed figure, a 万/亿
scale slip, a date the source names otherwise).

compare.py finds the quantities of a segment pair and calls ``match_quantities``.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz.distance import Levenshtein

from .omissions import dropped_for_sure, said_otherwise
from .quantity import CONVERSIONS, Kind, Quantity, Unit

# Kinds that only match themselves; every other kind matches any non-strict one.
STRICT_KINDS = frozenset({Kind.PERCENT, Kind.MONTH, Kind.TIME})


class Mismatch(str, enum.Enum):
    MISSING = "missing"
    EXTRA = "extra"
    APPROXIMATION = "approximation"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class NumberMismatch:
    """One quantity that does not agree. `certain` says a professional translation
    almost never shows it: a source number replaced by another of its kind (a
    changed digit, a wrong scale, year, month or day), or an amount written in
    digits that is gone. The rest (a count absorbed into a word, a date the
    translator supplies, a figure converted) are worth a look, not a failed gate."""

    kind: Mismatch
    source: Quantity | None
    target: Quantity | None
    message: str
    certain: bool = False
    # The quantity on the other side standing in its place (3,086 for a missing 3068),
    # which the message names; `source`/`target` stay the unmatched side only.
    counterpart: Quantity | None = None


def _compatible(a: Quantity, b: Quantity) -> bool:
    return a.kind == b.kind or (a.kind not in STRICT_KINDS and b.kind not in STRICT_KINDS)


MU_PER_HECTARE = 15


def _hectares(q: Quantity) -> Decimal:
    return q.value / MU_PER_HECTARE if q.unit is Unit.MU else q.value


def same_value(s: Quantity, t: Quantity) -> bool:
    """Equal values; an area in mu and one in hectares agree to the precision the
    translation is written in (1000亩 ↔ 66.7 hectares), and so do a length in li,
    a weight in jin, kg or tonnes and its metric conversion (20里 ↔ 10 km)."""
    if {s.unit, t.unit} == {Unit.MU, Unit.HECTARE}:
        return _agrees(_hectares(s), _hectares(t), t)
    return s.value == t.value or converted(s, t)


def _agrees(expected: Decimal, written: Decimal, t: Quantity) -> bool:
    """`written` is `expected` rounded as the translation rounds it."""
    exponent = t.value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    tolerance = max(Decimal(5) / 10 ** (decimals + 1), expected * Decimal("0.005"))
    return bool(abs(expected - written) <= tolerance)


def converted(s: Quantity, t: Quantity) -> bool:
    return t.kind is Kind.NUMBER and any(_agrees(s.value * f, t.value, t)
                                         for f in CONVERSIONS.get(s.unit, ()))


# Passes from strictest to loosest, so e.g. a year pairs with a year before a
# number of equal value, and an exact source prefers an exact translation.
_PASSES: tuple[Callable[[Quantity, Quantity], bool], ...] = (
    lambda s, t: s.kind == t.kind and s.approximate == t.approximate,
    lambda s, t: _compatible(s, t) and s.approximate == t.approximate,
    lambda s, t: _compatible(s, t),
)


def _describe(q: Quantity) -> str:
    if q.kind is Kind.TIME:
        hours, minutes = divmod(int(q.value), 60)
        return f"“{q.text}” [time {hours or 12}:{minutes:02d}, a.m. or p.m.]"
    shown = f"{q.value:,}"
    extra = "" if q.text.replace(",", "").replace("，", "") == shown.replace(",", "") else f" (= {shown})"
    approx = ", approximate" if q.approximate else ""
    return f"“{q.text}”{extra} [{q.kind}{approx}]"


def _scale_hint(q: Quantity, others: Sequence[Quantity]) -> str:
    """Point at a probable 万/亿 conversion slip (3300万 rendered 3.3 million)."""
    for o in others:
        if o.value and q.value and o.value != q.value and _compatible(q, o):
            ratio = max(q.value, o.value) / min(q.value, o.value)
            if ratio == 10 ** (len(str(int(ratio))) - 1):
                return f"; possible scale error: {_describe(o)}"
    return ""


def _pair_off(source: Sequence[Quantity], target: Sequence[Quantity]
              ) -> tuple[list[int], list[int], list[NumberMismatch]]:
    """Pair equal values pass by pass: the source and target indexes left free,
    and the pairs that differ only in approximation."""
    # Required sources first, so an optional 一个 cannot take the "one" that a
    # required 1座 needs.
    free_s = sorted(range(len(source)), key=lambda i: (source[i].optional, i))
    free_t = list(range(len(target)))
    problems: list[NumberMismatch] = []
    for same in _PASSES:
        for i in list(free_s):
            s = source[i]
            j = next((j for j in free_t if same_value(s, target[j]) and same(s, target[j])),
                     None)
            if j is None:
                continue
            free_s.remove(i)
            free_t.remove(j)
            t = target[j]
            # An optional quantity (一年, "one") only matched loosely: 不到一年 is
            # not "No. 1" made approximate.
            if s.approximate != t.approximate and not (s.optional or t.optional):
                problems.append(NumberMismatch(
                    Mismatch.APPROXIMATION, s, t,
                    f"source {_describe(s)} and translation {_describe(t)} "
                    "differ in approximation (余/以上/多 vs more than/over/about)"))
    return free_s, free_t, problems


def match_quantities(
    source: Sequence[Quantity], target: Sequence[Quantity], *, dates_restated: bool = False,
    source_text: str = "", days_restated: bool = False,
) -> list[NumberMismatch]:
    """Match two quantity lists as multisets by value; report the leftovers.

    `dates_restated`: the translation names a weekday, so a source day or month
    it lacks may be said that way (10月30日 → "on Sunday"): never certain.
    `days_restated`: it names a day another way too (the next day, that day,
    today): a day it lacks is not certainly dropped."""
    free_s, free_t, problems = _pair_off(source, target)
    left_s = [source[i] for i in sorted(free_s) if not source[i].optional]
    left_t = [target[j] for j in free_t if not target[j].optional]
    # List numbering may be dropped, but "2." for 一、 is wrong.
    markers_s = [source[i] for i in sorted(free_s) if source[i].marker]
    markers_t = [target[j] for j in free_t if target[j].marker]
    for s, t in zip(markers_s, markers_t, strict=False):
        problems.append(NumberMismatch(
            Mismatch.EXTRA, s, t, f"list marker {_describe(t)} in the translation, "
                                  f"{_describe(s)} in the source", certain=True))
    soft = _DAY_MONTH if dates_restated else frozenset()
    swapped = _substitutions([q for q in left_s if q.kind not in soft], left_t)
    left_ids = {id(q) for q in left_s}
    matched = {(q.value, q.kind) for q in source if id(q) not in left_ids}
    stand_in = {id(t): s for s, t in swapped}
    replaced_by = {id(s): t for s, t in swapped}
    for missing in left_s:
        stand = replaced_by.get(id(missing))
        problems.append(NumberMismatch(
            Mismatch.MISSING, missing, None,
            f"source {_describe(missing)} not found in the translation"
            + (f", which has {_describe(stand)} in its place{_why_swapped(missing, stand)}"
               if stand is not None else _scale_hint(missing, left_t)),
            certain=stand is not None or (dropped_for_sure(missing, source_text, days_restated)
                                          and (missing.value, missing.kind) not in matched
                                          and not said_otherwise(missing, left_t)),
            counterpart=stand))
    for extra in left_t:
        replaced = stand_in.get(id(extra))
        other = _other_date(extra, source)
        problems.append(NumberMismatch(
            Mismatch.EXTRA, None, extra,
            f"translation {_describe(extra)} has no counterpart in the source"
            + (f"; it stands where the source has {_describe(replaced)}"
               f"{_why_swapped(replaced, extra)}" if replaced is not None
               else f"{_scale_hint(extra, left_s)}{other}"),
            certain=replaced is not None or bool(other), counterpart=replaced))
    return problems


def _other_date(t: Quantity, source: Sequence[Quantity]) -> str:
    """A year or month the translation adds is usually one the source implies (a
    dateline's month for 26日); one the source names otherwise is a wrong date."""
    if t.kind not in (Kind.YEAR, Kind.MONTH):
        return ""
    named = sorted({q.value for q in source if q.kind is t.kind})
    if not named or t.value in named:
        return ""
    return f"; the source names {t.kind} {', '.join(str(v) for v in named)} only"


_DATE_KINDS = frozenset({Kind.YEAR, Kind.MONTH, Kind.DAY})
_DAY_MONTH = frozenset({Kind.MONTH, Kind.DAY, Kind.TIME})


def _same_family(s: Quantity, t: Quantity) -> bool:
    """A year stands for a year and a month for a month; a day for a day or a
    count of days (14日 = 14 days); amounts (numbers, ordinals) for each other and
    percentages for percentages."""
    if s.marker or t.marker:
        return False
    if not _has_digit(s.text):
        if _has_digit(t.text) and s.value < 10:
            return False  # 两口子 is not the "500" of a kg conversion
        if not _has_digit(t.text) and not s.kind is t.kind is Kind.ORDINAL:
            return False  # 前三季度 is "the first nine months"; 第六届 is not "Seventh"
    if {s.kind, t.kind} == {Kind.NUMBER, Kind.ORDINAL} and not (
            _has_digit(s.text) and _has_digit(t.text)):
        # 十三届 and a "30" elsewhere are two different things; 第37条 and
        # "Article 370" are one figure changed.
        return False
    if Kind.CODE in (s.kind, t.kind):
        return s.kind == t.kind  # “6996” → '6669'
    if {s.kind, t.kind} <= {Kind.DAY, Kind.NUMBER}:
        return True
    if s.kind in _DATE_KINDS or t.kind in _DATE_KINDS:
        return s.kind == t.kind
    return (s.kind is Kind.PERCENT) == (t.kind is Kind.PERCENT)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _substitutions(left_s: Sequence[Quantity], left_t: Sequence[Quantity]
                   ) -> list[tuple[Quantity, Quantity]]:
    """Missing sources paired with extra translations of the same family: the
    signature of a changed figure. The likeliest pairs are made first: a figure
    written the same way (digits for digits), then the nearest in value, then in
    text order; so 3068 → "3,086" pairs, not 十九 → "3,086", and each source
    number is named by one pair at most."""
    candidates = sorted((_distance(s, t), i, j) for i, s in enumerate(left_s)
                        for j, t in enumerate(left_t) if _same_family(s, t))
    pairs: dict[int, tuple[Quantity, Quantity]] = {}
    taken: set[int] = set()
    for _, i, j in candidates:
        if i not in pairs and j not in taken:
            pairs[i] = (left_s[i], left_t[j])
            taken.add(j)
    return [pairs[i] for i in sorted(pairs)]


def _distance(s: Quantity, t: Quantity) -> tuple[bool, int, float]:
    """How unlike a stand-in `t` is for `s`: written otherwise (digits against
    numerals), then digits changed (3068 → 3,086: two; 60亿 → 6, a scale slip: none),
    then orders of magnitude apart. A clock time (held in minutes) has no figures
    to compare: text order decides."""
    if Kind.TIME in (s.kind, t.kind):
        return _has_digit(s.text) != _has_digit(t.text), 0, 0.0
    changed = Levenshtein.distance(_significant(s.value), _significant(t.value))
    apart = 0.0 if s.value == t.value else math.inf
    if s.value > 0 and t.value > 0:
        apart = abs(math.log10(float(s.value)) - math.log10(float(t.value)))
    return _has_digit(s.text) != _has_digit(t.text), changed, apart


def _significant(value: Decimal) -> str:
    """The figures of a value without its scale: 6 for 60亿, 3111 for 31.11."""
    return "".join(map(str, value.normalize().as_tuple().digits)) if value.is_finite() else ""


def _why_swapped(s: Quantity, t: Quantity) -> str:
    if s.value and t.value and s.kind not in _DATE_KINDS:
        ratio = max(s.value, t.value) / min(s.value, t.value)
        if ratio == 10 ** (len(str(int(ratio))) - 1) and ratio > 1:
            return f" (off by a factor of {int(ratio):,}: a 万/亿 scale slip?)"
    return ""
