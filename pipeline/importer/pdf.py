"""A PDF's text with its layout (pdfminer.six): lines in reading order with type size.

What a text dump throws away is kept as evidence for the structure stage:
type size (headline, headings), columns (reading order: text spanning the page,
then each column top to bottom), first-line indents, and pages (for page
furniture and paragraphs cut by a page break).
"""

from __future__ import annotations

import io
import statistics
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTTextBox, LTTextLine

from ..errors import PipelineError
from .lines import Line

_SLACK = 4.0  # points: a box may overhang the page's middle by this much


def _size(line: LTTextLine) -> float | None:
    sizes = [round(char.size, 1) for char in line if isinstance(char, LTChar)]
    return statistics.median(sizes) if sizes else None


def _reading_order(boxes: list[LTTextBox], page_width: float) -> list[LTTextBox]:
    """Spanning boxes cut the page into bands; in each band the left column, then the right."""
    middle = page_width / 2
    ordered: list[LTTextBox] = []
    band: list[LTTextBox] = []

    def flush() -> None:
        left = [b for b in band if b.x1 <= middle + _SLACK]
        right = [b for b in band if b not in left]
        ordered.extend(sorted(left, key=lambda b: -b.y1))
        ordered.extend(sorted(right, key=lambda b: -b.y1))
        band.clear()

    for box in sorted(boxes, key=lambda b: -b.y1):
        spans = box.x0 < middle - _SLACK and box.x1 > middle + _SLACK
        if spans:
            flush()
            ordered.append(box)
        else:
            band.append(box)
    flush()
    return ordered


def _column(line: LTTextLine, middle: float) -> str:
    if line.x1 <= middle + _SLACK:
        return "left"
    return "right" if line.x0 >= middle - _SLACK else "span"


def pdf_lines(data: bytes, path: Path) -> list[Line]:
    try:
        pages = list(extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.8)))
    except Exception as exc:  # pdfminer raises many kinds for damaged files
        raise PipelineError(f"cannot read this PDF ({type(exc).__name__})", path) from None
    lines: list[Line] = []
    for page_number, page in enumerate(pages):
        boxes = [item for item in page if isinstance(item, LTTextBox)]
        middle = page.width / 2
        ordered = [item for box in _reading_order(boxes, page.width) for item in box
                   if isinstance(item, LTTextLine) and item.get_text().strip()]
        # Each column's left edge, so a first-line indent can be seen.
        edges: dict[str, float] = {}
        for item in ordered:
            key = _column(item, middle)
            edges[key] = min(edges.get(key, item.x0), item.x0)
        previous: LTTextLine | None = None
        for item in ordered:
            size = _size(item)
            em = size or 10.0
            column = _column(item, middle)
            gap = (previous is None or _column(previous, middle) != column
                   or previous.y0 - item.y1 > 0.7 * em or item.y1 > previous.y1)
            indent = round(2 * (item.x0 - edges[column]) / em)  # columns: a CJK char = 2
            lines.append(Line(len(lines) + 1, item.get_text().strip(), indent, page_number,
                              size, gap_before=gap))
            previous = item
    if not lines:
        raise PipelineError("no text in this PDF (a scan? run OCR first)", path)
    return lines
