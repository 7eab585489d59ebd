"""A Word file (.docx, python-docx) -> pieces for the styled import.

What Word knows is used as it is: title, subtitle, heading and caption styles (English
or Chinese names) and outline levels, tables cell by cell (a merged cell once, its span
left empty), footnotes (`[n]` in the text, the notes closing the article). Tracked
changes are read as accepted (insertions kept, deletions dropped); comments, headers
and footers are not part of the article. Line numbers are paragraph numbers (tables
count as one) in the body.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from ..errors import PipelineError
from .patterns import is_note_line
from .styled import INFERRED, Piece, Role, unsure_heading

# Text Word shows with changes accepted: no deleted or moved-away runs, no field codes.
_TEXT = ("./descendant::*[(self::w:t or self::w:tab or self::w:br or self::w:footnoteReference"
         " or self::w:drawing or self::w:pict) and not(ancestor::w:del) and "
         "not(ancestor::w:moveFrom)]")
# Heading 2, 标题 2, and the names Chinese office templates give their own heading
# styles: 二级标题, 标题二.
_HEADING_NAME = re.compile(r"^(?:(?:heading|标题|標題)\s*([1-9一二三四五六七八九])|"
                           r"([1-9一二三四五六七八九])\s*[级級]\s*(?:标题|標題))$", re.I)
_DEPTHS = "一二三四五六七八九"
_TITLE_NAMES = {"title", "标题", "標題"}
_SUBTITLE_NAMES = {"subtitle", "副标题", "副標題"}
_CAPTION_NAMES = {"caption", "题注", "題注"}
BODY_TEXT = 9   # outline level 9: body text
CAPTION_MAX = 120


def _style_chain(paragraph: Paragraph) -> list[Any]:
    chain: list[Any] = []
    style = paragraph.style
    while style is not None and len(chain) < 10:
        chain.append(style)
        style = style.base_style
    return chain


def _outline_depth(paragraph: Paragraph) -> int | None:
    """Heading depth (1 = top) from the paragraph's or its style's outline level, or
    from a heading style's name; None for body text."""
    holders = [paragraph._p.pPr] + [s.element.pPr for s in _style_chain(paragraph)]
    for pPr in holders:
        if pPr is None:
            continue
        level = pPr.find(qn("w:outlineLvl"))
        if level is not None:
            value = int(level.get(qn("w:val"), BODY_TEXT))
            return None if value >= BODY_TEXT else value + 1
    for style in _style_chain(paragraph):
        match = _HEADING_NAME.match((style.name or "").strip())
        if match:
            depth = match.group(1) or match.group(2)
            return int(depth) if depth.isdigit() else _DEPTHS.index(depth) + 1
    return None


def _named(paragraph: Paragraph, names: set[str]) -> bool:
    return any((s.name or "").lower() in names for s in _style_chain(paragraph))


def _text(element: Any, notes: dict[str, str]) -> tuple[str, bool]:
    """(text with changes accepted, holds a picture)."""
    out, picture = [], False
    for node in element.xpath(_TEXT):
        tag = etree.QName(node).localname
        if tag == "t":
            out.append(node.text or "")
        elif tag == "tab":
            out.append(" ")
        elif tag == "br":
            out.append("\n")
        elif tag == "footnoteReference":
            number = node.get(qn("w:id"))
            if number in notes:
                out.append(f"[{list(notes).index(number) + 1}]")
        else:
            picture = True
    return " ".join("".join(out).split("\n")).strip(), picture


def _footnotes(document: Any) -> dict[str, str]:
    """Footnote id -> its text, in the order Word numbers them (separators left out)."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            root = etree.fromstring(rel.target_part.blob)
            notes = {}
            for note in root.iter(qn("w:footnote")):
                if note.get(qn("w:type")) in (None, "normal"):
                    text = "".join(t.text or "" for t in note.iter(qn("w:t"))
                                   if not any(etree.QName(a).localname == "del"
                                              for a in t.iterancestors()))
                    notes[note.get(qn("w:id"))] = text.strip()
            return notes
    return {}


def _rows(table: Any, notes: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    rows = []
    for tr in table.iter(qn("w:tr")):
        row: list[str] = []
        for tc in tr.findall(qn("w:tc")):
            row.append(" ".join(_text(p, notes)[0] for p in tc.findall(qn("w:p"))).strip())
            span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            if span is not None:
                row.extend([""] * (int(span.get(qn("w:val"), 1)) - 1))
        rows.append(tuple(row))
    return tuple(rows)


def _centred(paragraph: Paragraph) -> bool:
    alignment = paragraph.paragraph_format.alignment
    for style in _style_chain(paragraph):
        if alignment is not None:
            break
        alignment = style.paragraph_format.alignment
    return alignment is not None and int(alignment) == 1  # WD_ALIGN_PARAGRAPH.CENTER


def _piece(paragraph: Paragraph, number: int, notes: dict[str, str],
           after_picture: bool) -> tuple[Piece | None, bool]:
    text, picture = _text(paragraph._p, notes)
    if not text:
        return None, picture
    centred = _centred(paragraph)
    if _named(paragraph, _TITLE_NAMES):
        return Piece(Role.TITLE, text, number), False
    if _named(paragraph, _SUBTITLE_NAMES):
        return Piece(Role.SUBTITLE, text, number), False
    if _named(paragraph, _CAPTION_NAMES):
        return Piece(Role.CAPTION, text, number, centred=centred), False
    depth = _outline_depth(paragraph)
    if depth is not None:
        return Piece(Role.HEADING, text, number, depth), False
    if after_picture and centred and len(text) <= CAPTION_MAX:
        return Piece(Role.CAPTION, text, number, centred=True, unsure=(
            f"'{text[:30]}' (centred under a picture, no caption style) taken as its "
            "caption; the other choice: a paragraph")), False
    bold = [r.bold for r in paragraph.runs if r.text.strip()]
    if bold and all(bold) and not unsure_heading(text) and len(text) <= 40 \
            and not is_note_line(text):   # （本文原载于…） in bold is a note
        return Piece(Role.HEADING, text, number, INFERRED, unsure=(
            f"'{text[:30]}' is a bold paragraph, not a heading style: taken as a heading; "
            "the other choice: a paragraph")), False
    return Piece(Role.PARAGRAPH, text, number, centred=centred), picture


def docx_pieces(data: bytes, path: Path) -> list[Piece]:
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise PipelineError(f"cannot read this Word file ({type(exc).__name__}): is it "
                            "a .docx saved by Word or LibreOffice?", path) from None
    notes = _footnotes(document)
    pieces: list[Piece] = []
    after_picture = False
    for number, block in enumerate(document.element.body.iterchildren(), start=1):
        tag = etree.QName(block).localname
        if tag == "tbl":
            rows = _rows(block, notes)
            if rows:
                pieces.append(Piece(Role.TABLE, "", number, rows=rows))
            after_picture = False
        elif tag == "p":
            piece, after_picture = _piece(Paragraph(block, document), number, notes,
                                          after_picture)
            if piece is not None:
                pieces.append(piece)
    for index, text in enumerate(notes.values(), start=1):
        pieces.append(Piece(Role.PARAGRAPH, f"[{index}] {text}", len(pieces) + 1))
    return pieces
