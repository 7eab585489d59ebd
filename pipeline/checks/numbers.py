"""Quantity check for Chinese→English translations.

Every quantity in a Chinese segment must reappear in the English with the same
value, and the English must not add numbers the source lacks::

    >>> compare_quantities("确保全年煤炭产量稳定在3300万吨。",
    ...                    "keeping annual coal output steady at 33 million tonnes.")
    []

Extraction lives in ``zh_numerals`` / ``en_numerals``; this module holds the
public API and the multiset matching.  Matching rules:

* values are compared numerically (3300万 == 33 million == 33,000,000);
* kinds must agree for percentages and months (95% is not 95, 9月 is not 9);
  numbers, ordinals, years, days and codes match each other, because English
  often writes a count as an ordinal or a bare year (十二届 ↔ "12th");
* a pair whose values agree but only one side is approximate (1300余 ↔
  "1,300") is reported as ``"approximation"`` (callers treat it as a warning);
* optional quantities (一 + measure word, English "one"/"first"/"twice",
  首家, list markers) are matched when possible but never reported.

What is not extracted, and why:

* Chinese-character numerals with no measure word, 大, or ordinal marker after
  them: slogans and idioms (一村一品, 六品六化, “一园、两路、三区”, 五谷百味) do not
  count anything.  Words in ``ZH_FIXED_WORDS`` (一直, 统一, 之一, 千年, 万物,
  百分百, 两会 …) are skipped even when a measure word follows.
* Quoted text is *not* skipped by default, because quoted phrases such as
  “五支队伍” or “六大产业链” carry real counts.  When an English slogan spells
  out its numbers ("one park, two roads, three zones"), pass the glossary
  term's spans as ``en_ignore``/``zh_ignore``, or ``quoted_spans(text)``.
* Vague amounts (数百, 十几, 上千, "hundreds of", "dozens"), fractions
  (三分之一, "one-third") and English "a"/"an" alone.
* English "first" is optional: it only matters when the source has 第一
  (required) or 首 (optional); "first-class", "at first" are skipped.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from .en_numerals import EN_FIXED_PHRASES, en_quantities
from .omissions import dropped_for_sure, said_otherwise
from .quantity import CONVERSIONS, Kind, Quantity, Span, Unit, quoted_spans
from .zh_numerals import ZH_FIXED_WORDS, parse_zh_numeral, zh_quantities

__all__ = [
    "EN_FIXED_PHRASES",
    "ZH_FIXED_WORDS",
    "Kind",
    "Mismatch",
    "NumberMismatch",
    "Quantity",
    "compare_quantities",
    "en_quantities",
    "match_quantities",
    "parse_zh_numeral",
    "quoted_spans",
    "zh_quantities",
]

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


def _compatible(a: Quantity, b: Quantity) -> bool:
    return a.kind == b.kind or (a.kind not in STRICT_KINDS and b.kind not in STRICT_KINDS)


MU_PER_HECTARE = 15


def _hectares(q: Quantity) -> Decimal:
    return q.value / MU_PER_HECTARE if q.unit is Unit.MU else q.value


def _same_value(s: Quantity, t: Quantity) -> bool:
    """Equal values; an area in mu and one in hectares agree to the precision the
    translation is written in (1000亩 ↔ 66.7 hectares), and so do a length in li,
    a weight in jin, kg or tonnes and its metric conversion (20里 ↔ 10 km)."""
    if {s.unit, t.unit} == {Unit.MU, Unit.HECTARE}:
        return _agrees(_hectares(s), _hectares(t), t)
    return s.value == t.value or _converted(s, t)


def _agrees(expected: Decimal, written: Decimal, t: Quantity) -> bool:
    """`written` is `expected` rounded as the translation rounds it."""
    exponent = t.value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    tolerance = max(Decimal(5) / 10 ** (decimals + 1), expected * Decimal("0.005"))
    return bool(abs(expected - written) <= tolerance)


def _converted(s: Quantity, t: Quantity) -> bool:
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


def match_quantities(
    source: Sequence[Quantity], target: Sequence[Quantity], *, dates_restated: bool = False,
    source_text: str = "", days_restated: bool = False,
) -> list[NumberMismatch]:
    """Match two quantity lists as multisets by value; report the leftovers.

    `dates_restated`: the translation names a weekday, so a source day or month
    it lacks may be said that way (10月30日 → "on Sunday"): never certain.
    `days_restated`: it names a day another way too (the next day, that day,
    today): a day it lacks is not certainly dropped."""
    # Required sources first, so an optional 一个 cannot take the "one" that a
    # required 1座 needs.
    free_s = sorted(range(len(source)), key=lambda i: (source[i].optional, i))
    free_t = list(range(len(target)))
    problems: list[NumberMismatch] = []
    for same in _PASSES:
        for i in list(free_s):
            s = source[i]
            j = next((j for j in free_t if _same_value(s, target[j]) and same(s, target[j])),
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
                                          and not said_otherwise(missing, left_t))))
    for extra in left_t:
        replaced = stand_in.get(id(extra))
        other = _other_date(extra, source)
        problems.append(NumberMismatch(
            Mismatch.EXTRA, None, extra,
            f"translation {_describe(extra)} has no counterpart in the source"
            + (f"; it stands where the source has {_describe(replaced)}"
               f"{_why_swapped(replaced, extra)}" if replaced is not None
               else f"{_scale_hint(extra, left_s)}{other}"),
            certain=replaced is not None or bool(other)))
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
    """Missing sources paired with extra translations of the same family, in text
    order: the signature of a changed figure."""
    pairs: list[tuple[Quantity, Quantity]] = []
    free = list(left_t)
    for s in left_s:
        t = next((t for t in free if _same_family(s, t)), None)
        if t is not None:
            pairs.append((s, t))
            free.remove(t)
    return pairs


def _why_swapped(s: Quantity, t: Quantity) -> str:
    if s.value and t.value and s.kind not in _DATE_KINDS:
        ratio = max(s.value, t.value) / min(s.value, t.value)
        if ratio == 10 ** (len(str(int(ratio))) - 1) and ratio > 1:
            return f" (off by a factor of {int(ratio):,}: a 万/亿 scale slip?)"
    return ""


def compare_quantities(
    zh: str,
    en: str,
    *,
    zh_ignore: Sequence[Span] = (),
    en_ignore: Sequence[Span] = (),
) -> list[NumberMismatch]:
    """Mismatches between the quantities of a Chinese segment and its English
    translation; empty if they agree.

    ``zh_ignore``/``en_ignore`` are spans (e.g. of glossary terms such as
    百亿矿鸿产业基地 or “六品六化”) whose numbers are not checked.
    """
    zh_ignore = [*zh_ignore, *_address_spans(zh)]
    en_ignore = [*en_ignore, *_address_spans(en)]
    source = zh_quantities(zh, zh_ignore)
    target = _points_as_percent(en_quantities(_join_spaced_thousands(en, source), en_ignore),
                                en, zh)
    weekday = "day" in en and bool(_WEEKDAY_RE.search(en))
    problems = match_quantities(source, target, dates_restated=weekday, source_text=zh,
                                days_restated=weekday or _other_day(en, source))
    names = _name_numerals(zh)
    return [p for p in problems if not _numeral_label(p, zh)
            and not (p.kind is Mismatch.EXTRA and p.target is not None and p.source is None
                     and (p.target.value in names or _conversion_gloss(p.target, source)))]


_POINTS_RE = re.compile(r"\s+points?\b")


def _points_as_percent(target: list[Quantity], en: str, zh: str) -> list[Quantity]:
    """ "up 10 points" for 上升10个百分点: a percentage point said as a point."""
    if "百分点" not in zh:
        return target
    return [replace(t, kind=Kind.PERCENT) if t.kind is Kind.NUMBER and _POINTS_RE.match(en, t.end)
            else t for t in target]


# Web and mail addresses are copied, not counted (www.12377.cn).
_ADDRESS_RE = re.compile(r"(?:https?://|www\.)[\w./%?=&#-]+|[\w.-]+\.(?:com|cn|org|net|gov|edu)\b",
                         re.I)


def _address_spans(text: str) -> list[Span]:
    if "www" not in text and "://" not in text and ".c" not in text and ".org" not in text:
        return []
    return [m.span() for m in _ADDRESS_RE.finditer(text)]


_WEEKDAY_RE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")


def _other_day(en: str, source: Sequence[Quantity]) -> bool:
    """The translation names a day another way (the next day, today), where the
    source has a day it might be saying so (the scan only then: it is not free)."""
    return (any(q.kind is Kind.DAY for q in source)
            and ("day" in en or "orrow" in en or "vernight" in en)
            and bool(_OTHER_DAY_RE.search(en)))


_OTHER_DAY_RE = re.compile(r"\b(?:(?:next|following|same|that|previous) day|today|yesterday"
                           r"|tomorrow|overnight)\b", re.I)
_SPACED = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,]\d)")
_SPACED_HINT = re.compile(r"\d \d{3}")


def _join_spaced_thousands(en: str, source: Sequence[Quantity]) -> str:
    """ "33 479" with a plain space is 33,479 when the source has 33479 (offsets
    kept: the space becomes a thin space); otherwise two numbers ("in 2024 300 firms")."""
    if not _SPACED_HINT.search(en):  # the pattern opens with a lookbehind: slow to scan
        return en
    values = {q.value for q in source}

    def join(m: re.Match[str]) -> str:
        return m.group().replace(" ", "\u2009") if Decimal(m.group().replace(" ", "")) in values \
            else m.group()
    return _SPACED.sub(join, en)


# 万/千/百 standing alone before a noun: "many" in names and slogans (万家企业登云,
# 千村示范, 百企帮百村); an English name that keeps the number is not an extra number.
_NAME_NUMERAL = re.compile(r"(?<![零〇一二两三四五六七八九十百千万亿\d])([百千万])(?=[\u4e00-\u9fff])")
_NAME_VALUES = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000)}


def _name_numerals(zh: str) -> frozenset[Decimal]:
    if "百" not in zh and "千" not in zh and "万" not in zh:  # a lookbehind-led scan: skip it
        return frozenset()
    return frozenset(_NAME_VALUES[m.group(1)] for m in _NAME_NUMERAL.finditer(zh))


def _conversion_gloss(t: Quantity, source: Sequence[Quantity]) -> bool:
    """ "1,500 mu (100 hectares)": the converted figure beside the original."""
    return (t.unit is Unit.HECTARE and any(
        s.unit is Unit.MU and _same_value(s, t) for s in source)) or any(
        _converted(s, t) for s in source)


_SMALL_NUMERALS = {1: "一", 2: "二两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八",
                   9: "九", 10: "十"}


def _numeral_label(problem: NumberMismatch, zh: str) -> bool:
    """An English "two" whose source has 二 but not as a count (列表二, a table cell 二,
    三级): the numeral is there, only not countable, so it is not an extra number."""
    target = problem.target
    if problem.kind is not Mismatch.EXTRA or target is None or not target.text.isalpha():
        return False
    if target.value != target.value.to_integral_value():
        return False
    chars = _SMALL_NUMERALS.get(int(target.value), "")
    return any(char in zh for char in chars)
