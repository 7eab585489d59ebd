"""The import corpus (tests/data/import/README.md): each raw text against the Markdown an
editor expects, plus the metrics held-out articles are judged by."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.importer import import_raw
from pipeline.importer.patterns import is_byline, is_caption

CORPUS = Path(__file__).resolve().parents[1] / "data" / "import"
ARTICLES = sorted(p.name.removesuffix(".raw.txt") for p in CORPUS.glob("*.raw.txt"))
HEADING = re.compile(r"^#{2,6} (.+)$", re.M)


def test_the_corpus_has_six_varied_articles() -> None:
    assert len(ARTICLES) >= 6


def _parts(slug: str) -> tuple[str, str]:
    raw = (CORPUS / f"{slug}.raw.txt").read_text(encoding="utf-8")
    expected = (CORPUS / f"{slug}.expected.md").read_text(encoding="utf-8")
    return raw, expected


@pytest.mark.parametrize("slug", ARTICLES)
def test_import_gives_the_expected_markdown(slug: str) -> None:
    raw, expected = _parts(slug)
    assert import_raw(raw).markdown == expected


@pytest.mark.parametrize("slug", ARTICLES)
def test_metrics_headings_bylines_captions_numbers(slug: str) -> None:
    raw, expected = _parts(slug)
    got = import_raw(raw).markdown
    want = set(HEADING.findall(expected))
    found = set(HEADING.findall(got))
    assert len(want & found) >= 0.9 * len(want)            # headings found
    assert not found - want                               # no false headings
    assert not any(is_byline(h) or is_caption(h) for h in found)
    assert not re.search(r"\d \d|\d\. \d|\d \.\d", got)    # no space inside a number
    title = re.search(r"^title: (.+)$", expected, re.M)
    assert title and title.group(1) in got                # headline found
