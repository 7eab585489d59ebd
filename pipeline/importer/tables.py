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

import re
from dataclasses import replace

from .lines import Line, Role
from .report import Choice, Decision, ImportResult

_CELL_GAP = re.compile(r"\s{2,}|[\t\u3000]+")   # a tab parts cells too (a pasted table)
_FIGURE = re.compile(r"^[-+−]?\d[\d,，.．]*%?$")
_SERIAL = re.compile(r"^(\d{1,3})(?:\s+(.*))?$")   # a row's serial number, its cells after it
_SENTENCE = re.compile(r"[，。；！？：,;!?:]")
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


def _is_label(text: str) -> bool:
    """A header cell or a wrapped row label: short or in cells, no sentence, not a
    table's caption."""
    if re.match(r"^表\s*[\d一二三四五六七八九十]", text) or text.endswith(PROSE_END):
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
    """Lines of a table guessed from the text get role TABLE_GUESS, one review each."""
    marked = list(lines)
    for start, end in _regions(lines):
        for index in range(start, end):
            marked[index] = replace(marked[index], role=Role.TABLE_GUESS)
        result.decisions.append(Decision(Choice.TABLE, lines[start].number, lines[start].text,
                                         rows=tuple(line.text for line in lines[start:end]),
                                         page=lines[start].page))
        result.flag(lines[start].number,
                    f"lines {lines[start].number}–{lines[end - 1].number} look like a table "
                    "(figures in columns); kept as lines, one paragraph each: make them a pipe "
                    "table by hand, or join them if they are prose")
    return marked
