"""Import review flips (issue 33): each flip is the edit an editor would make by hand, and
flipping back gives the Markdown byte for byte; decisions are found again after edits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.importer import import_raw
from pipeline.importer.decisions import review_items
from pipeline.importer.flips import Flip, FlipError, Op, blocks, flip
from pipeline.importer.report import Choice, Decision

FRONT = "---\nlang: zh-Hans\ntitle: 标题\n---\n\n"
DOC = FRONT + ("## 一、总则\n\n第一段文字。\\[5\\]第二段由此开始。\n\n"
               "| 指标 | 2019年 |\n|---|---|\n| 产值 | 12.5 |\n\n最后一段。\n")


def test_heading_to_paragraph_is_what_an_editor_writes() -> None:
    assert flip(DOC, Flip(Op.TO_PARAGRAPH, 0)) == DOC.replace("## 一、总则", "一、总则")
    assert flip(flip(DOC, Flip(Op.TO_PARAGRAPH, 0)), Flip(Op.TO_HEADING, 0)) == DOC


def test_split_and_join_are_inverse_and_leave_the_rest_alone() -> None:
    split = flip(DOC, Flip(Op.SPLIT, 1, offset=len("第一段文字。\\[5\\]")))
    assert split == DOC.replace("\\[5\\]第二段", "\\[5\\]\n\n第二段")
    assert flip(split, Flip(Op.JOIN, 1)) == DOC


def test_a_split_before_a_number_keeps_it_from_becoming_a_list() -> None:
    text = FRONT + "前一句。1. 后一句\n"
    split = flip(text, Flip(Op.SPLIT, 0, offset=4))
    assert split.endswith("前一句。\n\n1\\. 后一句\n")
    assert flip(split, Flip(Op.JOIN, 0)) == text


def test_table_to_lines_and_back() -> None:
    lines = flip(DOC, Flip(Op.TO_LINES, 2))
    assert "\n\n指标  2019年\n\n产值  12.5\n\n" in lines
    assert flip(lines, Flip(Op.TO_TABLE, 2, count=2)) == DOC


def test_layout_rows_split_at_wide_gaps_only() -> None:
    text = FRONT + "分 组      营业收入    利润\n\n总计      1143083.8   20.3\n"
    table = flip(text, Flip(Op.TO_TABLE, 0, count=2))
    assert "| 分 组 | 营业收入 | 利润 |" in table and "| 总计 | 1143083.8 | 20.3 |" in table


def test_drop_and_keep() -> None:
    dropped = flip(DOC, Flip(Op.DROP, 3))
    assert dropped.endswith("| 产值 | 12.5 |\n")
    assert flip(dropped, Flip(Op.KEEP, 3, text="最后一段。")) == DOC
    assert flip(flip(DOC, Flip(Op.DROP, 1)), Flip(Op.KEEP, 1, text="第一段文字。[5]第二段由此开始。")) \
        == DOC


def test_a_flip_that_does_not_fit_says_so() -> None:
    with pytest.raises(FlipError, match="block 1 is a heading"):
        flip(DOC, Flip(Op.JOIN, 0))
    with pytest.raises(FlipError, match="no block 9"):
        flip(DOC, Flip(Op.DROP, 8))


def test_decisions_are_found_again_after_a_flip() -> None:
    join = Decision(Choice.JOIN, 7, "第二段由此开始。", "第一段文字。[5]")
    item, = review_items(DOC, [join])
    assert (item.now, item.change) == ("joined", Flip(Op.SPLIT, 1, offset=len("第一段文字。\\[5\\]")))
    after = flip(DOC, item.change)
    again, = review_items(after, [join])
    assert (again.now, again.change) == ("split", Flip(Op.JOIN, 1))
    assert flip(after, again.change) == DOC


def test_an_imported_table_guess_flips_to_lines_and_back() -> None:
    raw = ("统计公报\n\n全年经济运行平稳，主要指标好于预期，就业和物价总体稳定，"
           "居民收入继续增长。\n\n"
           "指标        2020年      2021年      增长\n产值        100.5       110.2       9.7\n"
           "利润        20.1        22.3        10.9\n投资        50.2        55.0        9.6\n\n"
           "各地区认真贯彻落实各项政策措施，推动经济持续健康发展，取得了显著成效。\n")
    result = import_raw(raw)
    item = next(i for i in review_items(result.markdown, result.decisions)
                if i.decision.choice is Choice.TABLE)
    # Its cells in aligned columns, the guess is a pipe table; the editor may make it lines.
    assert "| 产值 | 100.5 | 110.2 | 9.7 |" in result.markdown
    assert item.now == "table" and item.change and item.change.op is Op.TO_LINES
    lines = flip(result.markdown, item.change)
    assert "| 产值" not in lines
    back, = [i for i in review_items(lines, [item.decision])]
    assert back.now == "lines" and back.change is not None and back.change.op is Op.TO_TABLE
    assert "| 产值 | 100.5 | 110.2 | 9.7 |" in flip(lines, back.change)


HAN = st.text(st.sampled_from("经济发展城市建设产业工作社会农村科技创新服务企业"), min_size=2, max_size=12)
PIECE = st.one_of(HAN, st.integers(0, 9999).map(str), st.sampled_from(
    ["。", "，", "、", "“", "”", "[3]", "1. ", "# ", "- ", "|", "*", "<", "Abc def "]))
PARA = st.lists(PIECE, min_size=1, max_size=8).map("".join).filter(
    lambda t: t.strip() and t.strip() == t)


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
@settings(max_examples=150, deadline=None)
@given(st.lists(PARA, min_size=2, max_size=5), st.data())
def test_every_flip_and_its_inverse_give_the_markdown_back(paras: list[str],
                                                           data: st.DataObject) -> None:
    from pipeline.importer.markdown import escape_markdown
    text = FRONT + "\n\n".join(escape_markdown(p) for p in paras) + "\n"
    found = blocks(text)
    index = data.draw(st.integers(0, len(found) - 1))
    block = found[index]
    if block.kind.value != "paragraph" or "\n" in block.source:
        return
    heading = flip(text, Flip(Op.TO_HEADING, index))
    assert flip(heading, Flip(Op.TO_PARAGRAPH, index)) == text
    kept = flip(flip(text, Flip(Op.DROP, index)), Flip(Op.KEEP, index, text=paras[index]))
    assert kept == text
    if index + 1 < len(found) and found[index + 1].kind.value == "paragraph":
        joined = flip(text, Flip(Op.JOIN, index))
        back = flip(joined, Flip(Op.SPLIT, index, offset=len(block.source)))
        assert blocks(back)[index].source == block.source
        assert back == text
