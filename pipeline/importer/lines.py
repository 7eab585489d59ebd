"""Lines of an extraction: the common input of the text and PDF importers.

Page furniture (page numbers, running heads and footers) is found by what it
is (a bare number) or by repetition across pages, and dropped with a note.
Lines of one paragraph are joined with nothing between Chinese characters and
nothing inside a number or word the line break split.
"""

from __future__ import annotations

import enum
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace

from ..cjk import is_cjk
from .layout import page_columns, width
from .report import Change, Choice, Decision, ImportResult

PAGE_NUMBER = re.compile(r"^[-—–·\s]*(?:第\s*)?\d{1,4}\s*(?:页|版)?(?:\s*[/／]\s*\d{1,4})?"
                         r"(?:\s*共\s*\d{1,4}\s*页)?[-—–·\s]*$")
_FIGURE = re.compile(r"^[-+−]?\d[\d,，]*(?:[.．]\d+)?%?$")   # a table's figure, alone
CELL_MAX = 16   # characters of a table's cell read on a line of its own
SENTENCE_END = tuple("。！？；…⋯”』」）!?﹗")
RUNNING_HEAD_MAX = 40
RUNNING_HEAD_MIN_REPEATS = 3     # without page breaks to tell pages apart
PAGE_LINES_MIN = 12              # lines between two sightings of a running head, at least
# A running head tops (or foots) most pages after the first, one page in two at least when
# it alternates (book left, chapter right); a list's cell or a contents line that happens
# to stand at two pages' edges in a long document is text.
RUNNING_HEAD_SHARE = 0.5
PROSE_LINE = 25                  # characters: a line this long is body text
_DIGITS = re.compile(r"\d+")
# A note's mark after a sentence (……计算」。 [5]): the sentence still ends there.
_NOTE_MARKS = re.compile(r"(?:\s*[\[［]\d{1,3}[\]］])+$")


def without_note_marks(text: str) -> str:
    return _NOTE_MARKS.sub("", text) or text
# A periodical's running head: its name and issue (经济观察 · 2016年第8期).
_ISSUE = re.compile(r"\d{4}\s*年\s*第\s*\d{1,3}\s*期$")


class Role(enum.Enum):
    """What a PDF's layout says a line is, beyond its text."""

    CAPTION = "caption"       # set under or beside a picture
    TABLE = "table"           # a table found by its ruling (text: its cells)
    TABLE_GUESS = "table?"    # a line of what the text suggests is a table
    MARGIN = "margin"         # small type in the top or bottom margin: page furniture
    PULL_QUOTE = "pull quote"  # display type inside a column repeating the body
    MASTHEAD = "masthead"     # an official document's red masthead (国务院公报): `publication`


@dataclass(frozen=True)
class Line:
    number: int            # 1-based raw line (PDF: running line number)
    text: str              # without surrounding white space
    indent: int = 0        # leading columns (a full-width space counts 2)
    page: int = 0          # 0-based, from form feeds or PDF pages
    size: float | None = None   # font size, when the PDF says
    gap_before: bool = False    # a blank line (or vertical gap) precedes it
    bold: bool | None = None    # set in a bold face (PDF); None: not known
    room: float | None = None   # ems left before the column's right edge (PDF)
    role: Role | None = None    # what the layout says the line is (PDF), if anything
    cells: tuple[tuple[str, ...], ...] = ()   # a table's rows (role TABLE)


def text_lines(text: str) -> list[Line]:
    """LF-separated text -> non-blank lines; form feeds start a new page; side-by-side
    columns of layout text are read one after the other."""
    pages: list[list[tuple[int, str]]] = [[]]
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:  # pdftotext puts it before a page's first line
            pages.extend([] for _ in range(raw.count("\f")))
            raw = raw.replace("\f", "")
        pages[-1].append((number, raw))
    lines: list[Line] = []
    for page_number, page in enumerate(pages):
        gap = True
        for number, raw in page_columns(page):
            stripped = raw.strip()
            if not stripped:
                gap = True
                continue
            indent = width(raw[: len(raw) - len(raw.lstrip())].replace("\t", "    "))
            lines.append(Line(number, stripped, indent, page_number, None, gap))
            gap = False
    return infer_pages(lines)


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


# A gap that separates the parts of a head or foot line: 3+ columns of spaces.
_GAP = re.compile(r"[ \t\u3000]{2,}")


def numbered_head(text: str) -> str | None:
    """The running title of a head or foot line that also holds the page number
    ("报告    - 2 -", "3　　报告"), else None."""
    cuts = [m for m in _GAP.finditer(text) if width(m.group()) >= 3]
    if len(cuts) != 1:
        return None
    first, second = text[:cuts[0].start()], text[cuts[0].end():]
    title = second if PAGE_NUMBER.match(first) else first if PAGE_NUMBER.match(second) else None
    if title is None or PAGE_NUMBER.match(title) or title.endswith(SENTENCE_END):
        return None
    return title if 2 <= len(_furniture_key(title).replace("#", "")) <= RUNNING_HEAD_MAX else None


def _ends_page(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text)) or numbered_head(text) is not None


def _folios(lines: list[Line]) -> set[int]:
    """The page numbers: a set-off one (`- 2 -`, `第 3 页`) always; a bare number unless
    it stands among a table's cells (a Word table read one cell a line: `序号` / `1` /
    `重点任务`): a figure beside it on its page, or short cells on both sides."""
    def near(index: int) -> list[str]:
        return [lines[i].text for i in (index - 1, index + 1)
                if 0 <= i < len(lines) and lines[i].page == lines[index].page]

    return {index for index, line in enumerate(lines) if PAGE_NUMBER.match(line.text) and (
        not line.text.isdigit() or not (
            any(_FIGURE.match(text) for text in near(index))
            or (len(near(index)) == 2 and all(map(_cell, near(index))))))}


def _cell(text: str) -> bool:
    """A table's cell on a line of its own: short, no clause mark, no periodical's issue."""
    return len(text) <= CELL_MAX and not re.search("[，。；：！？,;:!?]", text) \
        and not _ISSUE.search(text)


def infer_pages(lines: list[Line]) -> list[Line]:
    """Text without form feeds: a page number (alone or in a head/foot line) ends a
    page, so running heads can be told by their place as with form feeds."""
    folios = _folios(lines)
    ends = [index in folios or (not PAGE_NUMBER.match(line.text) and _ends_page(line.text))
            for index, line in enumerate(lines)]
    if any(line.page for line in lines) or not any(ends):
        return lines
    paged, page = [], 0
    for line, ends_page in zip(lines, ends, strict=True):
        paged.append(replace(line, page=page))
        page += ends_page
    return paged


def _at_page_edge(lines: list[Line], index: int) -> bool:
    page = lines[index].page
    before = [i for i in range(max(0, index - 2), index) if lines[i].page == page]
    after = [i for i in range(index + 1, min(len(lines), index + 3)) if lines[i].page == page]
    return len(before) < 2 or len(after) < 2


def _page_apart(indices: list[int]) -> bool:
    return min(b - a for a, b in itertools.pairwise(indices)) >= PAGE_LINES_MIN


def drop_furniture(lines: list[Line], result: ImportResult,
                   keep: Collection[int] = ()) -> list[Line]:
    """Running heads, feet and page numbers dropped; a number at an index in `keep` is
    text (a list table's serial number standing alone)."""
    repeated, numbered = _furniture(lines)
    folios = _folios(lines)
    # An article's opening page rarely carries the running head, but its headline often
    # repeats it (政府工作报告 over every page): keep what precedes the first prose there.
    opening = next((i for i, line in enumerate(lines) if len(line.text) >= PROSE_LINE
                    or line.page > 0), len(lines))
    sizes = Counter(round(line.size, 1) for line in lines for _ in line.text if line.size)
    body = sizes.most_common(1)[0][0] if sizes else None
    kept: list[Line] = []
    gap = False
    for index, line in enumerate(lines):
        if line.role in (Role.MARGIN, Role.PULL_QUOTE):
            _drop_by_layout(line, result)
            _dropped(line, kept, result)
            gap = True
            continue
        furniture = _furniture_key(line.text) in repeated
        if furniture and index < opening and (body is None or (line.size or 0) >= body) \
                and not _ISSUE.search(line.text):
            result.flag(line.number, f"'{line.text}' repeats as a running head on later "
                        "pages; kept here as part of the headline: delete it if it is "
                        "page furniture")
            furniture = False
        # A number alone among a table's cells is a cell, never dropped.
        if index in folios and index not in keep:
            result.change(Change.PAGE_NUMBER, line.number, f"removed page number '{line.text}'")
        elif index in numbered:
            shown = re.sub(r"\s+", " ", line.text)
            result.change(Change.RUNNING_HEAD, line.number,
                          f"removed running head with its page number '{shown}'")
        elif furniture:
            result.change(Change.RUNNING_HEAD, line.number,
                          f"removed running head '{line.text}' (repeated on several pages)")
        else:
            kept.append(replace(line, gap_before=True) if gap else line)
            gap = False
            continue
        _dropped(line, kept, result)
        gap = True
    return kept


def _furniture(lines: list[Line]) -> tuple[set[str], set[int]]:
    """The keys of running heads and feet, and the indexes of page-numbered head lines."""
    pages = len({line.page for line in lines})
    by_key: dict[str, set[int]] = defaultdict(set)
    counts: Counter[str] = Counter()
    sighted: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        key = _furniture_key(line.text)  # measured without spaces: a foot line spreads out
        if len(key) <= RUNNING_HEAD_MAX and not line.text.endswith(SENTENCE_END) \
                and len(key.replace("#", "")) >= 2:
            counts[key] += 1
            sighted[key].append(index)
            if pages > 1 and _at_page_edge(lines, index):
                by_key[key].add(line.page)
    share = max(2, math.ceil(RUNNING_HEAD_SHARE * (pages - 1)))
    repeated = {key for key, seen in by_key.items() if len(seen) >= share}
    repeated |= {_furniture_key(line.text) for index, line in enumerate(lines)
                 if _ISSUE.search(line.text) and len(line.text) <= RUNNING_HEAD_MAX
                 and (pages <= 1 or _at_page_edge(lines, index))}
    if pages <= 1:
        # Pages unknown: a running head comes back once a page, so a page's worth of lines
        # apart; lines repeating closer (figures month by month) are text. A one-page
        # PDF has no running head to repeat (its margins are told by the layout).
        pdf = any(line.size for line in lines)
        repeated = {key for key, count in counts.items() if count >= RUNNING_HEAD_MIN_REPEATS
                    and not pdf and _page_apart(sighted[key])}
    # A head or foot line with the page number: furniture when its title also stands
    # elsewhere (the headline, a running head, another such line). The page number
    # is evidence enough for two sightings; at a page's edge where pages are known.
    heads = {index: _furniture_key(title) for index, line in enumerate(lines)
             if (title := numbered_head(line.text)) is not None
             and (pages <= 1 or _at_page_edge(lines, index))}
    sightings = counts + Counter(heads.values())
    numbered = {index for index, key in heads.items() if key in repeated or sightings[key] >= 2}
    return repeated, numbered


def _dropped(line: Line, kept: list[Line], result: ImportResult) -> None:
    """A dropped line is a decision the editor may flip (kept after the text before it)."""
    result.decisions.append(Decision(Choice.DROP, line.number, line.text,
                                     kept[-1].text[-12:] if kept else "", page=line.page))


def _drop_by_layout(line: Line, result: ImportResult) -> None:
    if PAGE_NUMBER.match(line.text):
        result.change(Change.PAGE_NUMBER, line.number, f"removed page number '{line.text}'")
    elif line.role is Role.PULL_QUOTE:
        result.change(Change.PULL_QUOTE, line.number, f"removed pull quote '{line.text}' "
                      "(display type inside a column, repeating the body)")
        result.flag(line.number, f"dropped '{line.text[:30]}' as a pull quote (display type "
                    "repeating the body); the other choice: keep it as a heading")
    else:
        result.change(Change.RUNNING_HEAD, line.number, f"removed '{line.text}' (small type "
                      "in the page's top or bottom margin: a running head or foot)")


def _split_kind(left: str, right: str) -> str | None:
    """What a line break between `left` and `right` split, if anything."""
    if not left or not right:
        return None
    if left[-1].isdigit() and right[0].isdigit():
        return "number"
    if (left[-1] in ".．" and len(left) > 1 and left[-2].isdigit() and right[0].isdigit()):
        return "number"
    if left[-1].isdigit() and right[0] in ".．%" and (len(right) == 1 or right[1].isdigit()
                                                      or right[0] == "%"):
        return "number"
    if left[-1].isdigit() and right[0] in ":：/" and len(right) > 1 and right[1].isdigit():
        return "number"    # a ratio, time or fraction: 4 + :3:3, 10 + :30
    if left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        head = re.search(r"[A-Za-z]+$", left).group()  # type: ignore[union-attr]
        tail = re.match(r"[A-Za-z]+", right).group()  # type: ignore[union-attr]
        if head.isupper() and tail.isupper():
            return "word"      # an acronym: GD + P
        if right[0].islower():
            return "word"      # a word broken mid-way: Min + ing
    return None


# English never sets a space before these, nor after the opening ones.
_NO_SPACE_BEFORE = frozenset(",.;:!?%)]}’”")
_NO_SPACE_AFTER = frozenset("([{‘“/-")   # a line ending in a hyphen: AC- + DC is AC-DC


def _space_between(left: str, right: str) -> bool:
    """Whether a line break between these two characters stood for a space: between
    Latin words, never beside a Chinese character or inside punctuation English sets
    closed up (`4` + `:3:3` is a ratio, not `4 :3:3`)."""
    if is_cjk(left) or is_cjk(right):
        return False
    return right not in _NO_SPACE_BEFORE and left not in _NO_SPACE_AFTER


def join_lines(lines: list[Line], result: ImportResult | None = None) -> str:
    """One paragraph's lines: nothing between Chinese characters or inside a split
    number/word, a space between Latin words."""
    out = ""
    for line in lines:
        text = line.text
        if out:
            kind = _split_kind(out, text)
            if kind and result is not None:
                head = re.search(r"[0-9A-Za-z.．]+$", out)
                tail = re.match(r"[0-9A-Za-z]+", text)
                shown = f"'{head.group() if head else out[-1]}' + '{tail.group() if tail else text[0]}'"
                result.change(Change.SPLIT_WORD, line.number,
                              f"joined {shown}: a {kind} split across a line break, no space")
            if not kind and _space_between(out[-1], text[0]):
                out += " "
        out += text
    return out
