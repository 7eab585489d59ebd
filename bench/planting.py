"""Planted errors: a correct English rendering turned into a typical translator's
mistake, for measuring what `check` still catches (bench/check_quality.py and
tests/test_checks_planted.py).

Each kind changes one quantity of the English that stands for a quantity of the
source (same value), so the planted text is wrong, not merely different:

- scale: the number ×10 (33 → 330, 2.6 million → 26 million)
- digit: its last digit changed (1,983 → 1,984)
- year / month / day: a date moved by one (2019 → 2020, July → August, 26 → 27)
- dropped: a count or amount deleted ("five ministers" → "ministers")
- name: a glossary name replaced by another of the glossary's names
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from pipeline.checks.numbers.compare import Kind, Quantity, en_quantities, zh_quantities
from pipeline.checks.numbers.english import MONTHS
from pipeline.glossary import EnglishMatcher, Glossary, TermMatcher

PLANTS = ("scale", "digit", "year", "month", "day", "dropped", "name")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MONTH_NAMES = list(MONTHS)
_NAME_TYPES = ("place", "organisation", "person")


@dataclass(frozen=True)
class Plant:
    kind: str
    en: str
    what: str


def _replace(en: str, q: Quantity, new: str) -> str:
    return en[:q.start] + new + en[q.end:]


def _times_ten(text: str) -> str | None:
    m = _DIGITS.search(text)
    if m is None:
        return None
    raw = m.group().replace(",", "")
    value = Decimal(raw) * 10
    whole, _, frac = f"{value:f}".partition(".")
    frac = frac.rstrip("0")
    body = f"{int(whole):,}" if "," in m.group() else whole
    return text[:m.start()] + body + (f".{frac}" if frac else "") + text[m.end():]


def _new_digit(text: str) -> str | None:
    m = _DIGITS.search(text)
    if m is None:
        return None
    body = m.group()
    integer_end = body.find(".") if "." in body else len(body)
    last = integer_end - 1
    changed = str((int(body[last]) + 1) % 10)
    if integer_end == 1 and changed == "0":
        changed = "2"  # not a 0 alone
    new = body[:last] + changed + body[last + 1:]
    return text[:m.start()] + new + text[m.end():]


def _number_plants(zh: str, en: str) -> Iterator[Plant]:
    source = zh_quantities(zh)
    values = {q.value for q in source}
    kinds = {q.kind for q in source}
    targets = [q for q in en_quantities(en) if q.value in values and not q.optional]
    digits = [q for q in targets if q.kind in (Kind.NUMBER, Kind.PERCENT)
              and any(c.isdigit() for c in q.text) and q.value]
    for q in digits[:1]:
        if (new := _times_ten(q.text)) is not None:
            yield Plant("scale", _replace(en, q, new), f"{q.text} → {new}")
        if (new := _new_digit(q.text)) is not None:
            yield Plant("digit", _replace(en, q, new), f"{q.text} → {new}")
    for q in targets:
        if q.kind is Kind.YEAR and Kind.YEAR in kinds and q.text.isdigit():
            new = str(int(q.text) - 1)
            yield Plant("year", _replace(en, q, new), f"{q.text} → {new}")
            break
    for q in targets:
        if q.kind is Kind.MONTH and q.text in MONTHS:
            new = _MONTH_NAMES[int(q.value) % 12]
            yield Plant("month", _replace(en, q, new), f"{q.text} → {new}")
            break
    for q in targets:
        if q.kind is Kind.DAY and Kind.DAY in kinds and q.text.isdigit():
            day = int(q.text)
            new = str(day + 1 if day < 28 else day - 1)
            yield Plant("day", _replace(en, q, new), f"{q.text} → {new}")
            break
    counts = [q for q in targets if q.kind in (Kind.NUMBER, Kind.PERCENT) and q.value > 2]
    for q in counts[:1]:
        end = q.end + 1 if en[q.end:q.end + 1] == " " else q.end
        yield Plant("dropped", en[:q.start] + en[end:], f"{q.text} dropped")


def _name_plants(zh: str, en: str, glossary: Glossary) -> Iterator[Plant]:
    names = [t for t in glossary.terms if t.type in _NAME_TYPES]
    for hit in TermMatcher(glossary).first_mentions(zh):
        term = hit.term
        if term.type not in _NAME_TYPES:
            continue
        spans = EnglishMatcher.accepted_spans(en, term)
        if not spans:
            continue
        other = next((t for t in names if t.type == term.type and t.term != term.term
                      and t.english not in en), None)
        if other is None:
            continue
        planted = en
        for start, end in sorted(spans, reverse=True):
            planted = planted[:start] + other.english + planted[end:]
        yield Plant("name", planted, f"{term.english} → {other.english}")
        return


def plants_for(zh: str, en: str, glossary: Glossary) -> list[Plant]:
    """The planted errors one pair yields (at most one of each kind)."""
    return [*_number_plants(zh, en), *_name_plants(zh, en, glossary)]
