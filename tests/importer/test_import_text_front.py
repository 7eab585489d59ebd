"""The front matter of speeches and commentaries as `pdftotext` gives them from a Word
file: the date set in brackets under a speech's title, a paper's unnamed commentator,
and a title that ends with a closing quote. Texts written for the test in the shape of
a city's speech and a paper's commentary."""

from __future__ import annotations

from pipeline.importer import import_raw

SPEECH = """在全市优化营商环境大会上的讲话
市长 王建华
（2024 年 3 月 15 日）
同志们：
今天，我们召开全市优化营商环境大会，主要任务是深入贯彻落实党中央、国务院和省
委、省政府关于优化营商环境的决策部署，总结去年工作，部署今年任务。

一、充分肯定成绩，进一步增强做好营商环境工作的信心
过去一年，全市上下紧紧围绕市场主体关切，推出了一系列改革举措，营商环境持续改
善，市场主体活力不断增强。
"""

COMMENTARY = """让“小切口”撬动“大民生”
本报评论员
社区食堂、口袋公园、老旧小区加装电梯……这些看似不起眼的“小事”，却实实在在关系
着千家万户的日常生活。
民生无小事，枝叶总关情。近年来，各地从群众最关心最直接最现实的利益问题入手，
以“小切口”推动“大民生”，让群众的获得感成色更足。
"""


def _front(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[0]


def test_a_speechs_bracketed_date_under_its_title_is_the_date_not_a_heading() -> None:
    markdown = import_raw(SPEECH).markdown
    assert "date: '2024-03-15'" in _front(markdown)
    assert "2024 年" not in markdown.split("\n---\n", 1)[1]


def test_a_papers_commentator_is_the_byline_and_a_title_may_end_with_a_quote() -> None:
    front = _front(import_raw(COMMENTARY).markdown)
    assert "title: 让“小切口”撬动“大民生”" in front and "byline: 本报评论员" in front


# A digest's headline over two lines, then the writer's name and the date on one line
# (written for the test in the shape of a Hong Kong news digest).
NAME_AND_DATE = """梁特最後施政報告
「一帶一路」較去年少提一半
翁維愷 2017-01-18

行政長官今早在立法會發表任內最後一份施政報告，全份報告提起「一帶一路」二十次，比去
年少一半。
"""


def test_a_bare_name_with_a_date_under_the_headline_is_the_byline_put_to_the_editor() -> None:
    result = import_raw(NAME_AND_DATE)
    front = _front(result.markdown)
    assert "byline: 翁維愷" in front and "date: '2017-01-18'" in front
    assert "翁維愷" not in front.split("title:", 1)[1].split("\n", 1)[0]
    assert any("翁維愷" in flag.message for flag in result.flags)
