"""What a PDF's line is by where it stands and how it is set: captions under pictures, furniture in the page's margins, an official document's masthead, pull quotes.

Used by `pdf` on each page's runs: a run given a role here is no body text (a caption,
a running head or folio, the masthead that goes to `publication`, a pull quote).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lines import Role
from .pdfpage import PageData

if TYPE_CHECKING:
    from .pdf import Run

MARGIN_BAND = 0.07     # of the page height: top and bottom bands where furniture sits
SMALL_TYPE = 0.92      # × body size: smaller type than the body
DISPLAY_TYPE = 1.15    # × body size: display type (pull quotes, drop caps, mastheads)
CAPTION_REACH = 2.5    # ems below (or beside) a picture where its caption stands
MASTHEAD_MAX = 20      # Han characters in a masthead's line
_HAN = re.compile(r"[\u3400-\u9fff]")


def _beneath(run: Run, x0: float, x1: float, body: float) -> bool:
    """Under a picture: within its width, or centred on it (a caption centred under the
    picture may be wider than it, as LibreOffice sets a Word file's caption)."""
    middle = (run.x0 + run.x1) / 2
    return (run.x0 >= x0 - body and run.x1 <= x1 + body) or (
        abs(middle - (x0 + x1) / 2) <= 2 * body and run.x0 < x1 and run.x1 > x0)


def mark_captions(runs: list[Run], page: PageData, body: float) -> None:
    """Small type starting within reach under a picture, and the lines continuing it."""
    for x0, _top, x1, bottom in page.pictures:
        reach = bottom + CAPTION_REACH * body
        under = sorted((r for r in runs if bottom - 2 <= r.top <= reach
                        and _beneath(r, x0, x1, body) and r.size < body * SMALL_TYPE),
                       key=lambda r: r.top)
        last: Run | None = None
        for run in under:
            run.role = Role.CAPTION
            last = run
        if last is None:
            continue
        for run in sorted(runs, key=lambda r: r.top):   # wrapped caption lines below
            if run.top > last.bottom and run.top - last.bottom < body and \
                    abs(run.size - last.size) < 0.3 and _beneath(run, x0, x1, body):
                run.role = Role.CAPTION
                last = run


def mark_margins(runs: list[Run], height: float, body: float) -> None:
    """Small type in the top or bottom band of the page: running heads, feet, folios."""
    for run in runs:
        in_band = run.bottom < MARGIN_BAND * height or run.top > (1 - MARGIN_BAND) * height
        if in_band and run.size < body * SMALL_TYPE and run.role is None:
            run.role = Role.MARGIN


def mark_masthead(runs: list[Run], body: float) -> None:
    """An official document's masthead: display type in red atop its first page, above
    all its body text (国务院公报, 湖南省人民政府办公厅文件: 红头)."""
    body_tops = [r.top for r in runs if r.role is None and abs(r.size - body) < 0.6]
    for run in runs:
        visible = [c for c in run.chars if not c.text.isspace()]
        if run.role is None and run.page == 0 and run.size >= body * DISPLAY_TYPE \
                and sum(c.red for c in visible) > len(visible) / 2 \
                and len(_HAN.findall(run.text)) <= MASTHEAD_MAX and body_tops \
                and run.bottom <= min(body_tops):
            run.role = Role.MASTHEAD


_NAMED = re.compile(r"《([^《》]+)》")   # a document's name as the body cites it


def mark_pull_quotes(ordered: list[list[Run]], body: float) -> None:
    """Each page's display type inside a column that repeats the body's text is a pull
    quote. The body's text is taken in reading order: a quote repeats a sentence whose
    lines are one after another in its column, not in the page's order of baselines."""
    text = [r for runs in ordered for r in runs if abs(r.size - body) < 0.6 and r.role is None]
    body_han = "".join(_han(r.text) for r in text)
    names = {_han(name) for name in _NAMED.findall("".join(r.text for r in text))}
    for runs in ordered:
        _mark_display(runs, body, body_han, names)


def _han(text: str) -> str:
    return "".join(_HAN.findall(text))


def _mark_display(runs: list[Run], body: float, body_han: str, names: set[str]) -> None:
    """Inside a column, display type repeating body text is a pull quote (its lines
    taken together: a quote wraps like any text), unless the body only names it as a
    document (《沈阳市社会信用条例（草案）》): then it is that document's title."""
    groups: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.column, r.top)):
        if run.column < 0 or run.role is not None or run.size < body * DISPLAY_TYPE:
            continue
        last = groups[-1][-1] if groups else None
        if last and last.column == run.column and abs(last.size - run.size) < 0.5 \
                and run.top - last.bottom < run.size:
            groups[-1].append(run)
        else:
            groups.append([run])
    for group in groups:
        han = _han("".join(run.text for run in group))
        if len(han) >= 6 and han in body_han and han not in names \
                and not _is_headline(group, runs, body):
            for run in group:
                run.role = Role.PULL_QUOTE


def _is_headline(group: list[Run], runs: list[Run], body: float) -> bool:
    """The first page's largest type above all its body text is the headline, though a
    wire story repeats it in its first line (新華社北京3月15日電 題：…)."""
    text = [r for r in runs if r.role is None]
    body_tops = [r.top for r in text if abs(r.size - body) < 0.6]
    return (group[0].page == 0 and group[0].size >= max(r.size for r in text)
            and bool(body_tops) and group[-1].bottom <= min(body_tops))
