"""Compatibility characters and the script of a document (issue 33, part A): what a PDF
printed with the Noto CJK fonts gives, enclosed forms, full-width digits, justified
lines, and Traditional Chinese marked `zh-Hant` with its 「」 kept."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.importer import import_raw, report_lines
from pipeline.importer.normalize import close_spaced, normalise_text
from pipeline.importer.script import Script, detect_script


def test_kangxi_and_supplement_radicals_become_the_ideographs() -> None:
    # ⼀ ⼈ ⽐ are Kangxi radicals (NFKC knows them); ⻓ ⻔ are in the supplement block,
    # which NFKC leaves alone: only the generated table maps them.
    assert unicodedata.normalize("NFKC", "⻓⻔") == "⻓⻔"
    assert normalise_text("⼀、⼈⼝⽐例⻓期上升，⻔槛降低") == "一、人口比例长期上升，门槛降低"


def test_enclosed_forms_and_full_width_digits() -> None:
    assert normalise_text("㈠总体要求") == "（一）总体要求"
    assert normalise_text("⑵加强领导") == "（2）加强领导"
    assert normalise_text("⒊其他") == "3.其他"
    assert normalise_text("增长２３．５％，ＧＤＰ") == "增长23．5％，GDP"
    assert normalise_text("①②③") == "①②③"   # circled numbers are ordinary Chinese usage


def test_spaces_of_a_justified_line_are_closed_up_but_not_single_gaps() -> None:
    assert close_spaced("基 本 情 况") == ("基本情况", 3)
    assert normalise_text("第 一 章　总 则") == "第一章总则"
    assert normalise_text("记者 张三 李四") == "记者 张三 李四"
    assert normalise_text("王 明") == "王 明"
    assert normalise_text("GDP 增长 5 %") == "GDP 增长 5 %"


def test_a_radical_heading_is_a_heading_and_the_report_has_one_summary_line() -> None:
    raw = ("⼈⼝发展报告\n\n⼀、基本情况\n\n" + "全市常住⼈⼝稳步增长，⽐上年增加⼀万⼈。" * 3
           + "\n\n⼆、主要问题\n\n" + "⽼龄化程度加深，劳动⼒供给减少。" * 3 + "\n")
    result = import_raw(raw)
    assert "## 一、基本情况" in result.markdown and "## 二、主要问题" in result.markdown
    assert not any("\u2e80" <= c <= "\u2fdf" for c in result.markdown)
    summary = [line for line in report_lines(result, "a.txt") if "compatibility" in line]
    assert len(summary) == 1 and summary[0].startswith("a.txt: fixed: 5 lines")


def test_traditional_chinese_is_marked_zh_hant_with_its_corner_quotes() -> None:
    # Our own text, in the style of a Hong Kong commentary.
    raw = ("香港經濟的下一步\n\n一、問題所在\n\n"
           "有學者指出：「這個問題不是一天造成的。」政府應當聽取市民的聲音，"
           "並且在預算中回應這些關注。\n")
    result = import_raw(raw)
    assert result.markdown.startswith("---\nlang: zh-Hant\n")
    assert "「這個問題不是一天造成的。」" in result.markdown
    assert import_raw("经济发展的下一步\n\n这个问题不是一天造成的，"
                      "政府应当听取市民的声音。\n").markdown.startswith("---\nlang: zh-Hans\n")


def test_a_document_mixing_both_scripts_is_put_to_the_editor() -> None:
    evidence = detect_script("這個問題說明經濟" + "这个问题说明经济")
    assert evidence.mixed and evidence.script is Script.SIMPLIFIED
    result = import_raw("标题文字\n\n這個問題說明經濟發展，这个问题说明经济发展还需要努力。\n")
    assert any("zh-Hant" in flag.message and "zh-Hans" in flag.message for flag in result.flags)


def _telling(text: str) -> str:
    """The scorer's measure of a body: Han characters and digits, NFKC-folded
    (full-width digits count as digits)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if c.isdigit() or "\u3400" <= c <= "\u9fff")


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PIECES = st.one_of(HAN, st.sampled_from(list("0123456789０１２３４５６７８９，。 \u3000、ＡＢａ①")),
                   st.sampled_from(["㈠", "⑵", "⒊"]))


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@given(st.lists(PIECES, max_size=60).map("".join))
def test_normalisation_loses_duplicates_or_reorders_no_han_character_or_digit(text: str) -> None:
    assert _telling(normalise_text(text)) == _telling(text)


RADICALS = st.sampled_from(["⼈", "⼤", "⽅", "⻓", "⻔", "⼀", "⽐"])


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@given(st.lists(st.one_of(HAN, RADICALS, st.sampled_from(list("，。"))), min_size=1,
                max_size=80).map("".join))
def test_radicals_become_the_ideographs_in_place(text: str) -> None:
    out = normalise_text(text)
    assert len(out) == len(text)
    assert not any("\u2e80" <= c <= "\u2fdf" for c in out)
