"""Align an Article with a catalog: one Pair per segment, never dropping one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

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
# edition (HTML notes, Markdown marks): one quiet line, whatever the workflow says
# (a draft and a missing translation are the same to a reader; "fuzzy" is ours).
PENDING_LABEL = "Chinese only — translation in progress"
FALLBACK_LABELS: dict[Status, str] = {
    Status.FUZZY: PENDING_LABEL,
    Status.UNTRANSLATED: PENDING_LABEL,
}


@dataclass(frozen=True)
class Pair:
    segment: Segment
    target: str  # the translation, or the source text when it is missing/fuzzy
    status: Status
    source_terms: tuple[TermSpan, ...] = field(default_factory=tuple)
    target_terms: tuple[TermSpan, ...] = field(default_factory=tuple)
    draft: str = ""  # a fuzzy entry's msgstr (shown only in the proof)
    reader_notes: tuple[str, ...] = ()  # the translator's notes for readers (see reader_notes)

    @property
    def is_fallback(self) -> bool:
        return self.status != Status.TRANSLATED


# A translator comment paragraph that opens so is for readers (an emendation, a pun
# the English cannot keep); every other comment stays in the workshop.
_READER_NOTE = re.compile(r"^note for readers\s*:\s*", re.IGNORECASE)


def reader_notes(comment: str) -> tuple[str, ...]:
    """The paragraphs of a translator comment (`# ...`) that open "Note for readers:",
    without that label and with the .po file's line breaks joined; a blank comment
    line ends a paragraph."""
    notes: list[str] = []
    current: list[str] | None = None
    for line in [*comment.splitlines(), ""]:
        line = line.strip()
        opened = _READER_NOTE.match(line)
        if current is not None and line and not opened:
            current.append(line)
            continue
        if current:
            notes.append(" ".join(current))
        current = [line[opened.end():]] if opened and line[opened.end():] else None
    return tuple(notes)


def _span(term: Term, start: int, end: int) -> TermSpan:
    return TermSpan(term.term, start, end, term.english, term.pinyin, term.gloss, term.note,
                    term.type)


def align(article: Article, po: polib.POFile | None, glossary: Glossary,
          every_mention: bool = False, policy: MarkPolicy = READER_MARKS,
          matcher: TermMatcher | None = None) -> list[Pair]:
    """Pairs in source order. Glossary terms allowed by `policy` are marked at their
    first mention in the article, as a printed glossary would gloss them (with
    `every_mention`, every occurrence). In a translated pair a term is marked only
    together with its rendering in the target (never on one side alone).
    `matcher`: the glossary's, when the caller aligns many articles (built once)."""
    if every_mention:
        policy = replace(policy, every_mention=True)
    return align_policies(article, po, glossary, (policy,), matcher)[0]


def align_policies(article: Article, po: polib.POFile | None, glossary: Glossary,
                   policies: Sequence[MarkPolicy], matcher: TermMatcher | None = None
                   ) -> list[list[Pair]]:
    """`align` under each of `policies` (the reader's pages and the proof): the terms
    and their renderings are looked for once, not once per policy."""
    entries = index_catalog(po) if po is not None else {}
    matcher = TermMatcher(glossary) if matcher is None else matcher
    aligned: list[list[Pair]] = [[] for _ in policies]
    seen: list[set[str]] = [set() for _ in policies]
    for segment in article.segments:
        status = segment_status(segment, entries)
        translated = status == Status.TRANSLATED
        entry = entries.get(segment.text)
        target = entry.msgstr if translated and entry is not None else segment.text
        draft = entry.msgstr if entry is not None and status == Status.FUZZY else ""
        notes = reader_notes(entry.tcomment) if translated and entry and entry.tcomment else ()
        hits = matcher.find(segment.text)
        renderings: dict[str, list[tuple[int, int]]] = {}  # a term's spans in this target
        for policy, pairs, marked in zip(policies, aligned, seen, strict=True):
            source_terms: list[TermSpan] = []
            target_terms: list[TermSpan] = []
            for hit in hits:
                term = hit.term
                if not policy.allows(term, segment.kind) or (
                        term.term in marked and not policy.every_mention):
                    continue
                span = None
                if translated:
                    if term.term not in renderings:
                        renderings[term.term] = EnglishMatcher.accepted_spans(target, term)
                    span = _free_span(renderings[term.term], target_terms)
                if span is not None:
                    target_terms.append(_span(term, *span))
                elif policy.paired:
                    continue  # no counterpart in the target: mark neither side
                source_terms.append(_span(term, hit.start, hit.end))
                marked.add(term.term)
            target_terms.sort(key=lambda s: s.start)
            pairs.append(Pair(segment, target, status, tuple(source_terms),
                              tuple(target_terms), draft, notes))
    return aligned


def _free_span(spans: list[tuple[int, int]], taken: list[TermSpan]) -> tuple[int, int] | None:
    """The first of a term's rendering `spans` that overlaps no span already taken."""
    for start, end in spans:
        if all(end <= s.start or start >= s.end for s in taken):
            return start, end
    return None
