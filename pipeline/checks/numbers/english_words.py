"""English number words: spelled-out numbers (two, twenty-five, three thousand
three hundred, a million, Seventh, twice, a dozen) and the words that qualify any
English number (per cent; about, more than, or so).

english.py reads digits, months, clock times and Roman numerals, and calls
``word_drafts`` for the numbers written as words.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from decimal import Decimal

from .quantity import Draft, Span, overlaps, trie_pattern

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

PERCENT_RE = re.compile(r"\s*(?:%|per\s?cent\b|pct\b|percentage points?\b)", re.I)
_APPROX_BEFORE_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:more than|over|nearly|almost|about|around|approximately|roughly|"
    r"some|upwards of|at least|close to|in excess of|exceeding|above|under|below|less than|"
    r"fewer than|no more than|no less than|not less than|not more than|approx\.?|circa|"
    r"exceed(?:s|ed|ing)?|topp(?:ed|ing)|tops|surpass(?:es|ed|ing)?|beyond|"
    r"(?:broke|break(?:s|ing)?) through|pass(?:ed|es|ing)? the)\s+"
    r"|~\s*)(?:RMB|CNY|US\$|HK\$|\$|¥|€|£)?\s*$", re.I)
_APPROX_AFTER_RE = re.compile(
    r"(?:\+(?!\s*\d)|-?plus\b|\s+or (?:more|above|so)\b|\s+and above\b|-odd\b|\s+odd\b)", re.I)
_WORD_RE = re.compile(r"[A-Za-z]+")
_SENTENCE_START_RE = re.compile(r"(?:^|[.;:!?]\s*)$")


def approximate(t: str, start: int, end: int) -> bool:
    return bool(_APPROX_BEFORE_RE.search(t[max(0, start - 30):start])
                or _APPROX_AFTER_RE.match(t, end))


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


# Words that can open a spelled number ("a"/"an" only before a scale or "dozen").
_STARTERS = frozenset([*UNITS, *TENS, *ORDINALS, "twice", "decade", "a", "an"])
# Found in the ASCII-lowered text as whole words (no letter before or after). A text
# without a scale word or "dozen" has no "a million"/"a dozen", so its many "a"s and
# "an"s are not even visited: the pattern without them is used.
_STARTER_RE = re.compile("(?<![a-z])" + trie_pattern(_STARTERS) + "(?![a-z])")
_STARTER_NO_ARTICLE_RE = re.compile(
    "(?<![a-z])" + trie_pattern(_STARTERS - {"a", "an"}) + "(?![a-z])")
_AFTER_ARTICLE = ("hundred", "thousand", "million", "billion", "trillion", "dozen")
_SPACES_RE = re.compile(r"\s+")
_WORD_GAP_RE = re.compile(r"\s+|\s*-\s*|\s+and\s+")


def _ascii_lower(t: str) -> str:
    """`t` with A-Z lowered, index for index, and no other letter made ASCII."""
    if "\u212a" in t or "\u0130" in t:  # Kelvin K lowers to "k", İ to two characters
        return t.translate(_ASCII_LOWER)
    return t.lower()


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _free_words(t: str, pos: int, taken: list[Span]) -> Iterator[re.Match[str]]:
    """The words from `pos` on that no digit, month or numeral quantity has taken."""
    for m in _WORD_RE.finditer(t, pos):
        if not overlaps(m.start(), m.end(), taken):
            yield m


def word_drafts(t: str, taken: list[Span]) -> list[Draft]:
    """Spelled numbers: a starter word, then the words that may follow it.

    Only the few words that can start one are visited (not every word of the
    text); what follows a starter is read word by word, skipping taken words, as
    a list of all the untaken words would give it."""
    low = _ascii_lower(t)
    drafts: list[Draft] = []
    resume = 0  # words before this offset belong to an earlier number
    starters = _STARTER_RE if any(w in low for w in _AFTER_ARTICLE) else _STARTER_NO_ARTICLE_RE
    for hit in starters.finditer(low):
        start, end = hit.span()
        if start < resume or overlaps(start, end, taken):
            continue
        first = hit.group()
        following = _free_words(t, end, taken)
        nxt = next(following, None)
        if first in ("a", "an") and (nxt is None or not _follows(first, nxt.group().lower())):
            continue
        seq = [(start, end, first)]
        resume = end
        while nxt is not None and seq[-1][2] not in ORDINALS:
            gap = t[seq[-1][1]:nxt.start()]
            w = nxt.group().lower()
            if w == "and" and seq[-1][2] in SCALES and _SPACES_RE.fullmatch(gap):
                after = next(following, None)
                if after is not None:  # "one hundred and twenty"
                    resume, nxt = nxt.end(), after
                    continue
            if not _WORD_GAP_RE.fullmatch(gap) or not _follows(seq[-1][2], w):
                break
            seq.append((nxt.start(), nxt.end(), w))
            resume = nxt.end()
            nxt = next(following, None)
        drafts.append(_spelled(t, [w for _, _, w in seq], seq[0][0], seq[-1][1]))
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
    pm = PERCENT_RE.match(t, end)
    if pm and not ordinal:
        d.kind, d.end = "percent", pm.end()
    # Why: "one"/"first"/"twice"/"a dozen"/"decade" are often idiomatic or a
    # rendering of an implicit Chinese count (十年 = a decade); they match a
    # source count but are never reported as extra.  So are enumerators
    # ("Second, ..."), which may render 其次 as well as 二是.
    d.optional = words in (["one"], ["first"], ["twice"], ["a", "dozen"], ["decade"])
    d.marker = (ordinal and len(words) == 1 and t.startswith(",", end)
                and _SENTENCE_START_RE.search(t[:start]) is not None)
    d.approximate = approximate(t, start, d.end)
    return d
