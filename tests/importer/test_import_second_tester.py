"""`bilingual import` on what a second outside tester brought (issue 33, session 13):
two-column notices printed by Chromium, a LibreOffice PDF of a regulation, statistics
and government pages as text, layout text and saved web pages, Word files.

Each test guards one kind of defect they found. The texts are this file's own, or short
quotes from the public documents the tester used (origin noted); PDFs are printed at
test time by Debian's Chromium.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from pdf_support import libreoffice_pdf, printed_pdfs

from pipeline.cli import main
from pipeline.importer import ImportResult, import_file, import_lines, import_raw
from pipeline.importer.lines import Line, Role
from pipeline.importer.pdf import pdf_lines
from pipeline.importer.styled import import_pieces
from pipeline.importer.web import html_pieces
from pipeline.importer.word import docx_pieces

CSS = """
@page { size: A4; margin: 18mm 15mm; }
body { font-family: 'Noto Serif CJK SC'; font-size: 10.5pt; line-height: 1.7; margin: 0; }
h1 { font-size: 22pt; text-align: center; margin: 0 0 4pt; }
.no { text-align: center; font-size: 10pt; margin-bottom: 10pt; }
.cols { column-count: 2; column-gap: 8mm; text-align: justify; }
.cols p { text-indent: 2em; margin: 0; }
h2 { font-size: 13pt; margin: 8pt 0 4pt; }
"""

# Our own notice text; the document number's form is that of 鲁政发〔2014〕20号.
OPENING = "各市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构："
MEASURES = ["现代预算制度是现代财政制度的基础，建立全面规范、公开透明的预算制度，是推进治理能力"
            "现代化的重要内容，也是促进经济社会持续健康发展的重大举措。",
            "从今年开始，全面启动预算管理制度改革，明年在预算管理改革上取得决定性进展，后年基本"
            "完成各项任务，在优化支出结构上取得实质性突破。"]
HEAD = "一、深化预算管理制度改革的总体要求"
AFTER = ["完善政府预算体系，加大政府性基金预算与一般公共预算的统筹力度，建立国有资本经营预算"
         "资金调入一般公共预算的机制，逐步提高调入比例。",
         "改进预算管理和控制，建立跨年度预算平衡机制，实行中期财政规划管理，强化三年滚动财政"
         "规划对年度预算的约束。"]
TWO_COLUMNS = ("<!doctype html><html><head><meta charset='utf-8'><style>" + CSS + "</style>"
               "</head><body><h1>关于深化预算管理制度改革的实施意见</h1>"
               "<div class='no'>鲁政发〔2014〕20号</div><div class='cols'>"
               + f"<p style='text-indent:0'>{OPENING}</p>"
               + "".join(f"<p>{t}</p>" for t in MEASURES) + f"<h2>{HEAD}</h2>"
               + "".join(f"<p>{t}</p>" for t in AFTER * 2) + "</div></body></html>")

# A speech as a magazine sets it: a long kicker in 14 pt over the 22 pt title (both
# wrapped), the speaker's name centred under it (our own text, the layout of the tester's
# page for a speech of 2017).
KICKER = "某某委员会主任出席“特别行政区成立二十周年研讨会”并发表主题演讲的讲话全文"
TITLE = "在国家宪法及基本法下特别行政区的角色与使命"
SPEECH = ("<!doctype html><html><head><meta charset='utf-8'><style>" + CSS +
          ".sub { font-size: 14pt; text-align: center; margin: 0 0 8pt; }</style></head><body>"
          f"<div class='sub'>{KICKER}</div><h1>{TITLE}</h1><div class='no'>李飞</div>"
          "<div class='cols'>" + "".join(f"<p>{t}</p>" for t in (*MEASURES, *AFTER) * 2)
          + "</div></body></html>")

# A statistics release as pasted and as `pdftotext -layout` gives it (the form of the
# National Bureau of Statistics release of 2018-08-27 on www.gov.cn; our own figures).
RELEASE_TITLE = "统计局：2018年1-7月份全国规模以上工业企业利润增长17.1%"
RELEASE = ["1-7月份，全国规模以上工业企业实现利润总额39038.1亿元，同比增长17.1%，增速比1-6月份"
           "放缓0.1个百分点。",
           "1-7月份，规模以上工业企业中，国有控股企业实现利润总额11913.2亿元，同比增长30.5%。"]
RELEASE_BODY = [*RELEASE, *AFTER] * 2
RELEASE_PAGE = ("<!doctype html><html><head><meta charset='utf-8'><style>" + CSS + "</style>"
                f"</head><body><h1>{RELEASE_TITLE}</h1><div class='no'>国家统计局 2018-08-27</div>"
                "<div class='cols'>" + "".join(f"<p>{t}</p>" for t in RELEASE_BODY)
                + "</div></body></html>")


@pytest.fixture(scope="module")
def printed(edition_browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pages = (("two_columns", TWO_COLUMNS), ("speech", SPEECH), ("release", RELEASE_PAGE))
    return printed_pdfs(edition_browser, tmp_path_factory.mktemp("second-tester-pdf"), pages)


def _blocks(markdown: str) -> list[str]:
    body = markdown.split("\n---\n", 1)[1]
    return [block for block in body.strip().split("\n\n") if block]


def _front(result: ImportResult) -> str:
    """The front matter of an import's Markdown."""
    return result.markdown.split("\n---\n", 1)[0]


def _pdf(path: Path) -> ImportResult:
    return import_lines(pdf_lines(path.read_bytes(), path))


@pytest.mark.slow
def test_a_centred_line_across_the_gutter_does_not_hide_the_columns(
        printed: dict[str, Path]) -> None:
    """A short page's one line set across both columns (the document number under the
    title) once filled the gutter, so the columns were read across, line by line."""
    path = printed["two_columns"]
    blocks = _blocks(_pdf(path).markdown)
    assert blocks == ["鲁政发〔2014〕20号", OPENING, *MEASURES, f"## {HEAD}", *AFTER * 2]


@pytest.mark.slow
def test_a_long_kicker_over_a_pdfs_title_and_the_name_centred_under_it(
        printed: dict[str, Path]) -> None:
    path = printed["speech"]
    result = _pdf(path)
    front = _front(result)
    assert f"kicker: {KICKER}" in front and f"title: {TITLE}" in front
    assert "byline: 李飞" in front
    assert any("李飞" in flag.message and "other choice" in flag.message
               for flag in result.flags)
    assert _blocks(result.markdown) == [*MEASURES, *AFTER] * 2


def _docx(document: Document) -> ImportResult:
    out = io.BytesIO()
    document.save(out)
    return import_pieces(docx_pieces(out.getvalue(), Path("a.docx")), ImportResult(markdown=""))


def test_a_word_files_centred_document_number_stays_a_body_paragraph() -> None:
    """A centred short line under the title is offered as the byline, but a document
    number (鲁政发〔2014〕20号) never is one."""
    document = Document()
    document.add_heading("关于深化预算管理制度改革的实施意见", level=0)
    document.add_paragraph("鲁政发〔2014〕20号").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (OPENING, *MEASURES):
        document.add_paragraph(text)
    result = _docx(document)
    assert "byline" not in _front(result)
    assert _blocks(result.markdown)[:2] == ["鲁政发〔2014〕20号", OPENING]


# A notice's closing contact fields, in the form of the Shenyang people's congress notice
# of 2022-12-05 (our own numbers and addresses).
CONTACTS = ["通信地址：某市人大常委会法制工作委员会（某市青年大街1号，邮政编码：110000）",
            "传真：（024）12345678  87654321", "人大网站网址：www.example.gov.cn"]


def test_contact_fields_are_lines_never_headings() -> None:
    lead = "征求意见的时间，自公告见报之日起，到2023年1月15日结束。"
    text = "\n".join(["某市人大常委会办公室公告", MEASURES[0], lead, *CONTACTS, "某市人大常委会办公室",
                      "2022年12月5日", MEASURES[1]])
    markdown = import_raw(text + "\n").markdown
    assert not [b for b in _blocks(markdown) if b.startswith("#")]
    for line in CONTACTS:
        assert line.replace("  ", " ") in markdown.replace("  ", " ")


def _run(tmp_path: Path, name: str, data: bytes, *options: str) -> int:
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / name).write_bytes(data)
    return main(["-C", str(tmp_path), "import", str(tmp_path / name), "--slug", "x", *options])


def test_an_empty_web_page_is_one_clear_error_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    assert _run(tmp_path, "page.html", b"<html><body></body></html>") == 2
    err = capsys.readouterr().err
    assert err.strip() == f"{tmp_path / 'page.html'}:1: no text to import (the web page is empty)"
    assert not [r for r in caplog.records if r.name.startswith("trafilatura")]
    assert not (tmp_path / "content" / "x.md").exists()


PAGE = ("<html><head><meta charset='utf-8'><title>t</title></head><body><article>"
        "<h1>关于深化预算管理制度改革的实施意见</h1>"
        + "".join(f"<p>{t}</p>" for t in (OPENING, *MEASURES)) + "</article></body></html>")


def test_an_encoding_given_for_a_web_page_is_honoured(tmp_path: Path) -> None:
    """The page says utf-8 but was saved as GB18030: the editor's --encoding wins."""
    assert _run(tmp_path, "page.html", PAGE.encode("gb18030"), "--encoding", "gb18030") == 0
    assert MEASURES[0] in (tmp_path / "content" / "x.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "data", "said"), [
    ("page.html", PAGE.encode("utf-8"), "unknown encoding 'klingon'"),
    ("a.pdf", b"%PDF-1.4\n%%EOF\n", "--encoding is for text files and web pages"),
], ids=["unknown-for-html", "for-a-pdf"])
def test_an_encoding_that_cannot_apply_is_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes,
        said: str) -> None:
    assert _run(tmp_path, name, data, "--encoding", "klingon") == 2
    err = capsys.readouterr().err.strip()
    assert said in err and len(err.splitlines()) == 1
    assert not (tmp_path / "content" / "x.md").exists()


def test_a_truncated_pdf_is_said_to_be_damaged_or_cut_short(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas
    whole = tmp_path / "whole.pdf"
    pdf = canvas.Canvas(str(whole))
    pdf.drawString(72, 720, "A page of text, long enough to be cut short.")
    pdf.showPage()
    pdf.save()
    data = whole.read_bytes()
    assert _run(tmp_path, "cut.pdf", data[: len(data) // 2]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{tmp_path / 'cut.pdf'}: cannot read this PDF: it is damaged or cut short")


# A statistics release's page foot and a Hong Kong blog's share bar (the forms of
# www.gov.cn, 2018-08-27, and of a news site's blog page, 2024-04-21).
FOOT = ["【我要纠错】 责任编辑：张鑫", "分享到：Facebook WhatsApp"]


def _web(body: str) -> ImportResult:
    page = (f"<html><head><meta charset='utf-8'></head><body><article><h1>统计简报</h1>{body}"
            "</article></body></html>").encode()
    result = ImportResult(markdown="")
    return import_pieces(html_pieces(page, Path("a.html"), result), result)


@pytest.mark.parametrize("form", ["web", "pasted"])
def test_share_bars_and_a_correction_link_before_the_editor_are_dropped_for_review(
        form: str) -> None:
    result = (_web("".join(f"<p>{t}</p>" for t in (*MEASURES, *FOOT))) if form == "web" else
              import_raw("\n".join(["统计简报", *MEASURES, *FOOT]) + "\n"))
    assert _blocks(result.markdown) == MEASURES
    assert "credits: 责任编辑：张鑫" in result.markdown
    dropped = [flag.message for flag in result.flags if "dropped" in flag.message]
    assert any("【我要纠错】" in m for m in dropped) and any("Facebook" in m for m in dropped)


# A people's congress notice publishing a draft regulation, after the Shenyang notice of
# 2022-12-05 (our own text): short paragraphs with space after each, as Word sets them,
# and the regulation's title (Heading 1), which the notice cites in 《》, over its text.
REGULATION = "某市社会信用条例（草案）"
NOTICE = [f"市人大常委会会议对市人民政府提报的《{REGULATION}》进行了初次审议。现将全文公布，"
          "广泛征求意见，并就有关事项公告如下：",
          "一、有关单位和个人均可以通过信函、传真等方式提出意见。",
          "二、征求意见的时间，自公告见报之日起，到2023年1月15日结束。",
          "通信地址：某市人大常委会法制工作委员会（某市某区青年北大街26号，邮政编码：110000）"]
ARTICLES = ["第一条 为了规范社会信用管理，保障信用主体合法权益，推进社会信用体系建设，"
            "优化营商环境，根据有关法律、法规规定，结合本市实际，制定本条例。",
            "第二条 本市行政区域内社会信用体系建设以及相关活动，适用本条例。"]


@pytest.mark.slow
def test_a_libreoffice_heading_the_body_cites_is_kept_and_spaced_paragraphs_stay_apart(
        tmp_path: Path) -> None:
    document = Document()
    document.add_heading("某市人民代表大会常务委员会办公室公告", level=0)
    for text in NOTICE:
        document.add_paragraph(text).paragraph_format.space_after = Pt(12)
    document.add_heading(REGULATION, level=1)
    for text in ARTICLES:
        document.add_paragraph(text).paragraph_format.space_after = Pt(12)
    pdf = libreoffice_pdf(tmp_path, "notice", lambda path: document.save(str(path)))
    result = import_file(pdf, pdf.read_bytes())
    blocks = _blocks(result.markdown)
    assert f"## {REGULATION}" in blocks
    assert [b for b in blocks if not b.startswith("#")] == [*NOTICE, *ARTICLES]


def test_a_pull_quote_dropped_is_put_to_the_editor() -> None:
    lines = [Line(1, "关于深化预算管理制度改革的实施意见", size=22.0, gap_before=True),
             Line(2, MEASURES[0], size=10.5, gap_before=True),
             Line(3, "建立全面规范、公开透明的预算制度", size=15.0, gap_before=True,
                  role=Role.PULL_QUOTE),
             Line(4, MEASURES[1], size=10.5, gap_before=True)]
    result = import_lines(lines)
    assert _blocks(result.markdown) == MEASURES
    assert any("pull quote" in flag.message and "other choice" in flag.message
               for flag in result.flags)


@pytest.mark.slow
def test_a_pdfs_issuer_and_date_printed_with_no_space_is_the_byline(
        printed: dict[str, Path]) -> None:
    """Chromium prints no space character: `国家统计局2018-08-27` is still who and when."""
    path = printed["release"]
    result = _pdf(path)
    front = _front(result)
    assert "byline: 国家统计局" in front and "date: '2018-08-27'" in front
    assert _blocks(result.markdown) == RELEASE_BODY


TABLE_LINES = ["分组\t利润总额（亿元）\t同比增长（%）", "总计\t39038.1\t17.1",
               "其中：国有控股企业\t11913.2\t30.5", "集体企业\t125.2\t4.1", "股份制企业\t27801\t21.3"]


def test_a_pasted_title_over_its_issuer_and_date_and_a_tabbed_table_header() -> None:
    text = "\n".join([RELEASE_TITLE, "国家统计局 2018-08-27 11:51", *RELEASE,
                      "表1 2018年1-7月份规模以上工业企业利润", *TABLE_LINES]) + "\n"
    result = import_raw(text)
    front = _front(result)
    assert f"title: {RELEASE_TITLE}" in front and "byline: 国家统计局" in front
    assert "date: '2018-08-27'" in front
    assert any("国家统计局" in f.message and "other choice" in f.message for f in result.flags)
    assert not [b for b in _blocks(result.markdown) if b.startswith("#")]
    assert any(f"lines 6–{5 + len(TABLE_LINES)} look like a table" in f.message
               for f in result.flags)


@pytest.mark.slow
def test_layout_text_title_wrap_and_issuer_line_over_two_columns(
        printed: dict[str, Path]) -> None:
    """`pdftotext -layout` of a release printed in two columns: the title's short rest
    centred under it runs on with no space; the issuer and date under it is the byline,
    never glued to the first paragraph (`2018-08-271-7月份`)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(printed["release"]), "-"], check=True,
                          capture_output=True, text=True).stdout
    result = import_raw(text)
    front = _front(result)
    assert f"title: {RELEASE_TITLE}" in front and "byline: 国家统计局" in front
    assert _blocks(result.markdown) == RELEASE_BODY


# A Hong Kong blog page's line under the headline (date, time, section, author) and a
# wire story's dateline naming its reporter (the forms of a news site's blog page of
# 2024-04-21 and of a Xinhua story of 2023-01-11; our own text).
BLOG_TITLE = "夏寶龍講話是中央對香港的考卷"
BLOG = ["據公開資料顯示，今次透過視頻講話，全體領導都出席了，突顯對這次講話的重視，香港各方應細心揣摩。",
        "今年是香港回歸祖國27年，筆者相信中央領導會仍有不少機會見到特首，並聽取他的匯報。"]
WIRE = ["新华社北京1月11日电（记者 成欣）外交部发言人11日表示，中方希望美方有关人士客观理性看待中国。",
        "当日例行记者会上，有记者问及此事，发言人作了回答，并介绍了有关情况。"]


@pytest.mark.parametrize("form", ["pasted", "web"])
def test_a_date_section_and_author_line_under_the_headline_gives_byline_and_date(
        form: str) -> None:
    if form == "pasted":
        result = import_raw("\n".join([BLOG_TITLE, "2024.04.21 16:00 博客 馮煒光", *BLOG]) + "\n")
    else:
        page = (f"<html><head><meta charset='utf-8'></head><body><h1>{BLOG_TITLE}</h1>"
                "<div class='meta'>2024.04.21 16:00 <span>博客</span> <span>作者：馮煒光</span>"
                "</div><div class='content'>" + "".join(f"<p>{t}</p>" for t in BLOG)
                + "</div></body></html>").encode()
        result = ImportResult(markdown="")
        result = import_pieces(html_pieces(page, Path("a.html"), result), result)
    front = _front(result)
    assert f"title: {BLOG_TITLE}" in front and "byline: 馮煒光" in front
    assert "date: '2024-04-21'" in front
    assert any("馮煒光" in f.message and "other choice" in f.message for f in result.flags)
    assert _blocks(result.markdown) == BLOG


@pytest.mark.parametrize("form", ["pasted", "web"])
def test_the_reporter_a_wire_storys_dateline_names_is_the_byline(form: str) -> None:
    title = "外交部发言人：希望美方有关人士客观理性看待中国"
    result = (import_raw("\n".join([title, *WIRE]) + "\n") if form == "pasted" else
              _web("".join(f"<p>{t}</p>" for t in WIRE)))
    assert "byline: 记者 成欣" in _front(result)
    assert _blocks(result.markdown) == WIRE
