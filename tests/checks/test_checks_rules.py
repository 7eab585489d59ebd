"""`bilingual check` rules, one entry at a time: each fires on a crafted bad
translation and stays silent on a correct one."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline.checks.findings import RULES, Severity
from pipeline.checks.rules.base import EntryView, plain_text
from pipeline.checks.rules.consistency import (
    approved_never_used,
    inconsistent_translations,
)
from pipeline.checks.rules.language import (
    cjk_renderings,
    script_findings,
    source_language_findings,
    target_language_findings,
)
from pipeline.checks.rules.markup import markup_findings
from pipeline.checks.rules.number_rule import number_findings
from pipeline.checks.rules.terms import term_findings
from pipeline.glossary import TermMatcher, parse_glossary

GLOSSARY = """term,english,variants,forbidden,type,pinyin,note
专业镇,specialized town,,professional town | specialised town,policy-term,,
九大专业镇,nine specialized towns,,nine professional towns,policy-term,,
绿色特优农产品专业镇,"specialized town for green, distinctive and high-quality farm produce",,,policy-term,,
新质生产力,new quality productive forces,,new productive forces,policy-term,,
废旧橡胶轮胎,waste rubber tyres,scrap tyres,,industry-term,,
再生资源,recycled resources,resource recycling,,industry-term,,
红绿彩,Honglvcai (红绿彩),Honglvcai,,culture,,
"""
MATCHER = TermMatcher(parse_glossary(GLOSSARY, Path("glossary/terms.csv")))


def view(msgid: str, msgstr: str, line: int = 10, file: str = "a.po", locale: str = "en",
         **entry: object) -> EntryView:
    return EntryView(file=file, line=line, slug="a", locale=locale,
                     entry=polib.POEntry(msgid=msgid, msgstr=msgstr, **entry),
                     source_ref="content/a.md:3")


def codes(findings) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in findings]


# --- BL101 / BL102: terms -------------------------------------------------------------

@pytest.mark.parametrize("msgstr", [
    "The district is building specialized towns.",  # plural
    "Building Specialized Towns",  # title-case heading
    "a specialized-town strategy",  # hyphen for space
])
def test_term_accepted_forms(msgstr: str) -> None:
    assert term_findings(view("建设专业镇", msgstr), MATCHER) == []


def test_term_missing_names_term_and_expected() -> None:
    [finding] = term_findings(view("建设专业镇", "Building speciality hubs."), MATCHER)
    # A concept term reworded: a warning; a name left out: an error.
    assert finding.code == "BL101" and finding.severity == Severity.WARNING
    assert finding.message == '专业镇: expected "specialized town", found none'
    assert (finding.term, finding.expected, finding.line) == ("专业镇", "specialized town", 10)
    assert finding.source_ref == "content/a.md:3"


def test_term_count_is_loose() -> None:
    # Twice in the source, once in English: fine (English merges repetitions).
    assert term_findings(view("专业镇和专业镇", "two kinds of specialized town"), MATCHER) == []


def test_nested_terms_longest_wins() -> None:
    long_ok = "building a specialized town for green, distinctive and high-quality farm produce"
    assert term_findings(view("打造绿色特优农产品专业镇", long_ok), MATCHER) == []
    [finding] = term_findings(view("打造绿色特优农产品专业镇", "building a specialized town"),
                              MATCHER)
    assert finding.term == "绿色特优农产品专业镇"  # not 专业镇, which it contains


def test_nine_specialized_towns() -> None:
    assert term_findings(view("九大专业镇", "nine specialized towns"), MATCHER) == []
    found = term_findings(view("九大专业镇", "nine professional towns"), MATCHER)
    assert codes(found) == ["BL101", "BL102"]
    assert found[1].found == "nine professional towns"


def test_hyphenated_rendering_accepted() -> None:
    assert term_findings(view("发展新质生产力", "developing new-quality productive forces"),
                         MATCHER) == []


def test_forbidden_beside_approved_is_an_error() -> None:
    text = "new quality productive forces (not new productive forces)"
    [finding] = term_findings(view("新质生产力", text), MATCHER)
    assert finding.code == "BL102" and finding.severity == Severity.ERROR
    assert finding.found == "new productive forces"
    assert "forbidden rendering" in finding.message and finding.message.startswith("新质生产力:")


def test_plural_rendering_matches_singular_noun_adjunct() -> None:
    assert term_findings(view("废旧橡胶轮胎处理项目", "a waste rubber tyre processing project"),
                         MATCHER) == []


def test_terms_in_link_urls_do_not_count() -> None:
    found = term_findings(view("专业镇", "[see here](https://x.org/specialized-town)"), MATCHER)
    assert codes(found) == ["BL101"]


# --- BL201 / BL202: consistency ---------------------------------------------------------

def test_inconsistent_translations_one_finding_at_the_deviating_place() -> None:
    views = [view("产业", "Industry", line=5, file="a.po"),
             view("产业", "Industries", line=9, file="b.po"),
             view("产业", "Industry", line=7, file="c.po"),
             view("产业", "Industrie", line=7, file="d.po", locale="de")]
    [found] = inconsistent_translations(views)
    assert (found.file, found.line, found.code) == ("b.po", 9, "BL201")
    assert found.message == ('"产业" translated differently: here "Industries" ×1; '
                             'elsewhere "Industry" ×2 (a.po:5, c.po:7)')
    assert (found.expected, found.found) == ("Industry", "Industries")
    assert inconsistent_translations(views[::2]) == []  # a.po and c.po agree (de differs: ok)


def test_approved_never_used_is_info_listing_places() -> None:
    views = [view("再生资源", "resource recycling", line=5),
             view("发展再生资源", "developing resource recycling", line=9)]
    [finding] = approved_never_used(views, MATCHER)
    assert finding.code == "BL202" and finding.severity == Severity.INFO
    assert "a.po:5" in finding.message and "a.po:9" in finding.message
    views.append(view("再生资源产业", "the recycled resources industry", line=12))
    assert approved_never_used(views, MATCHER) == []


# --- BL401–BL403: numbers ---------------------------------------------------------------

@pytest.mark.parametrize("zh, en", [
    ("确保全年煤炭产量稳定在3300万吨。", "keeping coal output steady at 33 million tonnes."),
    ("可年产光伏玻璃1.45亿平方米。", "It can make 145 million square metres of PV glass a year."),
    ("已建成智能化矿井2座。", "It has built two intelligent mines."),
    ("年销售额达到20亿元。", "annual sales of 2 billion yuan."),
    ("提供就业岗位1300余个。", "creating more than 1,300 jobs."),
])
def test_numbers_agree(zh: str, en: str) -> None:
    assert number_findings(view(zh, en), MATCHER) == []


def test_wan_converted_wrongly_is_missing_and_extra() -> None:
    found = number_findings(view("稳定在3300万吨。", "steady at 3.3 million tonnes."), MATCHER)
    assert codes(found) == ["BL401", "BL402"]
    assert found[0].term == "3300万" and found[1].term == "3.3 million"
    assert all(f.severity == Severity.ERROR for f in found)


def test_a_changed_figure_names_its_stand_in_in_the_json_fields() -> None:
    # An outside tester's JSON had "found": "" for a message naming 3,086.
    missing, extra = number_findings(view("共有代表3068名。", "3,086 delegates in all."), MATCHER)
    assert (missing.code, missing.term, missing.expected, missing.found) == (
        "BL401", "3068", "3068", "3,086")
    assert (extra.code, extra.term, extra.expected, extra.found) == (
        "BL402", "3,086", "3068", "3,086")


def test_number_added_in_translation_is_extra() -> None:
    found = number_findings(view("年产20亿元。", "2 billion yuan in 12 months."), MATCHER)
    assert codes(found) == ["BL402"] and found[0].term == "12"


def test_approximation_is_a_warning() -> None:
    [finding] = number_findings(view("提供就业岗位1300余个。", "creating 1,300 jobs."), MATCHER)
    assert finding.code == "BL403" and finding.severity == Severity.WARNING


def test_numbers_inside_glossary_terms_are_left_to_the_glossary() -> None:
    assert number_findings(view("聚焦九大专业镇", "focusing on nine specialized towns"),
                           MATCHER) == []


# --- BL501–BL504: language --------------------------------------------------------------

ENGLISH = "The district has stepped up the cultivation of high-quality grain and promoted it."
GERMAN = "Der Bezirk hat den Anbau von hochwertigem Getreide verstärkt und gefördert."
CHINESE = "上党区加大优质粮食种植力度，推广高产高效的种植模式，确保粮食产量稳定增长的同时，不断提升粮食品质。"


def test_cjk_in_translation_is_an_error() -> None:
    [finding] = script_findings(view("专业镇", "the 专业镇 towns"))
    assert finding.code == "BL501" and finding.severity == Severity.ERROR
    assert finding.term == "专业镇"


def test_cjk_inside_an_allowed_rendering_is_fine() -> None:
    allowed = cjk_renderings(r for t in MATCHER.glossary.terms for r in t.accepted)
    assert allowed == ("Honglvcai (红绿彩)",)
    assert script_findings(view("红绿彩", "Honglvcai (红绿彩) porcelain"), allowed) == []
    assert codes(script_findings(view("红绿彩", "Honglvcai 彩"), allowed)) == ["BL501"]


def test_full_width_punctuation_is_a_warning() -> None:
    [finding] = script_findings(view("产业", "Industry，the engine。"))
    assert finding.code == "BL504" and finding.severity == Severity.WARNING
    assert script_findings(view("产业", "“Industry” – the engine…")) == []  # curly quotes are English


def test_langdetect_target() -> None:
    assert target_language_findings(view(CHINESE, ENGLISH)) == []
    [finding] = target_language_findings(view(CHINESE, GERMAN))
    assert finding.code == "BL502" and finding.found == "de"
    assert target_language_findings(view(CHINESE, "Kurz.")) == []  # too short to judge


def test_langdetect_source() -> None:
    assert source_language_findings(view(CHINESE, "")) == []
    [finding] = source_language_findings(view(ENGLISH, ""))
    assert finding.code == "BL503" and finding.severity == Severity.WARNING


def test_credits_are_not_language_checked() -> None:
    names = "策划/冯波 邵盼 统筹/李建义 文字/白雪峰 李敏 周旭 成静 摄影/张国平 向峥 李广亮 设计/任宇轩 田泽凡"
    pinyin = ("Planning: Feng Bo, Shao Pan; Coordination: Li Jianyi; Text: Bai Xuefeng, Li Min, "
              "Zhou Xu, Cheng Jing; Photos: Zhang Guoping")
    credits = view(names, pinyin, comment="segment: credits (credits)")
    assert source_language_findings(credits) == target_language_findings(credits) == []


# --- BL601–BL603: markup ----------------------------------------------------------------

def test_same_markup_passes() -> None:
    src = "**上党区**的*产业*，见[报告](https://x.org/a)和`代码`与![图](i.png)。"
    dst = "See the [report](https://x.org/a), `code` and ![chart](i.png) on *industry* in **Shangdang**."
    assert markup_findings(view(src, dst)) == []


def test_dropped_emphasis_and_added_html() -> None:
    [finding] = markup_findings(view("**上党区**的产业", "Shangdang's <b>industry</b>"))
    assert finding.code == "BL601"
    assert "missing 1 strong" in finding.message and "added 2 raw HTML" in finding.message


def test_link_target_changed() -> None:
    found = markup_findings(view("见[报告](https://x.org/a)", "see the [report](https://x.org/b)"))
    assert codes(found) == ["BL602", "BL602"]
    assert {f.term for f in found} == {"https://x.org/a", "https://x.org/b"}


def test_placeholders_kept() -> None:
    assert markup_findings(view("你好 {name}，共%s个，%(n)d次", "Hello {name}, %s in all, %(n)d times")) == []
    found = markup_findings(view("你好 {name}，共%s个", "Hello, %d in all"))
    assert sorted(f.term for f in found) == ["%d", "%s", "{name}"]
    assert set(codes(found)) == {"BL603"}


def test_percent_sign_is_not_a_placeholder() -> None:
    assert markup_findings(view("占比达到95%。", "a 95% share, 95%s")) != []  # "%s" is one
    assert markup_findings(view("占比达到95%，稳步提升", "95% secured, rising")) == []


def test_plain_text_drops_markup_and_urls() -> None:
    assert plain_text("**a** [b](http://c/1) `d` ![e](f.png)") == "a b d e"


def test_every_code_has_a_rule() -> None:
    # The real check (each code fires from a crafted case) is in test_checks_registry.
    from test_checks_registry import fired
    assert fired() == {code: True for code in RULES}
