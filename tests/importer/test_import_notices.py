"""Official notices as text: the labels, numbers and signatures they carry are lines of
the text, never section headings, and each uncertain one is put to the editor.

Each text is a short excerpt of a real public document on www.gov.cn (its address noted),
one paragraph a line as it is copied from the page.
"""

from __future__ import annotations

from pipeline.importer import import_raw
from pipeline.importer.report import Choice


def _front(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[0]


def _body(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[1]


# http://www.gov.cn/zhengce/content/2018-12/24/content_5351649.htm (国办函〔2004〕80号)
ANNEX = """国务院办公厅关于湖北省巴东县地质灾害险情有关问题的复函

国办函〔2004〕80号

湖北省人民政府：

你省《关于恳请解决巴东县官渡口镇马鬃山村地质险情有关问题的请示》（鄂政文〔2004〕15号）收悉。根据国务院领导同志批示，2004年4月和9月，国土资源部两次组成专家组赴你省巴东县官渡口镇马鬃山村地质险情现场进行了调查。

国务院办公厅

二〇〇四年十一月四日

附件1

关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告

国务院：

为落实曾培炎副总理对《湖北省人民政府关于恳请解决巴东县官渡口镇马鬃山村地质险情有关问题的请示》的批示，我部组织专家组赴现场进行了调查。

一、基本情况

马鬃山村属湖北省巴东县官渡口镇，位于长江南岸海拔高程480-560米左右的岩溶山区。
"""


def test_an_annex_label_standing_alone_is_a_line_and_the_annex_title_its_heading() -> None:
    body = _body(import_raw(ANNEX).markdown)
    assert "\n附件1\n" in body and "# 附件" not in body
    assert "\n## 关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告\n" in body


# http://www.gov.cn/zhengce/content/2018-12/03/content_5345459.htm (国家粮食应急预案)
PLAN = """国家粮食应急预案

2 组织机构和职责

2.1 国家粮食应急工作指挥部

总指挥：国家发展改革委主要负责人。副总指挥：国家发展改革委分管负责人、国家粮食局主要负责人。

2.1.1 国家粮食应急工作指挥部职责

（1）掌握粮食市场形势，向国务院提出启动或终止实施应急措施的建议，经国务院同意后组织实施。

（2）对省级人民政府和有关部门开展粮食应急工作进行督查和指导。

2.1.2 国家粮食应急工作指挥部办公室及其职责

国家粮食应急工作指挥部办公室设在国家发展改革委（国家粮食局），负责指挥部的日常工作。
"""


def test_a_plans_third_level_number_is_an_item_put_to_the_editor() -> None:
    result = import_raw(PLAN)
    body = _body(result.markdown)
    assert "\n## 2 组织机构和职责\n\n### 2.1 国家粮食应急工作指挥部\n" in body
    assert "\n2.1.1 国家粮食应急工作指挥部职责\n" in body and "# 2.1.1" not in body
    assert "\n2.1.2 国家粮食应急工作指挥部办公室及其职责\n" in body
    flagged = [n.message for n in result.flags if "third-level number" in n.message]
    assert len(flagged) == 2 and all("the other choice: a heading" in m for m in flagged)
    assert sum(d.choice is Choice.HEADING for d in result.decisions) >= 2


# http://www.gov.cn/zhengce/content/2018-12/22/content_5351177.htm (国务院令第707号)
DECREE = """中华人民共和国国务院令

第707号

现公布修订后的《中华人民共和国个人所得税法实施条例》，自2019年1月1日起施行。

总理 李克强

2018年12月18日

中华人民共和国个人所得税法实施条例

第一条 根据《中华人民共和国个人所得税法》（以下简称个人所得税法），制定本条例。
"""


def test_a_decrees_signature_is_a_line_not_a_heading() -> None:
    body = _body(import_raw(DECREE).markdown)
    assert "\n总理 李克强\n" in body and "# 总理" not in body


# http://rd.jingyan.org.cn/jyx/zfwj/202409/35482a8bc05146788a42f82a6f3a8718.shtml
# (井研县粮食应急预案（试行）, its table of contents and first section)
CONTENTS = """井研县粮食应急预案（试行）

目录

1 总则

1.1 编制目的

1.2 编制依据

1.3 适用范围

2 组织体系及职责

2.1 县粮食应急工作指挥机构

2.2 镇（街道）粮食应急指挥机构及其职责

1 总则

1.1 编制目的

贯彻国家粮食安全战略，加强粮食安全风险防范，提升应急保障能力，保障井研县粮食安全和社会稳定。

1.2 编制依据

根据《乐山市市级储备粮管理暂行办法》《乐山市粮食应急预案（试行）》制定本预案。
"""


def test_a_table_of_contents_is_lines_and_the_sections_are_headings() -> None:
    result = import_raw(CONTENTS)
    body = _body(result.markdown)
    assert body.count("## 1.1 编制目的") == 1 and body.count("\n1.1 编制目的\n") == 1
    assert "\n2.2 镇（街道）粮食应急指挥机构及其职责\n" in body
    assert "\n### 1.2 编制依据\n" in body
    assert any("a list, not headings" in n.message for n in result.flags)


# http://law776.infoeach.com/view-Nzc2fDc4NTg4.html (a law database's page: 贵州省渔业条例)
STATUTE = """贵州省渔业条例

贵州省人大常委会

（2005年11月25日贵州省第十届人民代表大会常务委员会第十八次会议通过）

第一章 总 则

第一条 为加强渔业资源的保护、增殖、开发和合理利用，发展人工养殖，保障渔业生产者的合法权益，制定本条例。

第二条 在本省行政区域内从事养殖、捕捞水生动物、水生植物等渔业生产活动，适用本条例。
"""


def test_a_statutes_issuing_body_under_its_title_is_not_part_of_the_title() -> None:
    result = import_raw(STATUTE)
    front = _front(result.markdown)
    assert "title: 贵州省渔业条例\n" in front and "byline: 贵州省人大常委会" in front
    assert any("the other choice: part of the title" in n.message for n in result.flags)


# http://law604.infoeach.com/view-NjA0fDI2NA==.html (国务院令第227号, the signature run together)
DECREE_RUN_TOGETHER = """中华人民共和国国务院令

第227号

现发布《国务院行政机构设置和编制管理条例》，自发布之日起施行。

总理李鹏

1997年8月3日

第一章 总则

第一条 为了规范国务院行政机构的设置，加强编制管理，提高行政效率，根据宪法和国务院组织法，制定本条例。
"""


def test_a_decrees_signature_run_together_is_a_line_not_a_heading() -> None:
    body = _body(import_raw(DECREE_RUN_TOGETHER).markdown)
    assert "\n总理李鹏\n" in body and "# 总理" not in body
    assert "\n## 第一章 总则\n" in body


# The same plan as `pdftotext` gives it, page by page (form feeds), the plan's name over
# every page: `4.4 应急终止` stands at the edge of two of six pages (its contents line at
# the foot of the first, its head at the top of the fifth). Text, not a running head.
_RESPONSE = ("出现粮食市场异常波动时，有关省级粮食应急工作指挥部应立即进行研究分析，指导有关地区迅速"
             "采取措施稳定市场。")
_REPORT = ("接到省级粮食应急工作指挥部紧急报告后，国家粮食应急工作指挥部立即组织有关人员迅速掌握"
           "分析有关情况，并做出评估和判断。")
_END = ("粮食应急状态消除后，国家或省级粮食应急工作指挥部要向国务院或省级人民政府提出终止实施"
        "粮食应急预案的建议，经批准后，及时终止实施应急措施，恢复正常秩序。")
_STOCK = ("按照《粮食流通管理条例》和《中央储备粮管理条例》的要求，完善中央和地方粮食储备制度，"
          "保持必要的储备规模和企业周转库存。")
PAGED_PLAN = "\f".join([
    "国家粮食应急预案\n\n目录\n\n4 应急响应\n4.1 应急响应程序\n4.2 国家级（Ⅰ级）应急响应\n"
    "4.3 省级（Ⅱ级）应急响应\n4.4 应急终止\n1\n",
    f"国家粮食应急预案\n\n4 应急响应\n\n4.1 应急响应程序\n\n{_RESPONSE}\n\n{_REPORT}\n2\n",
    f"国家粮食应急预案\n\n4.2 国家级（Ⅰ级）应急响应\n\n{_REPORT}\n\n{_RESPONSE}\n3\n",
    f"国家粮食应急预案\n\n4.3 省级（Ⅱ级）应急响应\n\n{_RESPONSE}\n\n{_REPORT}\n4\n",
    f"国家粮食应急预案\n\n4.4 应急终止\n\n{_END}\n\n5 应急保障\n\n5.1 粮食储备\n\n{_STOCK}\n5\n",
    f"国家粮食应急预案\n\n5.2 粮食应急保障系统\n\n{_STOCK}\n\n{_END}\n6\n",
])


def test_a_line_at_two_pages_edges_in_a_long_document_is_text_not_a_running_head() -> None:
    result = import_raw(PAGED_PLAN)
    body = _body(result.markdown)
    assert "\n### 4.4 应急终止\n" in body and "title: 国家粮食应急预案\n" in result.markdown
    assert "国家粮食应急预案" not in body      # the running head over every page is dropped
    assert not any("'4.4 应急终止'" in n.message for n in result.changes)


# http://www.gov.cn/zhengce/content/2018-12/10/content_5347465.htm (国办发〔2018〕117号) as
# `pdftotext` gives a printed copy: the line-breaking rule moved `（区、市）` to the next line.
WRAPPED_ITEM = """六、对公路水路交通建设年度目标任务完成情况好、地方投资落实到位、促
进社会资本进入交通建设领域措施有力、交通债务风险防控工作落实有力的省
（区、市），将该省（区、市）具备条件的交通建设项目优先列入三年滚动计划，
优先安排车辆购置税和港口建设费建设资金。（交通运输部、财政部负责）
七、对地方水利建设投资落实好、中央水利建设投资计划完成率高的省
（区、市），适当增加安排部分中央预算内投资，相应减少所安排项目的地方建设
投资。（水利部、国家发展改革委负责）
八、对防范化解金融风险、营造诚实守信金融生态环境、维护良好金融秩
序、健全金融消费者权益保护机制成效较好的省（区、市），支持该省（区、市）
或其辖内地区开展金融改革创新先行先试，在同等条件下对其申报金融改革试验
区等方面给予重点考虑和支持。（人民银行、银保监会、证监会负责）
"""


def test_a_numbered_item_wrapped_before_a_bracket_is_one_paragraph() -> None:
    body = _body(import_raw("国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知\n\n"
                            + WRAPPED_ITEM).markdown)
    assert "#" not in body
    assert "\n七、对地方水利建设投资落实好、中央水利建设投资计划完成率高的省（区、市），适当增加" in body


# The same 复函's second annex closes with who signed it, over two lines, and its date.
SIGNED_OVER_TWO_LINES = """湖北省巴东县官渡口镇马鬃山村地质险情调查意见

2004年3月24日，湖北省人民政府报送了《关于恳请解决巴东县官渡口镇马鬃山村地质险情有关问题的请示》。

建议继续加强监测研究，以掌握其长期动态变化及与水库水位变化的关系，并据其发展情况确定有无必要和如何采取进一步防灾措施。

湖北省巴东县官渡口镇马鬃山村

地质险情调查专家组

二〇〇四年九月二十三日
"""


def test_a_signature_over_two_lines_above_its_date_is_the_closing_block() -> None:
    body = _body(import_raw(SIGNED_OVER_TWO_LINES).markdown)
    assert "#" not in body
    assert body.endswith("\n湖北省巴东县官渡口镇马鬃山村\n\n地质险情调查专家组\n\n二〇〇四年九月二十三日\n")
