"""Tables in extracted text: figures set in columns (layout text) or one figure a line
(plain extraction), and list tables whose rows count 1, 2, 3, in text and in a PDF
without ruling.

A text dump keeps no ruling, and its header rows wrap over several lines, so rows and
cells cannot be rebuilt with certainty: the lines of a table are found, kept as lines
(never reflowed into a paragraph nor read as headings), and put to the editor with
their line range. A PDF's ruled tables are rebuilt from the PDF instead (`pdf`); its
unruled ones, cell by cell, are found here as in plain text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .layout import width
from .lines import Line, Role
from .patterns import numbering
from .report import Choice, Decision, ImportResult

_CELL_GAP = re.compile(r"\s{2,}|[\t\u3000]+")   # a tab parts cells too (a pasted table)
_FIGURE = re.compile(r"^[-+−]?\d[\d,，.．]*%?$")
_SERIAL = re.compile(r"^(\d{1,3})(?:\s+(.*))?$")   # a row's serial number, its cells after it
_SENTENCE = re.compile(r"[，。；！？：,;!?:]")
_CLAUSE_END = re.compile(r"[。；！？：;!?:]")
ROW_CELLS = 3          # cells in a row of figures set in columns
ROW_FIGURES = 2        # ... of which figures
MIN_ROWS = 3           # rows of figures that make a table
MIN_FIGURE_LINES = 6   # one-figure lines in a row that make a table (plain extraction)
TIGHT_SHARE = 0.4      # figures among the words of a tight row
LABEL_MAX = 16         # characters: a row label or header cell standing on its own line
REACH = 3              # lines of labels a table may hold between its rows
HEADER_REACH = 48      # lines of header cells above its first row of figures (10 columns, 3-4 lines each, one cell a line)
PROSE_END = ("。", "！", "？", "；", "：", ":")


def cells(text: str) -> list[str]:
    return [cell for cell in _CELL_GAP.split(text.strip()) if cell]


def _is_row(text: str) -> bool:
    """Cells apart by 2+ spaces with figures among them; or, where the extraction closed
    the gaps to one space (tight tables), short words of which many are figures."""
    parts = cells(text)
    if len(parts) >= ROW_CELLS:
        return sum(bool(_FIGURE.match(p)) for p in parts) >= ROW_FIGURES
    words = text.split()
    figures = sum(bool(_FIGURE.match(w)) for w in words)
    return (len(words) >= ROW_CELLS and figures >= ROW_FIGURES
            and figures >= TIGHT_SHARE * len(words) and max(map(len, words)) <= LABEL_MAX)


def _is_figure(text: str) -> bool:
    """One figure a line, or a row label with its figure (电力、热力、燃气及水生产 83964.4)."""
    words = text.split()
    return (len(words) == 1 or (len(words) == 2 and len(words[0]) <= LABEL_MAX)) \
        and _FIGURE.match(words[-1]) is not None


def _serial(text: str) -> int | None:
    """The serial number a list-table's row starts with (1 吉林省 长白山旅游度假区; or the
    number alone, its cells on the next lines), when the rest is short cells, no sentence."""
    match = _SERIAL.match(text.strip())
    if match is None:
        return None
    rest = (match.group(2) or "").split()
    if _SENTENCE.search(match.group(2) or "") or any(len(word) > 2 * LABEL_MAX for word in rest):
        return None
    return int(match.group(1))


def list_rows(lines: list[Line]) -> set[int]:
    """Indexes of the lines of a list table's body: rows starting with serial numbers that
    count up by one, each a few lines after the last (a name list: 序号 单位名称 ...), with
    the cells between them and as many after the last. Page numbers count up too, but a
    page of text apart."""
    found: set[int] = set()
    run: list[int] = []
    last = 0
    for index, line in enumerate(lines):
        number = _serial(line.text)
        if number is None:
            continue
        if not (run and number == last + 1 and index - run[-1] <= REACH + 1):
            run = []
        run.append(index)
        last = number
        if len(run) >= MIN_ROWS:
            step = run[-1] - run[-2]      # the last row has as many lines as the one before
            found.update(range(run[0], min(len(lines), run[-1] + step)))
    return found


ALIGN = 2        # display columns a cell's start may stray from its column's
HEADER_ALIGN = 6  # ... a header cell's (centred over its column)
FULL_SHARE = 2 / 3   # rows of a grid with every cell filled, at least
CELL_RUN_MIN = 6  # short lines in a row, unpunctuated: a table read one cell a line
CELL_SHARE = 0.6  # ... each at most this share of the text's measure


def _spans(line: Line) -> list[tuple[int, str]]:
    """A layout line's cells with the display column each starts at."""
    found, last = [], 0
    for gap in [*_CELL_GAP.finditer(line.text), None]:
        end = gap.start() if gap else len(line.text)
        if line.text[last:end].strip():
            found.append((line.indent + width(line.text[:last]), line.text[last:end].strip()))
        last = gap.end() if gap else last
    return found


def _column(start: int, columns: list[int], room: int = ALIGN) -> int | None:
    nearest = min(range(len(columns)), key=lambda i: abs(columns[i] - start))
    return nearest if abs(columns[nearest] - start) <= room else None


def _columns(spans: list[list[tuple[int, str]]]) -> list[int]:
    """Where the columns start: the median start of each cell over the body's widest rows
    (a header's cells may be centred over their columns)."""
    body = spans[1:] if len(spans) > 1 else spans
    most = max(map(len, body))
    widest = [row for row in body if len(row) == most]
    return [sorted(row[k][0] for row in widest)[len(widest) // 2] for k in range(most)]


def _grid(lines: list[Line]) -> tuple[tuple[str, ...], ...] | None:
    """Layout lines in aligned columns -> rows of cells: the columns are where the widest
    row's cells start; a line starting right of the first column holds the wrapped rest
    of the row above (`推行企业开办全程` / `网上办理`). None unless every cell of every line
    starts at a column, at most one a column, and three rows or more."""
    if not lines or any(line.gap_before for line in lines[1:]):
        return None
    spans = [_spans(line) for line in lines]
    columns = _columns(spans)
    if len(columns) < 2:
        return None
    rows: list[list[str]] = []
    for at, cells_ in enumerate(spans):
        # A header with a cell for each column names them in order (its cells set left
        # over right-aligned figures); another header's cells sit near their columns.
        placed = (list(range(len(columns))) if at == 0 and len(cells_) == len(columns) else
                  [_column(start, columns, HEADER_ALIGN if at == 0 else ALIGN)
                   for start, _ in cells_])
        if None in placed or len(set(placed)) < len(placed):
            return None
        if placed[0] == 0 or not rows:
            rows.append([""] * len(columns))
        for column, (_, text) in zip(placed, cells_, strict=True):
            assert column is not None
            glue = " " if rows[-1][column][-1:].isascii() and rows[-1][column][-1:].isalnum() \
                and text[0].isascii() and text[0].isalnum() else ""
            rows[-1][column] += glue + text
    full = sum(all(row) for row in rows)
    if len(rows) < MIN_ROWS or full < MIN_ROWS - 1 or full < FULL_SHARE * len(rows) \
            or any(_merged(cell) for row in rows for cell in row):
        return None   # cells the gaps did not part: not a grid to trust
    return tuple(tuple(row) for row in rows)


def _merged(cell: str) -> bool:
    """Two figures one space apart in a cell: two cells a tight line ran together
    (东区 1203.5 6.2), where a figure and its unit (2024 年 6 月) are one."""
    words = cell.split()
    return any(_FIGURE.match(a) and _FIGURE.match(b) for a, b in itertools.pairwise(words))


def _aligned_runs(lines: list[Line], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of layout lines in two or more aligned columns of short cells, no figures
    needed (a roster: 组长  张建国  市政府副市长): tables a grid holds."""
    found: list[tuple[int, int]] = []
    busy = {index for start, end in taken for index in range(start, end)}
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and end not in busy and lines[end].role is None and \
                (len(_spans(lines[end])) >= 2 if end == index else not lines[end].gap_before) \
                and _cell_line(lines[end]):
            end += 1
        if end - index >= MIN_ROWS and _grid(lines[index:end]) is not None:
            found.append((index, end))
        index = max(end, index + 1)
    return found


def _cell_line(line: Line) -> bool:
    """A layout line of short cells apart (or a row's wrapped rest: one short cell)."""
    parts = _spans(line)
    return all(len(text) <= 2 * LABEL_MAX and not text.endswith(PROSE_END)
               for _, text in parts) and (len(parts) >= 2 or (
                   len(line.text) <= LABEL_MAX and numbering(line.text) is None))


def _cell_runs(lines: list[Line], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Six or more short lines in a row without a mark of prose or a section's number:
    a table read one cell a line (a Word table through LibreOffice and pdftotext)."""
    found: list[tuple[int, int]] = []
    busy = {index for start, end in taken for index in range(start, end)}
    lengths = sorted(len(line.text) for line in lines)
    # Short against the text's measure: the lines of a narrow column are prose.
    longest = min(LABEL_MAX, CELL_SHARE * lengths[int(0.9 * len(lengths))]) if lengths else 0
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and end not in busy and lines[end].role is None and \
                len(lines[end].text) <= longest and _one_cell(lines[end].text):
            end += 1
        if end - index > 1 and lines[index].gap_before and not lines[index + 1].gap_before:
            index += 1    # set off above the run: the head over the table (基本情况)
        if end - index >= CELL_RUN_MIN:
            found.append((index, end))
        index = max(end, index + 1)
    return found


def _with_tail(lines: list[Line], start: int, end: int,
               regions: list[tuple[int, int]]) -> tuple[int, int]:
    """A table read one cell a line ends with its last row: a short cell right under it,
    no blank line between (a head has one over it), is the last cell's wrapped rest
    (建立涉企政策直达 / … / 快享机制)."""
    if end < len(lines) and lines[end].role is None and not lines[end].gap_before \
            and lines[end - 1].role is None and len(_spans(lines[end - 1])) <= 1 \
            and _one_cell(lines[end].text) and all(end != other for other, _ in regions):
        return start, end + 1
    return start, end


def _one_cell(text: str) -> bool:
    """A short line without a sentence's or a lead-in's mark (a cell may hold a comma)."""
    return (len(text) <= LABEL_MAX and not _CLAUSE_END.search(text) and not text.endswith(
        ("，", ",", "、")) and numbering(text) is None
            and len(cells(text)) == 1 and not re.match(r"^表\s*[\d一二三四五六七八九十]", text))


def _is_label(text: str) -> bool:
    """A header cell or a wrapped row label: short or in cells, no sentence, not a
    table's caption."""
    if re.match(r"^表\s*[\d一二三四五六七八九十]", text) or text.endswith(PROSE_END) \
            or numbering(text) is not None:   # a section's numbered head (二、重点任务)
        return False
    return len(text) <= LABEL_MAX or len(cells(text)) >= 2


def _regions(lines: list[Line]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of table lines (a line the layout placed already, as a
    ruled table or a caption, is in none)."""
    listed = list_rows(lines)
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if lines[index].role is not None or not (
                index in listed or _is_row(lines[index].text) or _is_figure(lines[index].text)):
            index += 1
            continue
        start = end = index
        rows = figures = 0
        cursor = index
        while cursor < len(lines):
            text = lines[cursor].text
            if lines[cursor].role is not None:
                break
            if cursor in listed or _is_row(text) or _is_figure(text):
                rows += _is_row(text) or (cursor in listed and _serial(text) is not None)
                figures += _is_figure(text)
                end = cursor + 1
            elif not (_is_label(text) and cursor - end < REACH):
                break
            cursor += 1
        if rows >= MIN_ROWS or figures >= MIN_FIGURE_LINES:
            while start > 0 and start - 1 >= (found[-1][1] if found else 0) \
                    and _is_label(lines[start - 1].text) and index - start < HEADER_REACH \
                    and lines[start - 1].page == lines[index].page:
                start -= 1   # the header rows above the first row of figures
            found.append((start, end))
        index = max(end, index + 1)
    return found


def mark_tables(lines: list[Line], result: ImportResult) -> list[Line]:
    """Lines of a table guessed from the text get role TABLE_GUESS, one review each; a
    layout table whose cells sit in aligned columns becomes one line of role TABLE with
    its rows (a pipe table), put to the editor the same way."""
    regions = _regions(lines)
    regions += _aligned_runs(lines, regions)
    regions += _cell_runs(lines, regions)
    regions = [_with_tail(lines, start, end, regions) for start, end in regions]
    marked: list[Line | None] = list(lines)
    for start, end in sorted(regions):
        first, last = lines[start], lines[end - 1]
        grid = _grid(lines[start:end]) if any(len(_spans(line)) > 1 for line in
                                               lines[start:end]) else None
        if grid is None:
            for index in range(start, end):
                marked[index] = replace(lines[index], role=Role.TABLE_GUESS)
            made = "kept as lines, one paragraph each: make them a pipe table by hand"
        else:
            marked[start:end] = [replace(first, role=Role.TABLE, cells=grid),
                                 *[None] * (end - start - 1)]
            made = (f"made a pipe table of {len(grid)} rows from the columns: check its "
                    "cells, or make it lines")
        result.decisions.append(Decision(Choice.TABLE, first.number, first.text,
                                         rows=tuple(line.text for line in lines[start:end]),
                                         page=first.page))
        result.flag(first.number, f"lines {first.number}–{last.number} look like a table "
                    f"(cells in columns, or one a line); {made}, or join them if they are "
                    "prose")
    return [line for line in marked if line is not None]
