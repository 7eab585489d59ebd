"""Which opening paragraphs are the standfirst: a short lead set apart by a heading, never the body."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REPO

from pipeline.model import SegmentKind
from pipeline.source import parse_article, read_article
from pipeline.standfirst import MAX_CHARACTERS

TITLE = "---\ntitle: 标题\n---\n\n"
LEAD = "导语第一段。"


def _standfirst(body: str, front: str = TITLE) -> list[str]:
    article = parse_article(front + body, Path("a.md"))
    return [s.text for s in article.segments if s.kind == SegmentKind.STANDFIRST]


def test_the_real_articles_two_opening_paragraphs_are_its_standfirst() -> None:
    article = read_article(REPO / "content" / "shangdang.md")
    kinds = [s.kind for s in article.segments]
    assert kinds.count(SegmentKind.STANDFIRST) == 2
    assert kinds.index(SegmentKind.HEADING) == kinds.index(SegmentKind.STANDFIRST) + 2


def test_one_or_two_short_paragraphs_before_a_heading_are_the_standfirst() -> None:
    assert _standfirst(f"{LEAD}\n\n## 小标题\n\n正文。\n") == [LEAD]
    assert _standfirst(f"{LEAD}\n\n第二段。\n\n## 小标题\n\n正文。\n") == [LEAD, "第二段。"]


@pytest.mark.parametrize("body", [
    # No section heading: every paragraph is body (a news story, a statistics release).
    f"{LEAD}\n\n第二段。\n\n第三段。\n",
    f"{LEAD}\n\n*表1 利润*\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n附注：说明。\n",
    # More than two paragraphs before the heading: an opening section without one.
    f"{LEAD}\n\n第二段。\n\n第三段。\n\n## 小标题\n\n正文。\n",
    # Longer than a lead.
    f"{'长' * (MAX_CHARACTERS + 1)}。\n\n## 小标题\n\n正文。\n",
    # A table, list or figure in the opening: it stays where the source put it.
    f"{LEAD}\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n## 小标题\n\n正文。\n",
    f"{LEAD}\n\n- 一项\n\n## 小标题\n\n正文。\n",
    # The article opens with its heading.
    "## 小标题\n\n正文。\n",
], ids=["no-heading", "no-heading-table", "three-before-heading", "long", "table-first",
        "list-first", "opens-with-heading"])
def test_no_standfirst_unless_a_short_lead_stands_before_a_heading(body: str) -> None:
    assert _standfirst(body) == []
    kinds = {s.kind for s in parse_article(TITLE + body, Path("a.md")).segments}
    assert SegmentKind.PARAGRAPH in kinds


def test_no_standfirst_without_a_title() -> None:
    assert _standfirst(f"{LEAD}\n\n## 小标题\n\n正文。\n", front="") == []
