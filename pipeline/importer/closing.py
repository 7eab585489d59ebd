"""The closing block of a document and the lines that close an article: who signed
and the date under them, a notice's list of attachments, and the bylines and source
lines after the last paragraph (each to the front matter)."""

from __future__ import annotations

from .headline import text_of as _text
from .lines import SENTENCE_END
from .patterns import (
    Numbering,
    is_attachments,
    is_byline,
    is_closing_note,
    is_credits,
    is_date_line,
    is_doc_number,
    is_issuer,
    is_source_line,
    numbering,
)
from .reflow import Block


def closing_line(blocks: list[Block], index: int, text: str, signed: set[int]) -> bool:
    """A line of the closing block: a signature, a note (（此件公开发布）), or a date under
    an issuer or a signature."""
    return index in signed or is_closing_note(text) or (is_date_line(text) and bool(
        (index and is_issuer(_text(blocks[index - 1]))) or index - 1 in signed))


# A signature is no clause: no sentence end, colon or comma in it.
_CLAUSE_MARKS = (*SENTENCE_END, "：", ":", "，", ",", "、")
SIGNATURE_LINES = 2    # lines a signature may take over its date (a body's name wrapped)
SIGNATURE_MAX = 30


def signature(blocks: list[Block]) -> set[int]:
    """The lines over a date standing alone: who signed (国务院办公厅; 湖北省巴东县官渡口镇马鬃山村
    / 地质险情调查专家组), a closing block's lines, never headings."""
    signed: set[int] = set()
    for index in range(1, len(blocks)):
        if not is_date_line(_text(blocks[index])):
            continue
        for above in range(index - 1, max(-1, index - 1 - SIGNATURE_LINES), -1):
            text = _text(blocks[above])
            if len(blocks[above].lines) > 1 or len(text) > SIGNATURE_MAX or numbering(text) \
                    or any(mark in text for mark in _CLAUSE_MARKS) \
                    or is_date_line(text) or is_doc_number(text):
                break
            signed.add(above)
    return signed


def attachments(blocks: list[Block]) -> set[int]:
    """The items after `附件：1.…` numbered on (2.…, 3.…): the list's lines, not heads."""
    listed: set[int] = set()
    for index in range(1, len(blocks)):
        text = _text(blocks[index])
        before = _text(blocks[index - 1])
        if numbering(text) is Numbering.ARABIC and (is_attachments(before) or index - 1 in listed):
            listed.add(index)
    return listed


def about(text: str) -> bool:
    return is_byline(text) or is_source_line(text)


def closing_meta(blocks: list[Block]) -> int:
    """Where the run of bylines and source lines closing the article starts (记者：王子霖 /
    首发：上海证券报): each goes to the front matter, not only the last."""
    start = len(blocks)
    while start and (about(_text(blocks[start - 1])) or is_credits(_text(blocks[start - 1]))):
        start -= 1
    return start
