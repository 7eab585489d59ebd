"""What the sentences of a segment share: the lexical evidence of the aligner.

Each sentence is reduced to items, each of which a translation carries with a
known probability: the dictionary words of a Chinese sentence (CC-CEDICT), whose
glosses a translation contains about 60% of the time and the neighbouring English
sentence 9-30% of the time (more for a longer one); the content words of an
English sentence, found in the glosses of the Chinese; quantities of the same
value (the extractors of the number check: 3300万 = 33 million, 7月26日 = July
26); glossary terms rendered as approved; and names, a capitalised English word
spelled as the pinyin of one to three consecutive characters (Shang Haichun =
商海春, Chengdu = 成都). A bead of sentences scores the log-likelihood ratio of
its items' hits and misses under "translation" against "unrelated"
(`Evidence.source_score` / `target_score`).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import lru_cache

from ...glossary import EnglishMatcher, Term, TermMatcher
from ..numbers.chinese import zh_quantities
from ..numbers.english import en_quantities
from ..numbers.quantity import Quantity, normalize
from .lexicon import STOP, Lexicon, english_stems
from .tables import readings


class Item(Enum):
    WORD = "word"
    NUMBER = "number"
    TERM = "term"
    NAME = "name"


@dataclass(frozen=True)
class Rates:
    """P(found | translation) and P(found | unrelated) per item kind, measured on
    the dev part (bench/align.py); a word's chance hit grows with the other side's size."""

    word: float = 0.62
    # Chance is measured against the neighbouring sentence, not a random one: a
    # paragraph keeps to its topic, so its sentences share words.
    word_chance: float = 0.04
    word_chance_per_stem: float = 0.006    # per English stem (Chinese words' items)
    gloss_chance: float = 0.07
    gloss_chance_per_stem: float = 0.0012  # per gloss stem (English words' items)
    number: float = 0.8
    number_chance: float = 0.03
    term: float = 0.9
    term_chance: float = 0.02
    name: float = 0.9
    name_chance: float = 0.05


_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[a-z]+)?\b")


def _values(quantities: Sequence[Quantity]) -> frozenset[Decimal]:
    return frozenset(normalize(q.value) for q in quantities if not q.optional and not q.marker)


@lru_cache(maxsize=16384)
def zh_values(text: str) -> frozenset[Decimal]:
    return _values(zh_quantities(text))


@lru_cache(maxsize=16384)
def en_values(text: str) -> frozenset[Decimal]:
    return _values(en_quantities(text))


_SYLLABLE = 6  # the longest pinyin syllable: zhuang, shuang
_NAME_CHARACTERS = 3


@lru_cache(maxsize=16384)
def pinyin_index(text: str) -> dict[str, tuple[int, ...]]:
    """Each toneless reading of a character of the text -> where such characters are
    (pypinyin's character table, every reading: a name may use any)."""
    table, known = readings(), _CHAR_READINGS
    index: dict[str, list[int]] = {}
    for pos, char in enumerate(text):
        found = known.get(char)
        if found is None:  # each character's readings split once per process
            found = known[char] = tuple(r for r in table.get(ord(char), "").split(",") if r)
        for reading in found:
            index.setdefault(reading, []).append(pos)
    return {reading: tuple(where) for reading, where in index.items()}


_CHAR_READINGS: dict[str, tuple[str, ...]] = {}


def spells(name: str, text: str) -> bool:
    """Whether `name` is the readings of one to three consecutive characters of the
    text run together (Shanghaichun = 商海春, Chengdu = 成都)."""
    index = pinyin_index(text)

    def from_here(rest: str, pos: int, left: int) -> bool:
        for size in range(1, min(_SYLLABLE, len(rest)) + 1):
            if pos in index.get(rest[:size], ()) and (
                    size == len(rest) or (left > 1 and from_here(rest[size:], pos + 1, left - 1))):
                return True
        return False

    return any(from_here(name[size:], pos + 1, _NAME_CHARACTERS - 1) if size < len(name) else True
               for size in range(1, min(_SYLLABLE, len(name)) + 1)
               for pos in index.get(name[:size], ()))


@lru_cache(maxsize=16384)
def english_names(text: str) -> frozenset[str]:
    """Capitalised words that may be romanised Chinese names, lower-cased."""
    return frozenset(w.lower().replace("-", "") for w in _NAME.findall(text)
                     if len(w) > 2 and w.lower() not in STOP)


class Evidence:
    """Items of every sentence of one segment and where the other side has them."""

    def __init__(self, source: Sequence[str], target: Sequence[str], lexicon: Lexicon,
                 terms: TermMatcher | None = None, rates: Rates = Rates()):
        self.rates = rates
        odds = {Item.NUMBER: _odds(rates.number, rates.number_chance),
                Item.TERM: _odds(rates.term, rates.term_chance),
                Item.NAME: _odds(rates.name, rates.name_chance)}
        # Each item carries its kind's odds, not the kind (an Enum hashes in Python).
        number, term_odds, name_odds = odds[Item.NUMBER], odds[Item.TERM], odds[Item.NAME]
        stems = [english_stems(t) for t in target]
        values = [en_values(t) for t in target]
        # Where each stem and value is, as bits of the sentences that have it: an
        # item's sentences are one look-up per stem, not one test per sentence.
        stem_at, value_at = _bits_of(stems), _bits_of(values)
        rendered = _Renderings(target)
        glosses: list[set[str]] = []
        self._source: list[_Compact] = []
        for zh in source:
            words = sentence_words(lexicon, zh)
            glosses.append(set().union(*words))
            where = [_any_of(meaning, stem_at) for meaning in words]
            others = [(number, value_at.get(value, 0)) for value in zh_values(zh)]
            if terms is not None:
                others += [(term_odds, _mask(rendered.where(term))) for term in terms.terms_in(zh)]
            self._source.append(_compact(len(words), where, others))
        gloss_at, source_value_at = _bits_of(glosses), _bits_of([zh_values(zh) for zh in source])
        # A name can only be spelled from a character with its first syllable.
        reading_at = _bits_of([pinyin_index(zh).keys() for zh in source])
        self._target: list[_Compact] = []
        for j, en in enumerate(target):
            where = [gloss_at.get(s, 0) for s in stems[j]]
            others = [(number, source_value_at.get(v, 0)) for v in values[j]]
            for name in english_names(en):
                found = _spelled_in(name, source, reading_at)
                if found:  # a capitalised word no sentence spells is no name of theirs
                    others.append((name_odds, found))
            self._target.append(_compact(len(where), where, others))
        self.stem_count = [len(s) for s in stems]
        self.gloss_count = [len(g) for g in glosses]

    def ranges(self, longest_target: int, longest_source: int
               ) -> tuple[list[list[list[float]]], list[list[list[float]]]]:
        """Every score the dynamic programme can ask, at once: `source[k][lo][d - 1]`
        is `source_score(k, lo, lo + d)` for d up to `longest_target`, and
        `target[k][lo][d - 1]` is `target_score(k, lo, lo + d)` for d up to
        `longest_source` (the same numbers, added in the same order)."""
        r = self.rates
        n, m = len(self._source), len(self._target)
        stems = list(itertools.accumulate(self.stem_count, initial=0))
        glosses = list(itertools.accumulate(self.gloss_count, initial=0))
        source = [_range_scores(c, m, longest_target, stems, r.word_chance,
                                r.word_chance_per_stem, r.word) for c in self._source]
        target = [_range_scores(c, n, longest_source, glosses, r.gloss_chance,
                                r.gloss_chance_per_stem, r.word) for c in self._target]
        return source, target

    def source_score(self, i: int, j0: int, j1: int) -> float:
        """Log-likelihood ratio that source sentence i is translated in target[j0:j1]."""
        return self._score(True, i, j0, j1)

    def target_score(self, j: int, i0: int, i1: int) -> float:
        """Log-likelihood ratio that target sentence j translates source[i0:i1]."""
        return self._score(False, j, i0, i1)

    def shared(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """What the bead source[i0:i1] <-> target[j0:j1] shares: the source sentences'
        scores in the target range, then the target sentences' in the source range,
        each added in order: the plain form of the bead evidence that the dynamic
        programme reads from `ranges` (tests/checks/test_align_scores.py)."""
        total = 0.0
        for k in range(i0, i1):
            total += self._score(True, k, j0, j1)
        other = 0.0
        for k in range(j0, j1):
            other += self._score(False, k, i0, i1)
        return total + other

    def _score(self, from_source: bool, k: int, lo: int, hi: int) -> float:
        r = self.rates
        if from_source:
            items = self._source[k]
            chance = r.word_chance + r.word_chance_per_stem * sum(self.stem_count[lo:hi])
        else:
            items = self._target[k]
            chance = r.gloss_chance + r.gloss_chance_per_stem * sum(self.gloss_count[lo:hi])
        hit, miss = _odds(r.word, min(chance, 0.5))
        inside = (1 << hi) - (1 << lo)  # sentences lo..hi-1 as bits
        hits = sum(1 for where in items.found_words if where & inside)
        return hits * hit + (items.words - hits) * miss + items.other_misses + sum(
            gain for where, gain in items.found_other if where & inside)


def _range_scores(items: _Compact, size: int, longest: int, counts: list[int],
                  base: float, per: float, word: float) -> list[list[float]]:
    """`Evidence._score` of one sentence over every range of the other side up to
    `longest` sentences: rows[lo][d - 1] for the range lo..lo + d (counts: prefix
    sums of the other side's stem or gloss counts)."""
    # Which of the sentence's found items each sentence of the other side has, as
    # bits: a range has the bits of its sentences or-ed together.
    words_in, others_in = _bits_by_sentence(items.found_words, size), \
        _bits_by_sentence(tuple(where for where, _ in items.found_other), size)
    gains = [gain for _, gain in items.found_other]
    total, other_misses = items.words, items.other_misses
    odds: dict[int, tuple[float, float]] = {}
    summed: dict[int, float] = {}
    rows: list[list[float]] = []
    for lo in range(size):
        row: list[float] = []
        seen = found_others = 0
        for hi in range(lo + 1, min(size, lo + longest) + 1):
            seen |= words_in[hi - 1]
            found_others |= others_in[hi - 1]
            hits = seen.bit_count()
            stems = counts[hi] - counts[lo]
            pair = odds.get(stems)
            if pair is None:
                pair = odds[stems] = _odds(word, min(base + per * stems, 0.5))
            found = hits * pair[0] + (total - hits) * pair[1] + other_misses
            if found_others:
                # The gains of the items found in the range, added in item order.
                gain = summed.get(found_others)
                if gain is None:
                    gain = summed[found_others] = sum(
                        g for b, g in enumerate(gains) if found_others >> b & 1)
                found += gain
            row.append(found)
        rows.append(row)
    return rows


def _bits_by_sentence(masks: tuple[int, ...], size: int) -> list[int]:
    """For each sentence of the other side, the bits of the items (masks: where each
    item is found, as sentence bits) it has."""
    bits = [0] * size
    for item, where in enumerate(masks):
        j = 0
        while where:
            if where & 1:
                bits[j] |= 1 << item
            where >>= 1
            j += 1
    return bits


def _compact(words: int, where: list[int],
             others: list[tuple[tuple[float, float], int]]) -> _Compact:
    """What scoring needs: words found nowhere are a fixed count of misses, other
    items found nowhere a fixed sum; only items found somewhere are looked at
    (where: bits of the other side's sentences that have the item)."""
    return _Compact(words, tuple(w for w in where if w),
                    sum(odds[1] for odds, _ in others),
                    tuple((w, odds[0] - odds[1]) for odds, w in others if w))


def _spelled_in(name: str, source: Sequence[str], reading_at: dict[Hashable, int]) -> int:
    """The bits of the sentences that spell the name (`spells`), asking only those
    that have a reading the name starts with."""
    maybe = 0
    for size in range(1, min(_SYLLABLE, len(name)) + 1):
        maybe |= reading_at.get(name[:size], 0)
    found = 0
    for i, zh in enumerate(source):
        if maybe >> i & 1 and spells(name, zh):
            found |= 1 << i
    return found


def _bits_of(sets: Sequence[Iterable[Hashable]]) -> dict[Hashable, int]:
    """Each member of any of the sets -> the bits of the sets that have it."""
    bits: dict[Hashable, int] = {}
    for k, members in enumerate(sets):
        for member in members:
            bits[member] = bits.get(member, 0) | 1 << k
    return bits


def _any_of(meaning: frozenset[str], stem_at: dict[Hashable, int]) -> int:
    found = 0
    for stem in meaning:
        found |= stem_at.get(stem, 0)
    return found


@lru_cache(maxsize=16384)
def sentence_words(lexicon: Lexicon, zh: str) -> tuple[frozenset[str], ...]:
    """The gloss stems of each dictionary word of a Chinese sentence, in order (kept
    per sentence: the gate's screen reads the same sentences first)."""
    return tuple(lexicon.stems(word) for _, word in lexicon.words(zh))


class _Renderings:
    """Which target sentences render a glossary term as approved, asked once per term
    (a term recurs in the sentences of a segment)."""

    def __init__(self, target: Sequence[str]):
        self.target = target
        # The sentences are separated by spaces in the segment, as here: a term is
        # rendered in a sentence where it is rendered in the segment, so only the
        # sentences a rendering in the whole touches are asked.
        self.whole = " ".join(target)
        self.starts = list(itertools.accumulate((len(t) + 1 for t in target), initial=0))
        self.found: dict[Term, frozenset[int]] = {}

    def where(self, term: Term) -> frozenset[int]:
        found = self.found.get(term)
        if found is None:
            touched = {j for start, end in EnglishMatcher.accepted_spans(self.whole, term)
                       for j in range(len(self.target))
                       if start < self.starts[j + 1] - 1 and self.starts[j] < end}
            found = frozenset(j for j in sorted(touched)
                              if EnglishMatcher.accepted_spans(self.target[j], term))
            self.found[term] = found
        return found


@dataclass(frozen=True)
class _Compact:
    words: int                          # word items
    found_words: tuple[int, ...]        # where each word found somewhere is (bits)
    other_misses: float                 # numbers, terms, names: all missed
    found_other: tuple[tuple[int, float], ...]  # where (bits), gain of a hit


def _mask(where: frozenset[int]) -> int:
    """Sentence indices as the bits of one int (a range test is one `&`)."""
    return sum(1 << x for x in where)


@lru_cache(maxsize=4096)
def _odds(p_translation: float, p_chance: float) -> tuple[float, float]:
    """(log-odds of a hit, log-odds of a miss) for translation against chance."""
    return (math.log(p_translation / p_chance),
            math.log((1 - p_translation) / (1 - p_chance)))
