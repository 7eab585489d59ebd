"""Documents that say their own structure (Word styles, HTML tags) -> an article.

A `.docx` or a web page already tells headings, captions and tables apart; what it
gives is a list of `Piece`s in reading order. Here they become the same article the
text path builds (front matter, headings with levels, paragraphs, captions, pipe
tables), with the same normalisation, punctuation and report. A role the source only
suggests (a bold line, a centred line under a picture) is a decision put to the editor.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace

from .headline import take_signed
from .markdown import render
from .normalize import normalise_text, note
from .pasted import Furniture, kind_of, page_date, report_dropped
from .patterns import (
    Numbering,
    is_byline,
    is_credits,
    is_doc_number,
    iso_date,
    numbering,
    unbracketed,
)
from .punctuation import fix_marks, fix_quotes
from .report import Change, ImportResult
from .script import detect_script
from .structure import BYLINE_AT, Article, Element, Kind, byline_from_dateline

BYLINE_MAX = 40
UNSURE_HEADING = 30   # a bold paragraph longer than this may be a bold lead sentence
INFERRED = 7          # the depth of a heading only bold type suggests (below any real one)
TABLE_CAPTION = re.compile(r"^(?:表|续表|續表)\s*[0-9０-９一二三四五六七八九十]")


class Role(enum.Enum):
    TITLE = "title"
    SUBTITLE = "subtitle"     # above the title: a kicker; below it: a subtitle
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    TABLE = "table"


@dataclass(frozen=True)
class Piece:
    role: Role
    text: str
    line: int                  # paragraph number (.docx) or source line (HTML)
    level: int = 1             # a heading's depth as the source gives it (1 = top)
    rows: tuple[tuple[str, ...], ...] = ()
    centred: bool = False
    unsure: str = ""           # why the role is only likely: the other choice for review


def _normalised(piece: Piece, result: ImportResult) -> Piece:
    text = normalise_text(piece.text)
    if text != piece.text:
        note(result, piece.line, piece.text, text)
    rows = tuple(tuple(normalise_text(cell) for cell in row) for row in piece.rows)
    return replace(piece, text=text, rows=rows)


def _front_matter(pieces: list[Piece], meta: dict[str, object],
                  result: ImportResult) -> list[Piece]:
    """Kicker, title and subtitle from their styles; bylines, dates and credits around
    them by what they say; the rest is the body."""
    titles = [i for i, p in enumerate(pieces) if p.role is Role.TITLE]
    start = 0
    if titles:
        first = titles[0]
        meta["title"] = pieces[first].text
        result.change(Change.FRONT_MATTER, pieces[first].line,
                      f"headline from the title style: {pieces[first].text}")
        kicker = [p.text for p in pieces[:first] if p.role is Role.SUBTITLE]
        if kicker:
            meta["kicker"] = " ".join(kicker)
        start = first + 1
        while start < len(pieces) and pieces[start].role is Role.SUBTITLE:
            meta["subtitle"] = pieces[start].text
            start += 1
    else:
        heads = [i for i, p in enumerate(pieces) if p.role is Role.HEADING]
        if heads and not any(p.role is Role.PARAGRAPH for p in pieces[:heads[0]]):
            meta["title"] = pieces[heads[0]].text
            start = heads[0] + 1
            result.flag(pieces[heads[0]].line, f"headline: no title style; the first heading "
                        f"'{meta['title']}' taken as the headline (the other choice: a section "
                        "heading, and `title:` set by hand)")
        else:
            result.flag(1, "headline: none marked (no title style or heading before the text);"
                        " set `title:` by hand")
    body = pieces[start:]
    while body and body[0].role is Role.PARAGRAPH and _meta_line(body[0], meta, result, True):
        body = body[1:]
    # A byline under the lead's dateline (新华社北京10月17日电 / 新华社记者…), as in text.
    bylines = [p for p in body[:BYLINE_AT + 1] if p.role is Role.PARAGRAPH and is_byline(p.text)]
    if bylines and "byline" not in meta:
        meta["byline"] = bylines[0].text
        result.change(Change.FRONT_MATTER, bylines[0].line,
                      f"byline moved to front matter: {bylines[0].text}")
        body = [p for p in body if p is not bylines[0]]
    while body and body[-1].role is Role.PARAGRAPH and _meta_line(body[-1], meta, result, False):
        body = body[:-1]
    return body


def _furniture(piece: Piece, meta: dict[str, object], result: ImportResult, top: bool) -> bool:
    """A web page's furniture at the top or foot of a Word file or a web page's article
    (来源 and 发布时间 under the headline, 返回顶部 at the foot): dropped and put to the
    editor, its date kept, as the text path does (pasted.kind_of is the one list)."""
    kind = kind_of(piece.text, top)
    if kind is None:
        return False
    date = page_date(piece.text) if kind is Furniture.METADATA else None
    moved = date if date and "date" not in meta else None
    if moved:
        meta["date"] = moved
    report_dropped(result, piece.line, piece.text, kind, moved)
    return True


def _meta_line(piece: Piece, meta: dict[str, object], result: ImportResult, top: bool) -> bool:
    text = piece.text
    if _furniture(piece, meta, result, top):
        return True
    if len(text) > BYLINE_MAX:
        return False
    if top and take_signed(text, piece.line, meta, result):
        return True
    if is_credits(text):
        previous = meta.get("credits")
        credits = " ".join(unbracketed(text).split())
        meta["credits"] = f"{previous} {credits}" if previous else credits
        result.change(Change.FRONT_MATTER, piece.line, "credits line moved to front matter")
        return True
    date = iso_date(text)
    if top and date and "date" not in meta:
        meta["date"] = date
        result.change(Change.FRONT_MATTER, piece.line, f"date moved to front matter: {text}")
        return True
    if top and "byline" not in meta and (is_byline(text) or (
            piece.centred and not text.endswith(("。", "！", "？", "；"))
            and not is_doc_number(text))):   # a document number stays in the body
        meta["byline"] = text
        if is_byline(text):
            result.change(Change.FRONT_MATTER, piece.line, f"byline moved to front matter: {text}")
        else:
            result.flag(piece.line, f"'{text}' (a short centred line under the headline) taken"
                        " as the byline; the other choice: a paragraph of the body")
        return True
    return False


def _levels(pieces: list[Piece], result: ImportResult) -> list[int]:
    """Markdown levels (from 2; the title is 1) for the pieces' headings. The source's
    own depths (h2/h3, Heading 1/2, outline levels) in use come first; headings only
    suggested by bold type are tiered by their numbering (一、 before （一）) in order of
    first use, and one that follows another with nothing between goes a level down."""
    depths = sorted({p.level for p in pieces if p.role is Role.HEADING and p.level < INFERRED})
    explicit = {depth: 2 + rank for rank, depth in enumerate(depths)}
    tiers: list[Numbering | None] = []
    levels = []
    for index, piece in enumerate(pieces):
        if piece.role is not Role.HEADING:
            levels.append(0)
            continue
        if piece.level < INFERRED:
            levels.append(min(explicit[piece.level], 6))
            continue
        style = numbering(piece.text)
        if style not in tiers:
            tiers.append(style)
        level = 2 + len(explicit) + tiers.index(style)
        previous = pieces[index - 1] if index else None
        if previous and previous.role is Role.HEADING and style is None and \
                levels[-1] >= level:
            level = levels[-1] + 1
            result.flag(piece.line, f"'{piece.text[:30]}' follows the heading "
                        f"'{previous.text[:30]}' with nothing between: taken as its subheading "
                        f"(level {level}); the other choice: level {levels[-1]}")
        levels.append(min(level, 6))
    return levels


def _element(piece: Piece, level: int, result: ImportResult) -> Element:
    if piece.role is Role.TABLE:
        result.change(Change.TABLE, piece.line, f"table of {len(piece.rows)} rows kept")
        return Element(Kind.TABLE, "", piece.line, rows=piece.rows)
    text, fixes = fix_marks(piece.text)
    for fix in fixes:
        result.change(Change.PUNCTUATION, piece.line, f"'{fix.old}' -> '{fix.new}' "
                      f"(…{fix.context}…)")
    text, quotes, unpaired = fix_quotes(text)
    if unpaired:
        result.flag(piece.line, "odd number of straight quotes (\") in Chinese text: "
                    "not changed; use “…”")
    for fix in quotes:
        result.change(Change.QUOTES, piece.line, f"'\"' -> '{fix.new}' (…{fix.context}…)")
    if piece.unsure:
        result.flag(piece.line, piece.unsure)
    if piece.role is Role.HEADING:
        result.change(Change.HEADING, piece.line, f"section heading: {text}")
        return Element(Kind.HEADING, text, piece.line, level)
    if piece.role is Role.CAPTION:
        table = TABLE_CAPTION.match(text) is not None   # 表1 …: a table's, not a photo's
        result.change(Change.TABLE_CAPTION if table else Change.CAPTION, piece.line,
                      f"{'table ' if table else ''}caption: {text[:20]}")
        return Element(Kind.CAPTION, text, piece.line)
    return Element(Kind.PARAGRAPH, text, piece.line)


def _table_captions(pieces: list[Piece]) -> list[Piece]:
    """A `表1 …` line set just above a table is its caption, however it is styled."""
    return [replace(p, role=Role.CAPTION, unsure="") if p.role in (Role.HEADING, Role.PARAGRAPH)
            and index + 1 < len(pieces) and pieces[index + 1].role is Role.TABLE
            and TABLE_CAPTION.match(p.text) else p for index, p in enumerate(pieces)]


def unsure_heading(text: str) -> str:
    """Why a bold paragraph may not be a heading ('' if it surely is one)."""
    if numbering(text) or (len(text) <= UNSURE_HEADING and not text.endswith(("。", "；"))):
        return ""
    return (f"'{text[:30]}' is set in bold and taken as a heading; the other choice: a "
            "paragraph that opens in bold")


def import_pieces(pieces: list[Piece], result: ImportResult) -> ImportResult:
    """Pieces in reading order -> the reviewed Markdown, as the text path writes it."""
    pieces = [_normalised(p, result) for p in pieces if p.text.strip() or p.rows]
    if not pieces:
        result.flag(1, "no text found: is this the right file?")
    meta: dict[str, object] = {}
    body = _front_matter(pieces, meta, result)
    body = _table_captions(body)
    levels = _levels(body, result)
    elements = [_element(p, level, result) for p, level in zip(body, levels, strict=True)]
    byline_from_dateline(elements, meta, result)
    text = " ".join([p.text for p in pieces] + [c for p in pieces for r in p.rows for c in r])
    evidence = detect_script(text)
    if evidence.mixed:
        result.flag(1, evidence.review())
    result.markdown = render(Article({"lang": evidence.script.value, **meta}, elements))
    return result
