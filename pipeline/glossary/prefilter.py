"""Skip the English rendering regexes where they cannot match.

A rendering's pattern (match.rendering_pattern) is case-insensitive, tolerant of
inflections and joiners, and costs a full scan of the text. Most renderings are
absent from most translations, so a plain substring test on a case-folded copy
of the text decides those without compiling or scanning anything; where the
needle sits at a fixed offset in the first word, the pattern is tried only at
the few places the needle occurs. Results are exactly those of a full scan.

Trying the pattern there need not compile it either (a compile costs about a
millisecond, some hundreds of tries): `match_end` follows the pattern's steps
over the folded text in the order `re` would, backtracking alike, and gives
the same end.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache

# Every character that `re` under IGNORECASE equates with an ASCII letter, mapped
# one to one (so indices in the folded text are indices in the text).
_FOLD = str.maketrans({**{c: c.lower() for c in string.ascii_uppercase},
                       "\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_APOSTROPHES = "'’"
MIN_NEEDLE = 2


@dataclass(frozen=True)
class Needle:
    text: str  # lower-case ASCII, a literal part of every match
    offset: int | None  # its distance from the first word's start, if fixed
    lead: bool  # the first word may start with an optional quote
    others: tuple[str, ...] = ()  # literal parts of the other words: all must occur


def folded(text: str) -> str:
    """A copy of `text`, index for index, whose ASCII letters are those `re` under
    IGNORECASE sees: equal to `text.translate(_FOLD)` where it is ASCII. `lower()`
    is that (and C-fast) except for the three letters it does not fold to ASCII
    one to one; other non-ASCII letters it lowers stay non-ASCII word characters."""
    return _folded(text) if len(text) > 64 else _fold(text)


@lru_cache(maxsize=256)  # one translation is asked about by every rendering of its terms
def _folded(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        return text.translate(_FOLD)
    return text.lower()


@lru_cache(maxsize=4096)  # words recur across renderings (District, industry, …)
def _literal_part(core: str) -> tuple[str, int]:
    """The longest apostrophe-free run of the part no inflection rewrites, and its offset."""
    fixed = core
    if core[-1:].isalpha():  # the endings match._word_pattern rewrites as alternatives
        lower = core.lower()
        if len(core) > 4 and lower.endswith("ies"):
            fixed = core[:-3]
        elif (len(core) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))) or (core[-1] in "yY" and len(core) > 1 and core[-2].lower() not in "aeiou"):
            fixed = core[:-1]
    runs = fixed.replace("’", "'").split("'")
    best = max(runs, key=len)  # the first of the longest
    index = runs.index(best)
    return best, sum(map(len, runs[:index])) + index  # each run before it, and its apostrophe


def needle(words: list[str], quotes: str) -> Needle | None:
    """The needle for a rendering split into words, or None (then scan as usual)."""
    parts = []
    for word in words:
        part = _literal_part(word.strip(quotes))[0] if word.strip(quotes) else ""
        if part.isascii() and part:
            parts.append(part.lower())
    best = _best(words, quotes)
    if best is None:
        return None
    others = tuple(p for p in dict.fromkeys(parts) if p != best.text)
    return Needle(best.text, best.offset, best.lead, others)


def _best(words: list[str], quotes: str) -> Needle | None:
    found: Needle | None = None
    for position, word in enumerate(words):
        core = word.strip(quotes)
        if not core:
            continue
        part, at = _literal_part(core)
        if len(part) < MIN_NEEDLE or not part.isascii():
            continue
        lead = core != word
        offset = at if position == 0 and not word.startswith(tuple(_APOSTROPHES)) else None
        if position == 0 and offset is not None and not lead:
            return Needle(part.lower(), offset, lead)
        if found is None or (len(part) > len(found.text) and found.offset is None):
            found = Needle(part.lower(), offset, lead)
    return found


def candidate_starts(text: str, spot: Needle) -> list[int] | None:
    """Where a match can start ([] : nowhere), or None when only a full scan can tell."""
    haystack = folded(text)
    index = haystack.find(spot.text)
    if index < 0 or any(part not in haystack for part in spot.others):
        return []
    if spot.offset is None:
        return None
    starts: list[int] = []
    while index >= 0:
        start = index - spot.offset
        if spot.lead and start > 0:
            starts.append(start - 1)
        if start >= 0:
            starts.append(start)
        index = haystack.find(spot.text, index + 1)
    return sorted(set(starts))


def literal_form(rendering: str, quotes: str) -> str | None:
    """The folded rendering, when an exact copy of it in the text is certainly a match
    of its pattern with the same span (no quotes, apostrophes or en dashes, whose
    pattern pieces are optional or classes)."""
    text = rendering.strip()
    if not text or any(ch in quotes or ch == "–" for ch in text):
        return None
    return text.translate(_FOLD)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what `re` calls \w


def literal_at(text: str, start: int, form: str) -> bool:
    """Is the rendering there verbatim (up to case), bounded as its pattern demands?
    False means "cannot tell": the pattern decides."""
    end = start + len(form)
    if text[start:end].translate(_FOLD) != form:
        return False
    if start > 0 and _word_char(text[start - 1]):
        return False
    # After the last word the pattern may take an inflection: a letter or an apostrophe.
    return end == len(text) or not (_word_char(text[end]) or text[end] in _APOSTROPHES)


@dataclass(frozen=True)
class WordForm:
    """One word of a rendering as its pattern reads it: match._word_pattern writes
    the regex from this, and `match_end` reads a text by it the way `re` would."""

    stem: str  # as written; outside an `exact` word ' and ’ each stand for either
    endings: tuple[str, ...] = ()  # inflections tried after the stem, in this order
    optional: bool = False  # ... or none of them
    quoted: bool = False  # an optional quote mark before and after the word
    exact: bool = False  # a word of quote marks only, matched as written


QUOTE_MARKS = "\"'“”‘’"  # the optional quote around a quoted word
_JOINERS = "-‐‑–"  # with any whitespace, what separates words ([\s\-‐‑–]+)
# A step of a plan: a literal (in a loose one "'" is either apostrophe), a set of
# characters that may come once, a choice of literals (after a quick test of its
# first characters; optional or not), the joiner, the end.
_LIT, _MAYBE, _CHOICE, _JOIN, _END = range(5)
Step = tuple[int, str, tuple[str, ...], bool]


def plan(forms: tuple[WordForm, ...]) -> tuple[Step, ...] | None:
    """The steps `match_end` follows for these words, or None when the pattern
    holds a character whose IGNORECASE equivalents the folded text cannot show
    (anything outside ASCII but the quote marks): then the regex decides."""
    steps: list[Step] = []
    for index, form in enumerate(forms):
        if index:
            steps.append((_JOIN, "", (), False))
        if form.exact:
            steps.append((_LIT, form.stem, (), False))
            continue
        loose = [_loose(text) for text in (form.stem, *form.endings)]
        if not all(text.isascii() for text in loose):
            return None
        if form.quoted:
            steps.append((_MAYBE, QUOTE_MARKS, (), False))
        steps.append((_LIT, loose[0], (), "'" in loose[0]))
        if form.endings:
            firsts = "".join(dict.fromkeys(text[0] for text in loose[1:]))
            steps.append((_CHOICE, firsts.replace("'", _APOSTROPHES), tuple(loose[1:]),
                          form.optional))
        if form.quoted:
            steps.append((_MAYBE, QUOTE_MARKS, (), False))
    steps.append((_END, "", (), False))
    return tuple(steps)


def _loose(text: str) -> str:
    return text.lower().replace("’", "'")


def match_end(steps: tuple[Step, ...], low: str, start: int) -> int | None:
    """Where `rendering_pattern(...).match(text, start)` ends (None: no match), with
    `low = folded(text)`. The search is the regex's own: alternatives and optional
    parts in the order `re` tries them, greedy, backtracking on failure."""
    if start > 0 and _word_char(low[start - 1]):  # (?<![\w])
        return None
    return _walk(steps, 0, low, start)


def _walk(steps: tuple[Step, ...], index: int, low: str, pos: int) -> int | None:
    kind, chars, choices, flag = steps[index]
    if kind == _LIT:
        if not _literal_at(low, pos, chars, flag):
            return None
        return _walk(steps, index + 1, low, pos + len(chars))
    if kind == _END:  # (?![\w])
        return pos if pos == len(low) or not _word_char(low[pos]) else None
    if kind == _CHOICE:
        if pos < len(low) and low[pos] in chars:  # else no choice can start here
            for choice in choices:
                if _literal_at(low, pos, choice, "'" in choice):
                    found = _walk(steps, index + 1, low, pos + len(choice))
                    if found is not None:
                        return found
        return _walk(steps, index + 1, low, pos) if flag else None
    if kind == _MAYBE:
        if pos < len(low) and low[pos] in chars:
            found = _walk(steps, index + 1, low, pos + 1)
            if found is not None:
                return found
        return _walk(steps, index + 1, low, pos)
    end = pos  # _JOIN: as many as there are, then one fewer at a time (at least one)
    while end < len(low) and (low[end].isspace() or low[end] in _JOINERS):
        end += 1
    for stop in range(end, pos, -1):
        found = _walk(steps, index + 1, low, stop)
        if found is not None:
            return found
    return None


def _literal_at(low: str, pos: int, literal: str, loose: bool) -> bool:
    if not loose:
        return low.startswith(literal, pos)
    # Either apostrophe where the literal has "'" (and "'" only there: it is no letter).
    return low[pos:pos + len(literal)].replace("’", "'") == literal
