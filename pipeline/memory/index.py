"""The memory's index: exact lookup by source, fuzzy lookup by character bigrams.

A fuzzy lookup never scans the memory. Bigram postings give the candidates:
only the query's rarest bigrams are consulted (prefix filtering: a unit that
shares none of the rarest ones cannot share enough of the rest to reach the
threshold), candidates are ranked by shared bigrams, and only the best few are
scored with rapidfuzz's normalized Indel similarity (the msgmerge/difflib
ratio, computed in C).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from .model import Match, MemoryUnit

VERIFY = 24  # candidates scored exactly per lookup


def bigrams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i:i + 2] for i in range(len(text) - 1)}


class TranslationMemory:
    """Immutable once built; units keep their insertion order as the tie-break."""

    def __init__(self, units: Iterable[MemoryUnit] = ()):
        self.units: list[MemoryUnit] = []
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._sizes: list[int] = []
        seen: set[tuple[str, str, str]] = set()
        for unit in units:
            key = (unit.source, unit.target, unit.origin_file)
            if key in seen or not unit.source or not unit.target:
                continue
            seen.add(key)
            number = len(self.units)
            self.units.append(unit)
            self._exact[unit.source].append(number)
            grams = bigrams(unit.source)
            self._sizes.append(len(grams))
            for gram in grams:
                self._postings[gram].append(number)

    def __len__(self) -> int:
        return len(self.units)

    def lookup(self, source: str, threshold: float = 75.0, limit: int = 3,
               exclude_file: str | None = None) -> list[Match]:
        """The best matches scoring >= threshold (0-100), best first; exact ones first.
        Units from `exclude_file` (the entry's own article) are never offered."""
        matches: list[Match] = []
        taken: set[int] = set()
        for number in self._exact.get(source, ()):
            if self.units[number].origin_file != exclude_file:
                matches.append(Match(self.units[number], 100.0))
                taken.add(number)
        if len(matches) >= limit:
            return matches[:limit]
        for number in self._candidates(source, threshold):
            unit = self.units[number]
            if number in taken or unit.origin_file == exclude_file:
                continue
            score = fuzz.ratio(source, unit.source, score_cutoff=threshold)
            if score and score >= threshold:
                # Only an identical source is "exact"; a near-identical one is 99.9 at most.
                matches.append(Match(unit, min(score, 99.9)))
        matches.sort(key=lambda m: -m.score)  # stable: earlier units win ties
        return matches[:limit]

    def _candidates(self, source: str, threshold: float) -> list[int]:
        grams = bigrams(source)
        if not grams:
            return []
        # Editing one character breaks at most two bigrams, so a ratio of t leaves
        # roughly a (2t - 1) share of them; the rest of the query is the prefix.
        keep = max(0.0, 2 * threshold / 100 - 1)
        prefix = len(grams) - math.ceil(keep * len(grams)) + 1
        ordered = sorted(grams, key=lambda g: (len(self._postings.get(g, ())), g))
        shared: Counter[int] = Counter()
        for gram in ordered[:max(prefix, 1)]:
            shared.update(self._postings.get(gram, ()))
        if not shared:
            return []
        size = len(grams)
        ratio = threshold / 100
        # Length filter: Indel similarity 2*m/(a+b) cannot exceed 2*min/(a+b).
        ranked = sorted((n for n in shared
                         if 2 * min(size, self._sizes[n]) / (size + self._sizes[n]) >= ratio),
                        key=lambda n: (-shared[n] / (size + self._sizes[n]), n))
        return ranked[:VERIFY]
