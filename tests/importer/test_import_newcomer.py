"""`bilingual import` on the kinds of document an outside tester brought (issue 33): an
official notice and a Traditional news page printed by Chromium, pasted web text, saved
pages and Word files with bylines and dates in their site's forms.

Each test guards one kind of defect they found; the documents are this file's own short
texts, printed or built at test time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.importer import ImportResult, import_lines
from pipeline.importer.pdf import pdf_lines

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


def _html(body: str, css: str = "") -> str:
    return (f"<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'><style>"
            f"{PAGE_CSS}{css}</style></head><body>{body}</body></html>")


@pytest.fixture(scope="module")
def printed(edition_browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each page printed to PDF by Chromium."""
    folder = tmp_path_factory.mktemp("newcomer-pdf")
    made: dict[str, Path] = {}
    context = edition_browser.new_context()
    page = context.new_page()
    for name, html in (("notice", _html(NOTICE)),):
        source = folder / f"{name}.html"
        source.write_text(html, encoding="utf-8")
        page.goto(source.as_uri())
        page.wait_for_load_state("load")
        made[name] = folder / f"{name}.pdf"
        page.pdf(path=str(made[name]), prefer_css_page_size=True, print_background=True)
    context.close()
    return made


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
