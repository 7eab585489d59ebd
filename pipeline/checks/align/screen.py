"""A cheap screen for the sentence gate: does a pair plainly pair off, sentence by sentence?

Aligning a segment costs tens of milliseconds (the dynamic programme over every
bead); most translated segments leave no sentence without a counterpart, and
this screen proves that for most of them with lengths and numbers alone:

- the English is cut at plain sentence ends (. ! ? and any closing quotes, then a
  space and a capital: over-cutting at "Mr. Li" only makes more pieces), no pysbd
  (`split.ROUGH_END`, the aligner's rough cut);
- as many pieces as sentences, each within a factor of 1.5 of its expected
  length, pass on lengths alone (`evenly_paired`: a deleted sentence changes the
  count, and only a boundary off elsewhere keeps it equal, which then pairs
  sentences with their neighbours' translations); otherwise:
- every Chinese sentence takes one to `MAX_PIECES` (8) consecutive English pieces
  (publication English splits long sentences, never the reverse here), in order,
  all pieces used;
- each group's length is within a factor of its expected length (the aligner's
  ratio), tighter for a group of several pieces, which could otherwise swallow a
  neighbour's translation or an added sentence;
- every piece says something of its Chinese sentence: no number the sentence
  lacks (the quantity extractors of the number check), and one of its dictionary
  words (CC-CEDICT glosses); the pieces of a split sentence two each, or one and a
  number, so that an added sentence or a neighbour's translation is not swallowed.

With one piece per sentence and lengths alone, this is `evenly_paired`.

A pair that passes has a path of beads in which no sentence is left alone and
every bead's length and numbers agree; the gate then does not align it. A
deleted sentence breaks the chain of lengths (or a number), so the pair goes to
the aligner. bench/align.py runs the gate through this screen and
tests/test_align_screen.py checks that what the screen passes, the aligner finds
nothing in.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .aligner import DEFAULT, zh_length
from .evidence import en_values, sentence_words, zh_values
from .lexicon import cedict, english_stems
from .split import ROUGH_END, split_chinese

MAX_PIECES = 8  # as the aligner's longest bead (1-8)
# As many pieces as sentences, each within this factor of its expected length: the
# pair passes on lengths alone (see `evenly_paired`). Chosen on the dev part of
# bench/align.py: the 12 caught cut paragraphs whose counts stay equal all have a
# pair off by 1.6 or more; 1.6 changes no decision there, 1.7 loses 1 of 206, 2.0 3.
EVEN_PIECES = math.log(1.5)
ONE_PIECE = math.log(2.0)     # a 1-1 group: within a factor of 2 (as before this screen)
SEVERAL_PIECES = math.log(1.5)  # a 1-2 or 1-3 group: within a factor of 1.5



def english_pieces(target: str) -> list[str]:
    """The English cut where it may end a sentence (`split.ROUGH_END`, no pysbd)."""
    return [p for p in ROUGH_END.split(target) if p.strip()]


def plainly_paired(source: str, target: str) -> bool:
    """True when the Chinese sentences pair off with runs of English pieces whose
    lengths and numbers agree (see the module's docstring)."""
    zh = [s.text for s in split_chinese(source)]
    en = english_pieces(target)
    n, m = len(zh), len(en)
    if n == 0 or not n <= m <= MAX_PIECES * n:
        return False
    if evenly_paired(zh, en):
        return True
    ratio = DEFAULT.ratio
    expected = [ratio * zh_length(s) for s in zh]
    sums = [0]
    for piece in en:
        sums.append(sums[-1] + len(piece) + 1)
    # reach[i]: the English piece counts after which the first i sentences are paired.
    reach: set[int] = {0}
    for i in range(n):
        following: set[int] = set()
        for j in reach:
            for k in range(1, MAX_PIECES + 1):
                if j + k > m or m - (j + k) > MAX_PIECES * (n - i - 1) or \
                        (i == n - 1 and j + k != m):
                    continue
                length = sums[j + k] - sums[j] - 1
                limit = ONE_PIECE if k == 1 else SEVERAL_PIECES
                if abs(math.log((length + 1) / (expected[i] + 1))) >= limit:
                    continue
                if _carried(zh[i], en[j:j + k]):
                    following.add(j + k)
        if not following:
            return False
        reach = following
    return m in reach


def evenly_paired(zh: list[str], en: list[str]) -> bool:
    """As many English pieces as Chinese sentences, each 1-1 within `EVEN_PIECES` of
    its expected length: no dictionary or number look-up needed. A deleted sentence
    changes the count; for it to stay equal a boundary must be off elsewhere (a
    piece cut at "Mr.", a Chinese sentence the English joins), and every pair
    between the two is then a sentence and its neighbour's translation, whose
    lengths disagree (bench/align.py: none of the dev cut paragraphs passes)."""
    if len(zh) != len(en):
        return False
    ratio = DEFAULT.ratio
    return all(abs(math.log((len(piece) + 1) / (ratio * zh_length(sentence) + 1))) < EVEN_PIECES
               for sentence, piece in zip(zh, en, strict=True))


def _carried(zh: str, pieces: list[str]) -> bool:
    """Each piece says something of the Chinese sentence: no number the sentence lacks,
    and a dictionary word of it (two each, or one and a number, for a split)."""
    values, glosses = zh_values(zh), _glosses(zh)
    needed = 1 if len(pieces) == 1 else 2
    for piece in pieces:
        found = en_values(piece)
        if not found <= values:
            return False
        if len(english_stems(piece) & glosses) + (1 if found else 0) < needed:
            return False
    return True


@lru_cache(maxsize=16384)
def _glosses(zh: str) -> frozenset[str]:
    return frozenset().union(*sentence_words(cedict(), zh))
