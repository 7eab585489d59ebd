"""Sentence splitting for sentence-level memory units.

Chinese ends sentences with 。！？ (possibly doubled, and followed by closing
quotes or brackets); English goes through pysbd, which knows abbreviations and
decimals. When both sides split into the same number of sentences, the n-th
sentences are taken as translations. Otherwise (an editor split a long Chinese
sentence in two, or joined two) the sentences are aligned by length, as Gale and
Church do: 1:1, 1:2, 2:1 and 1:3 beads, the cheapest path by how far each bead's length
ratio is from the segment's own; a bead far off the ratio means no alignment. A
translator who moved a clause across a sentence boundary defeats lengths alone, so
every bead must also carry the same quantities on both sides (3300万 ↔ 33 million,
as the number check compares them): a memory offers only pairs it can vouch for.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pysbd

from ..checks.numbers import compare_quantities

_ZH_SENTENCE = re.compile(r"[^。！？]*(?:[。！？]+[”’」』）》\"']*|$)")


def split_source(text: str) -> list[str]:
    return [s.strip() for s in _ZH_SENTENCE.findall(text) if s.strip()]


@lru_cache(maxsize=4)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False)


@lru_cache(maxsize=65536)
def split_target(text: str, language: str = "en") -> tuple[str, ...]:
    try:
        segmenter = _segmenter(language)
    except ValueError:  # pysbd lacks the language: English rules are the safest guess
        segmenter = _segmenter("en")
    return tuple(s.strip() for s in segmenter.segment(text) if s.strip())


def sentence_pairs(source: str, target: str, language: str = "en") -> list[tuple[str, str]]:
    """Aligned (source, target) sentences, or [] when the segment is one sentence or the
    sentences cannot be aligned with confidence."""
    return list(_sentence_pairs(source, target, language))


# A memory holds the same segment once per catalog that has it (headings, bylines,
# boilerplate), and aligning is the cost of building one: align each pair once.
@lru_cache(maxsize=16384)
def _sentence_pairs(source: str, target: str, language: str) -> tuple[tuple[str, str], ...]:
    sources = split_source(source)
    if len(sources) < 2:
        return ()
    targets = list(split_target(target, language))
    if len(targets) == len(sources):
        return tuple(zip(sources, targets, strict=True))
    return tuple(align_by_length(sources, targets))


# Beads (source sentences, target sentences) and their extra cost over a 1:1 bead.
_BEADS = ((1, 1, 0.0), (1, 2, 0.35), (2, 1, 0.35), (1, 3, 0.6))
# A bead whose length ratio is this far (natural log) from the segment's is refused.
_MAX_DEVIATION = 0.45


def align_by_length(sources: list[str], targets: list[str]) -> list[tuple[str, str]]:
    """Length-based alignment of sentences with 1:1, 1:2, 2:1 and 1:3 beads; [] if unsure.

    >>> align_by_length(["甲乙丙丁。", "戊己。"], ["Alpha beta gamma delta.", "Eps.", "Zeta."])
    [('甲乙丙丁。', 'Alpha beta gamma delta.'), ('戊己。', 'Eps. Zeta.')]
    """
    ratio = sum(map(len, targets)) / max(1, sum(map(len, sources)))
    n, m = len(sources), len(targets)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj, penalty in _BEADS:
                if i + di > n or j + dj > m:
                    continue
                zh = sum(len(s) for s in sources[i:i + di])
                en = sum(len(t) for t in targets[j:j + dj]) + (dj - 1)
                deviation = abs(math.log(max(1, en) / max(1.0, zh * ratio)))
                if deviation > _MAX_DEVIATION:
                    continue
                total = cost[i][j] + deviation + penalty
                if total < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = total
                    back[i + di][j + dj] = (di, dj)
    if cost[n][m] == inf:
        return []
    pairs = _trace(back, sources, targets)
    if any(compare_quantities(zh, en) for zh, en in pairs):
        return []  # a quantity sits in the wrong bead: the boundaries moved
    return pairs


def _trace(back: list[list[tuple[int, int] | None]], sources: list[str],
           targets: list[str]) -> list[tuple[str, str]]:
    n, m = len(sources), len(targets)
    pairs: list[tuple[str, str]] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        pairs.append(("".join(sources[i - di:i]), " ".join(targets[j - dj:j])))
        i, j = i - di, j - dj
    return pairs[::-1]
