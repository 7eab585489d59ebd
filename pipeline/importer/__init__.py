"""Raw extraction (text or PDF) -> Markdown source for editors to review.

Stages over typed data, each a module: decode (bytes -> text), lines (page
furniture, joining), punctuation, reflow (lines -> blocks), structure (blocks
-> front matter and body elements), markdown (rendering), report (what changed,
what to review). `import_raw(text)` and `import_lines(lines)` are pure.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..cjk import is_cjk
from ..errors import PipelineError
from .decode import decode
from .kinds import FileKind, sniff
from .lines import Line, drop_furniture, join_lines, text_lines
from .markdown import escape_markdown, render
from .normalize import normalise_lines
from .pasted import drop_page_furniture
from .patterns import is_byline, is_caption, is_credits
from .punctuation import fix_marks, fix_quotes
from .reflow import to_blocks
from .report import Change, ImportResult, Note, report_lines
from .script import detect_script
from .structure import Element, build_article, looks_like_heading
from .styled import import_pieces
from .tables import list_rows, mark_tables

__all__ = ["Change", "ImportResult", "Line", "Note", "escape_markdown", "import_file", "import_lines",
           "import_raw", "is_byline", "is_caption", "is_credits", "is_heading", "join_lines",
           "normalise_punctuation", "report_lines", "scattered_suggestion"]

MIN_CJK_SHARE = 0.3


def is_heading(text: str) -> bool:
    return looks_like_heading(text)


def normalise_punctuation(text: str, line: int, before: str = "",
                          after: str = "") -> tuple[str, list[Note]]:
    fixed, fixes = fix_marks(text, before, after)
    return fixed, [Note(line, f"'{f.old}' -> '{f.new}' in Chinese text at column {f.column} "
                              f"(…{f.context}…)", Change.PUNCTUATION) for f in fixes]


def scattered_suggestion(lines: list[str]) -> str | None:
    from .headline import fragments_suggestion
    return fragments_suggestion(lines)


def _fix_lines(lines: list[Line], result: ImportResult) -> list[Line]:
    fixed = []
    for index, line in enumerate(lines):
        joined_before = index and not line.gap_before and lines[index - 1].page == line.page
        following = lines[index + 1] if index + 1 < len(lines) else None
        joined_after = following and not following.gap_before and following.page == line.page
        before = lines[index - 1].text[-1] if joined_before else ""
        after = following.text[0] if joined_after and following else ""
        text, notes = normalise_punctuation(line.text, line.number, before, after)
        result.changes.extend(notes)
        fixed.append(replace(line, text=text))
    return fixed


def _fix_quotes(element: Element, result: ImportResult) -> Element:
    text, fixes, unpaired = fix_quotes(element.text)
    if unpaired:
        result.flag(element.line, "odd number of straight quotes (\") in Chinese text: "
                    "not changed; use “…”")
    for fix in fixes:
        result.change(Change.QUOTES, element.line, f"'\"' -> '{fix.new}' (…{fix.context}…)")
    return replace(element, text=text)


def language(text: str, result: ImportResult) -> str:
    """`zh-Hans` or `zh-Hant` by the characters only one script uses; mixed: asked."""
    evidence = detect_script(text)
    if evidence.mixed:
        result.flag(1, evidence.review())
    return evidence.script.value


def import_lines(lines: list[Line], result: ImportResult | None = None) -> ImportResult:
    result = result or ImportResult(markdown="")
    page = drop_page_furniture(lines, result)   # before spaced-out labels are closed up
    lines = normalise_lines(page.lines, result)
    lines = _fix_lines(drop_furniture(lines, result, list_rows(lines)), result)
    lines = mark_tables(lines, result)   # a PDF's ruled tables are rebuilt already
    blocks = to_blocks(lines, result)
    if not blocks:
        result.flag(1, "no text found: is this the right file?")
    article = build_article(blocks, result)
    if page.date and "date" not in article.meta:
        article.meta["date"] = page.date
    article.body = [_fix_quotes(e, result) for e in article.body]
    for key in ("title", "kicker", "subtitle"):
        value = article.meta.get(key)
        if isinstance(value, str):
            article.meta[key] = fix_quotes(value)[0]
    text = "".join(line.text for line in lines)
    cjk = sum(map(is_cjk, text))
    letters = sum(1 for char in text if char.isalpha())
    if letters and cjk / letters < MIN_CJK_SHARE:
        result.flag(1, f"only {100 * cjk // letters}% of the letters are Chinese; "
                       "check `lang:` in the front matter")
    article.meta = {"lang": language(text, result), **article.meta}
    result.markdown = render(article)
    return result


def import_raw(text: str) -> ImportResult:
    """Text with any line ends (already decoded) -> Markdown and its report."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return import_lines(text_lines(text))


def import_file(raw: Path, data: bytes, encoding: str | None = None) -> ImportResult:
    """A file's bytes, of any kind the importer reads (told by the bytes) -> Markdown."""
    kind = sniff(data, raw)
    if encoding is not None and kind in (FileKind.PDF, FileKind.DOCX):
        raise PipelineError(f"--encoding is for text files and web pages; a {kind.value} "
                            "file says how its text is encoded", raw)
    if kind is FileKind.PDF:
        from .pdf import pdf_lines
        result = ImportResult(markdown="")
        return import_lines(pdf_lines(data, raw, result), result)
    if kind is FileKind.DOCX:
        from .word import docx_pieces
        return import_pieces(docx_pieces(data, raw), ImportResult(markdown=""))
    if kind is FileKind.HTML:
        from .web import html_pieces
        result = ImportResult(markdown="")
        return import_pieces(html_pieces(data, raw, result, encoding), result)
    decoded = decode(data, raw, encoding)
    if not decoded.text.strip():
        raise PipelineError("no text to import (the file is empty)", raw, 1)
    result = import_raw(decoded.text)
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        result.change(Change.ENCODING, 1, f"decoded as {decoded.encoding}")
    if decoded.line_ends != "LF":
        result.change(Change.LINE_ENDS, 1, f"{decoded.line_ends} line ends read as lines")
    return result
