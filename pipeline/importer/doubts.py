"""Doubtful heading guesses put to the editor as `review:` decisions, never made silently.

A heading guess is doubtful when it is a numbered sentence standing alone, when the
short text after it may be the rest of a cut paragraph, or when its line fills the
column's measure as wrapped body text does (a numbered item's first line cut from the
rest by a column or page break): that one is kept a paragraph, and the editor may flip it.
"""

from __future__ import annotations

from .lines import SENTENCE_END
from .reflow import Block, typical_width, width
from .report import Choice, Decision, ImportResult

PARAGRAPH_MIN = 40     # characters: shorter text is no paragraph (after a head: a cut's rest)
MEASURE_SLACK = 2      # display columns short of the measure a line may be and still fill it
WRAPPED_SHARE = 0.5    # of the lines running on into the next: the text is hard-wrapped


def fills_measure(block: Block, typical: float | None) -> bool:
    """One line of text as wide as the body's full lines: wrapped text, not a head."""
    return (typical is not None and len(block.lines) == 1 and block.size is None
            and width(block.lines[0].text) >= typical - MEASURE_SLACK)


def flag_full_line(block: Block, text: str, result: ImportResult) -> None:
    """A heading-like line that fills the measure, kept as a paragraph: the other choice."""
    result.decisions.append(Decision(Choice.HEADING, block.line, text, page=block.page))
    result.flag(block.line, f"'{text}' looks like a heading but fills the line as wrapped "
                "text does; kept as a paragraph (the other choice: a heading)")


def flag_heading(block: Block, text: str, following: str, numbered: bool, sized: bool,
                 sentence: bool, result: ImportResult) -> None:
    """Put a doubtful heading to the editor: a sentence standing alone, or a cut paragraph."""
    if sentence and not sized:
        result.decisions.append(Decision(Choice.HEADING, block.line, text, page=block.page))
        result.flag(block.line, f"'{text}' (numbered, one sentence, standing alone before the "
                    "text) was taken as a heading; the other choice: a paragraph")
    if not numbered and not sized and following and len(following) < PARAGRAPH_MIN \
            and following.endswith(SENTENCE_END):
        result.decisions.append(Decision(Choice.HEADING, block.line, text, page=block.page))
        result.flag(block.line, f"'{text}' was taken as a heading, but the short text after "
                    f"it ('{following}') may be the rest of a paragraph cut by a page break")


def wrapped_measure(blocks: list[Block]) -> float | None:
    """The full line's width where the text is hard-wrapped (most lines run on into the
    next); None for text set one paragraph a line."""
    lines = [line for block in blocks for line in block.lines]
    if len(lines) - len(blocks) < WRAPPED_SHARE * len(lines):
        return None
    return typical_width(lines)


def set_apart(blocks: list[Block], base: float | None, display: float) -> bool:
    """A PDF whose weights are known (`pdfink`) sets its heads apart by type: a line
    standing alone in bold, or larger type (`display` × the body size)."""
    lines = [line for block in blocks for line in block.lines]
    return any(line.bold is not None for line in lines) and any(
        (base is not None and block.size is not None and block.size >= base * display)
        or (len(block.lines) == 1 and block.lines[0].bold) for block in blocks)


def weighed_head(block: Block, text: str, bold: bool | None, fresh: bool, apart: bool,
                 result: ImportResult) -> bool:
    """Whether a numbered sentence standing alone is a head: a PDF's weight settles it
    (bold, a head; set as the body where heads are set apart, an item, put to the
    editor); else it is one unless its list's items so far were paragraphs (`fresh`)."""
    if bold is True:
        return True
    if bold is False and apart:
        flag_plain_item(block, text, result)
        return False
    return fresh


def flag_plain_item(block: Block, text: str, result: ImportResult) -> None:
    result.decisions.append(Decision(Choice.HEADING, block.line, text, page=block.page))
    result.flag(block.line, f"'{text}' (numbered, one sentence, standing alone) is set as "
                "the body is, not bold, where the heads are set apart: kept as a paragraph; "
                "the other choice: a heading")
