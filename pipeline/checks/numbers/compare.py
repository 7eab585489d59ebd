"""Quantity check for Chinese→English translations.

Every quantity in a Chinese segment must reappear in the English with the same
value, and the English must not add numbers the source lacks::

    >>> compare_quantities("确保全年煤炭产量稳定在3300万吨。",
    ...                    "keeping annual coal output steady at 33 million tonnes.")
    []

Extraction lives in ``chinese`` / ``english``, the multiset matching in
``matching``; this module holds the public API.  Matching rules:

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

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from .chinese import ZH_FIXED_WORDS, zh_quantities
from .chinese_numerals import parse_zh_numeral
from .english import EN_FIXED_PHRASES, en_quantities
from .matching import Mismatch, NumberMismatch, converted, match_quantities, same_value
from .quantity import Kind, Quantity, Span, Unit, quoted_spans

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
        s.unit is Unit.MU and same_value(s, t) for s in source)) or any(
        converted(s, t) for s in source)


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
