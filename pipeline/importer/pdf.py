"""A PDF by its layout (PDFium characters, pdfplumber for ruled tables): lines in reading order with evidence.

Every character comes with its font, size and position. From them: lines (characters on
one baseline, split where a gutter separates columns), the body size, the columns of each
page (the x-ranges body lines cover, with the gutters between them), reading order (text
spanning the columns cuts the page into bands; in a band each column top to bottom),
first-line indents and the room left at the end of a line (a paragraph's last line stops
short), captions (small type under a grey photo box), page-margin furniture, pull quotes
(display type inside a column repeating the body), drop caps, and ruled tables
(pdfplumber's table finder). The structure stage reads these as evidence.
"""

from __future__ import annotations

import itertools
import logging
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from ..cjk import is_cjk
from ..errors import PipelineError
from .lines import Line, Role
from .pdfgrid import aligned_tables, put_to_editor
from .pdfink import weigh_lines
from .pdfmarks import mark_captions, mark_margins, mark_masthead, mark_pull_quotes
from .pdfpage import Box, Char, PageData, read_pages
from .pdftables import Rows, join_continued_tables, ruled_tables
from .report import ImportResult

Column = tuple[float, float]


RUN_GAP = 1.2          # ems: a wider gap between characters on a baseline is a gutter
PARAGRAPH_GAP = 1.35   # × the usual line pitch: a wider gap separates blocks
GUTTER_SHARE = 0.25    # lines crossing a gutter: fewer than this share of its columns' lines


@dataclass
class Run:
    """Characters on one baseline with no gutter between them."""

    chars: list[Char]
    page: int
    column: int = -1       # index into the page's columns, -1: spans them
    role: Role | None = None
    cells: tuple[tuple[str, ...], ...] = ()
    aligned: bool = False  # a table found by its cells' alignment, not by its ruling
    text: str = field(init=False)
    size: float = field(init=False)
    bold: bool = field(init=False)
    weighed: bool = field(init=False)
    top: float = field(init=False)       # kept, not derived: sorts and searches ask often
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        self.measure()

    def measure(self) -> None:
        """Text, size and weight from the characters (again after they change). The size
        is the CJK characters' where there are any: Latin letters and digits often come
        from a fallback font whose box is taller at the same type size."""
        self.text = _run_text(self.chars)
        visible = [c for c in self.chars if not c.text.isspace()]
        sizes = [c.size for c in visible if is_cjk(c.text)] or [c.size for c in visible]
        # PDFium boxes a flat glyph opening a line (一 of 一半, 一、) by its ink, not its font
        sizes = [size for size in sizes if size >= 0.5 * max(sizes)]
        self.size = round(statistics.median(sizes or [10.0]), 1)
        self.bold = sum(c.bold for c in visible) > len(visible) / 2
        self.weighed = any(c.named for c in visible)   # else measured (`pdfink`)
        self.top = min(c.top for c in self.chars)
        self.bottom = max(c.bottom for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1


SPACE_GAP = 0.18   # ems beyond a line's usual gap between Chinese characters: a space


def _cjk_gaps(chars: list[Char]) -> tuple[float, float]:
    """The em of a run's Chinese characters and their usual gap (the median), measured
    centre to centre: PDFium boxes some glyphs (日, 目) narrower than their em."""
    cjk = [c for c in chars if is_cjk(c.text)]
    if len(cjk) < 2:
        return 10.0, 0.0
    em = statistics.median(c.size for c in cjk)
    gaps = sorted(_gap(a, b, em) for a, b in itertools.pairwise(chars)
                  if is_cjk(a.text) and is_cjk(b.text))
    return em, (gaps[len(gaps) // 2] if gaps else 0.0)


def _gap(a: Char, b: Char, em: float) -> float:
    return (b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2 - em


def _wide(a: Char, b: Char, em: float, usual: float) -> bool:
    return _gap(a, b, em) > usual + SPACE_GAP * em


def _latin_gap(last: str, a: Char, b: Char) -> bool:
    """Two Latin words (or numbers) a gap parts with no space character between."""
    return (not is_cjk(last) and not is_cjk(b.text[0]) and last.isalnum()
            and b.text[0].isalnum() and b.x0 - a.x1 > 0.2 * b.size)


def _run_text(chars: list[Char]) -> str:
    """Characters as written: no space a justified line's spacing would suggest, one space
    where the PDF has one, or where a gap between two Chinese characters is wider than
    the line's others by a space's width (Chromium sets `记者 王小明` with no space
    character: PDFium only makes one up), or between two Latin words with none."""
    out: list[str] = []
    previous: Char | None = None
    em, usual = _cjk_gaps(chars)
    for char in chars:
        text = char.text
        if text.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            previous = None
            continue
        if out and out[-1] != " " and (char.space_before or (previous is not None and (
                _wide(previous, char, em, usual) if is_cjk(previous.text) and is_cjk(text)
                else _latin_gap(out[-1][-1], previous, char)))):
            out.append(" ")   # a space PDFium saw between Han, or one the gap shows
        out.append(text)
        previous = char
    return "".join(out).strip()


def _baselines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped by baseline (within a fifth of their size)."""
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.baseline, c.x0)):
        if rows and char.baseline - rows[-1][-1].baseline <= 0.2 * char.size:
            rows[-1].append(char)
        else:
            rows.append([char])
    return rows


def _runs(chars: list[Char], page: int) -> list[Run]:
    rows = _baselines(chars)
    gutters = _narrow_gutters(rows)
    runs: list[Run] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        current: list[Char] = []
        for char in row:
            if current and (char.x0 - current[-1].x1 > RUN_GAP * char.size or any(
                    current[-1].x1 <= x <= char.x0 for x in gutters)):
                runs.append(Run(current, page))
                current = []
            current.append(char)
        if current:
            runs.append(Run(current, page))
    return [run for run in runs if run.text]


GUTTER_MIN = 0.5     # ems: the narrowest gutter between columns
GUTTER_ROWS = 0.05   # of the lines: at most this many may cross a gutter (a headline)


def _narrow_gutters(rows: list[list[Char]]) -> list[float]:
    """The middles of gutters narrower than a run's gap (columns set a space apart): an
    x-range of the page no line's characters cover, with text on both sides of it on
    most lines."""
    if len(rows) < 6:
        return []
    em = statistics.median(c.size for row in rows for c in row)
    left = int(min(c.x0 for row in rows for c in row))
    right = int(max(c.x1 for row in rows for c in row)) + 1
    cover = [0] * (right - left + 1)
    for row in rows:
        for x in {x for c in row for x in range(int(c.x0) - left, int(c.x1) - left)}:
            cover[x] += 1
    most = max(cover)
    gutters: list[float] = []
    start: int | None = None
    for x, count in enumerate(cover):
        if count <= max(1.0, GUTTER_ROWS * len(rows)):
            start = x if start is None else start
            continue
        if start is not None and start > 0 and x - start >= GUTTER_MIN * em and \
                max(cover[:start]) >= most / 2 and max(cover[x:]) >= most / 2:
            gutters.append(left + (start + x) / 2)
        start = None
    return gutters


def _columns(runs: list[Run], body: float) -> list[Column]:
    """The page's columns: x-ranges covered by body lines, split at gutters nobody crosses."""
    body_runs = [r for r in runs if abs(r.size - body) < 0.6 and len(r.text) >= 4]
    if not body_runs:
        return []
    left = int(min(r.x0 for r in body_runs))
    right = int(max(r.x1 for r in body_runs)) + 1
    cover = [0] * (right - left + 1)
    for run in body_runs:
        for x in range(int(run.x0) - left, int(run.x1) - left):
            cover[x] += 1
    floor = max(1, len(body_runs) // 25)
    # a gutter may be crossed by a few lines set across the columns (a centred document
    # number or byline under the headline): it is still one where the lines either side
    # outnumber those crossing it many times over
    left_peak = list(itertools.accumulate(cover, max))
    right_peak = list(itertools.accumulate(reversed(cover), max))[::-1]
    spans: list[list[int]] = []           # x-ranges covered by enough body lines
    for x, count in enumerate(cover):
        if count < floor or GUTTER_SHARE * min(left_peak[x], right_peak[x]) > count:
            continue
        if spans and x - spans[-1][1] < 0.8 * body:
            spans[-1][1] = x + 1           # a narrow gap (a short line's end) is no gutter
        else:
            spans.append([x, x + 1])
    columns = [(float(left + a), float(left + b)) for a, b in spans]
    return [c for c in columns if c[1] - c[0] >= 6 * body] or [(float(left), float(right))]


def _assign(run: Run, columns: list[Column]) -> int:
    slack = run.size
    for index, (x0, x1) in enumerate(columns):
        if run.x0 >= x0 - slack and run.x1 <= x1 + slack:
            return index
    return -1


def _reading_order(runs: list[Run]) -> list[Run]:
    """Spanning runs cut the page into bands; in a band, each column top to bottom."""
    ordered: list[Run] = []
    band: list[Run] = []

    def flush() -> None:
        ordered.extend(sorted(band, key=lambda r: (r.column, r.top, r.x0)))
        band.clear()

    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        if run.column < 0 and run.role is not Role.MARGIN:
            flush()
            ordered.append(run)
        else:
            band.append(run)
    flush()
    heads = [r for r in ordered if r.role is Role.MARGIN and r.top < ordered[0].bottom]
    return heads + [r for r in ordered if r not in heads]


def _inside(char: Char, box: Box) -> bool:
    x0, top, x1, bottom = box
    return (x0 - 1 <= char.x0 and char.x1 <= x1 + 1 and top - 1 <= char.top
            and char.bottom <= bottom + 1)


def _table_run(chars: list[Char], page: int, rows: Rows) -> Run:
    run = Run(chars[:1], page, role=Role.TABLE, cells=rows)
    run.text = " ".join(cell for row in rows for cell in row if cell)
    return run


def _page_runs(page: PageData, tables: list[tuple[Box, Rows]]) -> list[Run]:
    """The page's runs, each ruled table one run of its cells, and each table aligned
    without ruling one too (marked `aligned`: put to the editor)."""
    chars = [c for c in page.chars if not any(_inside(c, box) for box, _ in tables)]
    runs = _runs(chars, page.number)
    for box, rows in tables:
        inside = [c for c in page.chars if _inside(c, box)]
        if inside:
            runs.append(_table_run(inside, page.number, rows))
    for grid in aligned_tables(runs, page.across):
        used = {id(run) for run in grid.runs}
        first = min(grid.runs, key=lambda r: (r.top, r.x0))
        table = _table_run(first.chars, page.number, grid.rows)
        table.aligned = True
        runs = [run for run in runs if id(run) not in used] + [table]
    return runs


def _merge_drop_caps(runs: list[Run], body: float) -> list[Run]:
    kept: list[Run] = []
    for run in runs:
        if len(run.text) == 1 and run.size >= body * 1.8 and is_cjk(run.text):
            beside = [r for r in runs if r is not run and r.top >= run.top - body
                      and r.top < run.bottom and 0 <= r.x0 - run.x1 < 2 * body]
            if beside:
                first = min(beside, key=lambda r: r.top)
                first.chars = [*run.chars, *first.chars]
                first.measure()
                continue
        kept.append(run)
    return kept


def _body_size(pages: list[list[Run]]) -> float:
    weights: Counter[float] = Counter()
    for runs in pages:
        for run in runs:
            if run.role is None:
                weights[run.size] += len(run.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _lines(pages: list[list[Run]], columns: list[list[Column]],
           body: float) -> list[Line]:
    pitches = [b.top - a.top for runs in pages for a, b in itertools.pairwise(runs)
               if a.column == b.column >= 0 and abs(a.size - body) < 0.6
               and abs(b.size - body) < 0.6 and 0 < b.top - a.top < 3 * body]
    # the pitch inside a paragraph: the lower quartile, as space after paragraphs (a
    # word processor's) widens many of the pitches where paragraphs are short
    pitch = (statistics.quantiles(pitches, n=4)[0] if len(pitches) >= 2 else
             pitches[0] if pitches else 1.6 * body)
    lines: list[Line] = []
    for runs, page_columns in zip(pages, columns, strict=True):
        previous: Run | None = None
        for run in runs:
            if run.column >= 0:
                left, right = page_columns[run.column]
            else:
                left, right = min(c[0] for c in page_columns), max(c[1] for c in page_columns)
            em = run.size or body
            gap = (previous is None or previous.column != run.column
                   or run.top - previous.top > PARAGRAPH_GAP * max(pitch, em * 1.2)
                   or run.top < previous.top or previous.role != run.role
                   or abs(previous.size - run.size) > 0.5)
            indent = max(0, round(2 * (run.x0 - left) / em))
            room = max(0.0, (right - run.x1) / em)
            lines.append(Line(len(lines) + 1, run.text, indent, run.page, run.size, gap,
                              run.bold if run.weighed else None, round(room, 1), run.role,
                              run.cells))
            previous = run
    return lines


def pdf_lines(data: bytes, path: Path, result: ImportResult | None = None) -> list[Line]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pages = read_pages(data)
        tables = ruled_tables(data, pages)
    except pdfium.PdfiumError as exc:   # PDFium says what is wrong (Data format error)
        raise PipelineError(f"cannot read this PDF: it is damaged or cut short ({exc})",
                            path) from None
    except Exception as exc:  # damaged files raise many kinds
        raise PipelineError(f"cannot read this PDF ({type(exc).__name__})", path) from None
    page_runs = [_page_runs(page, tables.get(page.number, [])) for page in pages]
    body = _body_size(page_runs)
    columns: list[list[Column]] = []
    for page, runs in zip(pages, page_runs, strict=True):
        mark_captions(runs, page, body)
        mark_margins(runs, page.height, body)
        mark_masthead(runs, body)
        page_columns = _columns([r for r in runs if r.role is None], body)
        columns.append(page_columns or [(0.0, page.width)])
        for run in runs:
            if run.role is not Role.MARGIN:
                run.column = _assign(run, columns[-1])
    ordered = [_reading_order(_merge_drop_caps(runs, body)) for runs in page_runs]
    mark_pull_quotes(ordered, body)
    runs = [run for runs in ordered for run in runs]
    lines = weigh_lines(data, _lines(ordered, columns, body), runs, body)
    if result is not None:
        put_to_editor(lines, runs, result)
    lines = join_continued_tables(lines, result)
    if not lines:
        raise PipelineError("no text in this PDF (a scan? run OCR first)", path)
    return lines

