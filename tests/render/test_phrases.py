"""A Chinese title or heading breaks between phrases, never inside a number.

The headline is a real one, from an outside tester's import of the National Bureau of
Statistics release of 27 August 2018 (2018年1-7月份全国规模以上工业企业利润增长17.1%):
set with `word-break: keep-all` and no break opportunity, Chromium broke it as 增长1 /
7.1%."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from pipeline.render.phrases import phrases, with_phrase_breaks

HEADLINE = "2018年1-7月份全国规模以上工业企业利润增长17.1%"


def test_a_number_and_a_range_are_one_phrase_each() -> None:
    cut = phrases(HEADLINE)
    assert "".join(cut) == HEADLINE
    assert "17.1%" in cut and "1-7月" in cut


def test_breaks_go_between_phrases_and_keep_the_markup() -> None:
    html = with_phrase_breaks(Markup('<span class="term" title="a &amp; b">工业企业</span>'
                                     "利润增长17.1%&lt;"), "zh-Hans")
    assert html.count("<wbr>") >= 2
    assert "17.1%" in html and "<wbr>17.1%" in html
    assert html.replace("<wbr>", "") == ('<span class="term" title="a &amp; b">工业企业</span>'
                                         "利润增长17.1%&lt;")


def test_a_year_in_chinese_numerals_is_one_phrase() -> None:
    # A designer saw 二◯ / 二五年 in a Hong Kong speech's title (info.gov.hk types the
    # zero as a white circle); 二〇二五 with the Chinese zero is one word too.
    for title, traditional in (("二◯二五年國家憲法日座談會致辭", True),
                               ("二〇二五年国家宪法日座谈会致辞", False)):
        cut = phrases(title, traditional)
        assert "".join(cut) == title and cut[0].startswith(title[:4])


def test_traditional_text_gets_breaks_too() -> None:
    assert "<wbr>" in with_phrase_breaks(Markup("新華社記者韓潔報道兩會"), "zh-Hant")


@given(st.text(alphabet="0123456789.%-年月日增长工业企业利润全国规模以上", min_size=1, max_size=40))
def test_no_break_inside_a_run_of_digits(text: str) -> None:
    cut = phrases(text)
    assert "".join(cut) == text
    for left, right in pairwise(cut):
        assert not (left[-1] in "0123456789.%-" and right[0] in "0123456789.%-")


def test_the_bilingual_page_sets_its_chinese_title_in_phrases(edition_site) -> None:  # type: ignore[no-untyped-def]
    page = (edition_site.build_dir / f"{edition_site.slug}.zh-en.html").read_text(encoding="utf-8")
    title = page.split("<h1", 1)[1].split("</h1>", 1)[0]
    zh = title.split('class="zh"', 1)[1].split("</span>", 1)[0]
    assert "<wbr>" in zh  # 产业焕新姿 蝶变向新行: breaks between its phrases
