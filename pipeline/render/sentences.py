"""Sentence groups of a translated pair for the bilingual page: which span of the
Chinese says what which span of the translation says (from the sentence aligner).

A reader who hovers, taps or moves the keyboard to a sentence sees its counterpart
highlighted. Only what the aligner is sure of is offered: a link below
`MIN_CONFIDENCE`, or a sentence with no counterpart (1-0, 0-1), joins the group
before it (or after it, at the start), so a group is never wrong, only larger.
A pair whose sentences form a single group gets no groups at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..checks.align import Alignment, align_sentences, split_chinese, split_english
from ..model import SegmentKind

MIN_CONFIDENCE = 0.8
# Running prose: headings, credits and captions are one thought each.
SENTENCE_KINDS = frozenset({SegmentKind.STANDFIRST, SegmentKind.PARAGRAPH,
                            SegmentKind.LIST_ITEM, SegmentKind.BLOCKQUOTE})


@dataclass(frozen=True)
class SentenceSpan:
    """Characters start..end of one side (raw Markdown offsets) belong to group `group`."""

    start: int
    end: int
    group: int


@dataclass(frozen=True)
class SentenceGroups:
    """The groups of both sides: `source[k]` and `target[k]` say the same thing."""

    source: tuple[SentenceSpan, ...]
    target: tuple[SentenceSpan, ...]


NO_GROUPS = SentenceGroups((), ())


def _merged(alignment: Alignment) -> list[tuple[list[int], list[int]]]:
    groups: list[tuple[list[int], list[int]]] = []
    for link in alignment.links:
        sure = link.confidence >= MIN_CONFIDENCE and link.source and link.target
        if groups and (not sure or not (groups[-1][0] and groups[-1][1])):
            groups[-1][0].extend(link.source)  # unsure, or the group before is one-sided
            groups[-1][1].extend(link.target)
        else:
            groups.append((list(link.source), list(link.target)))
    return groups


@lru_cache(maxsize=8192)
def sentence_groups(source: str, target: str, language: str = "en") -> SentenceGroups:
    """The sentence groups of a Chinese text and its translation (NO_GROUPS when the
    pair is one group)."""
    src = split_chinese(source)
    tgt = split_english(target, language.split("-")[0].split("_")[0])
    if len(src) < 2 or len(tgt) < 2:
        return NO_GROUPS  # one sentence on a side: one group, no need to align
    alignment = align_sentences(source, target, src, tgt)
    groups = _merged(alignment)
    if len(groups) < 2:
        return NO_GROUPS

    def spans(indices: list[int], sentences: tuple[Any, ...], group: int) -> SentenceSpan:
        return SentenceSpan(sentences[min(indices)].start, sentences[max(indices)].end, group)

    return SentenceGroups(
        tuple(spans(src, alignment.source, k) for k, (src, _) in enumerate(groups)),
        tuple(spans(tgt, alignment.target, k) for k, (_, tgt) in enumerate(groups)))
