"""Align an Article with a catalog: one Pair per segment, never dropping one."""

from __future__ import annotations

from dataclasses import dataclass, field

import polib

from ..catalog.stats import Status, index_catalog, segment_status
from ..glossary import EnglishMatcher, Glossary, TermMatcher
from ..model import Article, Segment


@dataclass(frozen=True)
class TermSpan:
    """A glossary term located in one side of a pair (character offsets)."""

    key: str  # the Chinese term: links the two sides
    start: int
    end: int
    english: str
    note: str


@dataclass(frozen=True)
class Pair:
    segment: Segment
    target: str  # the translation, or the source text when it is missing/fuzzy
    status: Status
    source_terms: tuple[TermSpan, ...] = field(default_factory=tuple)
    target_terms: tuple[TermSpan, ...] = field(default_factory=tuple)

    @property
    def is_fallback(self) -> bool:
        return self.status != Status.TRANSLATED


def align(article: Article, po: polib.POFile | None, glossary: Glossary,
          every_mention: bool = False) -> list[Pair]:
    """Pairs in source order. Glossary terms are marked at their first mention in
    the article (both columns), as a printed glossary would gloss them; with
    `every_mention` every occurrence is marked."""
    entries = index_catalog(po) if po is not None else {}
    matcher = TermMatcher(glossary)
    pairs = []
    seen: set[str] = set()
    for segment in article.segments:
        status = segment_status(segment, entries)
        translated = status == Status.TRANSLATED
        target = entries[segment.text].msgstr if translated else segment.text
        hits = []
        for hit in matcher.find(segment.text):
            if every_mention or hit.term.term not in seen:
                hits.append(hit)
                seen.add(hit.term.term)
        source_terms = tuple(TermSpan(h.term.term, h.start, h.end, h.term.english, h.term.note)
                             for h in hits)
        target_terms: list[TermSpan] = []
        if translated:
            for hit in {h.term.term: h for h in hits}.values():
                spans = EnglishMatcher.accepted_spans(target, hit.term)
                for start, end in spans if every_mention else spans[:1]:
                    target_terms.append(TermSpan(hit.term.term, start, end, hit.term.english,
                                                 hit.term.note))
        pairs.append(Pair(segment, target, status, source_terms,
                          tuple(_non_overlapping(target_terms))))
    return pairs


def _non_overlapping(spans: list[TermSpan]) -> list[TermSpan]:
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[TermSpan] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
