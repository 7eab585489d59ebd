"""Tables in a PDF with no ruling between their columns: cells set at the same x-places row after row.

Statistics releases and pages printed from the web set tables with rules only between
rows (or only the three of a 三线表, or none): pdfplumber's table finder needs ruling both
ways and finds nothing, and each cell became a paragraph. Here a table is three or more
lines one under another, each cut by gutters into three or more short cells; its columns
are the x-ranges those cells cover; a cell wrapped over lines is joined, by the rules
between rows where there are such, else to the row it stands beside. Each table found
this way is put to the editor (table or lines).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..cjk import is_cjk
from .lines import Line
from .pdfpage import Char, Rule
from .report import Choice, Decision, ImportResult

if TYPE_CHECKING:
    from .pdf import Run

MIN_ROWS = 3          # lines cut into cells that make a table
MIN_CELLS = 3         # cells on such a line
CELL_MAX = 24         # characters: a longer piece of text is prose, not a cell
ROW_REACH = 3.0       # ems between a table's lines, at most (a wrapped cell between rows)
HEADER_REACH = 8.0    # ems above a table's first row its top rule may stand
PROSE_SHARE = 0.3     # of the cells: more with a sentence's punctuation is text in columns
_SENTENCE = re.compile(r"[，。；！？]")


CELL_GAP = 0.6        # ems: a wider gap between characters parts two cells


@dataclass(frozen=True)
class Piece:
    """A run's part between gaps a cell's text never has (table cells can stand closer
    than the gap that parts a run)."""

    run: Run
    chars: tuple[Char, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def _cut_runs(runs: list[Run]) -> list[Piece]:
    pieces: list[Piece] = []
    for run in runs:
        parts: list[list[Char]] = [[run.chars[0]]]
        for a, b in itertools.pairwise(run.chars):
            if b.x0 - a.x1 > CELL_GAP * run.size:
                parts.append([])
            parts[-1].append(b)
        for chars in parts:
            text = run.text if len(parts) == 1 else "".join(c.text for c in chars).strip()
            if text:
                pieces.append(Piece(run, tuple(chars), text, chars[0].x0, chars[-1].x1,
                                    run.top, run.bottom, run.size))
    return pieces


@dataclass
class Grid:
    """A table found by alignment: the runs it is made of and its rows of cells."""

    runs: list[Run]
    rows: tuple[tuple[str, ...], ...]


def _text_rows(runs: list[Piece]) -> list[list[Piece]]:
    """Runs side by side on one line (their tops within a quarter of their size)."""
    rows: list[list[Piece]] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        if rows and abs(run.top - rows[-1][0].top) <= 0.25 * run.size:
            rows[-1].append(run)
        else:
            rows.append([run])
    return [sorted(row, key=lambda r: r.x0) for row in rows]


def _cut(row: list[Piece]) -> bool:
    return len(row) >= MIN_CELLS and all(len(run.text) <= CELL_MAX for run in row)


def _short(row: list[Piece]) -> bool:
    return all(len(run.text) <= CELL_MAX for run in row)


def _regions(rows: list[list[Piece]]) -> list[list[list[Piece]]]:
    """Runs of lines cut into cells, with the short lines between them (a wrapped cell)
    and a last cell's wrapped line just under the last."""
    regions: list[list[list[Piece]]] = []
    current: list[list[Piece]] = []
    pending: list[list[Piece]] = []

    def close() -> None:
        if sum(_cut(row) for row in current) >= MIN_ROWS:
            last = current[-1]
            tail = pending[:1] if pending and pending[0][0].top - max(
                r.bottom for r in last) <= 0.5 * pending[0][0].size else []
            regions.append(current + tail)

    for row in rows:
        last = (pending or current)[-1] if current else None
        near = last is not None and \
            row[0].top - max(r.bottom for r in last) <= ROW_REACH * row[0].size
        if _cut(row) and near:
            current, pending = [*current, *pending, row], []
        elif _cut(row):
            close()
            current, pending = [row], []
        elif near and _short(row):
            pending.append(row)
        else:
            close()
            current, pending = [], []
    close()
    return regions


def _header(region: list[list[Piece]], rows: list[list[Piece]],
             rules: tuple[Rule, ...]) -> list[list[Piece]]:
    """The lines between the table's top rule and its first line cut into cells: its
    header, whose cells wrap (a header cell's lines are seldom cut as a row's are)."""
    top = region[0][0].top
    left = min(run.x0 for row in region for run in row)
    right = max(run.x1 for row in region for run in row)
    reach = HEADER_REACH * region[0][0].size
    spans: dict[int, list[float]] = {}   # a rule drawn a cell at a time: its parts' reach
    for rule in rules:
        if top - reach < rule.y < top:
            span = spans.setdefault(round(rule.y), [rule.x0, rule.x1])
            span[:] = [min(span[0], rule.x0), max(span[1], rule.x1)]
    above = [y for y, (x0, x1) in spans.items() if x0 <= left + 1 and x1 >= right - 1]
    if not above:
        return region
    header = [row for row in rows if min(above) < row[0].top < top]
    return header + region if all(_short(row) for row in header) else region


def _columns(region: list[list[Piece]]) -> list[tuple[float, float]]:
    """The x-ranges the cells of the fullest lines cover (a header cell spanning two
    columns would join them), merged where they overlap."""
    counts = Counter(len(row) for row in region if _cut(row))
    most = max(count for count in counts if counts[count] >= 2) if any(
        counts[count] >= 2 for count in counts) else max(counts)
    spans = sorted((run.x0, run.x1) for row in region if len(row) == most for run in row)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def _column_of(left: float, right: float, columns: list[tuple[float, float]]) -> int:
    overlaps = [min(right, x1) - max(left, x0) for x0, x1 in columns]
    best = max(range(len(columns)), key=lambda i: overlaps[i])
    if overlaps[best] > 0:
        return best
    return min(range(len(columns)), key=lambda i: abs(columns[i][0] - left))


def _inner_rules(region: list[list[Piece]], rules: tuple[Rule, ...]) -> list[float]:
    top, bottom = region[0][0].top, max(r.bottom for r in region[-1])
    left = min(run.x0 for row in region for run in row)
    right = max(run.x1 for row in region for run in row)
    ys = sorted({round(rule.y) for rule in rules if top < rule.y < bottom
                 and rule.x0 < right and rule.x1 > left})
    return [y for y, before in zip(ys, [None, *ys], strict=False)
            if before is None or y - before > 1]


def _row_groups(region: list[list[Piece]], rules: tuple[Rule, ...],
                width: int) -> list[list[list[Piece]]]:
    """The table's rows. Rules part bands: where they part (most of) the rows, a band is
    a row; the band over the first rule is the header, one row however it wraps; in a
    band of many rows each line filling half the columns starts a row, and a line
    filling fewer joins the row nearest it (a wrapped label beside its figures)."""
    inner = _inner_rules(region, rules)
    bands: dict[int, list[list[Piece]]] = {}
    for row in region:
        middle = (row[0].top + row[0].bottom) / 2
        bands.setdefault(sum(y < middle for y in inner), []).append(row)
    ruled = len(inner) >= (sum(_cut(row) for row in region) - 1) / 2
    groups: list[list[list[Piece]]] = []
    for number in sorted(bands):
        if ruled or (number == 0 and len(bands) > 1):
            groups.append(bands[number])
        else:
            groups.extend(_by_pitch(bands[number], width))
    return groups


def _by_pitch(band: list[list[Piece]], width: int) -> list[list[list[Piece]]]:
    starts = [row for row in band if len(row) >= max(2, width / 2)] or band[:1]
    groups: dict[int, list[list[Piece]]] = {id(row): [row] for row in starts}
    for row in band:
        if id(row) not in groups:
            nearest = min(starts, key=lambda s: abs(s[0].top - row[0].top))
            groups[id(nearest)].append(row)
    return [sorted(groups[id(row)], key=lambda r: r[0].top) for row in starts]


def _joined(pieces: list[str]) -> str:
    """A cell's lines: closed up, with a space only between two Latin words."""
    out = ""
    for piece in pieces:
        if out and not is_cjk(out[-1]) and not is_cjk(piece[0]) and out[-1].isalnum() \
                and piece[0].isalnum():
            out += " "
        out += piece
    return out


def _pieces(run: Piece, columns: list[tuple[float, float]]) -> list[tuple[int, str]]:
    """A run's text by column: a run crossing a gutter where its characters part (two
    header cells closer than a run's gap) is cut there; one spanning columns unbroken
    (a header over two) stays whole, in the first."""
    bounds = [x0 - 0.5 * run.size for x0, _ in columns[1:]]
    pieces: list[list[Char]] = [[run.chars[0]]]
    for a, b in itertools.pairwise(run.chars):
        parted = b.x0 - a.x1 > 0.3 * run.size
        if parted and any(a.x1 <= bound <= b.x0 + 0.5 * run.size for bound in bounds):
            pieces.append([])
        pieces[-1].append(b)
    if len(pieces) == 1:
        return [(_column_of(run.x0, run.x1, columns), run.text)]
    return [(_column_of(chars[0].x0, chars[-1].x1, columns),
             "".join(c.text for c in chars).strip()) for chars in pieces]


def _rows(groups: list[list[list[Piece]]],
          columns: list[tuple[float, float]]) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = []
    for group in groups:
        cells: list[list[str]] = [[] for _ in columns]
        for line in group:
            for run in line:
                for column, text in _pieces(run, columns):
                    cells[column].append(text)
        rows.append(tuple(_joined(pieces) for pieces in cells))
    return tuple(rows)


def _prose(region: list[list[Piece]]) -> bool:
    """Text set in columns side by side: many of its pieces hold a sentence's marks."""
    pieces = [run.text for row in region for run in row]
    return sum(bool(_SENTENCE.search(text)) for text in pieces) > PROSE_SHARE * len(pieces)


def aligned_tables(runs: list[Run], rules: tuple[Rule, ...]) -> list[Grid]:
    """The page's tables set without ruling between columns (runs of no role yet)."""
    grids: list[Grid] = []
    lines = _text_rows(_cut_runs([run for run in runs if run.role is None]))
    for region in _regions(lines):
        region = _header(region, lines, rules)
        if _prose(region):
            continue
        columns = _columns(region)
        if len(columns) < MIN_CELLS:
            continue
        rows = _rows(_row_groups(region, rules, len(columns)), columns)
        if len(rows) >= MIN_ROWS:
            used = {id(piece.run): piece.run for row in region for piece in row}
            grids.append(Grid(list(used.values()), rows))
    return grids


def put_to_editor(lines: list[Line], runs: list[Run], result: ImportResult) -> None:
    """Each table found by alignment alone, put to the editor (one line a run)."""
    for line, run in zip(lines, runs, strict=True):
        if run.aligned:
            rows = tuple(" ".join(cell for cell in row if cell) for row in run.cells)
            result.decisions.append(Decision(Choice.TABLE, line.number, rows[0], rows=rows,
                                             page=line.page))
            result.flag(line.number, f"a table of {len(run.cells)} rows rebuilt from text "
                        "set in columns (no ruling between them): check its rows and cells, "
                        "or make it lines")
