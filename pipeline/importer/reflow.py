"""Lines -> blocks (paragraph candidates).

Blank lines, page breaks and PDF gaps separate blocks. Layout text
(pdftotext -layout) has none between paragraphs, so inside a run of lines a
paragraph ends where the evidence says: a line clearly shorter than the body's
typical line that ends a sentence, a short unpunctuated line standing alone (a
heading), or a first-line indent on the next line.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .lines import SENTENCE_END, Line, Role, without_note_marks
from .patterns import (
    NOTE_ENTRY,
    is_byline,
    is_caption,
    is_date_line,
    is_doc_number,
    is_salutation,
    is_speaker_turn,
    numbering,
    signed_date,
    starts_article,
)
from .report import Change, ImportResult

SHORT_LINE = 0.9     # of the typical line: a sentence ending here ends the paragraph
HEADING_LINE = 0.7   # of the typical line: an unpunctuated line this short stands alone
MIN_WRAPPED = 3      # wrapped lines needed before their length means anything
MEASURE_RANK = 0.75  # the full measure: this far up the wrapped lines' widths
LEAD_IN = ("：", ":")


@dataclass
class Block:
    lines: list[Line]

    @property
    def line(self) -> int:
        return self.lines[0].number

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def size(self) -> float | None:
        sizes = [line.size for line in self.lines if line.size]
        return max(sizes) if sizes else None


def width(text: str) -> int:
    """Columns a line fills in Chinese type: wide characters and the ambiguous ones
    (“ ” — … ·), which CJK fonts set full width, take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def typical_width(lines: list[Line]) -> float | None:
    """The usual width of a full line of body text: lines that wrap into the next."""
    wrapped = [width(a.text) for a, b in itertools.pairwise(lines)
               if not b.gap_before and a.page == b.page]
    if len(wrapped) < MIN_WRAPPED:
        return None
    # Not the median: where paragraphs are short, indented first lines are half of them.
    return sorted(wrapped)[int(MEASURE_RANK * (len(wrapped) - 1))]


def _runs(lines: list[Line]) -> list[list[Line]]:
    runs: list[list[Line]] = []
    for index, line in enumerate(lines):
        if index == 0 or line.gap_before or line.page != lines[index - 1].page:
            runs.append([])
        runs[-1].append(line)
    return runs


def stands_alone(text: str) -> bool:
    """Lines that are never part of a paragraph: bylines (with their date too:
    国家统计局 2018-08-27), captions, a subtitle's dash, a notice's addressees, numbered
    heads."""
    return (is_byline(text) or signed_date(text) is not None or is_caption(text)
            or text.startswith(("——", "--"))
            or is_salutation(text) or is_date_line(text) or is_doc_number(text)
            or (numbering(text) is not None and len(text) <= 40 and "。" not in text
                and not text.endswith(("；", "，", ",", ";", "：", ":"))))


ROOM = 1.5           # ems left at a PDF line's end: the paragraph's last line
INDENT = 2           # columns (a CJK character is 2) of first-line indent


def full_room(lines: list[Line]) -> float:
    """Room (ems) a PDF's line may leave and still be full: justified type leaves
    none; ragged type a character or two, as most lines of the text show."""
    rooms = sorted(line.room for line in lines if line.room is not None and line.role is None)
    if not rooms:
        return ROOM
    return max(ROOM, rooms[int(0.6 * (len(rooms) - 1))] + 1.0)


def _pdf_breaks(line: Line, following: Line, room: float, body: float | None,
                starts: bool = False) -> bool:
    """A PDF says where a line ends: a paragraph ends where its line stops short of the
    column's edge, or where the next line is indented. Display type (a heading over two
    lines) and captions wrap wherever their lines end."""
    if line.role is not following.role or line.role is Role.TABLE:
        return True
    display = body is not None and (line.size or 0) > body * 1.05
    if line.role is Role.CAPTION or display:
        return False
    if following.indent >= line.indent + INDENT and following.indent >= INDENT:
        return True                              # first-line indent of a new paragraph
    if starts and line.indent >= INDENT and following.indent >= line.indent - 1 \
            and _ends_sentence(line.text) and (line.room or 0) > ROOM:
        return True      # a one-line paragraph: its first line indented, and the next too
    if _numbered_start(line, following):
        return True
    return (line.room or 0) > room


# A report's enumerated point opening its paragraph: 一是突出打好“六个攻坚战”，….
_ENUMERATED = re.compile(r"^[一二三四五六七八九十]{1,3}是(?![的否])")


def _numbered_start(line: Line, following: Line) -> bool:
    """第X条, the next numbered item (（二）), a speaker's turn (答：) or an enumerated point
    (一是…) after a sentence's end or a lead-in (…五个方面工作：) starts a paragraph."""
    return bool(starts_article(following.text) or numbering(following.text)
                or is_speaker_turn(following.text) or _ENUMERATED.match(following.text)) and \
        without_note_marks(line.text).endswith(SENTENCE_END + LEAD_IN)   # 。 [4] too


def _alone(text: str, ends: bool) -> bool:
    """A byline, caption or subtitle's dash stands alone; a numbered line only where
    the text says it ends (`ends`): a numbered item wraps like any paragraph."""
    if numbering(text) is not None and stands_alone(text):
        return ends
    return stands_alone(text)


FIRST_LINE_SHORT = (3, 8)   # columns a first line falls short by: its 2-character indent


def _first_line(run: list[Line], index: int, typical: float) -> bool:
    """Text that lost its indents (pdftotext without -layout): after a sentence's end, a
    line about two characters short of the measure that wraps is a first line."""
    line, following = run[index], run[index + 1]
    if index + 2 >= len(run) or not _ends_sentence(line.text):
        return False
    short = typical - width(following.text)
    low, high = FIRST_LINE_SHORT
    # The line before need not fill the measure: figures and Latin letters set narrower
    # than half a Chinese character leave a full line of them short in columns (列。2025年…).
    return low <= short <= high and width(line.text) >= SHORT_LINE * typical


CENTRED = 4          # columns past the text's left edge: more than a first-line indent
HEAD_NOT_ENDS = (*SENTENCE_END, *LEAD_IN, "，", ",", "；", ";", "、")


def _centred(line: Line, base: int, typical: float) -> bool:
    """A short unpunctuated line set well in from the column's edge: a head's last
    line centred under its first (辅业变主业：两电建“航母”未来将 / 上市)."""
    return (line.indent >= base + CENTRED and width(line.text) <= HEADING_LINE * typical / 2
            and not line.text.endswith(HEAD_NOT_ENDS))


NOTE_LOOKBACK = 6    # lines a note may wrap over


def _next_note(run: list[Line], index: int) -> bool:
    """A list of notes: the line starting [n] follows the note starting [n-1] (a mark
    wrapped to a line's start in the body has no such neighbour)."""
    mark = NOTE_ENTRY.match(run[index + 1].text)
    if mark is None:
        return False
    for line in reversed(run[max(0, index + 1 - NOTE_LOOKBACK): index + 1]):
        previous = NOTE_ENTRY.match(line.text)
        if previous is not None:
            return int(previous.group(1)) == int(mark.group(1)) - 1
    return False


_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'’-]*")


def _word_wrapped(line: Line, following: str, typical: float) -> bool:
    """A line cut short before a Latin word too long for the room left (Workhorse in a
    narrow column; an indented first line has less) wraps into the next line: it is no
    heading and no paragraph's end."""
    word = _LATIN_WORD.match(following)
    return (word is not None and not line.text.endswith(SENTENCE_END)
            and width(line.text) + width(word.group()) > typical - line.indent)


def _ends_sentence(text: str) -> bool:
    text = without_note_marks(text)
    core = text.rstrip("”』」）)’")
    return text.endswith(SENTENCE_END) and (core == text or core.endswith(SENTENCE_END))


# A line no sentence or head opens: clause punctuation, or a bracketed aside running on
# into its clause (（区、市），…), where the line-breaking rule moved the bracket down.
_CONTINUATION = re.compile(r"^(?:[，、。；：！？）」』”,;:!?)]|[（(][^（()）]{1,8}[）)][，、。；：,;:])")


def _continues(text: str, following: str) -> bool:
    """`七、对…完成率高的省` / `（区、市），适当增加…`: the next line goes on with the
    sentence, so this one (however short or numbered) is not a paragraph's end."""
    return not _ends_sentence(text) and _CONTINUATION.match(following) is not None


# How a report or a statistics release opens its paragraphs, line after line: a time
# (1—11月份，… / 这五年，…) or a run-in head, a short sentence (改革开放不断深化。坚持…).
_TIME_LEAD = re.compile(r"^([^，。；：,;:]{2,8}?)[，,]")
_RUN_IN = re.compile(r"^[^，。；：、,;:]{4,10}。\S")
RUN_IN_MIN = 3        # run-in heads opening lines after a sentence's end: the text's style
TIME_LEAD_MIN = 2     # the same time opening such lines


def _opener(text: str) -> str | None:
    lead = _TIME_LEAD.match(text)
    if lead and re.search(r"[\d年月季]", lead.group(1)):
        return lead.group(1)
    return "run-in head" if _RUN_IN.match(text) else None


def paragraph_openers(lines: list[Line]) -> frozenset[str]:
    """The openers (see `_opener`) that begin lines after a sentence's end often enough to
    be how this text starts its paragraphs, where wrapped lines give no other sign."""
    seen = Counter(_opener(line.text) for previous, line in itertools.pairwise(lines)
                   if _ends_sentence(previous.text))
    return frozenset(key for key, count in seen.items() if key and count >= (
        RUN_IN_MIN if key == "run-in head" else TIME_LEAD_MIN))


def _breaks_after(run: list[Line], index: int, typical: float | None, starts: bool,
                  room: float = ROOM, body: float | None = None,
                  openers: frozenset[str] = frozenset()) -> bool:
    """`starts`: run[index] begins a paragraph; `openers`: how the text opens them."""
    line, following = run[index], run[index + 1]
    if {Role.TABLE_GUESS, Role.TABLE} & {line.role, following.role}:
        return True                              # a table's lines stay lines
    if line.size and following.size and abs(line.size - following.size) > 0.5:
        return True                              # the type size changes
    if line.room is not None and following.room is not None:
        return _pdf_breaks(line, following, room, body, starts)
    if _continues(line.text, following.text):
        return False
    if typical is None:
        return stands_alone(line.text) or stands_alone(following.text)
    size = width(line.text)
    if _ends_sentence(line.text) and _opener(following.text) in openers:
        return True                              # the text's way of opening a paragraph
    if _alone(line.text, size < SHORT_LINE * typical) or _alone(
            following.text,
            without_note_marks(line.text).endswith(SENTENCE_END + LEAD_IN + ("；",))):
        return True
    base = min(item.indent for item in run)
    if _centred(following, base, typical) and size >= HEADING_LINE * typical \
            and not line.text.endswith(HEAD_NOT_ENDS):
        return False                             # a head's rest, centred under it
    if index > 0 and _centred(line, base, typical):
        return True
    if following.indent >= base + 2 and line.indent <= following.indent - 2:
        return True                              # first-line indent of a new paragraph
    if _first_line(run, index, typical) or _next_note(run, index):
        return True
    if _numbered_start(line, following):
        return True
    if without_note_marks(line.text).endswith(SENTENCE_END + LEAD_IN) \
            and size < SHORT_LINE * typical:
        return True
    if _word_wrapped(line, following.text, typical):
        return False                             # the next word did not fit: it wraps
    if starts and size < HEADING_LINE * typical and not line.text.endswith(SENTENCE_END):
        return True                              # a heading on its own line
    after = run[index + 2] if index + 2 < len(run) else None
    # A heading between two paragraphs: short, unpunctuated, the next line indented.
    return (width(following.text) < HEADING_LINE * typical
            and not following.text.endswith((*SENTENCE_END, "，", ","))
            and after is not None and after.indent >= base + 2 > following.indent)


OVERHANG = 6         # columns a sentence's last line may run past the wrapped lines
OVER_SHARE = 0.3     # of the sentence-ending lines: that many wider, the text is unwrapped
_GAP = re.compile(r"\S[ \u3000]{3,}\S")


def unwrapped(lines: list[Line]) -> bool:
    """Text pasted from a web page or a word processor, one paragraph a line: its lines
    that end a sentence run wider than every line that runs on (a title, a head), where
    hard-wrapped text ends its paragraphs within the measure its other lines fill."""
    plain = [line.text for line in lines if line.size is None and line.room is None
             and not _GAP.search(line.text)]
    ended = [width(text) for text in plain if _ends_sentence(text)]
    running = [width(text) for text in plain if not text.endswith((*SENTENCE_END, *LEAD_IN))]
    measure = max(running, default=0)
    over = sum(w > measure + OVERHANG for w in ended)
    return over >= max(1 if running else 2, OVER_SHARE * len(ended))


def to_blocks(lines: list[Line], result: ImportResult) -> list[Block]:
    if unwrapped(lines):
        return [Block([line]) for line in lines]
    typical = typical_width(lines)
    room = full_room(lines)
    openers = paragraph_openers(lines)
    sizes = Counter(line.size for line in lines for _ in line.text if line.size)
    body = sizes.most_common(1)[0][0] if sizes else None
    blocks: list[Block] = []
    for run in _runs(lines):
        current = [run[0]]
        for index in range(len(run) - 1):
            if _breaks_after(run, index, typical, len(current) == 1, room, body, openers):
                blocks.append(Block(current))
                current = []
                result.change(Change.REFLOWED, run[index + 1].number,
                              f"new paragraph at '{run[index + 1].text[:8]}…' "
                              "(hard-wrapped layout text)")
            current.append(run[index + 1])
        blocks.append(Block(current))
    return blocks
