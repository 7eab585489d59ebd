"""A PDF's type read where the file does not say it (issue 33).

Weight: Chromium embeds CJK
fonts as Type3 fonts with no name and weight 0, LibreOffice names `NotoSansCJKjp-Bold`
but reports weight 400. A numbered one-sentence line standing alone (`（一）清理整顿的重点。`)
is a head when bold and an item of the text when set as the body is, in a document that
sets its heads apart; the text alone cannot tell (issue 33's closing note, session 12).

Layout: two columns set a space apart ran together line by line.

Size: PDFium boxes a flat glyph opening a line (一 of `一半`) by its ink, so a headline's
last line `一半` measured half the headline's size and became a subtitle.

The notice is our own text, printed by Chromium (Noto CJK) and exported by LibreOffice
from a python-docx file, at test time; the headline is a Hong Kong news site's (found
with `search`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_support import libreoffice_pdf, printed_pdfs

from pipeline.importer import import_file
from pipeline.importer.pdf import pdf_lines

LEAD = ("各地区、各部门要充分认识做好这项工作的重要意义，切实加强组织领导，明确责任分工，"
        "细化工作措施，确保各项任务按时保质完成，取得实实在在的成效。")
BODY = ("各地要以县为单位，对辖区内情况进行全面摸底排查，针对规划、建设、移交、使用不到位等"
        "情况，分别列出清单、建立台账，逐项研究提出整改措施，按时完成整改任务。")
BOLD_HEADS = ["（一）清理整顿的重点。", "（二）工作步骤和时间安排。"]
PLAIN_ITEM = "（一）各地要及时报送工作进展情况。"
# (text, kind): kind "head" a section head, "bold" a bold one-sentence head, "" the body
NOTICE = [("一、总体要求", "head"), (LEAD, ""), (BOLD_HEADS[0], "bold"), (BODY, ""),
          (LEAD, ""), (BOLD_HEADS[1], "bold"), (BODY, ""), ("二、保障措施", "head"),
          (LEAD, ""), (PLAIN_ITEM, ""), (BODY, ""), (LEAD, "")]

HTML = ("<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'><style>"
        "@page { size: A4; margin: 25mm 25mm; } body { font-family: 'Noto Serif CJK SC';"
        " font-size: 12pt; line-height: 1.8; } p { margin: 0; text-indent: 2em;"
        " text-align: justify; } h1 { font-size: 20pt; text-align: center; }"
        " h2 { font-size: 15pt; margin: 8pt 0; }</style></head><body>"
        "<h1>关于开展城镇小区配套设施治理工作的通知</h1>"
        + "".join(f"<h2>{text}</h2>" if kind == "head" else
                  f"<p style='font-weight:bold'>{text}</p>" if kind == "bold" else
                  f"<p>{text}</p>" for text, kind in NOTICE) + "</body></html>")


HEADLINE = "梁特最後施政報告「一帶一路」較去年少提一半"
WRAPPED = ("<!doctype html><html lang='zh-Hant'><head><meta charset='utf-8'><style>"
           "@page { size: A4; margin: 20mm; } body { font-family: 'Noto Sans CJK TC'; }"
           " h1 { font-size: 30pt; width: 19em; margin: 0 0 12pt; } p { font-size: 10.5pt;"
           " text-indent: 2em; margin: 0; }</style></head><body>"
           f"<h1>{HEADLINE}</h1>" + f"<p>{LEAD}</p>" * 3 + "</body></html>")


# An official document as the State Council's gazette sets it: a red masthead in display
# type, larger than the title, over the title and the document's number (红头).
TITLE = "国务院办公厅关于开展城镇小区配套设施治理工作的通知"
OFFICIAL = ("<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'><style>"
            "@page { size: A4; margin: 25mm; } body { font-family: 'Noto Serif CJK SC';"
            " font-size: 14pt; line-height: 1.9; } p { margin: 0; text-indent: 2em; }"
            " .mast { color: #dd0000; font-size: 40pt; letter-spacing: 0.3em;"
            " text-align: center; text-indent: 0; margin-bottom: 16pt; }"
            " h1 { font-size: 20pt; font-weight: normal; text-align: center; width: 19em;"
            " margin: 0 auto 12pt; }</style></head><body><p class='mast'>国务院公报</p>"
            f"<h1>{TITLE}</h1><p>国办发〔2019〕3号</p>" + f"<p>{LEAD}</p>" * 3
            + "</body></html>")


# Two columns set a space apart (column-gap 1em): narrower than the gap that parts a run,
# so each printed line ran across both columns and the paragraphs interleaved.
PARAGRAPH = ("今年以来，全市新开工改造项目一百二十个，完成投资三十五亿元，惠及群众四万余户。"
             "下一步，有关部门将继续加强统筹协调，推动各项任务落实落细，确保工作取得实效。")
NARROW = ("<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'><style>"
          "@page { size: A4; margin: 25mm; } body { font-family: 'Noto Serif CJK SC';"
          " font-size: 10.5pt; line-height: 1.8; } p { margin: 0; text-indent: 2em;"
          " text-align: justify; } h1 { font-size: 20pt; text-align: center; }</style></head>"
          "<body><h1>城市更新观察</h1><div style='column-count: 2; column-gap: 1em'>"
          + f"<p>{PARAGRAPH}</p>" * 8 + "</div></body></html>")


@pytest.fixture(scope="module")
def printed(edition_browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pages = (("notice", HTML), ("wrapped", WRAPPED), ("official", OFFICIAL), ("narrow", NARROW))
    return printed_pdfs(edition_browser, tmp_path_factory.mktemp("weight"), pages)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from docx import Document

    def notice(path: Path) -> None:
        document = Document()
        document.add_heading("关于开展城镇小区配套设施治理工作的通知", 0)
        for text, kind in NOTICE:
            if kind == "head":
                document.add_heading(text, 1)
            else:
                document.add_paragraph().add_run(text).bold = kind == "bold"
        document.save(str(path))

    return libreoffice_pdf(tmp_path_factory.mktemp("weight-lo"), "notice", notice)


def _weights(path: Path) -> dict[str, bool | None]:
    return {line.text: line.bold for line in pdf_lines(path.read_bytes(), path)}


def _check(path: Path) -> None:
    weights = _weights(path)
    assert all(weights[head] is True for head in BOLD_HEADS)
    assert weights[PLAIN_ITEM] is False
    result = import_file(path, path.read_bytes())
    blocks = result.markdown.split("\n\n")
    for head in BOLD_HEADS:
        assert any(block.startswith("#") and block.endswith(head) for block in blocks), head
    assert PLAIN_ITEM in blocks    # a paragraph of the list, not a heading
    assert any(PLAIN_ITEM in flag.message and "not bold" in flag.message
               for flag in result.flags)
    assert not any(head in flag.message for head in BOLD_HEADS for flag in result.flags)


@pytest.mark.slow
def test_bold_type_chromium_prints_without_a_weight_is_measured(
        printed: dict[str, Path]) -> None:
    _check(printed["notice"])


@pytest.mark.slow
def test_a_headline_line_opening_with_a_flat_glyph_is_the_headlines_size(
        printed: dict[str, Path]) -> None:
    path = printed["wrapped"]
    lines = pdf_lines(path.read_bytes(), path)
    assert lines[1].text == "一半" and lines[1].size == lines[0].size
    result = import_file(path, path.read_bytes())
    assert f"title: {HEADLINE}" in result.markdown and "subtitle" not in result.markdown


@pytest.mark.slow
def test_bold_type_libreoffice_names_but_weighs_400_is_read(exported: Path) -> None:
    _check(exported)


@pytest.mark.slow
def test_a_red_masthead_over_an_official_title_is_the_publication(
        printed: dict[str, Path]) -> None:
    """The masthead, the largest type of the page, became the title and the title a
    subtitle; printed in red above the title it is the gazette's name."""
    path = printed["official"]
    result = import_file(path, path.read_bytes())
    front = result.markdown.split("\n---\n", 1)[0]
    assert f"title: {TITLE}" in front and "publication: 国务院公报" in front
    assert "subtitle" not in front


@pytest.mark.slow
def test_two_columns_a_space_apart_are_read_column_by_column(
        printed: dict[str, Path]) -> None:
    path = printed["narrow"]
    result = import_file(path, path.read_bytes())
    body = result.markdown.split("\n---\n", 1)[1]
    assert [block.strip() for block in body.split("\n\n") if block.strip()] == [PARAGRAPH] * 8
