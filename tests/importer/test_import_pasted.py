"""Text pasted from real web pages: the page's furniture (breadcrumbs, tools, navigation,
metadata box) is dropped with a `review:` line, never the title, a heading or body text;
an official document's masthead and number stay out of the title.

Each text is a short excerpt of a real public page (found with a search of stored pages),
its origin noted; the furniture lines are as the page has them.
"""

from __future__ import annotations

from pipeline.importer import import_raw
from pipeline.importer.report import Choice


def _front(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[0]


def _body(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[1]


# http://law633.infoeach.com/view-NjMzfDE1Mw==.html (a law database's page)
LAW_PAGE = """您的位置: 首页 » 法律资料网 » 法律法规 »

中华人民共和国国家通用语言文字法

时间:2024-04-29 19:28:23 来源: 法律资料网 作者:法律资料网 阅读:9237
下载地址: 点击此处下载

《中华人民共和国国家通用语言文字法》已由中华人民共和国第九届全国人民代表大会常务委员会第十八次会议于2000年10月31日通过,现予公布,自2001年1月1日起施行。
"""


def test_breadcrumb_metadata_and_tools_are_dropped_and_reviewed() -> None:
    result = import_raw(LAW_PAGE)
    front, body = _front(result.markdown), _body(result.markdown)
    assert "title: 中华人民共和国国家通用语言文字法\n" in front
    assert "date: '2024-04-29'" in front          # the page's date, to the front matter
    for furniture in ("首页", "法律资料网", "9237", "点击此处下载"):
        assert furniture not in result.markdown
    assert "第九届全国人民代表大会" in body
    dropped = [n.message for n in result.flags if n.message.startswith("dropped")]
    assert len(dropped) == 3 and all("the other choice: keep it" in m for m in dropped)
    assert sum(d.choice is Choice.DROP for d in result.decisions) == 3


# http://qqhr.gov.cn/News_showGkmlNews.action?messagekey=189769 (a city government's page)
CITY_PAGE = """中国政府网 黑龙江省政府网 English Русская версия 市人大 市政协 市纪委监委
首     页 政 务 公 开 网 上 办 事 互 动 交 流 走 进 鹤 城
索   引   号 20191202-189769 分        类 其他; 市人民政府办公室; 市政府、市政府办公室文件;
发 布 机 构 市人民政府办公室 发 文 日 期 2019-11-29
名        称 齐齐哈尔市人民政府办公室关于印发《齐齐哈尔市政务云平台管理实施细则》等三个文件的通知
文        号 齐政办发〔2019〕29号   上 载 日 期 2019-12-02
齐齐哈尔市人民政府办公室关于印发《齐齐哈尔市政务云平台管理实施细则》等三个文件的通知
信息来源: 市人民政府办公室

齐政办发〔2019〕29号

各县(市)、区人民政府,市政府各委、办、局:
  经市政府同意,现将《齐齐哈尔市政务云平台管理实施细则》《齐齐哈尔市政务数据资源共享管理实施细则》《齐齐哈尔市电子政务项目管理实施细则》印发给你们,请认真遵照执行。

齐齐哈尔市人民政府办公室       
2019年11月29日              
"""


def test_navigation_and_metadata_box_leave_the_documents_own_title() -> None:
    result = import_raw(CITY_PAGE)
    front, body = _front(result.markdown), _body(result.markdown)
    assert ("title: 齐齐哈尔市人民政府办公室关于印发《齐齐哈尔市政务云平台管理实施细则》"
            "等三个文件的通知\n") in front          # long, but an official title by its form
    assert "date: '2019-11-29'" in front
    for furniture in ("政府网", "走进鹤城", "索引号", "189769", "上载日期", "信息来源"):
        assert furniture not in result.markdown.replace(" ", "")
    assert "\n齐政办发〔2019〕29号\n" in body       # the number: body text, never a heading
    assert "#" not in body
    # the signature block: issuer and date, each its own line
    assert "\n齐齐哈尔市人民政府办公室\n\n2019年11月29日\n" in body


# https://xiexiebang.com/a10/2019051410/d2bb0893c964bd97.html (a copy of 湘政办发〔2009〕24号)
MASTHEAD = """湖南省人民政府办公厅文件

湘政办发〔2009〕24号

湖南省人民政府办公厅关于加强普通高等学校

毕业生就业工作的通知

各市州、县市区人民政府,省政府各厅委、各直属机构:

根据《国务院办公厅关于加强普通高等学校毕业生就业工作的通知》(国办发„2009‟3号)精神,结合我省实际,经省人民政府同意,现就加强普通高等学校毕业生就业工作有关问题通知如下:
"""


def test_masthead_is_front_matter_and_the_title_is_the_documents_title() -> None:
    result = import_raw(MASTHEAD)
    front, body = _front(result.markdown), _body(result.markdown)
    assert "title: 湖南省人民政府办公厅关于加强普通高等学校毕业生就业工作的通知\n" in front
    assert "publication: 湖南省人民政府办公厅文件" in front
    assert body.lstrip().startswith("湘政办发〔2009〕24号\n")
    assert "#" not in body


# http://mrdx.cn/content/20251012/Page03DK.htm (新华每日电讯, the e-paper's article page)
EPAPER = """01版:要闻

02版:要闻

书写美美与共的时代新篇
——习近平文化思想的生动实践系列述评之四
书写美美与共的时代新篇
 
——习近平文化思想的生动实践系列述评之四

( 2025-10-12 ) 稿件来源:新华每日电讯 要闻
 
新华社记者 邢 拓 余俊杰

  文明因交流而多彩,文明因互鉴而丰富。推进人类各种文明交流交融、互学互鉴,是让世界变得更加美好、让各国人民生活得更加美好的必由之路。
"""


def test_title_and_subtitle_repeated_by_the_page_are_kept_once() -> None:
    result = import_raw(EPAPER)
    front, body = _front(result.markdown), _body(result.markdown)
    assert "title: 书写美美与共的时代新篇\n" in front
    assert "subtitle: 习近平文化思想的生动实践系列述评之四\n" in front
    assert "date: '2025-10-12'" in front
    assert "版" not in result.markdown and "稿件来源" not in result.markdown
    assert body.strip().startswith("文明因交流而多彩")
    assert sum("repeats the headline" in n.message for n in result.flags) == 2


# http://mrdx.cn/h5/mrdx/content/20250614/PageArticleIndexLB.htm?pagetonum=01 (新华每日电讯):
# its lines as the page has them, pasted one paragraph a line without blank lines between.
ONE_A_LINE = """中共中央举行纪念陈云同志诞辰120周年座谈会
习近平发表重要讲话
李强王沪宁蔡奇丁薛祥李希出席 赵乐际主持
( 2025-06-14 ) 稿件来源:新华每日电讯 要闻
  新华社北京6月13日电中共中央13日上午在人民大会堂举行座谈会,纪念陈云同志诞辰120周年。中共中央总书记、国家主席、中央军委主席习近平发表重要讲话强调,陈云同志的一生是伟大、光荣的一生。
  中共中央政治局常委李强、王沪宁、蔡奇、丁薛祥、李希出席座谈会,中共中央政治局常委赵乐际主持座谈会。
"""


def test_date_title_and_subtitles_on_their_own_lines_are_not_one_paragraph() -> None:
    result = import_raw(ONE_A_LINE)
    front, body = _front(result.markdown), _body(result.markdown)
    assert "date: '2025-06-14'" in front
    assert "title: 中共中央举行纪念陈云同志诞辰120周年座谈会" in front
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("新华社北京6月13日电") and paragraphs[1].startswith("中共中央政治局")
    assert "赵乐际主持\n" not in body and "稿件来源" not in result.markdown


def test_body_lines_that_name_a_source_or_time_are_kept() -> None:
    text = ("国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知\n\n"
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n"
            "城镇小区配套建设幼儿园是城镇公共服务设施建设的重要内容，是扩大普惠性学前教育资源的"
            "重要途径，是保障和改善民生的重要举措。\n\n时间：2019年4月底前完成\n")
    result = import_raw(text)
    assert "时间：2019年4月底前完成" in result.markdown
    assert not any(n.message.startswith("dropped") for n in result.flags)


# http://www.caam.org.cn/chn/1/cate_95/con_5137368.html (甘肃省人民政府办公厅, 2014)
ROSTER = """发布时间:2014-11-13
各市、自治州人民政府,兰州新区管委会,甘肃矿区办事处,省政府有关部门:
为切实推进全省黄标车和老旧车淘汰工作,确保完成国家下达的淘汰任务,省政府决定成立甘肃省黄标车和老旧车淘汰工作领导小组。现将组成人员通知如下:
组 长:郝 远 副省长
副组长:俞建宁 省政府副秘书长
王建中 省环保厅厅长
李宗锋 省公安厅巡视员
成 员:陈 江 省发展改革委副主任
孟宪敦 省工信委副巡视员
张智军 省财政厅副厅长
领导小组办公室设在省环保厅,由孙玉龙同志兼任办公室主任。领导小组成员如有变动,报经组长同意后,由接任工作的同志自行替补,不另行文。
甘肃省人民政府办公厅
2014年10月24日
"""


def test_a_roster_of_names_and_posts_is_lines_not_headings() -> None:
    result = import_raw(ROSTER)
    body = _body(result.markdown)
    assert "#" not in body
    assert "\n王建中 省环保厅厅长\n" in body and "\n张智军 省财政厅副厅长\n" in body
    assert any("short lines in a row" in n.message for n in result.flags)
    assert "date: '2014-11-13'" in result.markdown
    # The report says what the file has: no "section heading" for a line kept as a line
    # (an outside tester's report listed three headings its Markdown did not have).
    kept = {line for line in body.splitlines() if line.strip()}
    claimed = [n.message.split(": ", 1)[1] for n in result.changes
               if n.message.startswith("section heading")]
    assert not kept & set(claimed), kept & set(claimed)


# http://news.sina.com.cn/c/2008-03-25/113715221003.shtml (国务院工作规则, 第九章)
LIST_ITEMS = """国务院会议制度

第九章 会议制度

三十八、国务院实行国务院全体会议和国务院常务会议制度。

三十九、国务院全体会议由总理、副总理、国务委员、各部部长、各委员会主任、人民银行行长、审计长、秘书长组成,由总理召集和主持。国务院全体会议的主要任务是:

(一)讨论决定国务院工作中的重大事项;

(二)部署国务院的重要工作。

国务院全体会议一般每半年召开一次,根据需要可安排有关部门、单位负责人列席会议。
"""


def test_the_last_item_of_a_list_is_no_heading() -> None:
    body = _body(import_raw(LIST_ITEMS).markdown)
    assert "\n## 第九章 会议制度\n" in body
    assert "\n（二）部署国务院的重要工作。\n" in body and "# （二）" not in body


def test_an_editors_note_that_the_text_was_cut_is_no_heading() -> None:
    from pipeline.importer import is_heading
    assert not is_heading("（本文有删减）") and not is_heading("(有删节)")


# ../shared/corpora/import-more gov-kindergarten.print.txt (dev half): pdftotext of a
# Chromium-printed gazette page, its running head over the official title.
GAZETTE = """国务院公报
国务院办公厅关于开展城镇小区配套幼儿园
治理工作的通知
国办发〔2019〕3号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
城镇小区配套建设幼儿园是城镇公共服务设施建设的重要内容，是
扩大普惠性学前教育资源的重要途径，是保障和改善民生的重要举措。
"""


def test_a_running_head_over_an_official_title_stays_out_of_it() -> None:
    front = _front(import_raw(GAZETTE).markdown)
    assert "title: 国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知" in front.splitlines()
    assert "kicker: 国务院公报" in front


# ../shared/corpora/import-more interview-hk-chau.docx.txt (dev half; 眾新聞, 2017): pdftotext
# of a Word file, the question filling its line, the answer on the next.
TURNS = """答：她經過考慮，我認識她很久了，Marjorie 是一個真心愛國和愛香港的人，她的愛國
不是那種因「有地位、有錢」，拿「愛國之名」去籌錢的人，她是真心幫別人解決問題，做
了很多事。你們也認識她多年，她是什麼人，你們也清楚。I’m sure，她的提名，是經過考
慮的，不要用「被迫」這個字。
問：你覺得 Carrie 表現如何，參選之後的選舉工程如何，她能力上做 CE 無問題？
答：我的意見是不重要的，因為我沒有票。
"""


def test_a_speakers_turn_after_a_full_line_starts_its_own_paragraph() -> None:
    body = _body(import_raw("問答\n\n" + TURNS).markdown)
    assert "CE 無問題？\n\n答：我的意見是不重要的" in body


# ../shared/corpora/import-more report-ningxia.docx.txt (dev half; 宁夏政府工作报告 2026):
# a lead-in's last line a little short of the measure, the first point (一是…) under it.
POINTS = """遇；十是全区教育布局持续优化，特别是普通高中升学率实现 3 年跨进全国前列目标，为宁
夏孩子圆梦大学提供了更多更公平的机会。这些亮点，每一项都是深入贯彻新发展理念的实
践成果，每一件都是广大干部群众接续奋斗的心血结晶；这些亮点，不仅为今后发展构筑了
重要基石，更增强了我们干事创业的底气！一年来，我们重点抓了五个方面工作：
一是突出打好“六个攻坚战”，经济高质量发展跃上新台阶。紧紧围绕稳就业、稳企
业、稳市场、稳预期，大力实施“稳增长促发展攻坚年”行动，组织开展 65 个专项行动，打
出了一整套有力有效的“组合拳”。
"""


def test_an_enumerated_point_after_a_lead_in_starts_its_own_paragraph() -> None:
    body = _body(import_raw("政府工作报告\n\n" + POINTS).markdown)
    assert "五个方面工作：\n\n一是突出打好" in body


# The tops of three dev-half documents of ../shared/corpora/import-more as pdftotext gives
# them from Word files: report-ningxia (宁夏政府工作报告 2026), digest-finance-breakfast
# (陆家嘴财经早餐 2024-08-31), academic-hk-news-value (傳播與社會學刊).
REPORT_TOP = """政府工作报告
——2026 年 2 月 3 日在宁夏回族自治区第十三届人民代表大会第四次
会议上
自治区人民政府主席 张雨浦

2 月 3 日，宁夏回族自治区第十三届人民代表大会第四次会议在银川开幕。自治区人民政府主席张雨浦作政府工作报告。
"""
DIGEST_TOP = """Wind

陆家嘴财经早餐 2024 年 8 月 31 日星期六
2024-08-31

热点聚焦
1、国新办举行新闻发布会，介绍《中共中央办公厅、国务院办公厅关于完善市场准入制度的意见》有关情况。
"""
PAPER_TOP = """新聞價值的反思－－人情趣味的探討
【撰文：皇甫河旺教授】
作者生前為香港珠海學院新聞及傳播學系系主任
摘要
本文從一些感動人心、振奮心靈及令人開懷的新聞，反思這些具有潛移默化影響力的人情新聞的新聞價值。
"""


def test_a_subtitle_wrapped_over_two_lines_is_one_subtitle() -> None:
    front = _front(import_raw(REPORT_TOP).markdown).splitlines()
    assert "title: 政府工作报告" in front
    assert "subtitle: 2026 年 2 月 3 日在宁夏回族自治区第十三届人民代表大会第四次会议上" in front


def test_a_date_under_the_headline_ends_it() -> None:
    result = import_raw(DIGEST_TOP)
    assert "title: 陆家嘴财经早餐 2024 年 8 月 31 日星期六" in _front(result.markdown).splitlines()
    assert "## 热点聚焦" in _body(result.markdown)


def test_a_papers_byline_author_note_and_abstract_label_are_not_the_title() -> None:
    result = import_raw(PAPER_TOP)
    front, body = _front(result.markdown).splitlines(), _body(result.markdown)
    assert "title: 新聞價值的反思－－人情趣味的探討" in front
    assert "byline: 【撰文：皇甫河旺教授】" in front
    assert "\n作者生前為香港珠海學院新聞及傳播學系系主任\n" in body and "\n摘要\n" in body
    assert "#" not in body


# http://www.forthehealth.org/html/1/63/178/138/328.html (国函〔2016〕146号, as a site copied it)
ATTACHMENTS = """国务院关于同意建立国务院中医药工作部际联席会议制度的批复

国函〔2016〕146号

卫生计生委:

你委《关于建立国务院中医药工作部际联席会议制度的请示》(国卫办报〔2016〕88号)收悉。现批复如下:

同意建立由国务院领导同志牵头负责的国务院中医药工作部际联席会议制度。联席会议不刻制印章,不正式行文,请按照国务院有关文件精神认真组织开展工作。

附件:国务院中医药工作部际联席会议制度

(此件公开发布)

国务院

2016年8月19日
"""


def test_a_notices_list_of_attachments_is_a_line_not_a_heading() -> None:
    body = _body(import_raw(ATTACHMENTS).markdown)
    assert "\n附件：国务院中医药工作部际联席会议制度\n" in body
    assert "# 附件" not in body


# A stock-news page as an outside tester pasted it (cnstock.com, 上海证券报·中国证券网): the
# byline and where the article first ran sit under the headline, the site's copyright and
# reprint notice under the article.
BYLINES_AND_COPYRIGHT = """A股三大指数集体收涨 成交额突破万亿

2024-09-30 08:01:00

记者：王子霖

首发：上海证券报

上证报中国证券网讯 9月27日，A股三大指数集体收涨，沪指涨2.89%，深证成指涨6.71%，创业板指涨10.24%。

市场人士表示，一揽子增量政策出台，市场信心明显修复。

上海证券报·中国证券网版权所有

未经许可不得转载
"""


def test_bylines_go_to_the_front_matter_and_the_copyright_notice_is_dropped() -> None:
    result = import_raw(BYLINES_AND_COPYRIGHT)
    front, body = _front(result.markdown), _body(result.markdown)
    assert "byline: 记者：王子霖" in front and "credits: 首发：上海证券报" in front
    assert "#" not in body and "版权所有" not in body and "转载" not in body
    dropped = [n.message for n in result.flags if n.message.startswith("dropped")]
    assert len(dropped) == 2 and all("copyright" in m for m in dropped)


# http://www.chinanews.com/gn/news/2009/09-27/1889811.shtml (中新社, 2009), in Simplified, its
# byline and source set under the text as many sites close an article.
SOURCE_AT_THE_END = """访华发展中国家记者团问题多 晚宴成“发布会”

中新社北京九月二十七日电 来自五十三个发展中国家的八十九名记者二十七日晚来到北京国庆新闻中心参加中方的欢迎晚宴。

墨西哥形象集团记者米歇尔举着录音笔问：“中华人民共和国六十年庆祝将带给墨西哥人民什么？”

中新社记者 王辛莉 张蔚然

来源：中国新闻网
"""


def test_a_closing_byline_and_source_go_to_the_front_matter() -> None:
    markdown = import_raw(SOURCE_AT_THE_END).markdown
    front, body = _front(markdown), _body(markdown)
    assert "byline: 中新社记者 王辛莉 张蔚然" in front and "credits: 来源：中国新闻网" in front
    assert "王辛莉" not in body and "来源" not in body
