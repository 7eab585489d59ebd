"""Tables in text extractions of Word files and print layouts: their cells are text,
never page numbers or section headings, and each table is put to the editor.

The texts are `pdftotext` (plain and `-layout`) of a Word file made with python-docx
and exported by LibreOffice, as an editor receives a notice with a task list; the
task list is realistic (written for the test), in the shape of the 重点任务分工表 that
government notices attach.
"""

from __future__ import annotations

from pipeline.importer import import_raw

# pdftotext of a one-page LibreOffice PDF: a table read one cell a line, the serial
# numbers alone on their lines, the page closed by a form feed.
TASKS = """关于印发2024年优化营商环境重点任务清单的通知
各区、县（市）人民政府，市政府各部门：
现将《2024年优化营商环境重点任务清单》印发给你们，请结合实际认真抓好落实。各
牵头单位要细化工作措施，明确完成时限，确保各项任务按期完成。

二、重点任务
序号
1

重点任务
牵头单位
完成时限
推行企业开办全程
市市场监管局
2024 年 6 月
网上办理
2
压缩工程建设项目
市住房城乡建设局
2024 年 9 月
审批时间
3
实施不动产登记一
市自然资源局
2024 年 6 月
窗受理
4
推进政务服务事项
市政务服务中心
2024 年 12 月
跨省通办
各牵头单位每季度末向市优化营商环境工作领导小组办公室报送任务进展情况。
\f"""


def _body(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[1]


def test_serial_numbers_of_a_table_read_one_cell_a_line_are_kept_not_page_numbers() -> None:
    result = import_raw(TASKS)
    body = _body(result.markdown)
    for serial in "1234":
        assert f"\n{serial}\n" in body
    assert "removed page number" not in "\n".join(note.message for note in result.changes)


def test_a_section_head_over_a_table_stays_a_heading() -> None:
    result = import_raw(TASKS)
    assert "## 二、重点任务" in result.markdown
    assert any("look like a table" in flag.message and flag.line == 7
               for flag in result.flags), [f.message for f in result.flags]


# pdftotext -layout of the same kind of file: a roster table, its cells in aligned columns
# with no figures among them (written for the test, in the shape of a notice setting up a
# leading group).
ROSTER = """关于成立全市安全生产专项整治工作领导小组的通知
各县（市、区）人民政府，市政府各部门：
为切实加强对全市安全生产专项整治工作的组织领导，经市政府同意，决定成立全市安全
生产专项整治工作领导小组。现将有关事项通知如下：

一、领导小组组成人员
职务           姓名           单位及职务
组长           张建国          市政府副市长
副组长          李明华          市政府副秘书长
成员           刘志强          市公安局副局长
领导小组办公室设在市应急管理局，王卫东同志兼任办公室主任。

二、主要职责
贯彻落实国家和省关于安全生产专项整治的决策部署，研究解决专项整治工作中的重大问
题，督促检查各地各部门工作落实情况。
"""

# A row's cell wrapped onto the next line, indented to its column; the header centred.
WRAPPED = """二、重点任务
序号        重点任务      牵头单位     完成时限
1         推行企业开办全程  市市场监管局   2024 年 6 月
          网上办理
2         实施不动产登记一  市自然资源局   2024 年 6 月
          窗受理
3         推进政务服务事项  市政务服务中心  2024 年 12 月
          跨省通办
各牵头单位每季度末向市优化营商环境工作领导小组办公室报送任务进展情况。
"""


def test_a_layout_table_of_words_in_aligned_columns_becomes_a_pipe_table() -> None:
    result = import_raw(ROSTER)
    body = _body(result.markdown)
    assert "| 职务 | 姓名 | 单位及职务 |\n|---|---|---|\n| 组长 | 张建国 | 市政府副市长 |" in body
    assert "## 一、领导小组组成人员" in body and "## 二、主要职责" in body
    assert "\n领导小组办公室设在市应急管理局，王卫东同志兼任办公室主任。\n" in body
    assert any(flag.line == 7 and "look like a table" in flag.message and "pipe table" in
               flag.message for flag in result.flags)


def test_a_wrapped_cell_joins_its_row_in_a_layout_table() -> None:
    body = _body(import_raw(WRAPPED).markdown)
    assert "| 1 | 推行企业开办全程网上办理 | 市市场监管局 | 2024 年 6 月 |" in body
    assert "| 3 | 推进政务服务事项跨省通办 | 市政务服务中心 | 2024 年 12 月 |" in body


# pdftotext (plain) of a profile's table of words, one cell a line, under its head.
PROFILE = """青山镇概况
青山镇位于县境东南部，距县城 28 公里，总面积 126 平方公里，辖 12 个行政村和 1 个社
区。

基本情况
项目
内容
地理位置
县境东南部，距县城 28 公里
行政区划
辖 12 个行政村、1 个社区
主导产业
茶叶种植、生态旅游
全镇上下坚持生态立镇、产业强镇，茶叶产业已成为群众增收的支柱产业。

特色产业
青山镇茶园面积达到 3.2 万亩，年产干茶 1200 吨，综合产值超过 4 亿元。
"""


def test_a_table_of_words_read_one_cell_a_line_is_lines_flagged_under_its_heading() -> None:
    result = import_raw(PROFILE)
    body = _body(result.markdown)
    assert "## 基本情况" in body and "## 特色产业" in body
    assert "\n项目\n\n内容\n\n地理位置\n" in body   # lines, never one paragraph
    assert any(flag.line == 6 and "look like a table" in flag.message
               for flag in result.flags), [f.message for f in result.flags]


# pdftotext (plain) of a work report: the indents are lost. A paragraph's last line holds
# figures, set narrower than half a Chinese character, so it is full on the page but
# short in columns (76 of 84); the next paragraph's first line is two characters short of
# the measure, its indent. Written for the test in the shape of a government work report.
REPORT = """社会保障持续加强。城乡居民基础养老金和低保标准每月分别提高二十五元和五十元，特困供养
生活费标准每月提高六十五元，失业保险金标准每月提高一百六十五元，城乡居民基本医保人均
补助标准提高到七百元。老年人福利保障工作入选督查经验做法，残疾人康复服务率等指标居全国前
列。2025年全区社保扩面提标力度为历年最大，多项保障水平在全国的排位明显提升。
一年来，我们持续加强政府自身建设，扎实开展作风建设和学习教育，集中整治群众身边不
正之风，加大为基层减负力度，会议文件和三公经费等进一步压减，依法接受人大及其常委会监
督和政协民主监督，高质量办理人大代表建议和政协委员提案，政府工作的透明度不断提高。
"""


def test_a_paragraph_ending_on_a_line_of_figures_is_not_merged_into_the_next() -> None:
    body = _body(import_raw("政府工作报告\n\n" + REPORT).markdown)
    assert "在全国的排位明显提升。\n\n一年来，" in body


# pdftotext -layout of a Word table whose figures are right-aligned under headers set
# left: the header's cells start far from the figures' (written for the test).
FIGURES = """三是市场环境更加公平。全面清理妨碍统一市场和公平竞争的政策措施，废止修订文件
46 件。

指标                  2022 年   2023 年
企业开办时间（天）           3        1
网上可办率（%）            92.1     98.5
新增市场主体（万户）          8.2      9.6

二、正视问题不足，进一步增强做好营商环境工作的紧迫感
"""


def test_a_header_over_right_aligned_figures_names_its_columns_in_order() -> None:
    body = _body(import_raw("讲话\n\n" + FIGURES).markdown)
    assert "| 指标 | 2022 年 | 2023 年 |\n|---|---|---|\n| 企业开办时间（天） | 3 | 1 |" in body


def test_the_wrapped_rest_of_a_tables_last_cell_is_no_heading() -> None:
    result = import_raw(TASKS)
    assert "## 跨省通办" not in result.markdown and "\n跨省通办\n" in result.markdown
