"""`bilingual import article.pdf`: a magazine-like page built here with reportlab."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pdf_support import magazine_pdf

from pipeline.cli import main
from pipeline.importer import import_lines
from pipeline.importer.pdf import pdf_lines

LEAD = "近年来，武汉数字经济规模持续扩大，核心产业增加值达到3038亿元，占地区生产总值比重超过一成，成为中部地区的领头羊。"
CUT_A = "武汉提出，到2025年，数字经济核心产业增加值占地区生产总值比重达到12%，全市将建成一批智算中心和工业互联网平台，"
CUT_B = "~为产业发展打下坚实基础。"
PAGE_A = "长沙的软件产业已经形成规模，全市软件企业超过五千家，从业人员二十万人，软件业务收入"
PAGE_B = "~连续五年保持两位数增长。"


@pytest.fixture(scope="module")
def magazine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "feature.pdf"
    magazine_pdf(path, ["数字经济重塑", "中部城市版图"], [
        [("left", LEAD), ("head:14", "武汉：建成数字经济一线城市"), ("left", CUT_A),
         ("right", CUT_B), ("right", PAGE_A)],
        [("left", PAGE_B), ("head:14", "长沙：打造全球研发中心城市"), ("left", LEAD)],
    ], running_head="中国经济周刊 2024年第5期")
    return path


def test_pdf_layout_gives_headline_headings_columns_and_page_breaks(magazine: Path) -> None:
    result = import_lines(pdf_lines(magazine.read_bytes(), magazine))
    md = result.markdown
    assert "title: 数字经济重塑 中部城市版图\n" in md               # display type, two lines
    assert "## 武汉：建成数字经济一线城市" in md and "## 长沙：打造全球研发中心城市" in md
    # Hard-wrapped lines reflowed; the left column continues in the right one.
    assert CUT_A + CUT_B.lstrip("~") in md
    # A paragraph over the page break, and no page numbers or running heads left.
    assert PAGE_A + PAGE_B.lstrip("~") in md
    assert "周刊" not in md and "\n1\n" not in md and "\n2\n" not in md
    kinds = {n.kind.name for n in result.changes if n.kind}
    assert {"PAGE_NUMBER", "RUNNING_HEAD", "CUT_JOINED", "REFLOWED"} <= kinds


def test_import_command_reads_a_pdf_and_keeps_it(magazine: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    assert main(["-C", str(tmp_path), "import", str(magazine), "--slug", "feature"]) == 0
    assert (tmp_path / "content" / "feature.raw.pdf").read_bytes() == magazine.read_bytes()
    md = (tmp_path / "content" / "feature.md").read_text(encoding="utf-8")
    assert md.startswith("---\n") and "## 武汉" in md
    assert "fixed: 2 page numbers removed" in capsys.readouterr().err


def test_a_damaged_pdf_is_one_line_error(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a pdf")
    assert main(["-C", str(tmp_path), "import", str(bad), "--slug", "bad"]) == 2
    err = capsys.readouterr().err
    assert "bad.pdf" in err and "Traceback" not in err
    assert not (tmp_path / "content" / "bad.md").exists()


@pytest.mark.slow  # a fresh interpreter: over a second
def test_a_pdf_without_ruling_is_read_without_loading_pdfplumber(magazine: Path) -> None:
    """pdfplumber (pdfminer under it) costs a third of a second to import: it is loaded
    only for a PDF with ruling, where its table finder is wanted."""
    code = ("import sys; from pathlib import Path; from pipeline.importer import import_file; "
            f"path = Path({str(magazine)!r}); import_file(path, path.read_bytes()); "
            "print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False", "False"]
