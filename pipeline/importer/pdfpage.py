"""A PDF's pages as characters, pictures and ruling (pypdfium2, the PDFium engine).

PDFium reads a page ten times faster than pdfminer and maps the glyphs of the CJK
fonts Chromium embeds to the ideographs they show (pdfminer gives Kangxi radicals,
⼤ for 大). Each character keeps its font box (ascent to descent: about the em),
baseline and weight; filled boxes and images large enough to be a picture are kept
for their captions; thin paths are counted as a table's ruling.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..cjk import is_cjk

Box = tuple[float, float, float, float]   # x0, top, x1, bottom (from the page's top)
PICTURE_MIN = 40.0   # points: a filled box or image at least this wide and high
RULE_MAX = 2.0       # points: a path this thin in one direction is a rule
BOLD_WEIGHT = 600
RED = (160, 100)     # a red fill: red at least the first, green and blue at most the second
# A bold face by its name: LibreOffice embeds `NotoSansCJKjp-Bold` with weight 400.
BOLD_NAMES = (b"Bold", b"Black", b"Heavy", b"Semibold", b"SemiBold", b"Demi")


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: where it stands (from the page's top) and how far it runs."""

    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float        # the font's box, from the top of the page
    bottom: float
    baseline: float
    size: float       # the font's box height: ascent + descent, about the em
    bold: bool
    space_before: bool = False   # a space PDFium saw between two Han characters
    named: bool = True           # its font has a name (Chromium's Type3 CJK fonts have
                                 # none, nor a weight: bold is then measured, `pdfink`)
    red: bool = False            # filled in red (an official document's masthead, 红头)


@dataclass(frozen=True)
class PageData:
    number: int       # 0-based
    width: float
    height: float
    chars: list[Char]
    pictures: list[Box]
    rules: int        # thin paths: ruling a table may have
    across: tuple[Rule, ...] = ()   # the horizontal ones: rows a table's ruling parts


def _texts(textpage: pdfium.PdfTextPage, count: int) -> str:
    """The page's characters in one call (one per index), or the empty string when
    they do not line up one a character (a character outside the BMP takes two)."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = pdfium_c.FPDFText_GetText(textpage.raw, 0, count,
                                        ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[:2 * max(0, written - 1)].decode("utf-16-le", errors="replace")
    return text if len(text) == count else ""


def _han(text: str) -> bool:
    return is_cjk(text) and text.isalpha()


def _chars(page: pdfium.PdfPage, height: float) -> list[Char]:
    textpage = page.get_textpage()
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    # the C functions bound once: a page has thousands of characters, five calls each
    unicode, generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    loose_box, origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    font_weight, font_info = pdfium_c.FPDFText_GetFontWeight, pdfium_c.FPDFText_GetFontInfo
    name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    heavy: dict[bytes, bool] = {}   # a font's name: bold by it
    fill_colour = pdfium_c.FPDFText_GetFillColor
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    count = textpage.count_chars()
    texts = _texts(textpage, count)
    chars: list[Char] = []
    spaced = False
    for index in range(count):
        text = texts[index] if texts else "\x00"
        if text in "\x00\ufffe\uffff":   # the bulk text's stand-in for a code of its own
            text = chr(unicode(raw, index))
        if text == "\x02":   # PDFium's mark for a hyphen ending a line: the hyphen printed
            text = "-"
        # what PDFium makes up (spaces, line breaks) is always white space: ask only then
        if text.isspace() and generated(raw, index):
            # Chromium prints no glyph for a space: PDFium's one between two Han
            # characters stands for a real one (電 題, 兩會 世界), the text's own.
            spaced = text == " " and bool(chars) and _han(chars[-1].text)
            continue
        if text in "\x00\ufffe\uffff\r\n":
            spaced = False
            continue
        loose_box(raw, index, box)
        origin(raw, index, x, y)
        top, bottom, baseline = height - box.top, height - box.bottom, height - y.value
        previous = chars[-1] if chars else None
        if previous and box.top - box.bottom < 0.4 * previous.size \
                and abs(previous.baseline - baseline) < 1:
            top, bottom = previous.top, previous.bottom   # a dash's box: the glyph, not the font
        font_info(raw, index, name, len(name), flags)
        named = name.value
        if named not in heavy:
            heavy[named] = any(mark in named for mark in BOLD_NAMES)
        bold = heavy[named] or font_weight(raw, index) >= BOLD_WEIGHT
        chars.append(Char(text, box.left, box.right, top, bottom, baseline,
                          round(bottom - top, 1), bold, spaced and _han(text),
                          bool(named), bool(fill_colour(raw, index, red, green, blue, alpha))
                          and red.value >= RED[0] and max(green.value, blue.value) <= RED[1]))
        spaced = False
    textpage.close()
    return chars


def _shapes(page: pdfium.PdfPage, height: float) -> tuple[list[Box], int, list[Rule]]:
    """Pictures and rules among the page's top-level objects (read through the C API:
    wrapping each of thousands of text objects in Python costs more than the page)."""
    pictures: list[Box] = []
    rules = 0
    across: list[Rule] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        item = pdfium_c.FPDFPage_GetObject(page.raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(item)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        pdfium_c.FPDFPageObj_GetBounds(item, left, bottom, right, top)
        wide, high = right.value - left.value, top.value - bottom.value
        filled = True
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            pdfium_c.FPDFPath_GetDrawMode(item, fill, stroke)
            filled = fill.value != 0
        if wide >= PICTURE_MIN and high >= PICTURE_MIN and filled:
            pictures.append((left.value, height - top.value, right.value, height - bottom.value))
        elif min(wide, high) <= RULE_MAX and max(wide, high) > 10:
            rules += 1
            if high <= RULE_MAX:
                across.append(Rule(height - (top.value + bottom.value) / 2, left.value,
                                   right.value))
    return pictures, rules, across


def _page(document: pdfium.PdfDocument, number: int) -> PageData:
    page = document[number]
    width, height = page.get_size()
    pictures, rules, across = _shapes(page, height)
    data = PageData(number, width, height, _chars(page, height), pictures, rules, tuple(across))
    page.close()
    return data


def read_pages(data: bytes) -> list[PageData]:
    """Raises pdfium.PdfiumError for a file PDFium cannot open."""
    document = pdfium.PdfDocument(data)
    try:
        return [_page(document, number) for number in range(len(document))]
    finally:
        document.close()
