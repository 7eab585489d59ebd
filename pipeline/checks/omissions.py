"""When a source quantity the translation lacks is certainly dropped: the
judgement that makes a missing number an error rather than a warning (numbers.py
finds what is missing; this says how sure we are)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .quantity import Kind, Quantity


def said_otherwise(s: Quantity, left_t: Sequence[Quantity]) -> bool:
    """The figure is there with another unit or kind (5区间 → "above 5%")."""
    return any(t.value == s.value for t in left_t)


def dropped_for_sure(s: Quantity, zh: str, dates_restated: bool = False) -> bool:
    """An amount (not a code or list number) that the translation leaves out: a
    figure in digits, a numeral word of 3 or more counting things (五个总领馆), an
    ordinal in digits (第37条), or a day in digits that the source dates fully
    (7月15日) or among other days (24日至25日) and the translation does not say
    another way (on Sunday, the next day).
    Professionals fold other counting words into English (两人 = the couple, 三大
    目标 listed, 前三季度 = the first nine months, 三十余年 = three decades), leave
    out a lone day the dateline gives (26日称 → "said"), and a count of what the
    sentence has just named (以上4人 → "they"; five universities listed, then 5所
    高校 left out), never a figure like 135 or 3名顾客."""
    if s.marker or s.optional:
        return False
    if s.kind is Kind.ORDINAL and _has_digit(s.text):
        return True
    if s.kind is Kind.DAY:
        return (_has_digit(s.text) and not dates_restated
                and (zh[:s.start].endswith("月") or zh.count("日") > 1))
    return (s.kind in (Kind.NUMBER, Kind.PERCENT)
            and s.value > 1 and not _recounts(s, zh)
            and (_has_digit(s.text) or (s.value >= 3 and not s.approximate
                                        and zh.startswith(_THINGS, s.end))))


_PEOPLE = ("人", "位", "名")
# Classifiers of countable things (not 大, 年, 季度, 次, 代, 轮, 元: those are
# often said another way).
_THINGS = tuple("个家座所台辆架艘条件项种支张部本篇场户间栋处只头匹棵株颗枚批类门份套例")
# Words that point back at what was named: 以上4人, 上述3家, 这5所, 等4人.
_ANAPHORA = ("以上", "上述", "这", "此", "该", "等", "其中", "共")
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?（(]")


def _recounts(s: Quantity, zh: str) -> bool:
    """A count of the items the clause has just listed or pointed at: A、B、C 3所
    (as many items as the count) or 以上4人 (a small head count after a pointer)."""
    before = zh[:s.start]
    if s.value < 10 and zh.startswith(_PEOPLE, s.end) and before.endswith(_ANAPHORA):
        return True
    if "、" not in before:
        return False
    clause = _CLAUSE_END.split(before)[-1]
    items = re.split(r"、|和|及|与", clause)
    return len(items) == s.value and all(items)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)
