"""`pdftotext -layout` text: side-by-side columns read one after the other.

Layout text sets the columns of a page side by side on each line. The columns start
where many lines resume text after a gap; each line is cut at those places, and the
page is read as its spanning lines (a headline across the columns) and, between them,
each column top to bottom. A column's first-line indents are kept relative to it.

Places are counted in display columns (a Chinese character two) for text aligned in an
editor, but `pdftotext -layout` gives every character one cell whatever its width: a
page is measured both ways and read by the one whose column starts line up best.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

COLUMN_MIN_LINES = 4     # lines that must resume text at a place for it to be a column
COLUMN_SHARE = 0.25      # ... and at least this share of the page's lines
PROSE_WIDTH = 12         # display columns: every piece of a line of columns is prose
NEAR = 3                 # display columns: a start this close is the same column
# A single space this close before a column's edge (or one after it) is the gutter
# (tight columns): a full line of the column before ends short of the edge, as its
# glyphs are narrower than the cells pdftotext measures it in.
TIGHT_BEFORE = 5
_SPACES = re.compile(r" +")
_FIGURE_START = frozenset("0123456789%.")   # a column's line may open with a figure's rest

Numbered = tuple[int, str]   # (raw line number, text)


def width(text: str) -> int:
    """Display columns: a wide (CJK) character takes two."""
    return sum(_display(c) for c in text)


def _display(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _cell(char: str) -> int:
    return 1


Measure = Callable[[str], int]   # one character's width: display columns or cells


@dataclass(frozen=True)
class Segment:
    start: int    # display column
    end: int
    text: str     # with its leading spaces relative to the column, filled in later


def _segments(raw: str, cuts: set[int] | None = None, measure: Measure = _display
              ) -> list[Segment]:
    """Pieces of a line between gaps: 2+ spaces, or (at a known column start, `cuts`)
    a single space after a Chinese character or mark, before another or a figure (tight
    columns)."""
    pieces: list[Segment] = []
    position, start, text = 0, None, ""
    index = 0
    while index < len(raw):
        match = _SPACES.match(raw, index)
        if match:
            after = position + (match.end() - index)
            # (the text before it a column's line of prose, not a centred issuer and
            # its date, 国家统计局 2018-08-27, that happens to end near the gutter)
            single = (match.end() - index == 1 and cuts is not None
                      and start is not None and position - start >= PROSE_WIDTH
                      and any(-TIGHT_BEFORE <= after - cut <= 1 for cut in cuts)
                      and index > 0 and match.end() < len(raw)
                      and _display(raw[index - 1]) == 2 and (
                          _display(raw[match.end()]) == 2 or raw[match.end()] in _FIGURE_START))
            if (match.end() - index >= 2 or single) and start is not None:
                pieces.append(Segment(start, position, text))
                start, text = None, ""
            elif start is not None:
                text += match.group()
            position, index = after, match.end()
            continue
        if start is None:
            start = position
        text += raw[index]
        position += measure(raw[index])
        index += 1
    if start is not None:
        pieces.append(Segment(start, position, text))
    return pieces


def _column_starts(lines: list[str], measure: Measure = _display) -> list[int]:
    """Places where text resumes after a gap on many lines: the columns' left edges."""
    starts: Counter[int] = Counter()
    for raw in lines:
        pieces = _segments(raw, measure=measure)
        if len(pieces) < 2 or min(width(p.text) for p in pieces) < PROSE_WIDTH:
            continue   # a table's row or a head line with its folio, not columns of prose
        for segment in pieces[1:]:
            starts[segment.start] += 1
    needed = max(COLUMN_MIN_LINES, COLUMN_SHARE * len(lines))
    found: list[int] = []
    for place, _ in starts.most_common():
        near = sum(count for other, count in starts.items() if abs(other - place) <= NEAR)
        if near < needed:
            break
        if all(abs(place - other) > 2 * NEAR for other in found):
            found.append(min(other for other in starts if abs(other - place) <= NEAR))
    return sorted(found)


def _column_of(start: int, edges: list[int]) -> int:
    index = 0
    for number, edge in enumerate(edges):
        if start >= edge - NEAR:
            index = number
    return index


def _best_columns(lines: list[str]) -> tuple[list[int], Measure]:
    """The column edges by the measure under which more lines resume text at them."""
    by_display, by_cell = _column_starts(lines, _display), _column_starts(lines, _cell)
    if _support(lines, by_cell, _cell) > _support(lines, by_display, _display):
        return by_cell, _cell
    return by_display, _display


def _support(lines: list[str], edges: list[int], measure: Measure) -> int:
    """Pieces of lines, short ones too (a paragraph's last line), that resume at an edge."""
    return sum(1 for raw in lines for piece in _segments(raw, measure=measure)[1:]
               if any(0 <= piece.start - edge <= NEAR for edge in edges))


def page_columns(page: list[Numbered]) -> list[Numbered]:
    """A page's lines with side-by-side columns read one after the other; blank lines
    (line number 0) mark where one column ends and the next begins."""
    text = [raw for _, raw in page if raw.strip()]
    if len(text) < COLUMN_MIN_LINES:
        return page
    inner, measure = _best_columns(text)
    if not inner:
        return page
    edges = [0, *inner]
    out: list[Numbered] = []
    band: list[list[Numbered]] = [[] for _ in edges]

    def flush() -> None:
        for lines in band:
            if lines:
                out.extend([*lines, (0, "")])
            lines.clear()

    for number, raw in page:
        pieces = _segments(raw, set(inner), measure)
        if not pieces:
            for lines in band:
                if lines and lines[-1][1]:
                    lines.append((0, ""))
            continue
        first = _column_of(pieces[0].start, edges)
        spans = (len(pieces) == 1 and first + 1 < len(edges)
                 and pieces[0].end > edges[first + 1] + NEAR)
        if spans:
            flush()
            out.append((number, raw))
            continue
        merged: dict[int, Segment] = {}
        for piece in pieces:
            column = _column_of(piece.start, edges)
            if column in merged:   # a gap inside a column's line: keep it as a space
                kept = merged[column]
                merged[column] = Segment(kept.start, piece.end, f"{kept.text} {piece.text}")
            else:
                merged[column] = piece
        for column, piece in merged.items():
            indent = max(0, piece.start - edges[column])
            band[column].append((number, " " * indent + piece.text))
    flush()
    return out
