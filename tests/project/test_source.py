"""Segmentation of Markdown sources into typed segments with stable IDs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import REPO

from pipeline.errors import PipelineError
from pipeline.model import SegmentKind
from pipeline.source import parse_article, read_article

K = SegmentKind


def test_real_article_segments_exact_count_and_kinds() -> None:
    article = read_article(REPO / "content" / "shangdang.md")
    kinds = [s.kind for s in article.segments]
    assert len(kinds) == 22
    assert kinds[:5] == [K.KICKER, K.TITLE, K.CREDITS, K.STANDFIRST, K.STANDFIRST]
    assert kinds.count(K.HEADING) == 3
    assert kinds.count(K.PARAGRAPH) == 14
    assert article.segment("title").text == "产业焕新姿 蝶变向新行"
    assert article.segment("kicker").text == "上党区"
    headings = [s.text for s in article.segments if s.kind == K.HEADING]
    assert headings[1] == "稳固煤炭“压舱石” 筑牢能源安全屏障"
    # Source lines point at the Markdown file, 1-based.
    heading = next(s for s in article.segments if s.kind == K.HEADING)
    lines = (REPO / "content" / "shangdang.md").read_text(encoding="utf-8").splitlines()
    assert lines[heading.line_start - 1] == f"## {heading.text}"
    assert len({s.id for s in article.segments}) == 22


def test_every_block_kind_is_a_segment() -> None:
    text = ("---\ntitle: 标题\n---\n\n导语。\n\n## 小标题\n\n正文*强调*。\n\n- 列表一\n  - 嵌套\n"
            "\n1. 编号\n\n> 引文\n\n| 甲 | 乙 |\n|---|---|\n| 丙 | 丁 |\n\n![图片说明](a.png)\n")
    article = parse_article(text, Path("x.md"))
    got = [(s.kind, s.text) for s in article.segments]
    assert got == [
        (K.TITLE, "标题"), (K.STANDFIRST, "导语。"), (K.HEADING, "小标题"),
        (K.PARAGRAPH, "正文*强调*。"), (K.LIST_ITEM, "列表一"), (K.LIST_ITEM, "嵌套"),
        (K.LIST_ITEM, "编号"), (K.BLOCKQUOTE, "引文"), (K.TABLE_CELL, "甲"),
        (K.TABLE_CELL, "乙"), (K.TABLE_CELL, "丙"), (K.TABLE_CELL, "丁"), (K.IMAGE_ALT, "图片说明"),
    ]
    cells = [s for s in article.segments if s.kind == K.TABLE_CELL]
    assert [c.header for c in cells] == [True, True, False, False]
    assert article.segments[-1].image_src == "a.png"
    nested = [s for s in article.segments if s.kind == K.LIST_ITEM]
    assert [s.level for s in nested] == [1, 2, 1] and nested[2].ordered


def test_soft_breaks_join_without_space_in_chinese_with_space_in_english() -> None:
    article = parse_article("中文第一行\n第二行 and\nEnglish\n", Path("x.md"))
    assert article.segments[0].text == "中文第一行第二行 and English"
    assert (article.segments[0].line_start, article.segments[0].line_end) == (1, 3)


def test_ids_survive_insertion_and_duplicates_are_disambiguated() -> None:
    before = parse_article("甲段。\n\n乙段。\n\n甲段。\n", Path("x.md"))
    after = parse_article("新段。\n\n甲段。\n\n乙段。\n\n甲段。\n", Path("x.md"))
    ids_before = [s.id for s in before.segments]
    assert ids_before[0] != ids_before[2] and ids_before[2] == ids_before[0] + "-2"
    assert [s.id for s in after.segments][1:] == ids_before


@pytest.mark.parametrize("text, line, fragment", [
    ("段落。\n\n<div>raw</div>\n", 3, "raw HTML"),
    ("段落 <b>x</b>\n", 1, "inline raw HTML"),
    ("段落。\n\n```\ncode\n```\n", 3, "code blocks"),
    ("---\ntitle: [unclosed\n---\n", 2, "front matter"),
    ("---\ntitle: 1\n---\n", 2, "must be a string"),
    ("---\nlang: zh-Hans\ntitel: 标题\n---\n", 3, "unknown front matter field 'titel' (did you mean 'title'?"),
    ("---\ntitle: 标题\n\n正文。\n", 1, "front matter opened here is not closed"),
])
def test_unsupported_or_broken_markdown_is_reported_with_line(text: str, line: int,
                                                              fragment: str) -> None:
    with pytest.raises(PipelineError) as info:
        parse_article(text, Path("a.md"))
    assert info.value.line == line
    assert fragment in str(info.value)


def test_non_utf8_source_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "gbk.md"
    path.write_bytes("第一行\n第二行".encode("gbk"))
    with pytest.raises(PipelineError, match="UTF-8") as info:
        read_article(path)
    assert info.value.line == 1


paragraph = st.text(alphabet=st.sampled_from(list("产业发展上党区煤炭，。abc 12")), min_size=1,
                    max_size=30).map(str.strip).filter(lambda s: s and s[0] not in "0123456789")


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@settings(max_examples=150, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=12))
def test_segmentation_property_one_segment_per_paragraph_in_order(paras: list[str]) -> None:
    article = parse_article("\n\n".join(paras) + "\n", Path("x.md"))
    assert [s.text for s in article.segments] == paras
    assert len({s.id for s in article.segments}) == len(paras)
    for seg, number in zip(article.segments, range(1, 3 * len(paras), 2), strict=False):
        assert seg.line_start == number
