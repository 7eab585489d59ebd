"""Find glossary terms in Chinese sources and their renderings in English.

Chinese: one Aho-Corasick automaton over all terms (cost independent of the
glossary's size), resolved leftmost-longest so nested terms (专业镇 inside
绿色特优农产品专业镇) count once, as the longer term.
English: a pattern per rendering that tolerates case, plurals and simple
inflections, hyphen/space variants and line breaks, and never matches inside
another word. It is written from the words' forms (WordForm), and where the
prefilter leaves a few places to try, the same forms are read by a plan instead
of compiling the pattern (prefilter.match_end), until a rendering is tried often
enough for a compile to pay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from .model import Glossary, Term
from .prefilter import (
    Needle,
    Step,
    WordForm,
    candidate_starts,
    folded,
    literal_at,
    literal_form,
    match_end,
    needle,
    plan,
)

_REMEMBERED = 4096  # sources whose hits a matcher keeps


@dataclass(frozen=True)
class TermHit:
    term: Term
    start: int
    end: int


class TermMatcher:
    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._automaton = ahocorasick.Automaton()
        for term in glossary.terms:
            self._automaton.add_word(term.term, (len(term.term), term))
        if len(glossary):
            self._automaton.make_automaton()
        # Several rules of an entry ask about its source (terms, numbers, BL202): the
        # automaton runs once. A plain dict, so a matcher still pickles (worker processes).
        self._hits: dict[str, tuple[TermHit, ...]] = {}

    def find(self, text: str) -> list[TermHit]:
        """Non-overlapping hits, leftmost-longest, in text order."""
        if not len(self.glossary):
            return []
        hits = self._hits.get(text)
        if hits is None:
            if len(self._hits) >= _REMEMBERED:
                self._hits.clear()
            hits = self._hits[text] = self._find(text)
        return list(hits)

    def _find(self, text: str) -> tuple[TermHit, ...]:
        candidates = [(end + 1 - size, end + 1, term)
                      for end, (size, term) in self._automaton.iter(text)]
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        hits: list[TermHit] = []
        covered_until = 0
        for start, end, term in candidates:
            if start >= covered_until:
                hits.append(TermHit(term, start, end))
                covered_until = end
        return tuple(hits)

    def first_mentions(self, text: str) -> list[TermHit]:
        """The first hit of each distinct term, in text order (one answer for every
        place that lists "the terms in this segment": notes, checks, pages)."""
        seen: set[str] = set()
        firsts: list[TermHit] = []
        for hit in self.find(text):
            if hit.term.term not in seen:
                seen.add(hit.term.term)
                firsts.append(hit)
        return firsts

    def terms_in(self, text: str) -> list[Term]:
        """Distinct terms in `text`, in order of first appearance."""
        return [hit.term for hit in self.first_mentions(text)]


_WORD_SPLIT = re.compile(r"[\s\-‐‑]+")
_QUOTES = "\"'“”‘’"
_JOINER = r"[\s\-‐‑–]+"


def _word_form(word: str) -> WordForm:
    core = word.strip(_QUOTES)
    if not core:
        return WordForm(word, exact=True)
    quoted = core != word
    if not core[-1].isalpha():
        return WordForm(core, quoted=quoted)
    # A plural rendering also matches its singular, as English uses it before
    # another noun ("waste rubber tyres" -> "waste rubber tyre processing").
    lower = core.lower()
    if len(core) > 4 and lower.endswith("ies"):
        return WordForm(core[:-3], _Y_ENDINGS, quoted=quoted)
    if len(core) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return WordForm(core[:-1], _S_ENDINGS, optional=True, quoted=quoted)
    if core[-1] in "yY" and len(core) > 1 and core[-2].lower() not in "aeiou":
        return WordForm(core[:-1], _Y_ENDINGS, quoted=quoted)
    return WordForm(core, _S_ENDINGS, optional=True, quoted=quoted)


_Y_ENDINGS = ("y", "ies", "ied")
_S_ENDINGS = ("s", "es", "ed", "d", "'s")


def _loose_pattern(text: str) -> str:
    return "".join(r"[’']" if ch in "'’" else re.escape(ch) for ch in text)


def _word_pattern(word: str) -> str:
    form = _word_form(word)
    if form.exact:
        return re.escape(form.stem)
    lead = r"[\"'“”‘’]?" if form.quoted else ""
    endings = ""
    if form.endings:
        endings = f"(?:{'|'.join(map(_loose_pattern, form.endings))})" + \
            ("?" if form.optional else "")
    return f"{lead}{_loose_pattern(form.stem)}{endings}{lead}"


def _words(rendering: str) -> list[str]:
    return [w for w in _WORD_SPLIT.split(rendering.strip()) if w]


@cache  # one compile per rendering per run, whatever the glossary's size
def rendering_pattern(rendering: str) -> re.Pattern[str]:
    words = _words(rendering)
    body = _JOINER.join(_word_pattern(w) for w in words)
    return re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)


class EnglishMatcher:
    """Where a term's approved rendering, variants or forbidden renderings occur."""

    @staticmethod
    def spans(text: str, rendering: str) -> list[tuple[int, int]]:
        return list(_spans(text, rendering))

    @staticmethod
    def accepted_spans(text: str, term: Term) -> list[tuple[int, int]]:
        return list(_accepted_spans(text, term.accepted))

    @staticmethod
    def forbidden_found(text: str, term: Term) -> list[tuple[str, tuple[int, int]]]:
        if not term.forbidden:
            return []
        accepted = EnglishMatcher.accepted_spans(text, term)
        found = []
        for rendering in term.forbidden:
            for span in EnglishMatcher.spans(text, rendering):
                # A forbidden form wholly inside an accepted one is not a violation
                # ("town" forbidden is fine inside "Sudian Town").
                if not any(s <= span[0] and span[1] <= e for s, e in accepted):
                    found.append((rendering, span))
        return found


@lru_cache(maxsize=8192)  # asked by BL101/BL102/BL103 and the number rule for one entry
def _accepted_spans(text: str, renderings: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    # Longest renderings first so a variant inside the approved form is not counted twice.
    for rendering in sorted(renderings, key=len, reverse=True):
        for span in _spans(text, rendering):
            if not any(s <= span[0] < e or s < span[1] <= e for s, e in spans):
                spans.append(span)
    return tuple(sorted(spans))


@cache
def _needle(rendering: str) -> Needle | None:
    return needle(_words(rendering), _QUOTES)


@lru_cache(maxsize=8192)  # the rules ask about one (text, rendering) several times
def _spans(text: str, rendering: str) -> tuple[tuple[int, int], ...]:
    spot = _needle(rendering)
    starts = candidate_starts(text, spot) if spot is not None else None
    if starts == []:
        return ()
    if starts is None:
        return tuple(m.span() for m in rendering_pattern(rendering).finditer(text))
    form = _literal(rendering)
    found: list[tuple[int, int]] = []
    end = 0
    for start in starts:  # the same leftmost, non-overlapping matches as finditer
        if start < end:
            continue
        if form is not None and literal_at(text, start, form):
            end = start + len(form)  # a verbatim copy: no pattern to compile
            found.append((start, end))
            continue
        stop = _match_end(rendering, text, start)
        if stop is not None:
            found.append((start, stop))
            end = stop
    return tuple(found)


def _match_end(rendering: str, text: str, start: int) -> int | None:
    """Where the rendering's pattern, tried at `start`, ends. A compile (about 1 ms)
    costs what some hundreds of tries read by the plan cost more than by the regex
    (5 against 1.5 µs; the same answer), so a rendering is read by its plan until it
    has been tried that often (rent or buy): a run on one article compiles almost
    nothing, a run on an archive compiles what it uses a lot."""
    steps = _plan(rendering)
    tries = _tries.get(rendering, 0)
    if steps is not None and tries < PLAN_TRIES:
        _tries[rendering] = tries + 1
        return match_end(steps, folded(text), start)
    match = rendering_pattern(rendering).match(text, start)
    return match.end() if match else None


PLAN_TRIES = 256
_tries: dict[str, int] = {}  # by rendering, in this process


@cache
def _plan(rendering: str) -> tuple[Step, ...] | None:
    return plan(tuple(_word_form(w) for w in _words(rendering)))


@cache
def _literal(rendering: str) -> str | None:
    return literal_form(rendering, _QUOTES)
