"""`bilingual import` on the kinds of document an outside tester brought (issue 33): an
official notice and a Traditional news page printed by Chromium, pasted web text, saved
pages and Word files with bylines and dates in their site's forms.

Each test guards one kind of defect they found; the documents are this file's own short
texts, printed or built at test time.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from pdf_support import printed_pdfs

from pipeline.cli import main
from pipeline.importer import Change, ImportResult, import_lines, import_raw
from pipeline.importer.pdf import pdf_lines
from pipeline.importer.styled import import_pieces
from pipeline.importer.web import html_pieces
from pipeline.importer.word import docx_pieces

PAGE_CSS = """
@page { size: 150mm 200mm; margin: 18mm 15mm; }
body { font-family: 'Noto Serif CJK SC'; font-size: 12pt; line-height: 1.8; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
"""

# An official notice: its masthead and its title each too wide for one line.
MASTHEAD = "湖南省人民政府办公厅文件"
TITLE = "湖南省人民政府办公厅关于加强普通高等学校毕业生就业工作的通知"
BODY = ("根据有关文件精神，结合我省实际，经省人民政府同意，现就加强普通高等学校毕业生就业工作"
        "有关问题通知如下：")
NOTICE = (
    f"<div style='font-size:26pt;text-align:center;font-weight:bold;letter-spacing:.1em'>"
    f"{MASTHEAD}</div><div style='text-align:center;margin:1em 0'>湘政办发〔2009〕24号</div>"
    f"<div style='text-align:center;font-size:17pt;font-weight:bold'>{TITLE}</div>"
    f"<p style='text-indent:0'>各市州、县市区人民政府：</p><p>{BODY}</p>" + f"<p>{BODY}</p>" * 3)

# A Traditional wire story: its headline (with a space between two phrases, as such
# heads have) repeated in the dateline's line; a byline; a one-line paragraph.
HEADLINE = "中國兩會 世界關注——來自新聞中心的觀察"
DATELINE = f"新華社北京3月15日電 題：{HEADLINE}"
BYLINE = "新華社記者韓潔、李汶羲"
SHORT = "未來五年有多重要？看看各國派出的採訪陣容就知道了。"
QUOTED = ("“今年日本記者人數從去年200人增至272人；英國記者人數從去年50多人增到115人……”"
          "外國記者組組長對記者説。")
WIRE = (f"<h1 style='font-size:20pt;text-align:center'>{HEADLINE}</h1>"
        "<p style='text-align:center;font-size:9pt;text-indent:0'>2016-03-15　來源：新華社</p>"
        f"<p>{DATELINE}</p><p>{BYLINE}</p>"
        "<p>兩會是世界觀察中國的窗口。“十三五”開局之年，3200多名中外記者參加兩會報道。</p>"
        "<h3 style='font-size:13pt'>“兩千多份報告一搶而空”</h3>"
        f"<p>{SHORT}</p><p>{QUOTED}</p><p>記者了解到，今年外國記者還會得到一份英文版摘要。</p>")


def _html(body: str, css: str = "") -> str:
    return (f"<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'><style>"
            f"{PAGE_CSS}{css}</style></head><body>{body}</body></html>")


@pytest.fixture(scope="module")
def printed(edition_browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each page printed to PDF by Chromium."""
    wire = _html(WIRE, "body { font-family: 'Noto Serif CJK TC'; font-size: 11pt; }"
                       "p { margin: 0 0 .4em; }")
    return printed_pdfs(edition_browser, tmp_path_factory.mktemp("newcomer-pdf"),
                        (("notice", _html(NOTICE)), ("wire", wire)))


def _pdf(path: Path) -> ImportResult:
    return import_lines(pdf_lines(path.read_bytes(), path))


def _front(markdown: str) -> list[str]:
    return markdown.split("\n---\n", 1)[0].splitlines()[1:]


def _body(markdown: str) -> list[str]:
    return [b for b in markdown.split("\n---\n", 1)[1].strip().split("\n\n") if b]


@pytest.mark.slow
def test_a_wrapped_masthead_and_title_of_a_printed_notice(printed: dict[str, Path]) -> None:
    result = _pdf(printed["notice"])
    front, body = _front(result.markdown), _body(result.markdown)
    assert f"publication: {MASTHEAD}" in front
    assert f"title: {TITLE}" in front
    assert not [block for block in body if block.startswith("#")]
    assert body[0] == "湘政办发〔2009〕24号"


@pytest.mark.slow
def test_a_printed_wire_story_headline_byline_spaces_and_one_line_paragraphs(
        printed: dict[str, Path]) -> None:
    result = _pdf(printed["wire"])
    front, body = _front(result.markdown), _body(result.markdown)
    # The headline is the largest type, though the dateline repeats it (no pull quote).
    assert f"title: {HEADLINE}" in front
    assert not [note for note in result.changes if note.kind and note.kind.name == "PULL_QUOTE"]
    assert f"byline: {BYLINE}" in front                # a byline is never a heading
    assert body[0] == DATELINE                         # the space between Han kept
    assert SHORT in body and QUOTED in body            # each its own paragraph


# A news site's page pasted as text: its navigation bar with bars between the links.
PASTED_HEAD = "聚焦中国 瞩目盛会——来自十九大新闻中心的观察"
PASTED_LEAD = ("“骑起来真是很轻很方便！”在北京大型成就展特色体验展区里，一位外国记者与同行争相试骑"
               "共享单车。")


@pytest.mark.parametrize("bar", ["|", "｜", " | "])
def test_a_pasted_navigation_bar_with_bars_between_its_links_is_dropped(bar: str) -> None:
    links = ["直通屏山", "福建", "时评", "大学城", "台海", "娱乐", "体育", "国内", "国际", "福州"]
    dateline = f"新华社北京10月17日电 题：{PASTED_HEAD}"
    text = "\n".join([bar.join(links), PASTED_HEAD, dateline, PASTED_LEAD, PASTED_LEAD]) + "\n"
    result = import_raw(text)
    assert f"title: {PASTED_HEAD}" in _front(result.markdown)
    assert _body(result.markdown)[0] == dateline
    assert any("navigation bar" in note.message and note.line == 1 for note in result.flags)


def test_a_pasted_dotted_date_in_the_source_field_and_the_byline_under_the_dateline() -> None:
    text = "\n".join(["您所在的位置: 东南网 > 国内> 时政 > 正文", PASTED_HEAD,
                      "来源：新华社 2017.10.17 20:18  责任编辑:周冬", "分享到:",
                      f"新华社北京10月17日电 题：{PASTED_HEAD}", "新华社记者 崔静、韩洁、刘羊旸",
                      PASTED_LEAD, PASTED_LEAD]) + "\n"
    front = _front(import_raw(text).markdown)
    assert "date: '2017-10-17'" in front
    assert "byline: 新华社记者 崔静、韩洁、刘羊旸" in front


def _html_result(html: str) -> ImportResult:
    result = ImportResult(markdown="")
    return import_pieces(html_pieces(html.encode("utf-8"), Path("a.html"), result), result)


ARTICLE = "".join(f"<p>{text}</p>" for text in (PASTED_LEAD, SHORT, QUOTED, PASTED_LEAD) * 2)
HEAD = "<html><head><meta charset='utf-8'></head><body>"


def test_a_web_page_byline_with_its_date_above_the_article_element_is_not_lost() -> None:
    page = (f"{HEAD}<main><article><h1>政府曰治</h1><div class='author'>作者：陳景祥"
            f"\u30002024-03-18</div><div class='article-body'>{ARTICLE}</div></article></main>"
            "</body></html>")
    result = _html_result(page)
    front = _front(result.markdown)
    assert "byline: 作者：陳景祥" in front and "date: '2024-03-18'" in front


def test_a_web_page_metadata_box_with_a_dotted_date_and_a_byline_under_the_dateline() -> None:
    page = (f"{HEAD}<div class='article'><h1>{PASTED_HEAD}</h1><div class='info'>来源："
            "\u3000新华社\u30002017.10.17 20:18\u3000责任编辑：周冬</div><div id='content'>"
            f"<p>新华社北京10月17日电</p><p>新华社记者崔静、韩洁、刘羊旸</p>{ARTICLE}</div></div>"
            "</body></html>")
    front = _front(_html_result(page).markdown)
    assert "date: '2017-10-17'" in front
    assert "byline: 新华社记者崔静、韩洁、刘羊旸" in front


def test_a_wechat_article_date_is_taken_from_its_publish_time() -> None:
    page = (f"{HEAD}<div id='img-content'><h1 id='activity-name'>{PASTED_HEAD}</h1>"
            "<div id='meta_content'><span id='js_name'>新华社</span> <em id='publish_time'>"
            f"2017-10-17 20:10</em></div><div id='js_content'>{ARTICLE}</div></div></body></html>")
    assert "date: '2017-10-17'" in _front(_html_result(page).markdown)


def test_an_issuer_and_date_under_a_word_files_title_go_to_the_front_matter_for_review(
        ) -> None:
    document = Document()
    document.add_heading("1-7月份全国规模以上工业企业利润增长17.1%", level=0)
    document.add_paragraph("国家统计局\u30002018-08-27 11:51")
    for text in (PASTED_LEAD, SHORT):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    result = import_pieces(docx_pieces(out.getvalue(), Path("a.docx")), ImportResult(markdown=""))
    front = _front(result.markdown)
    assert "byline: 国家统计局" in front and "date: '2018-08-27'" in front
    assert any("国家统计局" in flag.message and "other choice" in flag.message
               for flag in result.flags)


def test_a_pasted_byline_with_its_date_goes_to_the_front_matter() -> None:
    text = "\n".join(["政府曰治", "作者：陳景祥\u30002024-03-18", QUOTED, SHORT, QUOTED]) + "\n"
    front = _front(import_raw(text).markdown)
    assert "byline: 作者：陳景祥" in front and "date: '2024-03-18'" in front


def test_a_bold_note_of_where_the_article_first_ran_is_no_heading() -> None:
    note = "（本文原載於灼見名家）"
    page = (f"{HEAD}<article><h1>政府曰治</h1><div class='body'>{ARTICLE}"
            f"<p><strong>{note}</strong></p></div></article></body></html>")
    body = _body(_html_result(page).markdown)
    assert note in body and f"## {note}" not in body


def _word_file(*paragraphs: str, rows: int = 0) -> bytes:
    document = Document()
    document.add_heading("规模以上工业企业利润", level=0)
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=rows, cols=2)
        for row in table.rows:
            row.cells[0].text, row.cells[1].text = "总计", "39038.1"
        document.add_paragraph(SHORT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_files_table_caption_is_reported_as_a_table_caption() -> None:
    data = _word_file(PASTED_LEAD, "表1\u3000规模以上工业企业利润", rows=2)
    result = import_pieces(docx_pieces(data, Path("a.docx")), ImportResult(markdown=""))
    kinds = [note.kind for note in result.changes if note.line and "表1" in note.message]
    assert kinds == [Change.TABLE_CAPTION]


@pytest.mark.parametrize(("data", "name", "said"), [
    (_word_file(PASTED_LEAD), "report.pdf", "a DOCX file named .pdf: rename it to .docx"),
    (b"%PDF-1.4\n%%EOF\n", "report.docx", "a PDF file named .docx: rename it to .pdf"),
], ids=["docx-named-pdf", "pdf-named-docx"])
def test_a_pdf_or_word_file_under_the_others_name_is_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, name: str,
        said: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / name).write_bytes(data)
    assert main(["-C", str(tmp_path), "import", str(tmp_path / name), "--slug", "x"]) == 2
    err = capsys.readouterr().err
    assert f"{name}: {said}" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "content" / "x.md").exists()


def test_importing_a_directory_says_it_is_a_directory(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    assert main(["-C", str(tmp_path), "import", str(tmp_path / "content"), "--slug", "x"]) == 2
    assert "content: a directory, not a file" in capsys.readouterr().err


def test_a_short_page_the_extractor_runs_into_one_line_keeps_its_text() -> None:
    """trafilatura gave the page's text as one line, which no element holds: the whole
    article, read as one block with the headline, was left out without a word."""
    text = "".join(f"<p>{t}</p>" for t in (PASTED_LEAD, SHORT, QUOTED, PASTED_LEAD))
    page = (f"{HEAD}<main><article><h1>政府曰治</h1><div class='author'>作者：陳景祥\u3000"
            f"2024-03-18</div><div class='body'>{text}</div></article></main></body></html>")
    body = _body(_html_result(page).markdown)
    assert body == [PASTED_LEAD, SHORT, QUOTED, PASTED_LEAD]
