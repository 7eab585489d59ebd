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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from rapidfuzz import fuzz

from .model import Match, MemoryUnit

VERIFY = 24  # candidates scored exactly per lookup
FUZZY_AT_MOST = 99.9  # the best score a source that is not identical, or whose
                      # translation lost an inline code, can have
_EMPTY = np.zeros(0, dtype=np.uint64)


def bigrams(text: str) -> np.ndarray:
    """The distinct character bigrams of `text` as sorted integer codes (a lone
    character is its own gram)."""
    if not text:
        return _EMPTY
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    if len(codes) < 2:
        return codes << np.uint64(21)
    return _sorted_distinct((codes[:-1] << np.uint64(21)) | codes[1:])


def _sorted_distinct(values: np.ndarray) -> np.ndarray:
    # np.unique hashes first in numpy 2.x, which is several times slower here.
    ordered = np.sort(values)
    if not len(ordered):
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


class TranslationMemory:
    """Immutable once built; units keep their insertion order as the tie-break.

    Postings are one sorted array (CSR layout): gram codes, and for each the
    slice of unit numbers that contain it; built with one numpy sort."""

    def __init__(self, units: Iterable[MemoryUnit] = ()):
        self.units: list[MemoryUnit] = []
        self._exact: dict[str, list[int]] = defaultdict(list)
        seen: set[tuple[str, str, str]] = set()
        for unit in units:
            key = (unit.source, unit.target, unit.origin_file)
            if key in seen or not unit.source or not unit.target:
                continue
            seen.add(key)
            self._exact[unit.source].append(len(self.units))
            self.units.append(unit)
        sources = [u.source for u in self.units]
        self._build_postings(sources)
        self._build_characters(sources)

    def _build_characters(self, sources: list[str]) -> None:
        """Which units hold each character (CSR, as the bigram postings), and each
        unit's length: the pre-filter of the partial-match scan."""
        codes = np.frombuffer("".join(sources).encode("utf-32-le"), dtype="<u4")
        lengths = np.array([len(s) for s in sources], dtype=np.int64)
        owners = np.repeat(np.arange(len(sources), dtype=np.uint64), lengths)
        keys = _sorted_distinct((codes.astype(np.uint64) << np.uint64(32)) | owners)
        chars, self._char_owners = keys >> np.uint64(32), \
            (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)
        self._char_starts = np.flatnonzero(np.concatenate(([True], chars[1:] != chars[:-1]))) \
            if len(chars) else np.zeros(0, dtype=np.int64)
        self._char_keys = chars[self._char_starts]
        self._char_ends = np.append(self._char_starts[1:], len(chars)).astype(np.int64)
        self._lengths = lengths

    def partial_pool(self, query: str, min_share: float) -> Iterator[MemoryUnit]:
        """The units a partial-match scan for `query` must look at, in their order."""
        return (self.units[number] for number in self.partial_candidates(query.strip(),
                                                                         min_share))

    def partial_candidates(self, query: str, min_share: float) -> list[int]:
        """The units that can hold `query` as a partial match (pipeline.memory.partial)
        at `min_share`, in their order: longer than the query, and holding enough of
        its characters. partial_ratio scores a stretch of k <= n characters of the unit
        against the n of the query as 200 * common / (n + k), and `common` is at most
        the characters they share (counted as often as the query has them), I: so
        200 * I / (n + I) >= min_share is needed, that is I >= t * n / (2 - t)."""
        n = len(query)
        counts: dict[int, int] = {}
        for char in query:
            counts[ord(char)] = counts.get(ord(char), 0) + 1
        wanted = np.array(sorted(counts), dtype=np.uint64)
        where = np.searchsorted(self._char_keys, wanted)
        inside = where < len(self._char_keys)
        where, wanted = where[inside], wanted[inside]
        present = self._char_keys[where] == wanted
        where, weights = where[present], [counts[int(c)] for c in wanted[present]]
        if not len(where):
            return []
        owners = np.concatenate([self._char_owners[self._char_starts[w]:self._char_ends[w]]
                                 for w in where])
        weight = np.repeat(np.array(weights, dtype=np.float64),
                           self._char_ends[where] - self._char_starts[where])
        shared = np.bincount(owners, weights=weight, minlength=len(self._lengths))
        t = min_share / 100
        # A hair of slack: a unit on the bound is scanned, never dropped by rounding.
        fits = (shared * (2 - t) >= t * n - 1e-6) & (self._lengths > n)
        return [int(i) for i in np.flatnonzero(fits)]

    def _build_postings(self, sources: list[str]) -> None:
        # All sources in one array, NUL-separated: bigram codes and their owners come
        # from a few vectorized operations instead of a loop over units.
        joined = "\0".join(sources) + "\0"
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
        lengths = np.array([len(s) for s in sources], dtype=np.int64)
        owner_of_char = np.repeat(np.arange(len(sources), dtype=np.int64), lengths + 1)
        left, right = codes[:-1], codes[1:]
        single = lengths[owner_of_char[:-1]] == 1
        keep = (left != 0) & ((right != 0) | single)
        grams = ((left << np.uint64(21)) | right)[keep]
        owners = owner_of_char[:-1][keep].astype(np.uint64)
        # One sort of (gram, owner) keys dedupes each unit's grams and orders postings.
        if len(sources) < (1 << 21):
            keys = _sorted_distinct((grams << np.uint64(21)) | owners)
            grams, owners = keys >> np.uint64(21), keys & np.uint64((1 << 21) - 1)
        else:  # pragma: no cover - more than two million units
            order = np.lexsort((owners, grams))
            pairs = np.unique(np.stack([grams[order], owners[order]], axis=1), axis=0)
            grams, owners = pairs[:, 0], pairs[:, 1]
        self._owners = owners.astype(np.int64)
        self._sizes = np.bincount(self._owners, minlength=len(sources))
        self._starts = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1]))) \
            if len(grams) else np.zeros(0, dtype=np.int64)
        self._keys = grams[self._starts]
        self._ends = np.append(self._starts[1:], len(grams)).astype(np.int64)

    def __len__(self) -> int:
        return len(self.units)

    def _exact_numbers(self, source: str) -> Sequence[int]:
        """The units whose source is exactly `source`, in insertion order."""
        return self._exact.get(source, ())

    def lookup(self, source: str, threshold: float = 75.0, limit: int = 3,
               exclude_file: str | None = None) -> list[Match]:
        """The best matches scoring >= threshold (0-100), best first; exact ones first.
        Units from `exclude_file` (the entry's own article) are never offered."""
        matches: list[Match] = []
        taken: set[int] = set()
        for number in self._exact_numbers(source):
            if self.units[number].origin_file != exclude_file:
                # A translation that lost an inline code of its source is at most fuzzy.
                score = 100.0 if not self.units[number].lost_codes else FUZZY_AT_MOST
                matches.append(Match(self.units[number], score))
                taken.add(number)
        matches.sort(key=lambda m: -m.score)  # stable: earlier units win ties
        if len(matches) >= limit:
            return matches[:limit]
        fuzzy = []
        for number in self._candidates(source, threshold):
            unit = self.units[number]
            if number in taken or unit.origin_file == exclude_file:
                continue
            score = fuzz.ratio(source, unit.source, score_cutoff=threshold)
            if score and score >= threshold:
                # Only an identical source is "exact"; a near-identical one is 99.9 at most.
                fuzzy.append((-min(score, 99.9), number))
        fuzzy.sort()  # best first, earlier units win ties
        matches += [Match(self.units[n], -negative) for negative, n in fuzzy]
        return matches[:limit]

    def _candidates(self, source: str, threshold: float) -> list[int]:
        grams = bigrams(source)
        if not len(grams) or not len(self._keys):
            return []
        where = np.searchsorted(self._keys, grams)
        inside = where < len(self._keys)
        where, grams = where[inside], grams[inside]
        where = where[self._keys[where] == grams]  # grams the memory has
        if not len(where):
            return []
        # Editing one character breaks at most two bigrams, so a ratio of t leaves
        # roughly a (2t - 1) share of them; the rarest rest of the query is the prefix.
        size = len(grams)
        keep = max(0.0, 2 * threshold / 100 - 1)
        prefix = max(size - math.ceil(keep * size) + 1, 1)
        frequency = self._ends[where] - self._starts[where]
        rarest = where[np.argsort(frequency, kind="stable")[:prefix]]
        hits = np.concatenate([self._owners[self._starts[g]:self._ends[g]] for g in rarest])
        counts = np.bincount(hits)
        numbers = np.nonzero(counts)[0]
        sizes = self._sizes[numbers]
        # Length filter: Indel similarity 2*m/(a+b) cannot exceed 2*min/(a+b).
        fits = 2 * np.minimum(size, sizes) >= threshold / 100 * (size + sizes)
        numbers, sizes = numbers[fits], sizes[fits]
        if not len(numbers):
            return []
        rank = counts[numbers] / (size + sizes)
        if len(numbers) > VERIFY:
            best = np.argpartition(-rank, VERIFY)[:VERIFY]
            numbers, rank = numbers[best], rank[best]
        order = np.lexsort((numbers, -rank))
        return [int(n) for n in numbers[order]]
