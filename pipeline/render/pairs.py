"""Align an Article with a catalog: one Pair per segment, never dropping one."""

from __future__ import annotations

from dataclasses import dataclass, field

import polib

from ..catalog.stats import Status, index_catalog, segment_status
from ..glossary import EnglishMatcher, Glossary, Term, TermMatcher
from ..model import Article, Segment, SegmentKind


@dataclass(frozen=True)
class TermSpan:
    """A glossary term located in one side of a pair (character offsets)."""

    key: str  # the Chinese term: links the two sides
    start: int
    end: int
    target: str  # the approved rendering
    pinyin: str = ""
    gloss: str = ""  # for readers
    note: str = ""  # the translator's rationale: the proof shows it, reader pages never
    type: str = "other"


@dataclass(frozen=True)
class MarkPolicy:
    """Which glossary terms a page marks. `types`/`kinds` None: all of them."""

    types: frozenset[str] | None = None
    kinds: frozenset[SegmentKind] | None = None
    every_mention: bool = False
    paired: bool = True  # mark a term only with its counterpart (none in an untranslated pair)

    def allows(self, term: Term, kind: SegmentKind) -> bool:
        return ((self.types is None or term.type in self.types)
                and (self.kinds is None or kind in self.kinds))


# A reader's page marks only what is worth explaining (not names of places, people,
# firms or credit roles), in running text only (not kicker, headings, credits).
READER_MARKS = MarkPolicy(
    types=frozenset({"slogan", "policy-term", "culture", "honour", "event"}),
    kinds=frozenset({SegmentKind.STANDFIRST, SegmentKind.PARAGRAPH, SegmentKind.LIST_ITEM,
                     SegmentKind.BLOCKQUOTE, SegmentKind.TABLE_CELL}))
# The editor's proof: every term at every mention, found in the target or not.
ALL_MARKS = MarkPolicy(every_mention=True, paired=False)


# What readers are told about a segment shown in the source language, in every
# edition (HTML badges, Markdown marks, the notice at the top).
FALLBACK_LABELS: dict[Status, str] = {
    Status.FUZZY: "Fuzzy: needs review",
    Status.UNTRANSLATED: "Not yet translated",
}


@dataclass(frozen=True)
class Pair:
    segment: Segment
    target: str  # the translation, or the source text when it is missing/fuzzy
    status: Status
    source_terms: tuple[TermSpan, ...] = field(default_factory=tuple)
    target_terms: tuple[TermSpan, ...] = field(default_factory=tuple)
    draft: str = ""  # a fuzzy entry's msgstr (shown only in the proof)

    @property
    def is_fallback(self) -> bool:
        return self.status != Status.TRANSLATED


def _span(term: Term, start: int, end: int) -> TermSpan:
    return TermSpan(term.term, start, end, term.english, term.pinyin, term.gloss, term.note,
                    term.type)


def align(article: Article, po: polib.POFile | None, glossary: Glossary,
          every_mention: bool = False, policy: MarkPolicy = READER_MARKS) -> list[Pair]:
    """Pairs in source order. Glossary terms allowed by `policy` are marked at their
    first mention in the article, as a printed glossary would gloss them (with
    `every_mention`, every occurrence). In a translated pair a term is marked only
    together with its rendering in the target (never on one side alone)."""
    entries = index_catalog(po) if po is not None else {}
    matcher = TermMatcher(glossary)
    every = every_mention or policy.every_mention
    pairs = []
    seen: set[str] = set()
    for segment in article.segments:
        status = segment_status(segment, entries)
        translated = status == Status.TRANSLATED
        entry = entries.get(segment.text)
        target = entry.msgstr if translated and entry is not None else segment.text
        draft = entry.msgstr if entry is not None and status == Status.FUZZY else ""
        source_terms: list[TermSpan] = []
        target_terms: list[TermSpan] = []
        for hit in matcher.find(segment.text):
            if not policy.allows(hit.term, segment.kind) or (hit.term.term in seen and not every):
                continue
            span = _free_span(target, hit.term, target_terms) if translated else None
            if span is not None:
                target_terms.append(_span(hit.term, *span))
            elif policy.paired:
                continue  # no counterpart in the target: mark neither side
            source_terms.append(_span(hit.term, hit.start, hit.end))
            seen.add(hit.term.term)
        target_terms.sort(key=lambda s: s.start)
        pairs.append(Pair(segment, target, status, tuple(source_terms), tuple(target_terms),
                          draft))
    return pairs


def _free_span(text: str, term: Term, taken: list[TermSpan]) -> tuple[int, int] | None:
    """The first rendering of `term` in `text` that overlaps no span already taken."""
    for start, end in EnglishMatcher.accepted_spans(text, term):
        if all(end <= s.start or start >= s.end for s in taken):
            return start, end
    return None
