"""Quantity extraction from English text.

Digits (with separators, decimals, million/billion, %, per cent, 12th),
spelled-out numbers (two, twenty-five, three thousand three hundred, a
million, Seventh; read in english_words.py), month names with their days, and
Roman numerals after Phase/Stage.  "a"/"an" alone is never a quantity; "one" and "first" are
optional (pronoun "one", "first-class" and "one of" are skipped outright).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache

from ...glossary.prefilter import folded
from .english_words import PERCENT_RE, SCALES, approximate, word_drafts
from .quantity import (
    Draft,
    Quantity,
    Span,
    Unit,
    clock_minutes,
    freeze,
    in_quotes_only,
    link_ranges,
    numeric_date_drafts,
    overlaps,
    within,
)

MONTHS = {m: i + 1 for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"])}
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
               "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_ROMAN = {"I": 1, "V": 5, "X": 10}
CURRENCY_PREFIXES = ("RMB", "CNY", "USD", "HKD", "EUR", "GBP", "US", "HK", "Rmb")

_CARDINALS = "one|two|three|four|five|six|seven|eight|nine|ten"
_FRACTIONS = "third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth"

# Phrases whose numerals do not count anything (regexes, case-insensitive).
EN_FIXED_PHRASES: tuple[str, ...] = (
    r"\bone of\b", r"\bone-(?:stop|off|on-one|to-one|size-fits-all)\b", r"\bno one\b",
    r"\bone another\b", r"\bone by one\b", r"\bone after another\b", r"\bat first\b",
    r"\bfirst of all\b", r"\bfirst-(?:class|rate|hand|tier)\b", r"\btwo sessions\b",
    r"\b(?:an? |one )?(?:thousand|hundred)-year(?:-old)?\b",
    # Fractions (one-third, two thirds, a quarter of): 三分之一 is not extracted either.
    rf"\b(?:a|{_CARDINALS})-(?:half|{_FRACTIONS})s?\b",
    rf"\b(?:a|{_CARDINALS}) (?:halves|(?:{_FRACTIONS})s)\b",
    rf"\b(?:a|one) (?:{_FRACTIONS}) of\b",
)
# For each phrase, literals one of which is in every match (lower case, as IGNORECASE
# reads the text): a text holding none of them is not scanned for that phrase.
_FRACTION_WORDS = _FRACTIONS.split("|")
_FIXED_HINTS: dict[str, tuple[str, ...]] = dict(zip(EN_FIXED_PHRASES, [
    ("one of",), ("one-",), ("no one",), ("one another",), ("one by one",),
    ("one after another",), ("at first",), ("first of all",), ("first-",), ("two sessions",),
    ("-year",), ("-half", *(f"-{w}" for w in _FRACTION_WORDS)),
    (" halves", *(f" {w}s" for w in _FRACTION_WORDS)),
    tuple(f" {w} of" for w in _FRACTION_WORDS)], strict=True))

# Thousands separated by commas, or by no-break/thin spaces (15\u202f000); a
# plain space is not a separator ("in 2024 300 firms").
_NUM = r"(?:\d{1,3}(?:(?:,|[\u00a0\u202f\u2009])\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_DIGIT_RE = re.compile(
    rf"(?<![\d.,])(?P<num>{_NUM})(?:(?P<ord>st|nd|rd|th)\b"
    r"|\s*-?\s*(?P<scale>trillion|billion|million|thousand|bn|mn|tn|(?-i:Mt))\b|(?P<k>(?-i:K))\b)?",
    re.I)
_CODE_RE = re.compile(r"(?<![\d.])\d+(?:\s*\+\s*\d+)+")
# "Mt" is megatonnes (1.2 Mt = 120万吨); a bare "m" is left alone (metres?).
_ABBR_SCALE = {"bn": 10**9, "mn": 10**6, "tn": 10**12, "mt": 10**6, "k": 10**3}  # 50K
_MONTH_RE = re.compile(
    rf"\b(?:(?P<full>{'|'.join(MONTHS)})\b|(?P<abbr>{'|'.join(_MONTH_ABBR)})\b\.?(?=\s+\d))")
_MAY_CONTEXT_RE = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|from|to|early|late|mid|end of|before|after|last|"
    r"next|this|between|and|on)[\s-]+)$", re.I)
_ROMAN_RE = re.compile(r"\b(?:Phase|Stage|Part|Class|Grade|Level|Tier)\s+(?P<r>[IVX]{1,5})\b"
                       r"|(?:^|(?<=\n))[\s#*]*(?P<h>[IVX]{1,5})\.\s")
_RANGE_RE = re.compile(r"\s*(?:-|–|—|~|to|and)\s*")
_MONTH_NAMES = "|".join([*MONTHS, *_MONTH_ABBR])
# Power is compared in kW (120万千瓦 = 1,200 MW = 1.2 GW); area in mu or hectares.
_UNIT_RE = re.compile(r"\s*(?:(?P<mw>MW|megawatts?)|(?P<gw>GW|gigawatts?)|(?P<ha>ha|hectares?)"
                      r"|(?P<mu>mu))\b")
_HEADING_BEFORE_RE = re.compile(r"(?:^|[\n.;:!?])[\s#*]*$")
_MARKER_END_RE = re.compile(r"[.)]\s")
_DIGITS_RE = re.compile(r"\d+")
_SEPARATOR_RE = re.compile(r"[,\u00a0\u202f\u2009]")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)-?$")
_YEAR_RE = re.compile(r"1\d{3}|2[01]\d{2}")
_DAY_RE = re.compile(r"\d{1,2}")
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTH_NAMES})\.?\s+$")
_MONTH_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b")
_DIGIT_NEXT_RE = re.compile(r"\s+\d")
# Cheap necessary conditions (a literal to search for): every month name starts with
# one of these; a Roman numeral ends a word or precedes ". ".
_MONTH_HINT_RE = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_ROMAN_HINT_RE = re.compile(r"[IVX](?!\w)")


def _unit(t: str, d: Draft) -> None:
    m = _UNIT_RE.match(t, d.end)
    if m is None or d.kind != "number":
        return
    if m.group("mw") or m.group("gw"):
        d.value *= 1000 if m.group("mw") else 10**6
    else:
        d.unit = Unit.HECTARE if m.group("ha") else Unit.MU


def _list_marker(t: str, d: Draft, raw: str) -> bool:
    """ "1. Overview", "2) …" at a line or sentence start, or "(3)" anywhere."""
    if len(raw) > 2 or d.kind != "number":
        return False
    if t[d.start - 1:d.start] == "(" and t.startswith(")", d.end):
        return True
    return bool(_MARKER_END_RE.match(t, d.end, d.end + 2)
                and _HEADING_BEFORE_RE.search(t[:d.start]))


def _roman(s: str) -> int | None:
    total = 0
    for ch, nxt in zip(s, s[1:] + " ", strict=False):
        v = _ROMAN[ch]
        total += -v if nxt != " " and _ROMAN[nxt] > v else v
    return total if total and _to_roman(total) == s else None


def _to_roman(n: int) -> str:
    out = ""
    for v, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + sym, n - v
    return out


_DIGIT_RUN_RE = re.compile(r"\d+")


def _digit_matches(t: str) -> Iterator[re.Match[str]]:
    """`_DIGIT_RE.finditer(t)`, tried only where a digit run starts: the pattern's
    lookbehind would otherwise make `re` try it at every position of the text."""
    pos = 0
    while (run := _DIGIT_RUN_RE.search(t, pos)) is not None:
        start = run.start()
        if start and (t[start - 1] in ".," or t[start - 1].isdecimal()):  # (?<![\d.,])
            pos = run.end()  # fails here, and so inside the run: a digit before each
            continue
        m = _DIGIT_RE.match(t, start)
        assert m is not None  # _NUM matches any digit run
        yield m
        pos = m.end()


# 8:00, 19:44:50, 3:37 pm, 2 p.m., 8 o'clock, noon, midnight.
_CLOCK_RE = re.compile(
    r"(?<![\d.:])(?P<h>[01]?\d|2[0-4])(?::\s?(?P<m>[0-5]\d)(?::[0-5]\d)?(?![\d:])"
    r"(?:\s*(?P<ap>[ap]\.?\s?m\b\.?))?"
    r"|\s*(?P<ap2>[ap]\.\s?m\.|[ap]m\b|o['’]clock\b))"
    r"|\b(?P<noon>noon|midday|midnight)\b", re.I)
_AM_PM_RE = re.compile(r"\d\s*[ap]\.?\s?m\b", re.I)  # any spacing, as _CLOCK_RE allows


_DIGIT_COLON_RE = re.compile(r"\d:")
_NOON_WORDS = ("noon", "Noon", "NOON", "mid", "Mid", "MID")


def _may_tell_time(t: str) -> bool:
    """Whether `_CLOCK_RE` may match: its lookbehind makes `re` try it at every
    position, so texts that cannot hold a time are not scanned (a colon counts
    only after a digit: most colons in prose open a quotation or a list; noon and
    midnight in lower, title or upper case)."""
    return ("clock" in t or any(word in t for word in _NOON_WORDS)
            or (":" in t and _DIGIT_COLON_RE.search(t) is not None)
            or (("m" in t or "M" in t) and _AM_PM_RE.search(t) is not None))


# "the 1990s", "post-90s", "'80s": a decade or generation, as its first year.
_DECADE_RE = re.compile(r"(?<![\d.,])['’]?(?P<y>(?:1[89]|20)?\d0)['’]?s\b")
# Said without a figure: "around the clock" is 24 hours (24小时).
_ROUND_CLOCK_RE = re.compile(r"\b(?:a|round|around)[ -]the[ -]clock\b|\b24/7\b", re.I)


def _clock_drafts(t: str, taken: list[Span]) -> list[Draft]:
    drafts = numeric_date_drafts(t, taken)
    for m in _DECADE_RE.finditer(t) if "0s" in t else ():
        year = int(m.group("y"))
        year += 0 if year >= 1000 else (2000 if year < 20 else 1900)
        drafts.append(Draft(Decimal(year), m.start(), m.end(), "year"))
        taken.append(m.span())
    for m in _ROUND_CLOCK_RE.finditer(t) if "clock" in t or "24/7" in t else ():
        drafts.append(Draft(Decimal(24), m.start(), m.end(), optional=True))
        taken.append(m.span())
    for m in _CLOCK_RE.finditer(t) if _may_tell_time(t) else ():
        hour = 0 if m.group("noon") else int(m.group("h"))
        drafts.append(Draft(clock_minutes(hour, int(m.group("m") or 0)), m.start(), m.end(),
                            "time"))
        taken.append(m.span())
    return drafts


def _digit_drafts(t: str, taken: list[Span]) -> list[Draft]:
    drafts: list[Draft] = _clock_drafts(t, taken)
    for m in _CODE_RE.finditer(t) if "+" in t else ():  # "1+2+15"
        for part in _DIGITS_RE.finditer(m.group()):
            drafts.append(Draft(Decimal(part.group()), m.start() + part.start(),
                                m.start() + part.end(), "code"))
        taken.append(m.span())
    for m in _digit_matches(t):
        start, end = m.start(), m.end()
        if overlaps(start, end, taken):
            continue
        raw = m.group("num")
        if not raw.isdecimal():  # separators and decimals: rare, and the pattern decides
            raw = _SEPARATOR_RE.sub("", raw)
        # 50K is 50,000 but 4K/8K name screen resolutions: K only after two digits.
        k = m.group("k") if m.group("k") and len(m.group("num")) > 1 else ""
        if m.group("k") and not k:
            end -= 1
        scale_word = (m.group("scale") or k or "").lower()
        scale = _ABBR_SCALE.get(scale_word) or SCALES.get(scale_word, 1)
        d = Draft(Decimal(raw) * scale, start, end, scale=scale)
        pm = PERCENT_RE.match(t, end)
        word_before = _WORD_BEFORE_RE.search(t[max(0, start - 8):start])
        if m.group("ord"):
            d.kind = "ordinal"
        elif pm:
            d.kind, d.end = "percent", pm.end()
        elif word_before and word_before.group(1) not in CURRENCY_PREFIXES:
            d.kind = "code"  # A1, PM2.5, COVID-19, Q3
        elif in_quotes_only(t, start, end):
            d.kind = "code"
        elif scale == 1 and _YEAR_RE.fullmatch(m.group("num")):
            d.kind = "year"
        elif scale == 1 and _DAY_RE.fullmatch(raw) and 1 <= int(raw) <= 31 and (
                _MONTH_BEFORE_RE.search(t[max(0, start - 12):start])
                or _MONTH_AFTER_RE.match(t, end)):
            d.kind = "day"  # September 3 / 3 September
        d.approximate = approximate(t, start, d.end)
        if _list_marker(t, d, raw):
            d.kind, d.marker = "ordinal", True
        _unit(t, d)
        drafts.append(d)
        taken.append((start, d.end))
    return drafts


def _month_drafts(t: str, taken: list[Span]) -> list[Draft]:
    drafts = []
    for m in _MONTH_RE.finditer(t) if _MONTH_HINT_RE.search(t) else ():
        if m.group("full") == "March" and t[max(0, m.start() - 5):m.start()] == "Long ":
            continue  # the Long March (and its rockets)
        if m.group("full") == "May" and not (
                _DIGIT_NEXT_RE.match(t, m.end()) or _MAY_CONTEXT_RE.search(t[:m.start()])):
            continue  # the modal verb "May ..."
        value = MONTHS[m.group("full")] if m.group("full") else _MONTH_ABBR[m.group("abbr")]
        drafts.append(Draft(Decimal(value), m.start(), m.end(), "month"))
        taken.append(m.span())
    for m in _ROMAN_RE.finditer(t) if _ROMAN_HINT_RE.search(t) else ():  # Phase II; "II. …"
        group = "r" if m.group("r") else "h"
        roman = _roman(m.group(group))
        if roman:
            drafts.append(Draft(Decimal(roman), m.start(group), m.end(group), "ordinal",
                                marker=group == "h"))
            taken.append(m.span(group))
    return drafts


def _fixed_spans(text: str, phrases: Sequence[str]) -> list[Span]:
    low = folded(text)
    spans: list[Span] = []
    for phrase in phrases:
        hints = _FIXED_HINTS.get(phrase)  # None: a phrase of the caller's, always scanned
        if hints is not None and not any(hint in low for hint in hints):
            continue
        spans += [m.span() for m in _phrase_pattern(phrase).finditer(text)]
    return spans


@lru_cache(maxsize=256)  # compiled when first needed: most phrases rarely are
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(phrase, re.I)


def en_quantities(
    text: str,
    ignore_spans: Sequence[Span] = (),
    *,
    fixed_phrases: Sequence[str] = EN_FIXED_PHRASES,
) -> list[Quantity]:
    """Quantities in an English segment, in order of appearance.

    ``ignore_spans`` drop any overlapping quantity; spelled numbers inside a
    ``fixed_phrases`` match ("one of", "first-class") are skipped.
    """
    taken: list[Span] = []
    drafts = _digit_drafts(text, taken)
    drafts += _month_drafts(text, taken)
    words = word_drafts(text, taken)
    if words:  # the phrases only ever veto a spelled number: none, no scan
        fixed = _fixed_spans(text, fixed_phrases)
        drafts += [d for d in words if not within(d.start, d.end, fixed)]
    link_ranges(drafts, text, _RANGE_RE)
    return freeze(drafts, text, ignore_spans)
