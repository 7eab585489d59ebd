"""`bilingual import` on PDFs a real engine made: Chromium printing HTML laid out as
publications set their pages (issue 33), and on poppler's `pdftotext` text of them.

Each test guards one kind of failure seen on real documents: every printed line its own
paragraph; a paragraph merged into the next because its last line ended at the measure;
columns read across; a caption, pull quote, running head or folio taken for text or a
heading; a table cell by cell. The pages are this file's own HTML, printed once per
session by Debian's Chromium with the Noto CJK fonts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdf_support import printed_pdfs

from pipeline.importer import ImportResult, import_file, import_lines, import_raw
from pipeline.importer.pdf import pdf_lines

# Each paragraph 1em per character: 18 + 20 characters fill two lines of a 20em measure
# exactly (the first line indented 2em), so its last line ends at the column's edge.
FULL = "城市更新行动持续推进，老旧小区改造惠及居民，生活质量提高，配套设施加快完善。"
NEXT = "今年以来，全市新开工改造项目一百二十个，完成投资三十五亿元，惠及群众四万余户。"
LAST = "下一步，有关部门将继续加强统筹协调，推动各项任务落实落细，确保工作取得实效。"
HEAD = "二、推进产业转型升级"
LONG = ("数字经济规模持续扩大，核心产业增加值达到三千零三十八亿元，占地区生产总值比重超过一成，"
        "成为带动全市经济增长的重要引擎。全市将建成一批智算中心和工业互联网平台，为产业发展打下"
        "坚实基础，也为中小企业数字化转型提供了有力支撑。")
QUOTE = "为产业发展打下坚实基础"
CAPTION = "图为新建成的智算中心机房。"
RUNNING = "经济观察 · 2024年第5期"

PAGE_CSS = """
@page { size: 150mm 200mm; margin: 18mm 15mm; }
body { font-family: 'Noto Serif CJK SC'; font-size: 10pt; line-height: 1.7; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
h1 { font-size: 22pt; margin: 0 0 8pt; }
h2 { font-size: 12.5pt; margin: 8pt 0 4pt; }
"""


def _html(body: str, css: str = "") -> str:
    return (f"<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'><style>"
            f"{PAGE_CSS}{css}</style></head><body>{body}</body></html>")


MEASURE = _html(f"<h1>城市更新观察</h1><div style='width:20em'><p>{FULL}</p><p>{NEXT}</p>"
                f"<h2>{HEAD}</h2><p>{LAST}</p><p>{FULL}</p><p>{LAST}</p></div>")

MAGAZINE = _html(
    "<h1>数字经济重塑城市版图</h1>"
    "<div class='cols'>"
    + f"<p>{LONG}</p>" * 3
    + f"<div class='photo'></div><p class='cap'>{CAPTION}</p>"
    + f"<p class='pull'>{QUOTE}</p>"
    + f"<p>{LONG}</p>" * 4
    + "</div>",
    ".cols { column-count: 2; column-gap: 8mm; }"
    ".photo { background: #c8c8c8; height: 90pt; margin: 6pt 0 3pt; }"
    ".cap { font-size: 8pt; text-indent: 0; color: #444; margin-bottom: 6pt; }"
    ".pull { font-size: 15pt; text-indent: 0; margin: 8pt 0; font-weight: bold; }")

# A pull quote of a whole sentence: in the body it wraps over several lines of its column,
# whose neighbours in the page's order of baselines are the other column's lines.
LONG_QUOTE = "全市将建成一批智算中心和工业互联网平台，为产业发展打下坚实基础"
QUOTED_BODY = [NEXT, LONG, LAST, FULL, NEXT, LAST, FULL, NEXT]
QUOTED = _html(
    "<h1>数字经济重塑城市版图</h1>"
    "<div class='cols'>"
    + "".join(f"<p>{text}</p>" for text in QUOTED_BODY[:3]) + f"<p class='pull'>{LONG_QUOTE}</p>"
    + "".join(f"<p>{text}</p>" for text in QUOTED_BODY[3:])
    + "</div>",
    ".cols { column-count: 2; column-gap: 8mm; }"
    ".pull { font-size: 13pt; text-indent: 0; margin: 8pt 0; }")

# Two columns whose first ends two lines into a paragraph: those two lines, with a comma
# and no final stop, look like a short head, but the last runs to the column's edge.
COLUMN_CUT = _html("<h1>数字经济重塑城市版图</h1><div class='cols'>" + f"<p>{LONG}</p>" * 5
                   + "</div>", ".cols { column-count: 2; column-gap: 8mm; }"
                   "@page { size: 150mm 114mm; }")

# A byline whose role and name a space parts: Chromium prints no space character there,
# only the gap (PDFium's made-up space is dropped with the others).
# A source's own spaces after punctuation survive too (PDFium makes up a space only
# between two Han characters).
SPACED = "据《城市更新观察 》报道： 全市新开工改造项目一百二十个。"
BYLINE = _html(f"<h1>城市更新观察</h1><p style='text-indent:0'>本报记者 王小明 李华</p>"
               f"<p>{FULL}</p><p>{NEXT}</p><p>{LAST}</p><p>{SPACED}</p>")

ROWS = [("地区", "产值（亿元）", "增长（%）"), ("东区", "1203.5", "6.2"),
        ("西区", "987.1", "5.4"), ("南区", "455.0", "7.9")]
TABLE = _html(
    "<h1>统计简报</h1>"
    f"<p>{NEXT}</p><table>"
    + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in ROWS)
    + f"</table><p>{LAST}</p>",
    "table { border-collapse: collapse; margin: 8pt 0; }"
    "td { border: 0.8pt solid #000; padding: 2pt 6pt; }")

# Monthly figures: the printed first lines differ only in their digits (not furniture).
MONTHS = [f"{m}月份，全市规模以上工业增加值同比增长{g}%，高技术制造业增加值增长{h}%，"
          "新动能持续壮大，工业经济运行总体平稳。" for m, g, h in ((1, 6.1, 9.2), (2, 5.8, 8.7),
                                                         (3, 6.4, 9.9), (4, 6.0, 8.1))]
REPEATS = _html("<h1>工业经济月报</h1>" + "".join(f"<p>{text}</p>" for text in MONTHS))

# A statistics bulletin: its section heads are numbered sentences standing alone.
SECTIONS = ["一、粮食产量稳步增长，粮食生产能力持续增强。", "二、畜牧结构日趋优化，规模化进程稳步推进。"]
BULLETIN = _html("<h1>农村经济发展报告</h1>" + "".join(
    f"<p style='text-indent:0'>{head}</p><p>{LONG}</p><p>{NEXT}</p>" for head in SECTIONS))
# A policy digest: numbered measures, each closed by the bureau in charge, many cut by
# page breaks (the rest of a line alone atop a page is not a heading).
BUREAUS = ["住房城乡建设部", "商务部、海关总署", "市场监管总局", "交通运输部、“一带一路”建设工作领导小组办公室",
           "国家发展改革委", "人力资源社会保障部、教育部"]
MEASURES = [f"（{n}）{text[:12 + 3 * i]}。（负责部门：{bureau}）" for i, (n, text, bureau) in
            enumerate(zip("一二三四五六", [NEXT, LAST, FULL, LONG, NEXT, LAST], BUREAUS, strict=True))]
DIGEST = _html("<h1>自贸试验区改革试点措施</h1>" + "".join(f"<p>{m}</p>" for m in MEASURES),
               "@page { size: 150mm 80mm; }")

# An interview set in two columns: short questions and answers with Latin words, most
# ending short of the measure (`pdftotext -layout` gives each character one cell).
TALK = ["问：您怎样看待今年的Workhorse计划？", "答：我觉得很好，大家都很努力。",
        "问：外面有个说法，指项目进度落后⋯", f"答：不会，没有什么可能。{NEXT}",
        "问：AI会改变这个行业吗？", f"答：会的，Workhorse的团队更加好。{LAST}",
        f"问：下一步呢？{FULL}", "答：继续做好本职工作。", f"问：还有什么想说的？{LONG}"]
INTERVIEW = _html("<h1>对话企业家</h1><div class='cols'>"
                  + "".join(f"<p>{text}</p>" for text in TALK * 2) + "</div>",
                  ".cols { column-count: 2; column-gap: 8mm; }")

# A news page in three narrow columns: a head wrapped over two lines, the rest centred.
WRAPPED_HEAD = "重组后两家新集团将整体上市"
COLUMNS3 = _html("<h1>电力改革再迈一步</h1><div class='cols'>"
                 + f"<p>{LONG}</p><p>{NEXT}</p><h2>{WRAPPED_HEAD}</h2><p>{LAST}</p><p>{LONG}</p>"
                 + "</div>", ".cols { column-count: 3; column-gap: 6mm; }"
                 "h2 { font-size: 10pt; text-align: center; margin: 4pt 0; }")

# The same figures without ruling, as statistics releases often set them.
UNRULED = _html(
    "<h1>统计简报</h1>"
    f"<p>{NEXT}</p><table>"
    + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in ROWS)
    + f"</table><p>{LAST}</p>", "td { padding: 2pt 12pt; }")

# A statistics release's table as printed from the web: a rule under each row (or only
# the three rules of a 三线表), header cells and a row label wrapped over two lines.
STATS_ROWS = [("分组", "营业收入1-11月（亿元）", "同比增长（%）", "利润总额1-11月（亿元）"),
              ("总计", "1143083.8", "20.3", "79750.1"),
              ("其中：采矿业", "50643.2", "42", "9920.7"),
              ("电力、热力、燃气及水生产和供应业", "83964.4", "15.7", "3700.5"),
              ("制造业", "1008476.2", "19.7", "66128.9")]
STATS_TABLE = ("<p style='text-align:center;margin-top:10pt'>表1 2021年1—11月份主要财务指标</p><table><tr>"
               + "".join(f"<th>{cell}</th>" for cell in STATS_ROWS[0]) + "</tr>"
               + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                         for row in STATS_ROWS[1:]) + "</table>")
STATS_CSS = ("table { border-collapse: collapse; font-size: 8.5pt; margin: 6pt 0; }"
             "th, td { text-align: left; font-weight: normal; padding: 2pt 6pt; }"
             "th:first-child, td:first-child { width: 7em; } th { width: 5em; }")
ROW_RULED = _html(f"<h1>统计简报</h1><p>{LONG}</p><p>{NEXT}</p>{STATS_TABLE}<p>{LAST}</p>",
                  STATS_CSS + "tr { border-bottom: 0.8pt solid #000; }"
                  "table { border-top: 1.2pt solid #000; }")
THREE_LINE = _html(f"<h1>统计简报</h1><p>{LONG}</p><p>{NEXT}</p>{STATS_TABLE}<p>{LAST}</p>",
                   STATS_CSS + "table { border-top: 1.2pt solid #000; border-bottom: 1.2pt "
                   "solid #000; } tr:first-child { border-bottom: 0.8pt solid #000; }")

# A notice's name list (the first national tourist resorts, 2015): serial numbers and
# names, no figures to tell it is a table; unruled, and ruled as such lists often are.
RESORTS = [("吉林省", "长白山旅游度假区"), ("江苏省", "汤山温泉旅游度假区"), ("江苏省", "天目湖旅游度假区"),
           ("浙江省", "东钱湖旅游度假区"), ("山东省", "凤凰岛旅游度假区"), ("河南省", "尧山温泉旅游度假区"),
           ("湖北省", "武当太极湖旅游度假区")]
NAMES_TABLE = ("<p style='text-indent:0'>附件：首批国家级旅游度假区名单</p><table><tr><th>序号</th>"
               "<th>省份</th><th>度假区名称</th></tr>" + "".join(
                   f"<tr><td>{n}</td><td>{a}</td><td>{b}</td></tr>"
                   for n, (a, b) in enumerate(RESORTS, 1)) + "</table>")
NAME_ROWS = [("序号", "省份", "度假区名称"),
             *((str(n), province, resort) for n, (province, resort) in enumerate(RESORTS, 1))]
NAMES = _html(f"<h1>国家级旅游度假区名单</h1><p>{NEXT}</p>{NAMES_TABLE}<p>{LAST}</p>",
              "td, th { padding: 2pt 12pt; }")
NAMES_RULED = _html(f"<h1>国家级旅游度假区名单</h1><p>{NEXT}</p>{NAMES_TABLE}<p>{LAST}</p>",
                    "table { border-collapse: collapse; } td, th { border: 0.8pt solid #000;"
                    " padding: 2pt 8pt; }")

# A ruled list long enough to run over two page breaks, its header row repeated atop each
# page (Chromium repeats a <thead>, as Word repeats a header row).
LONG_ROWS = [(str(n), *RESORTS[(n - 1) % len(RESORTS)]) for n in range(1, 41)]
LONG_TABLE = _html(
    f"<h1>国家级旅游度假区名单</h1><p>{NEXT}</p><table><thead><tr><th>序号</th><th>省份</th>"
    "<th>度假区名称</th></tr></thead><tbody>" + "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in LONG_ROWS)
    + f"</tbody></table><p>{LAST}</p>",
    "table { border-collapse: collapse; } td, th { border: 0.8pt solid #000; padding: 2pt 8pt; }")

# Latin compounds and ranges (AC-DC, 45-55) whose hyphen ends a line in some of these
# paragraphs: the opening grows a character a paragraph, so the break moves along.
OPENING = "这是一种被广泛应用的将交流电转化为直流电的工业电源"
HYPHENS = [f"{OPENING[:n]}生产AC-DC开关电源适配器，价格为45-55元。" for n in range(10, 20)]
HYPHENATED = _html("".join(f"<p>{text}</p>" for text in HYPHENS), "p { width: 20em; }")

HEADER = f"<div style='font-size:7pt;width:100%;text-align:center'>{RUNNING}</div>"
FOOTER = ("<div style='font-size:7pt;width:100%;text-align:center'>"
          "<span class='pageNumber'></span></div>")


@pytest.fixture(scope="module")
def printed(edition_browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each page printed to PDF by Chromium (the magazine with a running head and folio)."""
    pages = (("measure", MEASURE), ("magazine", MAGAZINE), ("table", TABLE),
             ("repeats", REPEATS), ("bulletin", BULLETIN), ("digest", DIGEST),
             ("interview", INTERVIEW), ("columns3", COLUMNS3),
             ("unruled", UNRULED), ("row_ruled", ROW_RULED), ("three_line", THREE_LINE),
             ("names", NAMES), ("names_ruled", NAMES_RULED),
             ("hyphens", HYPHENATED), ("quoted", QUOTED), ("column_cut", COLUMN_CUT),
             ("long_table", LONG_TABLE), ("byline", BYLINE))
    return printed_pdfs(edition_browser, tmp_path_factory.mktemp("chromium-pdf"), pages,
                        {"magazine": {"display_header_footer": True, "header_template": HEADER,
                                      "footer_template": FOOTER}})


def _pdf(path: Path) -> ImportResult:
    return import_lines(pdf_lines(path.read_bytes(), path))


def _pdftotext(path: Path, *options: str) -> ImportResult:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", *options, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return import_raw(text)


def _paragraphs(markdown: str) -> list[str]:
    body = markdown.split("\n---\n", 1)[1]
    return [block for block in body.strip().split("\n\n") if block]


@pytest.mark.slow
@pytest.mark.parametrize("form", ["pdf", "pdftotext", "pdftotext -layout"])
def test_a_last_line_ending_at_the_measure_does_not_merge_paragraphs(
        printed: dict[str, Path], form: str) -> None:
    path = printed["measure"]
    result = (_pdf(path) if form == "pdf" else
              _pdftotext(path, *(["-layout"] if "layout" in form else [])))
    blocks = _paragraphs(result.markdown)
    assert blocks == [FULL, NEXT, f"## {HEAD}", LAST, FULL, LAST]
    assert "title: 城市更新观察" in result.markdown


@pytest.mark.slow
@pytest.mark.parametrize("form", ["pdf", "pdftotext"])
def test_lines_repeated_on_one_page_are_not_running_heads(printed: dict[str, Path],
                                                          form: str) -> None:
    path = printed["repeats"]
    result = _pdf(path) if form == "pdf" else _pdftotext(path)
    assert _paragraphs(result.markdown) == MONTHS
    assert not any(note.kind and "running" in note.kind.value for note in result.changes)


@pytest.mark.slow
@pytest.mark.parametrize("form", ["pdf", "pdftotext", "pdftotext -layout"])
def test_numbered_sentence_heads_of_a_bulletin_are_headings(printed: dict[str, Path],
                                                             form: str) -> None:
    path = printed["bulletin"]
    result = (_pdf(path) if form == "pdf" else
              _pdftotext(path, *(["-layout"] if "layout" in form else [])))
    blocks = _paragraphs(result.markdown)
    assert [b for b in blocks if b.startswith("#")] == [f"## {head}" for head in SECTIONS]


@pytest.mark.slow
@pytest.mark.parametrize("form", ["pdf", "pdftotext", "pdftotext -layout"])
def test_measures_cut_by_page_breaks_stay_whole(printed: dict[str, Path], form: str) -> None:
    path = printed["digest"]
    result = (_pdf(path) if form == "pdf" else
              _pdftotext(path, *(["-layout"] if "layout" in form else [])))
    blocks = _paragraphs(result.markdown)
    assert [b for b in blocks if b.startswith("#")] == []
    assert blocks == MEASURES


@pytest.mark.slow
def test_columns_caption_pull_quote_and_furniture_of_a_magazine_pdf(
        printed: dict[str, Path]) -> None:
    result = _pdf(printed["magazine"])
    blocks = _paragraphs(result.markdown)
    # Every printed line joined into its paragraph, across the column break too.
    assert blocks.count(LONG) == 7
    assert f"*{CAPTION}*" in blocks                     # under the grey photo box
    assert not any(block.startswith("#") for block in blocks)   # no heading anywhere
    assert RUNNING not in result.markdown and "title: 数字经济重塑城市版图" in result.markdown
    assert not any(block.isdigit() for block in blocks)          # folios dropped
    # The pull quote repeats the body: dropped, and said so.
    assert sum(block.count(QUOTE) for block in blocks) == 7
    assert any("pull quote" in note.message for note in result.changes)
    # The paragraph over the column or page break was joined, and the editor is asked.
    assert any(re.match(r"joined across a (column|page) break", flag.message)
               for flag in result.flags)


@pytest.mark.slow
def test_a_pull_quote_of_a_sentence_wrapped_in_the_body_is_no_heading(
        printed: dict[str, Path]) -> None:
    """The quote is looked for in the body's text in reading order (each column top to
    bottom), not in the order of baselines across the page's columns."""
    result = _pdf(printed["quoted"])
    blocks = _paragraphs(result.markdown)
    assert not any(block.startswith("#") for block in blocks)
    assert "".join(blocks) == "".join(QUOTED_BODY)
    assert any("pull quote" in note.message for note in result.changes)


@pytest.mark.slow
def test_a_paragraphs_first_lines_at_a_columns_foot_join_its_rest(
        printed: dict[str, Path]) -> None:
    result = _pdf(printed["column_cut"])
    assert _paragraphs(result.markdown) == [LONG] * 5
    assert any("joined across a column break" in flag.message for flag in result.flags)


@pytest.mark.slow
def test_a_space_the_source_set_is_kept_and_a_byline_is_no_heading(
        printed: dict[str, Path]) -> None:
    result = _pdf(printed["byline"])
    assert "byline: 本报记者 王小明 李华" in result.markdown
    assert _paragraphs(result.markdown) == [FULL, NEXT, LAST, SPACED]   # justified: no space


@pytest.mark.slow
def test_short_last_lines_of_two_columns_stay_in_their_column(printed: dict[str, Path]) -> None:
    """Layout text counts a Chinese character as one cell: a column's short last line is
    followed by more spaces than a full line, and the next column still starts there."""
    result = _pdftotext(printed["interview"], "-layout")
    assert _paragraphs(result.markdown) == TALK * 2


@pytest.mark.slow
def test_a_head_wrapped_in_a_narrow_column_is_one_heading(printed: dict[str, Path]) -> None:
    """Its last line is centred under the first: not a second heading, not the next
    paragraph's first line."""
    result = _pdftotext(printed["columns3"], "-layout")
    assert _paragraphs(result.markdown) == [LONG, NEXT, f"## {WRAPPED_HEAD}", LAST, LONG]


@pytest.mark.slow
def test_a_ruled_table_in_a_pdf_is_a_pipe_table(printed: dict[str, Path]) -> None:
    result = _pdf(printed["table"])
    table = "\n".join("| " + " | ".join(row) + " |" for row in ROWS[1:])
    assert "| 地区 | 产值（亿元） | 增长（%） |\n|---|---|---|\n" + table in result.markdown
    assert _paragraphs(result.markdown)[0] == NEXT and LAST in result.markdown


def _pipe(rows: list[tuple[str, ...]]) -> str:
    head, *rest = rows
    return "\n".join([f"| {' | '.join(head)} |", "|" + "---|" * len(head),
                      *(f"| {' | '.join(row)} |" for row in rest)])


@pytest.mark.slow
@pytest.mark.parametrize(("name", "rows"), [("unruled", ROWS), ("row_ruled", STATS_ROWS),
                                            ("three_line", STATS_ROWS),
                                            ("names", NAME_ROWS)])
def test_a_table_without_ruling_between_columns_is_a_pipe_table_put_to_the_editor(
        printed: dict[str, Path], name: str, rows: list[tuple[str, ...]]) -> None:
    """Cells aligned in columns with no rule between them (none at all, a rule under each
    row, or a 三线表's three): each cell was a paragraph; a header cell or a row label
    wrapped over two lines is one cell."""
    path = printed[name]
    result = import_file(path, path.read_bytes())
    blocks = _paragraphs(result.markdown)
    assert NEXT in blocks and blocks[-1] == LAST
    assert _pipe(rows) in blocks
    assert not any(block.startswith("#") for block in blocks)
    assert any("rebuilt from text set in columns" in flag.message for flag in result.flags)
    assert any(d.choice.name == "TABLE" for d in result.decisions)


@pytest.mark.slow
def test_a_table_in_layout_text_is_kept_as_lines_and_put_to_the_editor(
        printed: dict[str, Path]) -> None:
    result = _pdftotext(printed["table"], "-layout")
    blocks = _paragraphs(result.markdown)
    assert not any(block.startswith("#") for block in blocks)
    assert any(block.split()[:3] == ["东区", "1203.5", "6.2"] for block in blocks)
    assert any("look like a table" in flag.message for flag in result.flags)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "form"), [("names", "pdftotext"),
                                            ("names", "pdftotext -layout"),
                                            ("names_ruled", "pdftotext"),
                                            ("names_ruled", "pdftotext -layout")])
def test_a_name_list_table_is_put_to_the_editor_with_its_serial_numbers(
        printed: dict[str, Path], name: str, form: str) -> None:
    """Its rows count 1, 2, 3 with no figure besides: the serial numbers standing alone
    were dropped as page numbers, the rows read as headings or run into a paragraph."""
    path = printed[name]
    result = (_pdf(path) if form == "pdf" else
              _pdftotext(path, *(["-layout"] if "layout" in form else [])))
    blocks = _paragraphs(result.markdown)
    assert not any(block.startswith("#") for block in blocks)
    assert blocks[0] == NEXT and blocks[-1] == LAST
    body = "".join(blocks)
    for number, (province, resort) in enumerate(RESORTS, 1):
        assert re.search(rf"(^|\D){number}\D*{province}\s*{resort}", body, re.M), resort
    assert any("look like a table" in flag.message for flag in result.flags)


@pytest.mark.slow
def test_a_ruled_table_cut_by_page_breaks_is_one_table(printed: dict[str, Path]) -> None:
    path = printed["long_table"]
    result = import_file(path, path.read_bytes())
    tables = [b for b in _paragraphs(result.markdown) if b.startswith("|")]
    assert len(tables) == 1
    rows = tables[0].splitlines()
    assert rows[0] == "| 序号 | 省份 | 度假区名称 |" and len(rows) == 2 + len(LONG_ROWS)
    assert rows[2:] == [f"| {' | '.join(row)} |" for row in LONG_ROWS]
    assert sum("a table cut by a page break" in flag.message for flag in result.flags) >= 1


@pytest.mark.slow
def test_a_hyphen_ending_a_line_is_kept_and_joined_closed_up(printed: dict[str, Path]) -> None:
    """PDFium marks a hyphen that ends a line with U+0002: it was read as a space (AC DC)
    or, once kept, joined with one (AC- DC)."""
    assert _paragraphs(_pdf(printed["hyphens"]).markdown) == HYPHENS
