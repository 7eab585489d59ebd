"""The aligner on real professional translations: WMT21 news documents, whose
lines are sentence-aligned by construction (../shared/corpora/parallel-dev; the
tests skip without it). bench/align.py measures the whole corpus; these check a
held-out sample stays near its figures."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import align as bench

pytestmark = pytest.mark.skipif(not (bench.CORPUS / "pairs.jsonl").exists(),
                                reason="no ../shared/corpora/parallel-dev")


def _held_out(count: int) -> list[bench.Paragraph]:
    rng = random.Random(3)
    found = bench.articles()
    chosen = [lines for article, lines in sorted(found.items())
              if bench.part_of(article) == "held-out"]
    return [p for lines in chosen for p in bench.paragraphs(lines, rng)][:count]


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_paragraphs_of_real_news_align_line_for_line() -> None:
    tally = bench.measure(_held_out(12), bench.GATE_CONFIDENCE, random.Random(5))
    right, predicted = sum(tally.right.values()), sum(tally.predicted.values())
    gold = sum(tally.gold.values())
    assert right / predicted >= 0.85 and right / gold >= 0.8, (right, predicted, gold)
    assert tally.false_paragraph == 0


@pytest.mark.slow
def test_held_out_goals() -> None:
    tally = bench.measure(_held_out(120), bench.GATE_CONFIDENCE, random.Random(5))
    right, predicted = sum(tally.right.values()), sum(tally.predicted.values())
    gold = sum(tally.gold.values())
    precision, recall = right / predicted, right / gold
    assert 2 * precision * recall / (precision + recall) >= 0.9
    assert tally.caught / tally.deleted >= 0.8
    assert tally.false_paragraph <= 2
