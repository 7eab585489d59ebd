"""Blocks -> an article: front matter (kicker, title, subtitle, byline, credits, date)
and body elements (headings, paragraphs, captions), each decision from evidence.

Evidence: position (the display lines before the first prose), type size when a
PDF gives it, length relative to the body's paragraphs, punctuation at the end,
numbering, and what a line says (bylines, credits, captions). Decisions that
may be wrong are flagged with their reason.
"""

from __future__ import annotations

import enum
import re
import statistics
from dataclasses import dataclass, field

from ..cjk import HAN, is_cjk
from .closing import about, attachments, closing_line, closing_meta, signature
from .doubts import (
    PARAGRAPH_MIN,
    fills_measure,
    flag_full_line,
    flag_heading,
    set_apart,
    weighed_head,
    wrapped_measure,
)
from .headline import HEADING_MAX, HEADING_SIZE, classify_meta, top_matter
from .headline import is_display as _display
from .headline import text_of as _text
from .lines import SENTENCE_END, Role, join_lines, without_note_marks
from .patterns import (
    ITEM_NUMBER,
    NOTE_ENTRY,
    Numbering,
    dateline_reporters,
    is_byline,
    is_caption,
    is_closing_note,
    is_credits,
    is_date_line,
    is_doc_number,
    is_label_line,
    is_note_line,
    is_speaker_turn,
    numbering,
    starts_article,
)
from .reflow import Block
from .report import Change, Choice, Decision, ImportResult

NUMBERED_HEADING_MAX = 40
NOT_A_CUT = (*SENTENCE_END, "：", ":")
HAN_CHAR = re.compile(f"[{HAN}]")


class Kind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    TABLE = "table"


@dataclass(frozen=True)
class Element:
    kind: Kind
    text: str
    line: int
    level: int = 2
    rows: tuple[tuple[str, ...], ...] = ()  # a table's cells, header row first


@dataclass
class Article:
    meta: dict[str, object] = field(default_factory=dict)
    body: list[Element] = field(default_factory=list)


BYLINE_AT = 2   # a byline stands within the body's first blocks (or is its last)


def body_size(blocks: list[Block]) -> float | None:
    """The type size most of the text is set in (PDF only)."""
    weights: dict[float, int] = {}
    for block in blocks:
        for line in block.lines:
            if line.size:
                key = round(line.size, 1)
                weights[key] = weights.get(key, 0) + len(line.text)
    return max(weights, key=weights.__getitem__) if weights else None


def _special(text: str) -> bool:
    return (is_byline(text) or is_credits(text) or is_caption(text) or is_doc_number(text)
            or is_note_line(text) or is_date_line(text) or is_label_line(text)
            or is_closing_note(text))


def _ends_sentence(text: str, marks: tuple[str, ...]) -> bool:
    """A closing bracket or quote ends a sentence only after sentence punctuation:
    `强化科技创新（区科技局牵头）` is a heading, `……发展。）` is not. Note marks after
    the sentence (`。 [5]`) do not count."""
    text = without_note_marks(text)
    core = text.rstrip("）)”』」")
    return (core != text and core.endswith(marks)) or (text.endswith(marks) and core == text)


def looks_like_heading(text: str) -> bool:
    """By its text alone: short, not a sentence or a lead-in, not a byline/caption/credit,
    not a note ([2] …)."""
    if NOTE_ENTRY.match(text):
        return False
    if numbering(text):
        return (len(text) <= NUMBERED_HEADING_MAX and "。" not in text
                and not _ends_sentence(text, ("。", "；", "：", ":", "，", ",")))
    return (len(text) <= HEADING_MAX and not _ends_sentence(text, (*NOT_A_CUT, "，", ","))
            and len(HAN_CHAR.findall(text)) >= 2 and not text.startswith(("——", "--"))
            and not _special(text) and not _fragment(text))


def _fragment(text: str) -> bool:
    """The rest of a sentence cut by a page break, not a head: a sentence ends inside it
    (门。（负责部门：…）) or a bracket closes that it did not open (房城乡建设部）)."""
    return "。" in text[:-1] or any(text.count(close) > text.count(open_) for open_, close
                                    in (("（", "）"), ("(", ")"), ("“", "”"), ("《", "》")))


# Numbering that heads a section even when the head is a sentence (一、粮食产量稳步增长。).
SENTENCE_HEAD_STYLES = (Numbering.PART, Numbering.CHAPTER, Numbering.SECTION, Numbering.FORMAL,
                        Numbering.CN, Numbering.CN_PAREN)


def is_sentence_head(text: str, following: str) -> bool:
    """A numbered one-sentence line standing alone before text that is not the next item of
    the same list: a statistics bulletin's or report's section head ends with 。, while
    list items come one after another in the same numbering."""
    style = numbering(text)
    return (style in SENTENCE_HEAD_STYLES and len(text) <= NUMBERED_HEADING_MAX
            and text.endswith("。") and text.count("。") == 1 and bool(following)
            and numbering(following) is not style and not starts_article(text))


def is_cut(block: Block, following: Block | None, base: float | None) -> bool:
    """A paragraph with no final punctuation continued by the next block (page break)."""
    if following is None or {block.lines[-1].role, following.lines[0].role} & {
            Role.TABLE, Role.TABLE_GUESS, Role.CAPTION}:
        return False   # a table or caption is never half of a paragraph
    text, after = _text(block), _text(following)
    if without_note_marks(text).endswith(NOT_A_CUT) or not (
            len(text) >= PARAGRAPH_MIN or "，" in text):   # 。 [3]: a note mark after the end
        return False
    if _display(following, base, HEADING_SIZE) or _display(block, base, HEADING_SIZE):
        return False
    last = block.lines[-1]
    full = len(block.lines) > 1 and last.room is not None and last.room < 1   # PDF: to the edge
    if looks_like_heading(text) and following.page == last.page and not full:
        return False  # a short head with a comma inside, not half a paragraph
    if text.startswith(("——", "--")) or (_special(text) and not is_speaker_turn(text)):
        return False   # a speaker's turn (问：…) is prose a column break may cut
    starts = after[0].isalnum() or is_cjk(after[0])
    return (starts and not looks_like_heading(after) and not _special(after)
            and not numbering(after))


# --- the body -----------------------------------------------------------------------------

def join_cuts(blocks: list[Block], base: float | None, result: ImportResult) -> list[Block]:
    joined: list[Block] = []
    for block in blocks:
        if joined and is_cut(joined[-1], block, base):
            previous = joined[-1]
            where = ("a page break" if block.page != previous.lines[-1].page else
                     "a column break" if block.lines[0].room is not None else "a blank line")
            shown = (f"line {previous.lines[-1].number} '…{_text(previous)[-6:]}' + line "
                     f"{block.line} '{_text(block)[:6]}…'")
            result.change(Change.CUT_JOINED, block.line,
                          f"joined a paragraph cut by {where} ({shown})")
            result.flag(block.line, f"joined across {where} as one paragraph "
                        f"({shown}); if they are two paragraphs, split them at line {block.line}")
            result.decisions.append(Decision(Choice.JOIN, block.line, _text(block)[:12],
                                             _text(previous)[-12:], page=block.page))
            joined[-1] = Block(previous.lines + block.lines)
        else:
            joined.append(block)
    return joined


def _levels(blocks: list[Block]) -> dict[Numbering, int]:
    """Heading levels by the order numbering styles first appear: 一、 then （一） then 1."""
    order: list[Numbering] = []
    for block in blocks:
        style = numbering(_text(block))
        if style and style not in order and looks_like_heading(_text(block)):
            order.append(style)
    return {style: min(2 + rank, 4) for rank, style in enumerate(order)}


def body_elements(blocks: list[Block], meta: dict[str, object], base: float | None,
                  result: ImportResult) -> list[Element]:
    typical = wrapped_measure(blocks)
    blocks = join_cuts(blocks, base, result)
    levels = _levels(blocks)
    tiers = sorted({round(2 * b.size) for b in blocks if b.size and _display(b, base, HEADING_SIZE)
                    and not numbering(_text(b))}, reverse=True)
    elements: list[Element] = []
    run_in: set[Numbering] = set()   # numbering whose last item was a paragraph
    display: set[int] = set()
    tail = closing_meta(blocks)
    signed = signature(blocks)
    apart = set_apart(blocks, base, HEADING_SIZE)
    listed = attachments(blocks)
    for index, block in enumerate(blocks):
        _note_item(elements, blocks, index - 1, run_in)
        text = join_lines(block.lines, result)
        following = _text(blocks[index + 1]) if index + 1 < len(blocks) else ""
        placed = _table_or_caption(block, text, result)
        if placed is not None:
            elements.append(placed)
            continue
        # A byline under the lead's dateline (新華社北京3月15日電 / 新華社記者…) is one too.
        if (is_credits(text) or ((index >= tail or index == 0) and about(text))
                or (index <= BYLINE_AT and index not in signed and is_byline(text))) and \
                classify_meta(text, block.line, meta, result):
            continue
        if index in listed:   # the next attachments of a notice's list: lines of the list
            elements.append(Element(Kind.PARAGRAPH, text, block.line))
            continue
        if closing_line(blocks, index, text, signed):
            elements.append(Element(Kind.PARAGRAPH, text, block.line))
            result.change(Change.CLOSING, block.line, f"closing block (issuer, date): {text}")
            continue
        style = numbering(text)
        sized = _display(block, base, HEADING_SIZE) and len(text) <= 2 * NUMBERED_HEADING_MAX
        # A PDF's body-size line standing alone reads as a heading by its text, as in text.
        alone = base is None or (len(block.lines) == 1 and (block.size or 0) >= base - 0.3)
        # The next item of a list whose items so far were paragraphs is one too (（十）….),
        # unless a PDF's weight says otherwise
        bold = block.lines[0].bold if alone else None
        sentence = alone and is_sentence_head(text, following) and weighed_head(
            block, text, bold, style not in run_in, apart, result)
        plain = alone and (looks_like_heading(text) or sentence) and not is_byline(text)
        if plain and not sized and not sentence and _kept_line(block, text, typical, result):
            elements.append(Element(Kind.PARAGRAPH, text, block.line))
            continue
        if (sized or plain) and following:
            level = _level(block, style, sized, levels, tiers)
            elements.append(Element(Kind.HEADING, text, block.line, level))
            if sized:
                display.add(block.line)   # set in display type: a heading whatever follows
            reason = "numbered" if style else ("display type" if sized else
                                               "short line without final punctuation")
            result.change(Change.HEADING, block.line, f"section heading ({reason}): {text}")
            flag_heading(block, text, following, bool(style), sized, sentence and not bold,
                         result)
            continue
        elements.append(Element(Kind.PARAGRAPH, text, block.line))
    return lines_not_heads(elements, display, result)


def _table_or_caption(block: Block, text: str, result: ImportResult) -> Element | None:
    """A block the reader marked as a table, or a caption; None for any other."""
    role = block.lines[0].role
    if role in (Role.TABLE, Role.TABLE_GUESS):
        return _table(block, text, result)
    if is_caption(text) or role is Role.CAPTION:
        result.change(Change.CAPTION, block.line, f"photo caption: {text[:20]}")
        return Element(Kind.CAPTION, text, block.line)
    return None


def _level(block: Block, style: Numbering | None, sized: bool, levels: dict[Numbering, int],
           tiers: list[int]) -> int:
    """A heading's level: its numbering's, else its type size's tier (larger, higher),
    else the highest numbered level."""
    if style:
        return levels.get(style, 2)
    if sized and block.size:
        return min(2 + tiers.index(round(2 * block.size)), 4)
    return min(levels.values()) if levels else 2


def _kept_line(block: Block, text: str, typical: float | None, result: ImportResult) -> bool:
    """A heading-like line kept as a paragraph, put to the editor: it fills the measure as
    wrapped text does, or it is a plan's numbered item (2.1.1 国家粮食应急工作指挥部职责)."""
    if fills_measure(block, typical):
        flag_full_line(block, text, result)
        return True
    if ITEM_NUMBER.match(text):
        result.decisions.append(Decision(Choice.HEADING, block.line, text, page=block.page))
        result.flag(block.line, f"'{text}' has a third-level number, which numbers a plan's "
                    "items, not its sections; kept as a paragraph (the other choice: a heading)")
        return True
    return False


def _table(block: Block, text: str, result: ImportResult) -> Element:
    """A PDF's ruled table as a table; a guessed one stays lines (flagged where guessed)."""
    if block.lines[0].role is Role.TABLE_GUESS:
        return Element(Kind.PARAGRAPH, text, block.line)
    result.change(Change.TABLE, block.line, f"table of {len(block.lines[0].cells)} rows")
    return Element(Kind.TABLE, text, block.line, rows=block.lines[0].cells)


def _note_item(elements: list[Element], blocks: list[Block], index: int,
               run_in: set[Numbering]) -> None:
    """Remember whether the last block's numbering (if any) gave a paragraph."""
    if index < 0 or not elements or elements[-1].line != blocks[index].line:
        return
    last = elements[-1]
    if last.kind is Kind.HEADING:
        run_in.clear()    # a new section: its lists start afresh
    style = numbering(last.text)
    head = last.text.split("。", 1)[0]
    if style and last.kind is Kind.PARAGRAPH and len(head) > RUN_IN_HEAD:
        run_in.add(style)  # an item that is a sentence, not a run-in head (（一）指导思想。…)


RUN_IN_HEAD = 16  # characters before the first 。 of an item that opens with its own head
ROSTER_MIN = 3   # short unnumbered lines in a row: a list (names and posts), not heads
NUMBERED_LIST_MIN = 2   # heads numbered alike with nothing under them: a table of contents


def lines_not_heads(elements: list[Element], display: set[int],
                    result: ImportResult) -> list[Element]:
    """Short unnumbered lines one after another (召集人：… / 丁向阳 国务院副秘书长 / …), or
    lines numbered alike with nothing under any of them (a table of contents: 1.1 … / 1.2 …),
    are a list's lines, not headings: kept as lines, each put to the editor."""
    out = list(elements)
    start = 0
    while start < len(out):
        style = numbering(out[start].text)
        end = start
        while end < len(out) and out[end].kind is Kind.HEADING and \
                numbering(out[end].text) is style and out[end].line not in display:
            end += 1
        if end - start >= (ROSTER_MIN if style is None else NUMBERED_LIST_MIN):
            result.flag(out[start].line, f"{end - start} short lines in a row, from "
                        f"'{out[start].text}': a list, not headings; kept as lines (the other "
                        "choice: headings)")
            for at in range(start, end):
                out[at] = Element(Kind.PARAGRAPH, out[at].text, out[at].line)
                result.retract(Change.HEADING, out[at].line)
                result.decisions.append(Decision(Choice.HEADING, out[at].line, out[at].text))
        start = max(end, start + 1)
    return out


def build_article(blocks: list[Block], result: ImportResult) -> Article:
    base = body_size(blocks)
    meta, rest = top_matter(blocks, base, result)
    elements = body_elements(rest, meta, base, result)
    if not meta.get("title"):
        result.flag(blocks[0].line if blocks else 1,
                    "no headline found before the first paragraph; set `title:` by hand")
    if elements and not any(e.kind is Kind.HEADING for e in elements):
        result.flag(1, "no section headings recognised; mark them with '## '")
    paragraphs = [len(e.text) for e in elements if e.kind is Kind.PARAGRAPH]
    if paragraphs and statistics.median(paragraphs) > 2000:
        result.flag(elements[0].line, "paragraphs are very long: was the layout text reflowed?")
    byline_from_dateline(elements, meta, result)
    return Article(meta, elements)


def byline_from_dateline(elements: list[Element], meta: dict[str, object],
                         result: ImportResult) -> None:
    """The reporters a wire story's dateline names go to the front matter `byline` too
    (the dateline keeps them: it is the story's text)."""
    for element in elements[:BYLINE_AT + 1]:
        who = dateline_reporters(element.text) if element.kind is Kind.PARAGRAPH else None
        if who and "byline" not in meta:
            meta["byline"] = who
            result.change(Change.FRONT_MATTER, element.line, f"byline from the dateline: {who}")
