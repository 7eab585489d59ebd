"""Sentence alignment inside one segment: dynamic programming over evidence.

A path through the grid of source x target sentences is a sequence of beads:
1-1, a sentence split or joined (1-2, 2-1, 1-3, 3-1, 2-2), or a sentence on one
side only (1-0, 0-1). A bead's score adds, as log-odds:

- its length: how far the English length is from the Chinese length times the
  expected ratio (Gale & Church 1993, on the log of the ratio; the ratio is the
  project-wide one pulled towards the segment's own, as translators differ);
- its evidence: what the sentences inside it share (`evidence.similarity`);
- a prior for its shape (a 1-0 is rare, a 2-2 rarer than two 1-1).

The best path is the alignment; each link's confidence is the posterior
probability of its bead over all paths (forward-backward), so a 1-0 the evidence
barely prefers has a low confidence and the gate can leave it alone.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from ...glossary import TermMatcher
from .evidence import Evidence, Rates
from .lexicon import Lexicon, cedict
from .model import Alignment, Link, Sentence
from .split import SOFT_ENDS, rough_english, split_chinese, split_english

_CLOSING = "”’」』）)》】〉"


@dataclass(frozen=True)
class Params:
    """The model's constants (tuned on the dev part of the WMT21 documents: bench/align.py)."""

    ratio: float = 4.16       # English characters per Chinese character
    local_pull: float = 0.2   # 0: the global ratio; 1: the segment's own
    sigma: float = 0.14       # spread of log(length ratio) for long sentences
    sigma_short: float = 2.8  # extra variance for short ones (over English characters)
    length_cap: float = 8.0   # no length is less likely than this (a heavy tail: notes, lists)
    evidence: float = 1.0     # weight of the evidence's log-likelihood ratios
    one_zero: float = 5.0     # prior cost of a sentence with no counterpart
    join: float = 7.5         # a Chinese sentence boundary inside a bead (2-1, 3-1...)
    en_join: float = 1.5      # an English one (1-2, 1-3...): publication English splits often
    soft_join: float = 0.8    # a Chinese boundary at ； inside a bead
    two_two: float = 2.5      # on top of its boundaries: both sides joined
    temperature: float = 1.0
    rates: Rates = field(default_factory=Rates)


# A long Chinese sentence is often several in publication English (up to 8 here),
# sometimes with the sentence before it (2-k); a ；-separated series of figures is
# often one English sentence (up to 6).
_BEADS = ((1, 1), (1, 0), (0, 1), (3, 2), (3, 3),
          *((1, k) for k in range(2, 9)), *((2, k) for k in range(2, 8)),
          *((k, 1) for k in range(2, 7)))
_NEG = -math.inf
_LONGEST_SOURCE = max(di for di, _ in _BEADS)
_LONGEST_TARGET = max(dj for _, dj in _BEADS)
DEFAULT = Params()


_HAN = re.compile("[\u2e80-\U0010ffff]+")  # CJK and everything above (U+3000 too)


def zh_length(text: str) -> float:
    """A Chinese sentence's length in Chinese characters: Latin letters and digits,
    which the English keeps as they are, count a third (spaces below U+2E80 not
    at all). Counted by C loops, not per character in Python: the screen and the
    aligner ask it of every sentence."""
    low = _HAN.sub("", text)
    return (len(text) - len(low)) + len("".join(low.split())) / 3.2


def align_pair(source: str, target: str, *, terms: TermMatcher | None = None,
               lexicon: Lexicon | None = None, language: str = "en",
               params: Params | None = None) -> Alignment:
    """Split a Chinese segment and its translation into sentences and link them."""
    src = split_chinese(source)
    tgt = split_english(target, language)
    return align_sentences(source, target, src, tgt, terms=terms, lexicon=lexicon,
                           params=params)


def lone_alignment(source: str, target: str, *, terms: TermMatcher | None = None,
                   language: str = "en") -> Alignment | None:
    """`align_pair`, for a caller that only wants 1-0/0-1 links: None, without the
    forward-backward pass, when the best path leaves no sentence alone (then no
    link of the full alignment is a 1-0 or 0-1, whatever its confidence).

    The English is first cut roughly (`split.rough_english`, no pysbd: half the
    cost of a pair the screen leaves); only when that best path leaves a sentence
    alone is it cut exactly and aligned again, so a finding quotes pysbd's
    sentences. On every pair measured the rough cut clears exactly the pairs the
    exact one clears (bench/align.py, the varied corpus of bench/align_cost.py)."""
    src = split_chinese(source)
    rough = rough_english(target, language)
    if not _best_path_has_lone(src, rough, terms):
        return None
    tgt = split_english(target, language)
    if tgt != rough and not _best_path_has_lone(src, tgt, terms):
        return None
    return align_sentences(source, target, src, tgt, terms=terms)


def _best_path_has_lone(src: tuple[Sentence, ...], tgt: tuple[Sentence, ...],
                        terms: TermMatcher | None) -> bool:
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return n != m
    if n == 1 and m == 1:
        return False
    evidence = Evidence([s.text for s in src], [t.text for t in tgt], cedict(), terms,
                        DEFAULT.rates)
    return _Grid(src, tgt, evidence, DEFAULT).best_path_has_lone()


def align_sentences(source: str, target: str, src: tuple[Sentence, ...],
                    tgt: tuple[Sentence, ...], *, terms: TermMatcher | None = None,
                    lexicon: Lexicon | None = None, params: Params | None = None) -> Alignment:
    params = params or DEFAULT
    n, m = len(src), len(tgt)
    if n == 0 or m == 0 or (n == 1 and m == 1):
        links = ([Link((0,), (0,), 1.0)] if n and m else
                 [Link((i,), (), 1.0) for i in range(n)] + [Link((), (j,), 1.0) for j in range(m)])
        return Alignment(source, target, src, tgt, tuple(links))
    evidence = Evidence([s.text for s in src], [t.text for t in tgt],
                        lexicon if lexicon is not None else cedict(), terms, params.rates)
    grid = _Grid(src, tgt, evidence, params)
    return Alignment(source, target, src, tgt, tuple(grid.links()))


class _Grid:
    def __init__(self, src: tuple[Sentence, ...], tgt: tuple[Sentence, ...],
                 evidence: Evidence, params: Params):
        self.n, self.m, self.p = len(src), len(tgt), params
        self.zh = [zh_length(s.text) for s in src]
        self.en = [len(t.text) for t in tgt]
        local = sum(self.en) / max(1.0, sum(self.zh))
        self.ratio = math.exp((1 - params.local_pull) * math.log(params.ratio)
                              + params.local_pull * math.log(max(local, 0.5)))
        self.evidence = evidence
        self.zh_sums = list(itertools.accumulate(self.zh, initial=0.0))
        self.en_sums = list(itertools.accumulate(self.en, initial=0))
        # The cost of joining source sentence k to k + 1 inside one bead.
        self.joins = [params.soft_join if s.text.rstrip(_CLOSING)[-1:] in SOFT_ENDS
                      else params.join for s in src]
        self.into = self._incoming()

    def _incoming(self) -> list[list[list[tuple[int, int, float]]]]:
        """For each cell (i, j), the beads that end there, (di, dj, score), in `_BEADS`
        order; a bead that can never be on a path (-inf) is left out. Every bead is
        scored once, here, as one loop per shape (the dynamic programme's hot path)."""
        n, m, p = self.n, self.m, self.p
        into: list[list[list[tuple[int, int, float]]]] = [
            [[] for _ in range(m + 1)] for _ in range(n + 1)]
        log, en_sums = math.log, self.en_sums
        # Each sentence's evidence over every range a bead can give it.
        source, target = self.evidence.ranges(_LONGEST_TARGET, _LONGEST_SOURCE)
        sigma2, cap, weight = p.sigma ** 2, p.length_cap, p.evidence
        columns: dict[tuple[int, int], list[float]] = {}
        for di, dj in _BEADS:
            if di == 0 or dj == 0:
                for i in range(di, n + 1):
                    row = into[i]
                    for j in range(dj, m + 1):
                        row[j].append((di, dj, -p.one_zero))
                continue
            if di > n or dj > m:
                continue  # no room for the bead (a short segment: most shapes)
            capped = di + dj > 2
            en_plus = [en_sums[j + dj] - en_sums[j] + dj - 1 + 1 for j in range(m + 1 - dj)]
            for i in range(n + 1 - di):
                expected = self.ratio * (self.zh_sums[i + di] - self.zh_sums[i])
                twice = 2 * (sigma2 + p.sigma_short / max(expected, 1.0))
                over = expected + 1
                shape = (sum(self.joins[i:i + di - 1]) + p.en_join * (dj - 1)
                         + (p.two_two if di > 1 and dj > 1 else 0.0))
                row = into[i + di]
                rows = source[i:i + di]  # the bead's source sentences' scores
                column = columns.get((i, di))  # each target sentence's, in i..i+di
                if column is None:
                    column = columns[(i, di)] = [target[k][i][di - 1] for k in range(m)]
                # A join whose English is surely outside the lengths the cap allows is
                # skipped without a logarithm (a margin keeps the edge to the exact test).
                reach = math.exp(math.sqrt(cap * twice)) if capped else math.inf
                shortest, longest = over / reach * (1 - 1e-9), over * reach * (1 + 1e-9)
                for j, en in enumerate(en_plus):
                    if not shortest < en < longest:
                        continue
                    deviation = log(en / over)
                    cost = deviation * deviation / twice
                    if cost >= cap and capped:
                        continue  # a join whose lengths are this far apart: not worth scoring
                    length = -min(cap, cost)
                    # Evidence.shared, from the tables: the same additions in the same order.
                    total = 0.0
                    for scores in rows:
                        total += scores[j][dj - 1]
                    other = 0.0
                    for k in range(j, j + dj):
                        other += column[k]
                    row[j + dj].append((di, dj, length + weight * (total + other) - shape))
        return into

    def best_path_has_lone(self) -> bool:
        """Whether the best path (Viterbi, as `links` finds it) has a 1-0 or 0-1 bead."""
        back = self._viterbi()
        i, j = self.n, self.m
        while i or j:
            di, dj = back[i][j]
            if di == 0 or dj == 0:
                return True
            i, j = i - di, j - dj
        return False

    def _viterbi(self) -> list[list[tuple[int, int]]]:
        """Each cell's best incoming bead (the first in `_BEADS` order of the best)."""
        n, m, into = self.n, self.m, self.into
        best = [[_NEG] * (m + 1) for _ in range(n + 1)]
        back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
        best[0][0] = 0.0
        for i in range(n + 1):
            cells, row, steps = into[i], best[i], back[i]
            for j in range(m + 1):
                top, step = row[j], steps[j]
                for di, dj, s in cells[j]:
                    v = best[i - di][j - dj] + s
                    if v > top:
                        top, step = v, (di, dj)
                row[j], steps[j] = top, step
        return back

    def links(self) -> list[Link]:
        n, m, t, into = self.n, self.m, self.p.temperature, self.into
        back = self._viterbi()
        forward = [[_NEG] * (m + 1) for _ in range(n + 1)]
        forward[0][0] = 0.0
        for i in range(n + 1):
            for j in range(m + 1):
                if i == j == 0:
                    continue
                forward[i][j] = _logsumexp([forward[i - di][j - dj] + s / t
                                            for di, dj, s in into[i][j]])
        # The beads that start at each cell, in `_BEADS` order (as `into` has them).
        out: list[list[list[tuple[int, int, float]]]] = [
            [[] for _ in range(m + 1)] for _ in range(n + 1)]
        order = {bead: k for k, bead in enumerate(_BEADS)}
        for i in range(n + 1):
            for j in range(m + 1):
                for di, dj, s in into[i][j]:
                    out[i - di][j - dj].append((di, dj, s))
        backward = [[_NEG] * (m + 1) for _ in range(n + 1)]
        backward[n][m] = 0.0
        for i in range(n, -1, -1):
            for j in range(m, -1, -1):
                if i == n and j == m:
                    continue
                beads = sorted(out[i][j], key=lambda b: order[(b[0], b[1])])
                backward[i][j] = _logsumexp([backward[i + di][j + dj] + s / t
                                             for di, dj, s in beads])
        total = forward[n][m]
        scores = {(i - di, j - dj, di, dj): s for i in range(n + 1) for j in range(m + 1)
                  for di, dj, s in into[i][j]}
        path: list[Link] = []
        i, j = n, m
        while i or j:
            di, dj = back[i][j]
            pi, pj = i - di, j - dj
            posterior = math.exp(forward[pi][pj] + scores[(pi, pj, di, dj)] / t
                                 + backward[i][j] - total)
            path.append(Link(tuple(range(pi, i)), tuple(range(pj, j)), min(1.0, posterior)))
            i, j = pi, pj
        return path[::-1]


def _logsumexp(values: list[float]) -> float:
    top = max(values, default=_NEG)
    if top == _NEG:
        return _NEG
    return top + math.log(sum(math.exp(v - top) for v in values))
