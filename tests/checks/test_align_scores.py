"""The aligner's fast bead scores (`_Grid._incoming`, `Evidence.ranges`) are the
model's scores exactly: the same floats, bit for bit, as the bead formula written
out plainly, so no link or gate decision moves with the speed-ups."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.align.aligner import _BEADS, _NEG, DEFAULT, _Grid, zh_length
from pipeline.checks.align.evidence import Evidence
from pipeline.checks.align.lexicon import cedict
from pipeline.checks.align.split import split_chinese, split_english
from pipeline.checks.rules.base import plain_text

ROOT = Path(__file__).resolve().parents[2]


def _pairs() -> list[tuple[str, str]]:
    """The project's own article: long paragraphs, split sentences, names, numbers."""
    po = polib.pofile(str(ROOT / "locales" / "en" / "LC_MESSAGES" / "shangdang.po"))
    found = [(plain_text(e.msgid), plain_text(e.msgstr)) for e in po if e.msgstr]
    # Joined neighbours too: bigger grids, every bead shape.
    return [p for p in found if len(split_chinese(p[0])) > 1][:12] + [
        (a[0] + b[0], f"{a[1]} {b[1]}") for a, b in itertools.pairwise(found[10:17])]


def _plain_score(grid: _Grid, evidence: Evidence, i: int, j: int, di: int, dj: int) -> float:
    """The bead's score as the model defines it (aligner.py's docstring), one bead at a
    time, evidence through `Evidence.shared`."""
    p = grid.p
    if di == 0 or dj == 0:
        return -p.one_zero
    zh = grid.zh_sums[i + di] - grid.zh_sums[i]
    en = grid.en_sums[j + dj] - grid.en_sums[j] + dj - 1
    expected = grid.ratio * zh
    spread = p.sigma ** 2 + p.sigma_short / max(expected, 1.0)
    deviation = math.log((en + 1) / (expected + 1))
    cost = deviation * deviation / (2 * spread)
    if cost >= p.length_cap and di + dj > 2:
        return _NEG
    shape = (sum(grid.joins[i:i + di - 1]) + p.en_join * (dj - 1)
             + (p.two_two if di > 1 and dj > 1 else 0.0))
    return -min(p.length_cap, cost) + p.evidence * evidence.shared(i, i + di, j, j + dj) - shape


@pytest.mark.slow  # aligns some twenty paragraphs: a second or two
def test_every_bead_scores_as_the_plain_formula() -> None:
    checked = 0
    for zh, en in _pairs():
        src, tgt = split_chinese(zh), split_english(en)
        evidence = Evidence([s.text for s in src], [t.text for t in tgt], cedict(), None,
                            DEFAULT.rates)
        grid = _Grid(src, tgt, evidence, DEFAULT)
        for i in range(grid.n + 1):
            for j in range(grid.m + 1):
                fast = [(di, dj, s) for di, dj, s in grid.into[i][j]]
                plain = [(di, dj, _plain_score(grid, evidence, i - di, j - dj, di, dj))
                         for di, dj in _BEADS if i >= di and j >= dj]
                # Bit for bit, in the same order, the -inf beads left out.
                assert fast == [b for b in plain if b[2] != _NEG], (zh[:20], i, j)
                checked += len(fast)
    assert checked > 2000


def test_range_tables_are_the_scores_of_each_range() -> None:
    zh, en = _pairs()[-1]
    src, tgt = split_chinese(zh), split_english(en)
    evidence = Evidence([s.text for s in src], [t.text for t in tgt], cedict(), None,
                        DEFAULT.rates)
    source, target = evidence.ranges(8, 6)
    for k, rows in enumerate(source):
        for lo, row in enumerate(rows):
            assert row == [evidence.source_score(k, lo, lo + d) for d in range(1, len(row) + 1)]
            assert len(row) == min(8, len(tgt) - lo)
    for k, rows in enumerate(target):
        for lo, row in enumerate(rows):
            assert row == [evidence.target_score(k, lo, lo + d) for d in range(1, len(row) + 1)]


_EDGES = "".join(map(chr, [0x9, 0xa, 0x1c, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2028, 0x205f,
                           0x2e7f, 0x2e80, 0x3000, 0xff0c, 0x1f600])) + "a1.中国，。"


@pytest.mark.slow  # 300 examples, about 1.6 s: CI runs it
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_EDGES) | st.characters(), max_size=40))
def test_zh_length_is_the_plain_count(text: str) -> None:
    """zh_length counts with regular expressions; the same number as counting each
    character: above U+2E7F one, other non-space one in 3.2."""
    han = sum(1 for c in text if ord(c) > 0x2E7F)
    other = sum(1 for c in text if ord(c) <= 0x2E7F and not c.isspace())
    assert zh_length(text) == han + other / 3.2
