"""Sentence-level memory units: the aligned sentence pairs of a translated segment.

The sentences and their links come from the aligner (pipeline.checks.align:
Chinese split at 。！？；, English by pysbd, links by length, dictionary words,
numbers, terms and names). A memory offers only pairs it can vouch for: links the
aligner is sure of (MEMORY_CONFIDENCE) with a counterpart on both sides. Numbers
are part of the aligner's evidence (3300万 ↔ 33 million), so a bead whose
quantities disagree is an unlikely one.
"""

from __future__ import annotations

from functools import lru_cache

from ..checks.align import align_pair, split_chinese, split_english

MEMORY_CONFIDENCE = 0.9


def split_source(text: str) -> list[str]:
    return [s.text for s in split_chinese(text)]


def split_target(text: str, language: str = "en") -> tuple[str, ...]:
    return tuple(s.text for s in split_english(text, language))


def sentence_pairs(source: str, target: str, language: str = "en") -> list[tuple[str, str]]:
    """Aligned (source, target) sentences, or [] when the segment is one sentence or the
    sentences cannot be aligned with confidence."""
    return list(_sentence_pairs(source, target, language))


# A memory holds the same segment once per catalog that has it (headings, bylines,
# boilerplate), and aligning is the cost of building one: align each pair once.
@lru_cache(maxsize=16384)
def _sentence_pairs(source: str, target: str, language: str) -> tuple[tuple[str, str], ...]:
    if len(split_chinese(source)) < 2:
        return ()
    alignment = align_pair(source, target, language=language)
    pairs = []
    for link in alignment.links:
        if not link.source or not link.target or link.confidence < MEMORY_CONFIDENCE:
            continue
        # Joined Chinese sentences read as one text, without the space between.
        pairs.append(("".join(alignment.source[i].text for i in link.source),
                      alignment.target_of(link)))
    return tuple(pairs)
