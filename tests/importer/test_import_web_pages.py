"""`bilingual import` of saved government and news pages: the headline in an <h1>
inside the article element, and the site furniture news and government sites set
around and inside it (issue 33: a new user's pasted and saved pages).

The pages follow the markup of real saved pages (a government portal's article page:
breadcrumb, `pages-date` metadata box with 来源 and 字号 大 中 小, `UCAP-CONTENT` body,
share bar, 返回顶部 footer); the texts are our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.importer import ImportResult
from pipeline.importer.pasted import Furniture, kind_of
from pipeline.importer.styled import import_pieces
from pipeline.importer.web import html_pieces

OPENING = "各区人民政府，市政府各委、办、局："
BODY = ["为深入贯彻落实优化营商环境的决策部署，进一步激发市场主体活力，经市政府同意，现就有关事项通知如下。",
        "一、持续提升政务服务效能。全面推行政务服务事项清单管理，企业开办时间压缩至一个工作日以内。",
        "二、切实降低企业经营成本。落实落细各项减税降费政策，规范涉企收费行为，减轻企业负担。"]
LAST = "三、加强组织保障。各区各部门要明确责任分工，细化工作措施，确保各项任务落到实处。"
TITLE = "关于进一步优化营商环境的通知"
CRUMB = "首页 > 政策 > 正文"
META = "2024-05-06 16:15　来源：　市政府办公厅 【字号：大 中 小】 【打印】 【关闭】"
SHARE = "分享到：微信 微博"

GOV_PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{TITLE}_政策_市人民政府门户网站</title></head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zc/">政策</a></li>
<li><a href="/hd/">互动</a></li></ul></div>
<div class="article oneColumn pub_border">
<div class="crumb">{CRUMB.replace(">", "&gt;")}</div>
<h1 id="ti">{TITLE}</h1>
<div class="pages-date">{META.split("【")[0]}<span class="font">【字号：<a>大</a> <a>中</a> <a>小</a>】</span>
<span>【打印】</span> <span>【关闭】</span></div>
<div class="pages_content" id="UCAP-CONTENT">
<p>{OPENING}</p>{"".join(f"<p>{text}</p>" for text in BODY)}
</div>
<div class="attach"><p>{LAST}</p><p style="text-align:right">市政府办公厅</p></div>
<div class="share">{SHARE}</div>
</div>
<div class="footer"><a href="#top">返回顶部</a><p>主办单位：市人民政府办公厅</p></div>
</body></html>"""

# A page saved from a plain publishing tool: the headline and the rest straight in <body>.
BARE_PAGE = f"""<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">
<title>{TITLE}</title></head><body><h1>{TITLE}</h1><p>{BODY[0]}</p>
<table><tr><th>序号</th><th>区</th></tr><tr><td>1</td><td>东城区</td></tr>
<tr><td>2</td><td>西城区</td></tr></table><p>{LAST}</p></body></html>"""


def _import_html(html: str) -> ImportResult:
    result = ImportResult(markdown="")
    return import_pieces(html_pieces(html.encode("utf-8"), Path("a.html"), result), result)


def _blocks(markdown: str) -> list[str]:
    return [b.strip() for b in markdown.split("\n---\n", 1)[1].split("\n\n") if b.strip()]


def test_an_h1_in_the_article_element_is_the_title_and_the_site_furniture_is_put_aside(
        ) -> None:
    result = _import_html(GOV_PAGE)
    assert f"title: {TITLE}" in result.markdown
    blocks = _blocks(result.markdown)
    assert blocks[:5] == [OPENING, *BODY, LAST]
    assert not any(block.startswith("#") for block in blocks)
    for furniture in (CRUMB, "来源", SHARE):
        assert furniture not in "".join(blocks)
    dropped = [flag.message for flag in result.flags if flag.message.startswith("dropped")]
    assert len(dropped) == 3
    for kind in ("breadcrumb", "metadata", "tools"):
        assert sum(kind in message for message in dropped) == 1, kind
    assert "date: '2024-05-06'" in result.markdown   # the box's date, kept


def test_a_page_with_its_text_straight_in_the_body_keeps_title_table_and_paragraphs(
        ) -> None:
    result = _import_html(BARE_PAGE)
    assert f"title: {TITLE}" in result.markdown
    assert _blocks(result.markdown) == [BODY[0], "| 序号 | 区 |\n|---|---|\n| 1 | 东城区 |\n"
                                        "| 2 | 西城区 |", LAST]


@pytest.mark.parametrize(("text", "kind"), [
    (CRUMB, Furniture.BREADCRUMB), ("当前位置：首页 > 新闻中心", Furniture.BREADCRUMB),
    (META, Furniture.METADATA), ("发布时间：2024-05-06", Furniture.METADATA),
    ("發布時間：2023年7月19日　瀏覽次數：1024", Furniture.METADATA),
    (SHARE, Furniture.TOOLS), ("返回顶部", Furniture.TOOLS), ("【打印】【关闭】", Furniture.TOOLS),
    ("上一篇：关于做好春节期间安全生产工作的通知", Furniture.NEIGHBOURS),
    # Traditional pages, and a site's trail without 首页 (an outside tester's 台灣網 page)
    ("2025-01-17 08:29:00來源：參考消息字號大中小", Furniture.METADATA),
    ("台灣網>兩岸>兩岸交流>正文", Furniture.BREADCRUMB), ("返回頂部", Furniture.TOOLS),
    ("· 我校获得一项国家社科基...", Furniture.NAVIGATION),  # a sidebar's cut-short link
    # text, not furniture: a notice's own dates and sources, a byline, prose
    ("报名时间：2024年5月1日至5月10日", None), ("来源：新华社", None), ("作者：张三　编辑：李四", None),
    (LAST, None), ("数据来源：国家统计局，2023年。", None)])
def test_site_furniture_is_told_by_what_it_says(text: str, kind: Furniture | None) -> None:
    """In the page's top zone (above its first paragraph of running text)."""
    assert kind_of(text, top=True) is kind


OUTSIDE_BOX = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a></div>
<div class="main"><h1>{TITLE}</h1>
<div class="info">2021-11-05 23:29:58 来源：新华每日电讯 <span>分享到：微信 微博</span></div>
<div class="article">{"".join(f"<p>{p}</p>" for p in [OPENING, *BODY, LAST])}</div></div>
</body></html>"""


def test_a_metadata_box_above_the_article_element_gives_its_date_and_a_review_line() -> None:
    """An outside tester's news page (cnstock.com, 2021): the box sat between the headline
    and the article's element, so the extractor left it out without a word and its date
    was lost."""
    result = _import_html(OUTSIDE_BOX)
    assert "date: '2021-11-05'" in result.markdown
    assert "来源" not in result.markdown
    assert any(flag.message.startswith("dropped '2021-11-05 23:29:58 来源")
               and "metadata" in flag.message for flag in result.flags)
