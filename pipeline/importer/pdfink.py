"""Bold type where the PDF does not say: measured by the width of its strokes on the rendered page.

Chromium embeds CJK fonts as Type3 fonts with no name and no weight, so PDFium reports
weight 0 for bold and regular alike. A bold face draws its strokes wider: rendered at
twice the page's size, a stroke's width is about twice its ink over its edges (a stroke
of width w and length L has area wL and edges 2L), which does not depend on how many
strokes a character has. Measured on Noto Serif and Sans CJK printed by Chromium at 10
to 16 pt, regular lines come out at 0.89–1.12 of the body's stroke, bold at 1.38–1.66.
Only the lines that could be heads are rendered (a line standing alone at body size).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from .lines import SENTENCE_END, Line
from .patterns import numbering

if TYPE_CHECKING:
    from .pdf import Run

SCALE = 2.0          # render at twice the page's size: a regular stroke is 2–3 pixels
INK = 110            # of 255: darker than this is ink
BOLD_STROKE = 1.25   # × the body's stroke width: bold
REFERENCE_LINES = 5  # body lines measured for the body's stroke
HEAD_MAX = 40        # characters: a longer line standing alone is no head
BODY_MIN = 15        # characters: a body line long enough to measure its stroke


@dataclass(frozen=True)
class Place:
    """A line's box on its page (points from the page's top-left) and its type size."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


def _stroke(page: pdfium.PdfPage, place: Place) -> float | None:
    """The line's stroke width in ems (None where nothing is inked)."""
    width, height = page.get_size()
    crop = (max(0.0, place.x0), max(0.0, height - place.bottom),
            max(0.0, width - place.x1), max(0.0, place.top))
    bitmap = page.render(scale=SCALE, grayscale=True, crop=crop)
    pixels = bitmap.to_numpy()
    ink = pixels.reshape(pixels.shape[0], pixels.shape[1], -1)[:, :, 0] < 255 - INK
    edges = int((ink[:, 1:] != ink[:, :-1]).sum() + (ink[1:, :] != ink[:-1, :]).sum())
    if edges == 0:
        return None
    return 2 * float(ink.sum()) / edges / (place.size * SCALE)


def bold_by_ink(data: bytes, candidates: list[Place], body: list[Place]) -> list[bool]:
    """Which candidate lines are set in bold, by their stroke against the body's."""
    if not candidates or not body:
        return [False] * len(candidates)
    document = pdfium.PdfDocument(data)
    pages: dict[int, pdfium.PdfPage] = {}
    try:
        def stroke(place: Place) -> float | None:
            if place.page not in pages:
                pages[place.page] = document[place.page]
            return _stroke(pages[place.page], place)

        spread = body[::max(1, len(body) // REFERENCE_LINES)][:REFERENCE_LINES]
        reference = [s for s in map(stroke, spread) if s]
        if not reference:
            return [False] * len(candidates)
        usual = statistics.median(reference)
        return [(s or 0.0) >= BOLD_STROKE * usual for s in map(stroke, candidates)]
    finally:
        for page in pages.values():
            page.close()
        document.close()


def _place(run: Run) -> Place:
    return Place(run.page, run.x0, run.top, run.x1, run.bottom, run.size)


def _alone(line: Line, before: Line | None, body: float) -> bool:
    """A numbered sentence at body size that could be a head (the one kind of line whose
    weight the structure asks: rendering costs a page's load): it stops short, and
    starts a block."""
    return (line.role is None and line.bold is None and line.size is not None
            and abs(line.size - body) < 0.6 and len(line.text) <= HEAD_MAX
            and numbering(line.text) is not None and line.text.endswith("。")
            and (line.room or 0) >= 1 and (before is None or line.gap_before
                                            or (before.room or 0) >= 1
                                            or before.text.endswith(SENTENCE_END)))


def weigh_lines(data: bytes, lines: list[Line], runs: list[Run], body: float) -> list[Line]:
    """Lines whose font says no weight (one a run): those that could be heads get their
    weight from their strokes."""
    wanted = [index for index, line in enumerate(lines)
              if _alone(line, lines[index - 1] if index else None, body)]
    if not wanted:
        return lines
    reference = [_place(run) for run, line in zip(runs, lines, strict=True)
                 if line.role is None and line.bold is None and line.size is not None
                 and abs(line.size - body) < 0.6 and len(line.text) >= BODY_MIN
                 and (line.room or 0) < 1]   # lines run to the edge: the body's text
    bold = bold_by_ink(data, [_place(runs[index]) for index in wanted], reference)
    weighed = list(lines)
    for index, heavy in zip(wanted, bold, strict=True):
        weighed[index] = replace(lines[index], bold=heavy)
    return weighed
