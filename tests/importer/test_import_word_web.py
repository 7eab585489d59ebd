"""`bilingual import` of Word files and saved web pages (issue 33, part A).

The .docx files are written by python-docx (the engine many publishers' tools use),
with tracked changes, a comment and footnotes put in as Word stores them; the pages
are saved-page-like fixtures of a news site and a WeChat public-account article.
Every text here is our own.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.importer import ImportResult
from pipeline.importer.kinds import FileKind, sniff
from pipeline.importer.styled import import_pieces
from pipeline.importer.web import html_pieces
from pipeline.importer.word import docx_pieces

W = nsdecls("w")
BODY_ONE = "全区粮食总产量达到一百二十万吨，比上年增长百分之三点五，连续五年保持稳定。"
BODY_TWO = "农村居民人均可支配收入为一万八千元，增速高于城镇居民，收入差距继续缩小。"


def _docx_bytes(document: object) -> bytes:
    out = io.BytesIO()
    document.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def _import_docx(data: bytes) -> ImportResult:
    return import_pieces(docx_pieces(data, Path("a.docx")), ImportResult(markdown=""))


def _import_html(html: str) -> ImportResult:
    result = ImportResult(markdown="")
    return import_pieces(html_pieces(html.encode("utf-8"), Path("a.html"), result), result)


def _report(result: ImportResult) -> list[str]:
    return [f"{n.line}: {n.message}" for n in result.flags]


def report_docx() -> bytes:
    document = Document()
    document.add_paragraph("统计分析", style="Subtitle")
    document.add_paragraph("全区农村经济稳步发展", style="Title")
    document.add_paragraph("2024年3月5日").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(BODY_ONE)
    document.add_paragraph("一、粮食生产", style="Heading 1")
    document.add_paragraph(BODY_TWO)
    document.add_paragraph("（一）主要作物", style="Heading 2")
    document.add_paragraph("表1 主要农产品产量", style="Caption")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).text = "品种"
    merged = table.cell(0, 1).merge(table.cell(0, 2))
    merged.text = "产量"
    table.cell(0, 3).text = "备注"
    for row, cells in enumerate([("玉米", "85.2", "3.1", "增产"), ("水稻", "20.4", "1.2", "")],
                                start=1):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph("（责任编辑：王芳）").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.sections[0].header.paragraphs[0].text = "统计资料 · 2024年第3期"
    return _docx_bytes(document)


def test_docx_styles_become_front_matter_headings_captions_and_a_pipe_table() -> None:
    result = _import_docx(report_docx())
    md = result.markdown
    assert md.startswith("---\nlang: zh-Hans\nkicker: 统计分析\ntitle: 全区农村经济稳步发展\n"
                         "date: '2024-03-05'\ncredits: 责任编辑：王芳\n---\n")
    assert "## 一、粮食生产" in md and "### （一）主要作物" in md
    assert "*表1 主要农产品产量*" in md
    # The merged header cell once, its span left empty; every row kept.
    assert ("| 品种 | 产量 |  | 备注 |\n|---|---|---|---|\n| 玉米 | 85.2 | 3.1 | 增产 |\n"
            "| 水稻 | 20.4 | 1.2 |  |") in md
    assert "统计资料" not in md          # the page header is not the article
    assert BODY_ONE in md and BODY_TWO in md


def test_docx_outline_levels_and_chinese_style_names_make_headings() -> None:
    document = Document()
    document.add_paragraph("标题文字在此", style="Title")
    outlined = document.add_paragraph("一、总体情况")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="0"/>'))
    document.add_paragraph(BODY_ONE)
    chinese = document.styles.add_style("标题 2", 1)   # as Chinese Word names Heading 2
    document.add_paragraph("（一）细分领域", style=chinese)
    document.add_paragraph(BODY_TWO)
    md = _import_docx(_docx_bytes(document)).markdown
    assert "## 一、总体情况" in md and "### （一）细分领域" in md


def test_docx_heading_styles_named_as_chinese_templates_name_them_give_levels() -> None:
    """Government and office templates name their own styles 一级标题, 二级标题, 标题三
    (no outline level set): each is a heading at its level."""
    document = Document()
    document.add_paragraph("标题文字在此", style="Title")
    for name, text in (("一级标题", "一、总体情况"), ("二级标题", "（一）细分领域"), ("标题三", "1.具体措施")):
        document.add_paragraph(text, style=document.styles.add_style(name, 1))
        document.add_paragraph(BODY_ONE)
    md = _import_docx(_docx_bytes(document)).markdown
    assert "## 一、总体情况" in md and "### （一）细分领域" in md and "#### 1.具体措施" in md


def test_docx_tracked_changes_are_accepted_and_comments_ignored() -> None:
    document = Document()
    document.add_paragraph("修订测试", style="Title")
    paragraph = document.add_paragraph("今年全区")
    paragraph._p.append(parse_xml(
        f'<w:ins {W} w:id="1" w:author="编辑" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:t>新建</w:t></w:r></w:ins>"))
    paragraph._p.append(parse_xml(
        f'<w:del {W} w:id="2" w:author="编辑" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:delText>拆除</w:delText></w:r></w:del>"))
    run = paragraph.add_run("学校十二所。")
    document.add_comment(run, text="这个数字请核实", author="审校")
    md = _import_docx(_docx_bytes(document)).markdown
    assert "今年全区新建学校十二所。" in md
    assert "拆除" not in md and "核实" not in md


def test_docx_footnotes_are_numbered_in_the_text_and_close_the_article() -> None:
    document = Document()
    document.add_paragraph("注释测试", style="Title")
    paragraph = document.add_paragraph("该数据来自年度公报")
    paragraph._p.append(parse_xml(
        f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r>'))
    paragraph.add_run("，已经核实。")
    notes = (f'<w:footnotes {W}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>区统计局2023年统计公报。</w:t>'
             "</w:r></w:p></w:footnote></w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-"
                "officedocument.wordprocessingml.footnotes+xml", notes.encode(),
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    md = _import_docx(_docx_bytes(document)).markdown
    assert "该数据来自年度公报\\[1\\]，已经核实。" in md
    assert md.rstrip().endswith("\\[1\\] 区统计局2023年统计公报。")


def test_docx_picture_then_centred_line_is_its_caption_and_flagged() -> None:
    document = Document()
    document.add_paragraph("图片测试", style="Title")
    document.add_paragraph(BODY_ONE)
    picture = document.add_paragraph()
    picture._p.append(parse_xml(f'<w:r {W}><w:drawing/></w:r>'))
    document.add_paragraph("新建的村文化广场").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(BODY_TWO)
    result = _import_docx(_docx_bytes(document))
    assert "*新建的村文化广场*" in result.markdown
    assert any("caption" in f and "other choice" in f for f in _report(result))


WECHAT = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>小镇的新变化</title></head><body id="activity-detail">
<div class="rich_media_area_primary">
<h1 class="rich_media_title" id="activity-name">小镇的新变化</h1>
<div id="meta_content"><a id="js_name">乡村观察</a><em id="publish_time">2024-05-01</em></div>
<div class="rich_media_content" id="js_content">
<section style="text-align:center;"><span style="color:#1e6bb8;">点击上方蓝字关注我们</span></section>
<p><span style="font-size:15px;">{BODY_ONE}</span></p>
<section><span style="color:#ab1942;font-weight:bold;"><strong>一、道路通到家门口</strong></span></section>
<p><span style="font-size:15px;">{BODY_TWO}</span></p>
<p style="text-align:center;"><img data-src="https://example.invalid/1.jpg"></p>
<p style="text-align:center;"><span style="font-size:12px;color:#888888;">新修的乡村公路</span></p>
<section><span style="color:#ab1942;font-weight:bold;"><strong>二、产业有了新门路</strong></span></section>
<p><span style="font-size:15px;">{BODY_ONE}</span></p>
<table><tr><th>年份</th><th colspan="2">收入（元）</th></tr>
<tr><td>2022</td><td>15000</td><td>5.1</td></tr><tr><td>2023</td><td>16200</td><td>8.0</td></tr></table>
<section style="text-align:center;"><span style="color:#aaa;">END</span></section>
<section><p><span style="font-weight:bold;">往期推荐</span></p>
<p><a href="#"><span>一图看懂今年的惠农政策</span></a></p></section>
</div><div id="js_read_area3"><a id="js_view_source">阅读原文</a></div>
<div class="qr_code_pc"><p>微信扫一扫关注该公众号</p></div></div></body></html>
"""


def test_wechat_article_body_section_spans_caption_table_and_no_furniture() -> None:
    result = _import_html(WECHAT)
    md = result.markdown
    assert md.startswith("---\nlang: zh-Hans\ntitle: 小镇的新变化\ndate: '2024-05-01'\n---\n")  # #publish_time
    assert "## 一、道路通到家门口" in md and "## 二、产业有了新门路" in md
    assert "*新修的乡村公路*" in md
    assert "| 年份 | 收入（元） |  |\n|---|---|---|\n| 2022 | 15000 | 5.1 |" in md
    for furniture in ("蓝字", "END", "往期推荐", "惠农政策", "阅读原文", "扫一扫"):
        assert furniture not in md
    dropped = [f for f in _report(result) if f.split(": ", 1)[1].startswith("dropped")]
    assert len(dropped) == 4 and all("other choice" in f for f in dropped)


NEWS = """<!DOCTYPE html>
<html lang="zh-HK"><head><meta charset="utf-8"><title>舊區重建的下一步_港聞網</title></head>
<body><div class="topbar"><ul class="nav"><li><a href="/">首頁</a></li><li><a href="/1">港聞</a></li>
<li><a href="/2">財經</a></li></ul></div>
<div class="main"><div class="article">
<h1 class="title">舊區重建的下一步</h1>
<h2 class="subtitle">——專家談市區更新</h2>
<div class="share"><a>Facebook</a><a>WhatsApp</a></div>
<div class="content" id="articleContent">
<p>有學者指出：「舊區重建不只是拆樓，更是社區的延續。」政府應當在規劃之初就聽取街坊的聲音。</p>
<p><strong>一、居民的憂慮</strong></p>
<p>不少長者在區內住了幾十年，擔心搬遷之後失去熟悉的鄰里網絡，也擔心新的租金負擔不起。</p>
<p><strong>二、可行的方向</strong></p>
<p>學者建議以「原區安置」為原則，並在重建項目中預留社區設施，讓居民可以留下來。</p>
</div></div>
<div class="comments"><h3>讀者留言</h3><div class="cmt"><p>寫得好，希望有更多跟進報道。</p></div></div>
</div><div class="footer">關於我們 | 聯絡我們 | © 港聞網</div></body></html>
"""


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_news_page_traditional_body_only_with_bold_subheads_and_corner_quotes() -> None:
    md = _import_html(NEWS).markdown
    assert md.startswith("---\nlang: zh-Hant\ntitle: 舊區重建的下一步\nsubtitle: ——專家談市區更新\n")
    assert "## 一、居民的憂慮" in md and "## 二、可行的方向" in md
    assert "「舊區重建不只是拆樓，更是社區的延續。」" in md
    for furniture in ("首頁", "Facebook", "讀者留言", "寫得好", "關於我們"):
        assert furniture not in md


def _run(tmp_path: Path, name: str, data: bytes, capsys: pytest.CaptureFixture[str]
         ) -> tuple[int, str]:
    assert main(["init", str(tmp_path / "p"), "--name", "t"]) == 0
    capsys.readouterr()
    raw = tmp_path / name
    raw.write_bytes(data)
    code = main(["-C", str(tmp_path / "p"), "import", str(raw), "--slug", "a"])
    return code, capsys.readouterr().err


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_the_command_imports_a_docx_and_keeps_it_verbatim(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    data = report_docx()
    code, _ = _run(tmp_path, "report.docx", data, capsys)
    assert code == 0
    content = tmp_path / "p" / "content"
    assert "## 一、粮食生产" in (content / "a.md").read_text(encoding="utf-8")
    assert (content / "a.raw.docx").read_bytes() == data


@pytest.mark.parametrize(("name", "data", "message"), [
    ("broken.docx", b"PK\x03\x04" + b"\0" * 40, "damaged zip"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40, "save it as .docx"),
    ("fake.docx", b"just some text", "not a DOCX file"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "run OCR first"),
])
def test_unreadable_files_get_one_clear_line_and_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes,
        message: str) -> None:
    code, err = _run(tmp_path, name, data, capsys)
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "p" / "content" / "a.md").exists()


def test_a_zip_that_is_not_a_word_file_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(PipelineError, match="OpenDocument"):
        sniff(out.getvalue(), Path("a.odt"))


def test_kinds_are_told_by_bytes_not_names() -> None:
    assert sniff(b"%PDF-1.7", Path("a.txt")) is FileKind.PDF
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>", Path("page")) is FileKind.HTML
    assert sniff("<p>只是一段文字</p>".encode(), Path("a.htm")) is FileKind.HTML
    assert sniff("一、基本情况\n正文".encode(), Path("a.html.txt")) is FileKind.TEXT


def _telling(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if c.isdigit() or "\u4e00" <= c <= "\u9fff")


PARAGRAPH = st.text(st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                              st.sampled_from(list("0123456789，。、％ ㈠⑵"))),
                    min_size=1, max_size=40).filter(lambda t: _telling(t) != "")


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PARAGRAPH, min_size=1, max_size=6))
def test_docx_import_loses_duplicates_or_reorders_no_han_character_or_digit(
        paragraphs: list[str]) -> None:
    document = Document()
    document.add_paragraph("标题", style="Title")
    for text in paragraphs:
        document.add_paragraph(text)
    md = _import_docx(_docx_bytes(document)).markdown
    body = md.split("\n---\n", 1)[1]
    front = md.split("\n---\n", 1)[0]
    # Front matter may take a short line (a date, a byline): count it with the body.
    got = _telling(re.sub(r"^(lang|title):.*$", "", front, flags=re.M) + body)
    assert got == _telling("".join(paragraphs))


OLD_STYLE = """<html><head><meta charset="utf-8"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/n">新闻</a></div><h1>一篇老式网页</h1>
<div id="content">　　这是第一段，讲的是本市今年的粮食生产情况。<br>　　这是第二段，说的是农民收入，
比上年增长百分之五。<br><br>第三段没有缩进，但是前面有两个换行，所以也是新的一段。
<p>第四段在一个段落标签里面，内容是关于道路建设的情况说明。</p>第五段散落在段落之间，
<b>也应该</b>保留下来。</div><div class="footer">版权所有</div></body></html>"""


def test_paragraphs_set_apart_by_br_and_loose_text_between_blocks_are_kept() -> None:
    body = _import_html(OLD_STYLE).markdown.split("\n---\n", 1)[1]
    assert body.split() == ["这是第一段，讲的是本市今年的粮食生产情况。",
                            "这是第二段，说的是农民收入，比上年增长百分之五。",
                            "第三段没有缩进，但是前面有两个换行，所以也是新的一段。",
                            "第四段在一个段落标签里面，内容是关于道路建设的情况说明。",
                            "第五段散落在段落之间，也应该保留下来。"]


def test_web_page_furniture_pasted_into_a_word_file_is_dropped_and_its_date_kept() -> None:
    """An outside tester's Word file of a news page (fznews.com.cn, 2017): the page's
    `日期 来源：…` line stayed in the body with no review line, and the date was lost."""
    document = Document()
    document.add_paragraph("榕台两地青年共话发展", style="Title")
    document.add_paragraph("2017-08-02 07:37:41 来源：福州新闻网")
    body = "8月1日，第十届海峡青年节在福州开幕，两岸青年代表齐聚一堂，共同探讨融合发展。"
    document.add_paragraph(body)
    document.add_paragraph("【打印】【关闭】")
    result = _import_docx(_docx_bytes(document))
    assert "date: '2017-08-02'" in result.markdown
    assert result.markdown.split("---\n", 2)[2].strip() == body
    dropped = [flag.message for flag in result.flags if flag.message.startswith("dropped")]
    assert len(dropped) == 2 and "metadata" in dropped[0] and "tools" in dropped[1]
