"""Tables in a PDF: ruled tables by pdfplumber's table finder, and a table's parts that page breaks cut joined again.

pdfminer (under pdfplumber) reads a page ten times slower than PDFium, so only the
pages with ruling are read for tables. A table that ends its page and one with as many
columns atop the next are one table; the join is put to the editor.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace

from .lines import PAGE_NUMBER, RUNNING_HEAD_MAX, Line, Role
from .normalize import normalise_text
from .pdfpage import Box, PageData
from .report import ImportResult

Rows = tuple[tuple[str, ...], ...]
_DIGITS = re.compile(r"\d+")


def ruled_tables(data: bytes, pages: list[PageData]) -> dict[int, list[tuple[Box, Rows]]]:
    """Ruled tables by pdfplumber's table finder, on the pages that have ruling at all
    (reading a page with pdfminer is slow: only where a table can be)."""
    wanted = [page.number for page in pages if page.rules >= 4]
    found: dict[int, list[tuple[Box, Rows]]] = {}
    if not wanted:
        return found
    import pdfplumber  # here: importing it costs a third of a second a file without ruling
    with pdfplumber.open(io.BytesIO(data), pages=[n + 1 for n in wanted]) as pdf:
        for number, page in zip(wanted, pdf.pages, strict=True):
            for table in page.find_tables():
                rows = tuple(tuple(normalise_text(" ".join((cell or "").split())) for cell in row)
                             for row in table.extract())
                rows = tuple(row for row in rows if any(row))
                if len(rows) >= 2 and max(len(row) for row in rows) >= 2:
                    found.setdefault(number, []).append((table.bbox, rows))
    return found


def join_continued_tables(lines: list[Line], result: ImportResult | None) -> list[Line]:
    """A ruled table that ends its page and one with as many columns that starts the
    next are one table a page break cut (its header row, when repeated, said once); the
    join is put to the editor."""
    repeats: dict[str, set[int]] = {}
    for line in lines:
        if line.role is None and len(line.text) <= RUNNING_HEAD_MAX:
            repeats.setdefault(_DIGITS.sub("#", line.text), set()).add(line.page)
    out: list[Line] = []
    last: int | None = None       # index in `out` of the last line that is not furniture
    page = -1                     # the page that line ends on (a table may run over pages)
    for line in lines:
        before = out[last] if last is not None else None
        if (last is not None and before is not None and before.role is Role.TABLE
                and line.role is Role.TABLE
                and line.page == page + 1 and line.cells and before.cells
                and len(line.cells[0]) == len(before.cells[0])):
            rows = line.cells[1:] if line.cells[0] == before.cells[0] else line.cells
            cells = before.cells + rows
            out[last] = replace(before, cells=cells,
                                text=" ".join(cell for row in cells for cell in row if cell))
            if result is not None:
                result.flag(before.number, f"a table cut by a page break joined as one table "
                            f"(its rest from page {line.page + 1}); if they are two tables, "
                            "split it before the row that starts that page")
            page = line.page
            continue
        out.append(line)
        # page furniture at body size (a Word file's header, its PAGE field) between the
        # parts: a folio, or a line every page repeats
        furniture = line.role is Role.MARGIN or PAGE_NUMBER.match(line.text) or (
            line.role is None and len(repeats.get(_DIGITS.sub("#", line.text), ())) > 1)
        if not furniture:
            last, page = len(out) - 1, line.page
    return out
