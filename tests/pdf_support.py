"""PDFs for the importer's tests: HTML pages printed by Chromium, and small
magazine-like pages built with reportlab.

reportlab cannot embed Noto CJK (CFF outlines), so its pages use its built-in
Adobe CID font STSong-Light: no font file needed, text extractable by pdfminer.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest


def printed_pdfs(browser: Any, folder: Path, pages: Iterable[tuple[str, str]],
                 options: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Path]:
    """Each (name, HTML) page printed by Chromium to `folder`/name.pdf at its CSS page
    size with its backgrounds, as a reader prints it; `options`: more of `page.pdf`'s
    options for the pages it names (a header and footer, say)."""
    made: dict[str, Path] = {}
    context = browser.new_context()
    page = context.new_page()
    for name, html in pages:
        source = folder / f"{name}.html"
        source.write_text(html, encoding="utf-8")
        page.goto(source.as_uri())
        page.wait_for_load_state("load")
        made[name] = folder / f"{name}.pdf"
        page.pdf(path=str(made[name]), prefer_css_page_size=True, print_background=True,
                 **(options or {}).get(name, {}))
    context.close()
    return made


def magazine_pdf(path: Path, headline: list[str], pages: list[list[tuple[str, str]]],
                 running_head: str = "") -> None:
    """`pages`: per page, (column, text) pieces: column 'left'/'right', or 'head:SIZE'
    for a heading set in SIZE pt across the column. Text wraps at the column width."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    margin, gutter, body = 50.0, 24.0, 10.0
    column = (width - 2 * margin - gutter) / 2
    for number, pieces in enumerate(pages, start=1):
        top = height - margin
        if running_head:
            pdf.setFont("STSong-Light", 8)
            pdf.drawString(margin, height - 30, running_head)
        if number == 1:
            for line in headline:
                pdf.setFont("STSong-Light", 26)
                pdf.drawString(margin, top - 26, line)
                top -= 36
            top -= 10
        cursor = {"left": top, "right": top}
        for where, text in pieces:
            side = "right" if where.endswith("right") else "left"
            x = margin if side == "left" else margin + column + gutter
            size = float(where.split(":")[1]) if where.startswith("head:") else body
            pdf.setFont("STSong-Light", size)
            per_line = int(column // size)
            indent = 0 if size != body or text.startswith("~") else 2
            text = text.lstrip("~")
            first, rest = text[: per_line - indent], text[per_line - indent:]
            chunks = [first] + [rest[i:i + per_line] for i in range(0, len(rest), per_line)]
            y = cursor[side] - (size * 0.6 if size != body else 0)
            for position, chunk in enumerate(chunks):
                y -= size * 1.5
                pdf.drawString(x + (indent * size if position == 0 else 0), y, chunk)
            cursor[side] = y - (size * 0.8 if size != body else 0)
        pdf.setFont("STSong-Light", 9)
        pdf.drawCentredString(width / 2, 30, str(number))
        pdf.showPage()
    pdf.save()


def libreoffice_pdf(folder: Path, name: str, make: Callable[[Path], None]) -> Path:
    """`make` writes `folder/name.docx`; LibreOffice Writer exports it to PDF, as a Word
    file reaches an editor (skips where LibreOffice is not installed)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    make(folder / f"{name}.docx")
    done = subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                           "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                           str(folder / f"{name}.docx")], capture_output=True, text=True,
                          timeout=300)
    pdf = folder / f"{name}.pdf"
    if done.returncode or not pdf.exists():
        pytest.skip(f"LibreOffice Writer could not export the file: {done.stderr.strip()}")
    return pdf
