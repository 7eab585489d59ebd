"""`bilingual import` of PDFs LibreOffice exported from Word files (issue 33, `docx.pdf`).

The .docx is written by python-docx as a notice with a page header and a PAGE field in
the footer (set at body size, as Word's templates set them) and a ruled name list long
enough to run over pages; LibreOffice Writer (`soffice --headless --convert-to pdf`)
prints it. The names are those of the first national tourist resorts (2015), as in
test_import_chromium.py; every other text is our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pdf_support import libreoffice_pdf

from pipeline.importer import import_file

RESORTS = [("吉林省", "长白山旅游度假区"), ("江苏省", "汤山温泉旅游度假区"), ("江苏省", "天目湖旅游度假区"),
           ("浙江省", "东钱湖旅游度假区"), ("山东省", "凤凰岛旅游度假区"), ("河南省", "尧山温泉旅游度假区"),
           ("湖北省", "武当太极湖旅游度假区")]
ROWS = [(str(n), *RESORTS[(n - 1) % len(RESORTS)]) for n in range(1, 51)]
HEADER = ("序号", "省份", "度假区名称")
LEAD = "各有关单位：根据工作安排，现将有关名单公布如下，请各单位认真做好相关工作，确保取得实效。"
CLOSE = "以上名单如有异议，请于公布之日起五个工作日内反馈。"


def _notice(path: Path) -> None:
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "国家旅游局公报"
    field = OxmlElement("w:fldSimple")      # the page number, as Word's PAGE field
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    section.footer.paragraphs[0]._p.append(field)
    document.add_heading("关于公布首批国家级旅游度假区名单的通知", 0)
    for _ in range(4):
        document.add_paragraph(LEAD * 2)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, value in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = value
    for row in ROWS:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    document.add_paragraph(CLOSE)
    document.save(str(path))


# A report's photo with its caption centred under it, wider than the picture and wrapped
# (as a Word file's Caption style is set): only the lines within the picture's width were
# taken as the caption, the first line ran into the text.
CAPTION = ("2月3日，自治区第十三届人民代表大会第四次会议在银川开幕。自治区人民政府主席作政府"
           "工作报告。 本报记者 王小明 摄")


def _report(path: Path) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm
    from PIL import Image

    Image.new("RGB", (400, 250), (200, 200, 200)).save(path.with_suffix(".png"))
    document = Document()
    document.add_heading("政府工作报告", 0)
    document.add_paragraph(LEAD * 2)
    document.add_picture(str(path.with_suffix(".png")), width=Cm(10))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = document.add_paragraph(CAPTION, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(3):
        document.add_paragraph(LEAD * 2)
    document.save(str(path))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return libreoffice_pdf(tmp_path_factory.mktemp("libreoffice"), "notice", _notice)


@pytest.mark.slow
def test_a_caption_centred_under_a_picture_and_wider_than_it_is_one_caption(
        tmp_path: Path) -> None:
    pdf = libreoffice_pdf(tmp_path, "report", _report)
    result = import_file(pdf, pdf.read_bytes())
    blocks = [block.strip() for block in result.markdown.split("\n\n")]
    assert f"*{CAPTION}*" in blocks
    assert sum(block == LEAD * 2 for block in blocks) == 4


@pytest.mark.slow
def test_a_ruled_table_over_pages_with_a_body_size_header_between_is_one_table(
        exported: Path) -> None:
    result = import_file(exported, exported.read_bytes())
    body = result.markdown.split("\n---\n", 1)[1]
    tables = [block for block in body.split("\n\n") if block.startswith("|")]
    assert len(tables) == 1
    rows = tables[0].splitlines()
    assert rows[0] == f"| {' | '.join(HEADER)} |"
    assert rows[2:] == [f"| {' | '.join(row)} |" for row in ROWS]
    assert any("a table cut by a page break" in flag.message for flag in result.flags)
    assert CLOSE in body
