"""Quantity extraction from English text.

Digits (with separators, decimals, million/billion, %, per cent, 12th),
spelled-out numbers (two, twenty-five, three thousand three hundred, a
million, Seventh), month names with their days, and Roman numerals after
Phase/Stage.  "a"/"an" alone is never a quantity; "one" and "first" are
optional (pronoun "one", "first-class" and "one of" are skipped outright).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from .quantity import (
    Draft,
    Quantity,
    Span,
    Unit,
    freeze,
    in_quotes_only,
    link_ranges,
    overlaps,
    within,
)

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS_LIST = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
UNITS = {w: i for i, w in enumerate(_ONES) if i}
TENS = {w: 20 + 10 * i for i, w in enumerate(_TENS_LIST)}
SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6,
          "billion": 10**9, "trillion": 10**12}
_ORD_ONES = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
ORDINALS = {w: i + 1 for i, w in enumerate(_ORD_ONES)}
ORDINALS |= {w[:-1] + "ieth": v for w, v in TENS.items()}
ORDINALS |= {w + "th": v for w, v in SCALES.items()}
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

# Thousands separated by commas, or by no-break/thin spaces (15\u202f000); a
# plain space is not a separator ("in 2024 300 firms").
_NUM = r"(?:\d{1,3}(?:(?:,|[\u00a0\u202f\u2009])\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_DIGIT_RE = re.compile(
    rf"(?<![\d.,])(?P<num>{_NUM})(?:(?P<ord>st|nd|rd|th)\b"
    r"|\s*-?\s*(?P<scale>trillion|billion|million|thousand|bn|mn|tn|(?-i:Mt))\b)?", re.I)
_CODE_RE = re.compile(r"(?<![\d.])\d+(?:\s*\+\s*\d+)+")
_PERCENT_RE = re.compile(r"\s*(?:%|per\s?cent\b|pct\b|percentage points?\b)", re.I)
# "Mt" is megatonnes (1.2 Mt = 120万吨); a bare "m" is left alone (metres?).
_ABBR_SCALE = {"bn": 10**9, "mn": 10**6, "tn": 10**12, "mt": 10**6}
_APPROX_BEFORE_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:more than|over|nearly|almost|about|around|approximately|roughly|"
    r"some|upwards of|at least|close to|in excess of|exceeding|above|under|below|less than|"
    r"fewer than|no more than|no less than|not less than|not more than|approx\.?|circa|"
    r"exceed(?:s|ed|ing)?|topp(?:ed|ing)|tops|surpass(?:es|ed|ing)?|beyond|"
    r"(?:broke|break(?:s|ing)?) through|pass(?:ed|es|ing)? the)\s+"
    r"|~\s*)(?:RMB|CNY|US\$|HK\$|\$|¥|€|£)?\s*$", re.I)
_APPROX_AFTER_RE = re.compile(
    r"(?:\+(?!\s*\d)|-?plus\b|\s+or (?:more|above|so)\b|\s+and above\b|-odd\b|\s+odd\b)", re.I)
_MONTH_RE = re.compile(
    rf"\b(?:(?P<full>{'|'.join(MONTHS)})\b|(?P<abbr>{'|'.join(_MONTH_ABBR)})\b\.?(?=\s+\d))")
_MAY_CONTEXT_RE = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|from|to|early|late|mid|end of|before|after|last|"
    r"next|this|between|and|on)[\s-]+)$", re.I)
_ROMAN_RE = re.compile(r"\b(?:Phase|Stage|Part|Class|Grade|Level|Tier)\s+(?P<r>[IVX]{1,5})\b"
                       r"|(?:^|(?<=\n))[\s#*]*(?P<h>[IVX]{1,5})\.\s")
_WORD_RE = re.compile(r"[A-Za-z]+")
_RANGE_RE = re.compile(r"\s*(?:-|–|—|~|to|and)\s*")
_MONTH_NAMES = "|".join([*MONTHS, *_MONTH_ABBR])
# Power is compared in kW (120万千瓦 = 1,200 MW = 1.2 GW); area in mu or hectares.
_UNIT_RE = re.compile(r"\s*(?:(?P<mw>MW|megawatts?)|(?P<gw>GW|gigawatts?)|(?P<ha>ha|hectares?)"
                      r"|(?P<mu>mu))\b")
_HEADING_BEFORE_RE = re.compile(r"(?:^|[\n.;:!?])[\s#*]*$")


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
    return bool(re.match(r"[.)]\s", t[d.end:d.end + 2])
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


def _approximate(t: str, start: int, end: int) -> bool:
    return bool(_APPROX_BEFORE_RE.search(t[max(0, start - 30):start])
                or _APPROX_AFTER_RE.match(t, end))


def _digit_drafts(t: str, taken: list[Span]) -> list[Draft]:
    drafts: list[Draft] = []
    for m in _CODE_RE.finditer(t):  # "1+2+15"
        for part in re.finditer(r"\d+", m.group()):
            drafts.append(Draft(Decimal(part.group()), m.start() + part.start(),
                                m.start() + part.end(), "code"))
        taken.append(m.span())
    for m in _DIGIT_RE.finditer(t):
        start, end = m.start(), m.end()
        if overlaps(start, end, taken):
            continue
        raw = re.sub(r"[,\u00a0\u202f\u2009]", "", m.group("num"))
        scale_word = (m.group("scale") or "").lower()
        scale = _ABBR_SCALE.get(scale_word) or SCALES.get(scale_word, 1)
        d = Draft(Decimal(raw) * scale, start, end, scale=scale)
        pm = _PERCENT_RE.match(t, end)
        word_before = re.search(r"([A-Za-z]+)-?$", t[max(0, start - 8):start])
        if m.group("ord"):
            d.kind = "ordinal"
        elif pm:
            d.kind, d.end = "percent", pm.end()
        elif word_before and word_before.group(1) not in CURRENCY_PREFIXES:
            d.kind = "code"  # A1, PM2.5, COVID-19, Q3
        elif in_quotes_only(t, start, end):
            d.kind = "code"
        elif scale == 1 and re.fullmatch(r"1\d{3}|2[01]\d{2}", m.group("num")):
            d.kind = "year"
        elif scale == 1 and re.fullmatch(r"\d{1,2}", raw) and 1 <= int(raw) <= 31 and (
                re.search(rf"\b(?:{_MONTH_NAMES})\.?\s+$", t[max(0, start - 12):start])
                or re.match(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b", t[end:])):
            d.kind = "day"  # September 3 / 3 September
        d.approximate = _approximate(t, start, d.end)
        if _list_marker(t, d, raw):
            d.kind, d.marker = "ordinal", True
        _unit(t, d)
        drafts.append(d)
        taken.append((start, d.end))
    return drafts


def _month_drafts(t: str, taken: list[Span]) -> list[Draft]:
    drafts = []
    for m in _MONTH_RE.finditer(t):
        if m.group("full") == "May" and not (
                re.match(r"\s+\d", t[m.end():]) or _MAY_CONTEXT_RE.search(t[:m.start()])):
            continue  # the modal verb "May ..."
        value = MONTHS[m.group("full")] if m.group("full") else _MONTH_ABBR[m.group("abbr")]
        drafts.append(Draft(Decimal(value), m.start(), m.end(), "month"))
        taken.append(m.span())
    for m in _ROMAN_RE.finditer(t):  # Phase II; "II. Measures" (a list marker)
        group = "r" if m.group("r") else "h"
        roman = _roman(m.group(group))
        if roman:
            drafts.append(Draft(Decimal(roman), m.start(group), m.end(group), "ordinal",
                                marker=group == "h"))
            taken.append(m.span(group))
    return drafts


def _follows(prev: str, word: str) -> bool:
    """May ``word`` continue a spelled number whose last word is ``prev``?"""
    if prev in ("a", "an"):
        return word in SCALES or word == "dozen"
    if prev in UNITS:  # "two million", but not "one two"
        return word in SCALES or word in ("hundredth", "thousandth", "millionth")
    if prev in TENS:  # twenty-five, twenty-first, twenty thousand
        return (UNITS.get(word, 10) < 10 or ORDINALS.get(word, 10) < 10
                or word in SCALES or word == "thousandth")
    if prev in SCALES:
        return word in UNITS or word in TENS or word in ORDINALS or (
            word in SCALES and SCALES[word] > SCALES[prev])
    return False


def _word_drafts(t: str, taken: list[Span]) -> list[Draft]:
    words = [m for m in _WORD_RE.finditer(t) if not overlaps(m.start(), m.end(), taken)]
    drafts: list[Draft] = []
    i = 0
    while i < len(words):
        first = words[i].group().lower()
        if not (first in UNITS or first in TENS or first in ORDINALS or first in ("twice", "decade")
                or (first in ("a", "an") and i + 1 < len(words)
                    and _follows(first, words[i + 1].group().lower()))):
            i += 1
            continue
        seq = [words[i]]
        j = i + 1
        while j < len(words) and seq[-1].group().lower() not in ORDINALS:
            gap = t[seq[-1].end():words[j].start()]
            w = words[j].group().lower()
            if w == "and" and j + 1 < len(words) and seq[-1].group().lower() in SCALES \
                    and re.fullmatch(r"\s+", gap):
                j += 1  # "one hundred and twenty"
                continue
            if not re.fullmatch(r"\s+|\s*-\s*|\s+and\s+", gap) or not _follows(
                    seq[-1].group().lower(), w):
                break
            seq.append(words[j])
            j += 1
        i = j
        drafts.append(_spelled(t, [w.group().lower() for w in seq], seq[0].start(), seq[-1].end()))
    return drafts


def _spelled(t: str, words: list[str], start: int, end: int) -> Draft:
    total = current = scale = 0
    ordinal = False
    for w in words:
        if w in ("a", "an"):
            current = 1
        elif w in ("twice", "decade"):
            current = 2 if w == "twice" else 10
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in UNITS or w in TENS:
            current += UNITS.get(w) or TENS[w]
        elif w in ORDINALS and ORDINALS[w] < 100:
            current, ordinal = current + ORDINALS[w], True
        else:  # a scale word or hundredth/thousandth/millionth
            ordinal = ordinal or w not in SCALES
            mult = SCALES.get(w) or ORDINALS[w]
            scale = max(scale, mult)
            if mult == 100:
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * mult, 0
    d = Draft(Decimal(total + current), start, end, "ordinal" if ordinal else "number",
              scale=scale or 1)
    pm = _PERCENT_RE.match(t, end)
    if pm and not ordinal:
        d.kind, d.end = "percent", pm.end()
    # Why: "one"/"first"/"twice"/"a dozen"/"decade" are often idiomatic or a
    # rendering of an implicit Chinese count (十年 = a decade); they match a
    # source count but are never reported as extra.  So are enumerators
    # ("Second, ..."), which may render 其次 as well as 二是.
    d.optional = words in (["one"], ["first"], ["twice"], ["a", "dozen"], ["decade"])
    d.marker = (ordinal and len(words) == 1 and t.startswith(",", end)
                and re.search(r"(?:^|[.;:!?]\s*)$", t[:start]) is not None)
    d.approximate = _approximate(t, start, d.end)
    return d


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
    fixed = [m.span() for p in fixed_phrases for m in re.finditer(p, text, re.I)]
    drafts += [d for d in _word_drafts(text, taken) if not within(d.start, d.end, fixed)]
    link_ranges(drafts, text, _RANGE_RE)
    return freeze(drafts, text, ignore_spans)
