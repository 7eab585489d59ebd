"""Partial matches: a memory unit that contains (most of) the text asked about.

A fuzzy match compares whole segments, so a phrase taken from inside a paragraph
scores low against that paragraph and is never offered. OmegaT shows such a unit
as a partial match; so do we: the unit whose source shares the longest run of
characters with the query (the best-aligned stretch holding at least `min_share` percent of the
query, its longest unbroken run at least half that share). The score
is the share of the query in that best-aligned stretch (rapidfuzz's
partial_ratio), and the shared run is located in the unit's source so that a
page can show where the phrase sits in it (pure; no I/O).

The other way round, a sentence being translated may hold a shorter unit: a
clause, a name, a title the memory has a translation of (`fragment_matches`,
shown beside one sentence of a paragraph in the workbench). Its shared run is
located in the query.

The partial scan is given the units an index says can reach the share
(`TranslationMemory.partial_pool`, by the characters they share with the query),
not every unit: the same matches, without scoring the whole memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from .model import MemoryUnit

MIN_QUERY = 2  # characters: one Chinese character matches everything


@dataclass(frozen=True)
class PartialMatch:
    unit: MemoryUnit
    score: float  # 0-100: how much of the query the unit's best stretch holds
    start: int    # the longest shared run, in unit.source
    end: int

    @property
    def run(self) -> str:
        return self.unit.source[self.start:self.end]


def longest_run(query: str, source: str) -> tuple[int, int]:
    """(start, end) in `source` of the longest run of characters it shares with `query`."""
    found = SequenceMatcher(None, query, source, autojunk=False).find_longest_match(
        0, len(query), 0, len(source))
    return found.b, found.b + found.size


def partial_matches(query: str, units: Iterable[MemoryUnit], min_share: float = 60.0,
                    limit: int = 3, exclude_file: str | None = None) -> list[PartialMatch]:
    """Units whose source holds the query (or most of it), best first: the share of
    the query found, then the longest run, then the shortest unit (the most precise
    context); a unit equal to the query is a whole match, not a partial one."""
    query = query.strip()
    if len(query) < MIN_QUERY:
        return []
    pool = [u for u in units if u.origin_file != exclude_file and u.source != query
            and len(u.source) > len(query)]
    scored = process.extract(query, [u.source for u in pool], scorer=fuzz.partial_ratio,
                             score_cutoff=min_share, limit=max(limit * 4, 10))
    matches = []
    for _text, score, index in scored:
        unit = pool[index]
        start, end = longest_run(query, unit.source)
        # The stretch may differ here and there; its longest unbroken run must still
        # be a real share of the query, not a scatter of common characters.
        if (end - start) * 200 >= min_share * len(query) and end - start >= MIN_QUERY:
            matches.append(PartialMatch(unit, float(score), start, end))
    matches.sort(key=lambda m: (-m.score, -(m.end - m.start), len(m.unit.source)))
    return matches[:limit]


MIN_FRAGMENT = 4  # characters: shorter units (a name, a word) are the glossary's job


def fragment_matches(query: str, units: Iterable[MemoryUnit], min_share: float = 80.0,
                     limit: int = 2, exclude_file: str | None = None) -> list[PartialMatch]:
    """Shorter units found inside the query (or most of them), best first: the share of
    the unit found, then the longest run, then the longest unit. `start`/`end` of each
    match locate its longest shared run in the query, not in the unit."""
    query = query.strip()
    pool = [u for u in units if u.origin_file != exclude_file
            and MIN_FRAGMENT <= len(u.source) < len(query)]
    scored = process.extract(query, [u.source for u in pool], scorer=fuzz.partial_ratio,
                             score_cutoff=min_share, limit=max(limit * 4, 10))
    matches, seen = [], set()
    for _text, score, index in scored:
        unit = pool[index]
        start, end = longest_run(unit.source, query)
        # The unit must be said in one stretch of the query, not pieced together.
        if (end - start) * 100 >= min_share * len(unit.source) and unit.source not in seen:
            seen.add(unit.source)
            matches.append(PartialMatch(unit, float(score), start, end))
    matches.sort(key=lambda m: (-m.score, -(m.end - m.start), -len(m.unit.source)))
    return matches[:limit]
