"""The top of an article: the headline zone before the first prose paragraph (kicker,
title, subtitle, byline, credits, date, an official document's masthead and number),
each line put in the front matter by evidence, and doubtful assemblies flagged.
"""

from __future__ import annotations

import itertools
import re

from .doubts import PARAGRAPH_MIN
from .lines import SENTENCE_END, Line, Role, join_lines
from .patterns import (
    NAMES,
    is_byline,
    is_caption,
    is_credits,
    is_doc_number,
    is_document_title,
    is_issuer,
    is_label_line,
    is_masthead,
    is_source_line,
    iso_date,
    numbering,
    signed_date,
    unbracketed,
)
from .reflow import Block
from .report import Change, ImportResult

HEADING_MAX = 30
FRAGMENT_MAX = 8
KICKER_MAX = 6
HEADING_SIZE = 1.07     # × body size: display type for headings
HEADLINE_SIZE = 1.5     # × body size: the headline
WRAPPED_SHARE = 2.0     # × the next line's length: a headline line the measure wrapped
WRAPPED_ROOM = 1.0      # ems left at a display line's end: the measure wrapped it
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)\]’”]$")


def text_of(block: Block) -> str:
    return join_lines(block.lines)


def is_display(block: Block, base: float | None, factor: float) -> bool:
    return base is not None and block.size is not None and block.size >= base * factor


def is_prose(block: Block) -> bool:
    """Body text rather than display type: a long line, or a sentence."""
    text = text_of(block)
    longest = max(len(line.text) for line in block.lines)
    # A closing quote ends a sentence only after its mark: 让“小切口”撬动“大民生” is a title.
    core = text.rstrip("”」』’）)")
    return (longest > HEADING_MAX or (len(block.lines) == 1 and len(text) >= PARAGRAPH_MIN)
            or (core.endswith(SENTENCE_END) and len(text) > 12))


def joined(parts: list[str]) -> str:
    """Display lines as one line: a space only between Latin words, none in Chinese
    (a title broken over two lines is one title: 关于加强…学校 / 毕业生就业工作的通知)."""
    out = ""
    for part in parts:
        latin = bool(out) and _LATIN_END.search(out) is not None and part[:1].isascii()
        out += (" " if latin else "") + part
    return out


def _display_title(head: list[Line]) -> str:
    """A PDF's headline lines: a line the measure wrapped (it fills the column) runs on
    with nothing between, as does an official title (关于…的通知) however it broke; a line
    the editor broke short keeps a space (数字经济重塑 中部城市版图)."""
    if is_document_title(joined([line.text for line in head])):
        return joined([line.text for line in head])
    out = head[0].text
    for before, line in itertools.pairwise(head):
        wrapped = before.room is not None and before.room < WRAPPED_ROOM
        out = joined([out, line.text]) if wrapped else f"{out} {line.text}"
    return out


def fragments_suggestion(lines: list[str]) -> str | None:
    """If the last fragment has one character per earlier line, they were probably
    pushed out of the ends of those lines by the layout (产业焕新 + 姿 ...)."""
    if len(lines) < 3:
        return None
    *heads, tail = lines
    candidates = heads[-len(tail):] if len(tail) <= len(heads) else []
    if not candidates or len(tail) != len(candidates):
        return None
    rebuilt = [h + c for h, c in zip(candidates, tail, strict=False)]
    return " ".join(heads[: len(heads) - len(candidates)] + rebuilt)


def _headline_by_size(display: list[Line], subtitle: list[str], meta: dict[str, object],
                      result: ImportResult) -> bool:
    """A PDF says which lines are set in the headline's type: the rest are kicker and
    subtitle. False where the lines carry no size (text)."""
    sizes = [line.size for line in display if line.size]
    if not sizes:
        return False
    top = max(sizes)
    head = [line for line in display if line.size and line.size >= top * 0.9]
    first, last = display.index(head[0]), display.index(head[-1])
    after = [line.text for line in display[last + 1:] if line.text not in subtitle]
    if first:
        meta["kicker"] = _display_title(display[:first])
    if after and "subtitle" not in meta:
        meta["subtitle"] = " ".join(after)
    meta["title"] = _display_title(head)
    result.change(Change.FRONT_MATTER, head[0].number,
                  f"headline from the largest type ({top:g} pt): {meta['title']}")
    return True


def _headline(display: list[Line], meta: dict[str, object], result: ImportResult,
              base: float | None) -> None:
    # A byline with its date closing the display lines (翁維愷 2017-01-18) is no part of it.
    while len(display) > 1 and take_signed(display[-1].text.strip(), display[-1].number,
                                           meta, result):
        display = display[:-1]
    lines = [line.text.strip() for line in display]
    subtitle = [t for t in lines if t.startswith(("——", "—", "--"))]
    if subtitle:
        # The subtitle comes last: the lines after its dash are its wrapped rest (会议上).
        at = lines.index(subtitle[0])
        rest = [t for t in lines[at + 1:] if t not in subtitle]
        meta["subtitle"] = joined([subtitle[0].lstrip("—- ").strip(), *rest])
        lines = [t for t in lines[:at] + lines[at + 1:] if t not in subtitle and t not in rest]
    if base and _headline_by_size(display, subtitle, meta, result):
        return
    if not lines:
        return
    if len(lines) >= 3 and all(len(t) <= FRAGMENT_MAX for t in lines):
        meta["title"] = " ".join(lines)
        message = (f"headline: the extraction left display fragments ({' / '.join(lines)}); "
                   "their order and grouping cannot be decided from text. Set `title:` (and "
                   "`kicker:`) in the front matter by hand")
        suggestion = fragments_suggestion(lines)
        if suggestion:
            message += f"; the short last fragment suggests scattered characters: '{suggestion}'"
        result.flag(display[0].number, message)
        return
    start = _official_title(lines)
    if start is not None:
        if start:
            meta["kicker"] = " ".join(lines[:start])
        meta["title"] = joined(lines[start:])   # an official title broken over lines
        result.change(Change.FRONT_MATTER, display[start].number,
                      f"headline: {meta['title']} (an official title over "
                      f"{len(lines) - start} lines)")
        return
    if len(lines) >= 2 and len(lines[0]) <= KICKER_MAX and len(lines[1]) > 2 * len(lines[0]):
        meta["kicker"] = lines.pop(0)
    if len(lines) >= 2 and len(lines[-1]) >= 1.6 * max(len(t) for t in lines[:-1]) \
            and "subtitle" not in meta:
        meta["subtitle"] = lines.pop()
    meta["title"] = _text_title(lines)
    if len(lines) > 2:
        result.flag(display[0].number, f"headline assembled from {len(lines)} lines in reading "
                    f"order ({' / '.join(lines)}); check the order and where the kicker or "
                    "subtitle ends")
    else:
        result.change(Change.FRONT_MATTER, display[0].number,
                      f"headline: {meta['title']} (display lines before the first paragraph)")


def _text_title(lines: list[str]) -> str:
    """A text's headline lines: a short rest under a long line (利润 / 增长17.1%) is where
    the measure wrapped it, run on with nothing between; lines of like length were broken
    by the editor and keep a space (数字经济重塑 中部城市版图)."""
    out = lines[0] if lines else ""
    for before, line in itertools.pairwise(lines):
        wrapped = len(before) >= WRAPPED_SHARE * len(line)
        out = joined([out, line]) if wrapped else f"{out} {line}"
    return out


def _official_title(lines: list[str]) -> int | None:
    """Where an official title broken over lines starts (关于… to …的通知, with the
    issuers over it), if the display lines end with one; None if they do not."""
    if len(lines) < 2 or is_document_title(lines[0]):
        return None
    starts = [at for at in range(len(lines) - 1) if is_document_title(joined(lines[at:]))
              and "关于" in joined(lines[at:])]
    if not starts:
        return 0 if is_document_title(joined(lines)) else None
    start = starts[-1]
    while start and is_issuer(lines[start - 1]):
        start -= 1
    return start


def _add_meta(meta: dict[str, object], key: str, text: str) -> None:
    previous = meta.get(key)
    meta[key] = f"{previous} {text}" if previous else text


def take_signed(text: str, line: int, meta: dict[str, object], result: ImportResult) -> bool:
    """A byline or issuer with its date (作者：陳景祥　2024-03-18) to the front matter:
    True if `text` was one. An issuer's name as the byline is put to the editor."""
    signed = signed_date(text)
    if signed is None or "byline" in meta:
        return False
    meta["byline"] = signed.who
    meta.setdefault("date", signed.date)
    if signed.sure:
        result.change(Change.FRONT_MATTER, line, f"byline and date moved to front matter: {text}")
    else:
        result.flag(line, f"'{text}' under the headline: '{signed.who}' taken as the byline "
                    f"and {signed.date} as the date; the other choice: a paragraph of the body")
    return True


def classify_meta(text: str, line: int, meta: dict[str, object],
                   result: ImportResult) -> bool:
    """Bylines, credits and dates go to the front matter; True if `text` was one."""
    if take_signed(text, line, meta, result):
        return True
    if is_credits(text) or is_source_line(text):
        _add_meta(meta, "credits", " ".join(unbracketed(text).split()))
        result.change(Change.FRONT_MATTER, line, "credits line moved to front matter `credits`")
        return True
    if is_byline(text) and "byline" not in meta:
        meta["byline"] = " ".join(text.strip("()（）").split())
        result.change(Change.FRONT_MATTER, line, f"byline moved to front matter: {text}")
        return True
    date = iso_date(text)
    if date and "date" not in meta:
        meta["date"] = date
        result.change(Change.FRONT_MATTER, line, f"date moved to front matter: {text}")
        return True
    return False


def _masthead_run(blocks: list[Block], index: int) -> int:
    """How many display blocks from `index` make a masthead wrapped over lines
    (湖南省人民政府办公厅文 / 件, as a PDF sets it in large type), else 0."""
    run = blocks[index:index + 3]
    for count in range(2, len(run) + 1):
        if len({block.size for block in run[:count]}) == 1 and run[0].size and \
                is_masthead(joined([text_of(block) for block in run[:count]])):
            return count
    return 0


def _front_line(block: Block, text: str, meta: dict[str, object], held: list[Block],
                result: ImportResult) -> bool:
    """An official document's masthead (to `publication`) or its number above the title
    (kept for the body, where it stands under the title): True if `text` was one."""
    if (is_masthead(text) or block.lines[0].role is Role.MASTHEAD) and "publication" not in meta:
        meta["publication"] = text
        result.change(Change.FRONT_MATTER, block.line,
                      f"masthead moved to front matter `publication`: {text}")
        return True
    if is_doc_number(text) and not held:
        held.append(block)
        return True
    return False


CLAUSE_ENDS = ("，", "。", "；", "：", "、", ",", ";", ":")


def _repeats(text: str, display: list[Line], result: ImportResult, line: int) -> bool:
    """A web page's title over the document's own title: the same words again."""
    bare = re.sub(r"\s+", "", text)
    earlier = re.sub(r"\s+", "", "".join(line.text for line in display))
    if len(bare) < 4 or bare not in earlier or bare.endswith(CLAUSE_ENDS):
        return False   # a line ending in a comma or full stop is text, not a title again
    result.flag(line, f"'{text}' repeats the headline above it; left out of the headline "
                "(the other choice: put it back in the title)")
    return True


# A law's or regulation's title names what it is at its end: …渔业条例, …保护法, …办法（试行）.
_STATUTE_END = re.compile(r"(?:法|条例|办法|规定|规则|细则|决定|章程|准则)(?:[（(][^）)]{1,8}[）)])?$")


def _issuer_under_title(text: str, display: list[Line], meta: dict[str, object],
                        block: Block, result: ImportResult) -> bool:
    """`贵州省渔业条例` / `贵州省人大常委会`: the body that issued a statute, on its own line
    under the statute's title, is its author (front matter `byline`), not the title's end."""
    title = joined([line.text.strip() for line in display])
    if not display or "byline" in meta or len(block.lines) != 1 or not is_issuer(text) \
            or not (is_document_title(title) or _STATUTE_END.search(title)):
        return False
    meta["byline"] = " ".join(text.split())
    result.flag(block.line, f"'{text}' under the title is taken as the body that issued it "
                "(front matter `byline`); the other choice: part of the title")
    return True


_NAMES_ONLY = re.compile(rf"^{NAMES}$")
DATED_TITLE_MAX = 60   # characters a headline over its signed date may have
KICKER_LOOKAHEAD = 3  # blocks: a kicker's wrapped rest may stand between it and the title
CENTRED_SLACK = 1.5   # ems: a centred line's room at either end differs by no more


def _centred_names(block: Block, base: float | None) -> bool:
    """A PDF's line of names alone, centred under the headline in text type (李飞): the
    byline."""
    line = block.lines[0]
    return (len(block.lines) == 1 and line.room is not None and line.room >= 4
            and not is_display(block, base, HEADING_SIZE)
            and abs(line.indent / 2 - line.room) <= CENTRED_SLACK
            and _NAMES_ONLY.match(line.text) is not None)


def _dated(blocks: list[Block], index: int) -> bool:
    """A first line over who signed it and when (统计局：…利润增长17.1% / 国家统计局
    2018-08-27 11:51) is the headline however long, unless it is a sentence."""
    text = text_of(blocks[index])
    following = text_of(blocks[index + 1]) if index + 1 < len(blocks) else ""
    return (index == 0 and len(blocks[index].lines) <= 2 and len(text) <= DATED_TITLE_MAX
            and not text.endswith(SENTENCE_END) and signed_date(following) is not None)


def _kicker(blocks: list[Block], index: int, base: float | None) -> bool:
    """Display type over the headline's larger type (a PDF's long kicker, 李飞出席…致辞全文):
    part of the headline zone however long, unless it is a sentence."""
    block = blocks[index]
    if not is_display(block, base, HEADING_SIZE) or text_of(block).endswith(SENTENCE_END):
        return False
    for following in blocks[index + 1: index + 1 + KICKER_LOOKAHEAD]:
        if is_display(following, base, HEADLINE_SIZE):
            return (following.size or 0) > (block.size or 0)
        if not is_display(following, base, HEADING_SIZE):
            return False
    return False


def _take_masthead(blocks: list[Block], index: int, meta: dict[str, object],
                   result: ImportResult) -> int:
    """A masthead wrapped over lines at `index` moved to `publication`: how many lines."""
    wrapped = 0 if "publication" in meta else _masthead_run(blocks, index)
    if wrapped:
        masthead = joined([text_of(b) for b in blocks[index:index + wrapped]])
        meta["publication"] = masthead
        result.change(Change.FRONT_MATTER, blocks[index].line, f"masthead over {wrapped} "
                      f"lines moved to front matter `publication`: {masthead}")
    return wrapped


def _take_centred_byline(block: Block, text: str, base: float | None,
                         meta: dict[str, object], result: ImportResult) -> bool:
    """Names alone centred under the headline: the byline, put to the editor."""
    if "byline" in meta or not _centred_names(block, base):
        return False
    meta["byline"] = text
    result.flag(block.line, f"'{text}' (names centred under the headline) taken as the "
                "byline; the other choice: a paragraph of the body")
    return True


def top_matter(blocks: list[Block], base: float | None,
               result: ImportResult) -> tuple[dict[str, object], list[Block]]:
    """The headline zone: display lines (and bylines, credits, dates) before the first
    prose paragraph or numbered heading; the rest of the blocks are the body."""
    meta: dict[str, object] = {}
    display: list[Line] = []
    held: list[Block] = []
    closed = False
    index = 0
    while index < len(blocks):
        block = blocks[index]
        text = text_of(block)
        if display and not is_display(block, base, HEADLINE_SIZE) and classify_meta(
                text, block.line, meta, result):
            closed = True   # a date or byline under the headline: the headline ends there
            index += 1
            continue
        if _issuer_under_title(text, display, meta, block, result):
            closed = True   # a law's issuing body under its title: the headline ends there
            index += 1
            continue
        wrapped = 0 if display else _take_masthead(blocks, index, meta, result)
        if wrapped:
            index += wrapped
            continue
        if classify_meta(text, block.line, meta, result) or (
                not display and _front_line(block, text, meta, held, result)) or (
                display and _repeats(text, display, result, block.line)):
            index += 1
            continue
        if display and _take_centred_byline(block, text, base, meta, result):
            closed = True
            index += 1
            continue
        headline_type = is_display(block, base, HEADLINE_SIZE)
        if text.startswith(("——", "--")) and display:   # the subtitle's dash
            display.extend(block.lines)
            index += 1
            continue
        sentence = text.endswith(("。", "；", "：", ":"))
        if block.lines[0].role is Role.TABLE_GUESS:
            break
        titled = not display and ((is_document_title(text) and len(block.lines) <= 3)
                                  or _kicker(blocks, index, base) or _dated(blocks, index))
        if not headline_type and not titled and (
                is_prose(block) or sentence or numbering(text) or is_caption(text)
                or is_doc_number(text) or is_label_line(text)):
            break
        if display and ("byline" in meta or closed) and not headline_type:
            break  # the headline comes before the byline: this is the first section head
        if not headline_type and base is not None and display and not is_display(
                block, base, HEADING_SIZE):
            break
        display.extend(block.lines)
        index += 1
    _headline(display, meta, result, base)
    return meta, held + blocks[index:]
