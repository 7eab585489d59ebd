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
