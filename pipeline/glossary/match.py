"""Find glossary terms in Chinese sources and their renderings in English.

Chinese: one Aho-Corasick automaton over all terms (cost independent of the
glossary's size), resolved leftmost-longest so nested terms (专业镇 inside
绿色特优农产品专业镇) count once, as the longer term.
English: a compiled pattern per rendering that tolerates case, plurals and
simple inflections, hyphen/space variants and line breaks, and never matches
inside another word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from .model import Glossary, Term
from .prefilter import Needle, candidate_starts, literal_at, literal_form, needle


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
            self._automaton.add_word(term.term, term)
        if len(glossary):
            self._automaton.make_automaton()

    def find(self, text: str) -> list[TermHit]:
        """Non-overlapping hits, leftmost-longest, in text order."""
        if not len(self.glossary):
            return []
        candidates = [(end - len(term.term) + 1, end + 1, term)
                      for end, term in self._automaton.iter(text)]
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        hits: list[TermHit] = []
        covered_until = 0
        for start, end, term in candidates:
            if start >= covered_until:
                hits.append(TermHit(term, start, end))
                covered_until = end
        return hits

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


def _word_pattern(word: str) -> str:
    core = word.strip(_QUOTES)
    lead = r"[\"'“”‘’]?" if core != word else ""
    if not core:
        return re.escape(word)
    escaped = "".join(r"[’']" if ch in "'’" else re.escape(ch) for ch in core)
    if core[-1].isalpha():
        # A plural rendering also matches its singular, as English uses it before
        # another noun ("waste rubber tyres" -> "waste rubber tyre processing").
        lower = core.lower()
        if len(core) > 4 and lower.endswith("ies"):
            escaped = escaped[:-3] + r"(?:y|ies|ied)"
        elif len(core) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
            escaped = escaped[:-1] + r"(?:s|es|ed|d|[’']s)?"
        elif core[-1] in "yY" and len(core) > 1 and core[-2].lower() not in "aeiou":
            escaped = escaped[:-1] + r"(?:y|ies|ied)"
        else:
            escaped += r"(?:s|es|ed|d|[’']s)?"
    return f"{lead}{escaped}{lead}"


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
        spans: list[tuple[int, int]] = []
        # Longest renderings first so a variant inside the approved form is not counted twice.
        for rendering in sorted(term.accepted, key=len, reverse=True):
            for span in EnglishMatcher.spans(text, rendering):
                if not any(s <= span[0] < e or s < span[1] <= e for s, e in spans):
                    spans.append(span)
        return sorted(spans)

    @staticmethod
    def forbidden_found(text: str, term: Term) -> list[tuple[str, tuple[int, int]]]:
        accepted = EnglishMatcher.accepted_spans(text, term)
        found = []
        for rendering in term.forbidden:
            for span in EnglishMatcher.spans(text, rendering):
                # A forbidden form wholly inside an accepted one is not a violation
                # ("town" forbidden is fine inside "Sudian Town").
                if not any(s <= span[0] and span[1] <= e for s, e in accepted):
                    found.append((rendering, span))
        return found


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
        match = rendering_pattern(rendering).match(text, start)
        if match:
            found.append(match.span())
            end = match.end()
    return tuple(found)


@cache
def _literal(rendering: str) -> str | None:
    return literal_form(rendering, _QUOTES)
