"""Bilingual (interleaved or table) and English-only Markdown editions.

Interleaved (the default): every source block is followed by its translation,
blank-line separated, keeping its block type — a heading by its translated
heading, a list item by its translated paragraph inside the same item, a table
by its translated table, a quote paragraph by its translation inside the same
quote; an image carries its translation as the title. Untranslated or draft
segments show the source text behind a visible marker. Front matter (YAML)
holds the metadata. Texts are escaped where they would otherwise start a
different block (a translation beginning "1. " stays a paragraph).
"""

from __future__ import annotations

import re

import yaml

from ..model import Article, SegmentKind
from .blocks import Block, group_blocks, split_article
from .html import language_name
from .pairs import Pair

FALLBACK_MARK = {"fuzzy": "*[fuzzy — needs review]*", "untranslated": "*[not yet translated]*"}
_PIPE = re.compile(r"(?<!\\)\|")
_NEWLINES = re.compile(r"\s*\n\s*")
_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|(?:[-*_][ \t]*){3,}$|```|~~~|<(?=[A-Za-z/!?])"
    r"|\[[^\]]*\]:)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_CLOSING_HASHES = re.compile(r"(\s)(#+)\s*$")
_RAW_HTML = re.compile(r"(?<!\\)<(?=/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|[!?])")


def _flat(text: str) -> str:
    """One line (a newline inside a translation would let its next line start a block),
    and no raw HTML: the HTML pages show a typed tag as text, so the Markdown does too."""
    return _RAW_HTML.sub(r"\\<", _NEWLINES.sub(" ", text.strip()))


def _block_safe(text: str) -> str:
    text = _flat(text)
    if _BLOCK_START.match(text):
        return "\\" + text
    return _ORDERED_START.sub(r"\1\\\2", text, count=1)


def _target(pair: Pair) -> str:
    if pair.is_fallback:
        return f"{FALLBACK_MARK[pair.status.value]} {_flat(pair.segment.text)}"
    return _flat(pair.target)


def _text(pair: Pair, side: str) -> str:
    return _flat(pair.segment.text) if side == "zh" else _target(pair)


def _counts(pairs: list[Pair]) -> dict[str, int]:
    counts = {"total": len(pairs), "translated": 0, "fuzzy": 0, "untranslated": 0}
    for pair in pairs:
        counts[pair.status.value] += 1
    return counts


def _front_matter(article: Article, pairs: list[Pair], locale: str, bilingual: bool) -> str:
    meta: dict[str, object] = {"slug": article.slug,
                               "edition": "bilingual" if bilingual else locale,
                               "lang": [article.source_lang, locale] if bilingual else locale}
    for pair in pairs:
        kind = pair.segment.kind
        if kind in (SegmentKind.KICKER, SegmentKind.TITLE, SegmentKind.CREDITS):
            translated = None if pair.is_fallback else _flat(pair.target)
            if bilingual:
                meta[kind.value] = {article.source_lang: _flat(pair.segment.text),
                                    locale: translated}
            else:
                meta[kind.value] = translated if translated is not None else _flat(pair.segment.text)
    meta["segments"] = _counts(pairs)
    if "source" in article.meta:
        meta["source"] = article.meta["source"]
    meta["generator"] = "bilingual"
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---"


def _heading(text: str, level: int) -> str:
    text = _flat(text)
    text = _CLOSING_HASHES.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)
    return f"{'#' * level} {text}"


def _simple(pair: Pair, side: str) -> str:
    kind, text = pair.segment.kind, _text(pair, side)
    if kind == SegmentKind.TITLE:
        return _heading(text, 1)
    if kind == SegmentKind.HEADING:
        return _heading(text, min(max(pair.segment.level, 2), 6))
    if kind == SegmentKind.KICKER:
        return _strong(pair, side)
    return _block_safe(text)


def _strong(pair: Pair, side: str) -> str:
    """Bold text; a fallback marker stays outside the emphasis."""
    if side == "en" and pair.is_fallback:
        return f"{FALLBACK_MARK[pair.status.value]} **{_flat(pair.segment.text)}**"
    return f"**{_text(pair, side)}**"


def _list_block(block: Block, sides: list[str]) -> str:
    items = []
    numbers: list[int] = []  # the running number at each nesting level
    for pair in block.pairs:
        depth = max(pair.segment.level, 1)
        numbers = (numbers + [0] * depth)[:depth]
        numbers[-1] += 1
        marker = f"{numbers[-1]}." if pair.segment.ordered else "-"
        indent = "    " * max(pair.segment.level - 1, 0)
        pad = " " * (len(marker) + 1)
        texts = [_block_safe(_text(pair, side)) for side in sides]
        items.append(f"{indent}{marker} {texts[0]}"
                     + "".join(f"\n\n{indent}{pad}{t}" for t in texts[1:]))
    return ("\n\n" if len(sides) > 1 else "\n").join(items)  # one language: a tight list


def _cell(text: str) -> str:
    return _PIPE.sub(r"\\|", _flat(text)) or " "


def _table(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    lines = []
    for number, row in enumerate(rows):
        cells = [_cell(c) for c in row] + [" "] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def _table_block(block: Block, sides: list[str]) -> str:
    """The source table, then the translated table."""
    return "\n\n".join(_table([[_text(p, side) for p in row] for row in block.rows])
                       for side in sides)


def _quote_block(block: Block, sides: list[str]) -> str:
    paragraphs = [_block_safe(_text(pair, side)) for pair in block.pairs for side in sides]
    return "\n>\n".join(f"> {p}" for p in paragraphs)


def _image(pair: Pair, sides: list[str]) -> str:
    """Alt text in the first language; the translation (bilingual) as the title."""
    alt = _text(pair, sides[0]).replace("[", "\\[").replace("]", "\\]")
    title = ""
    if len(sides) > 1:
        title = ' "' + _text(pair, sides[1]).replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"![{alt}](<{pair.segment.image_src}>{title})"


def reading_order(pairs: list[Pair]) -> list[Pair]:
    """Masthead (kicker, title, standfirst), body, then credits: the order of the HTML page."""
    parts = split_article(pairs)
    return [p for part in ("kicker", "title", "standfirst", "body", "credits") for p in parts[part]]


def _render(article: Article, pairs: list[Pair], locale: str, sides: list[str]) -> str:
    out = [_front_matter(article, pairs, locale, bilingual=len(sides) > 1)]
    previous: Block | None = None
    for block in group_blocks(reading_order(pairs)):
        if (previous is not None and previous.kind == block.kind == SegmentKind.LIST_ITEM
                and previous.ordered == block.ordered):
            out.append("<!-- end of list -->")  # keeps two adjacent lists apart
        if block.kind == SegmentKind.LIST_ITEM:
            out.append(_list_block(block, sides))
        elif block.kind == SegmentKind.TABLE_CELL:
            out.append(_table_block(block, sides))
        elif block.kind == SegmentKind.BLOCKQUOTE:
            out.append(_quote_block(block, sides))
        elif block.kind == SegmentKind.IMAGE_ALT:
            out.append(_image(block.pairs[0], sides))
        else:
            for pair in block.pairs:
                if pair.segment.kind == SegmentKind.CREDITS:
                    out.append("---")
                out.extend(_simple(pair, side) for side in sides)
        previous = block
    return "\n\n".join(out) + "\n"


def render_bilingual_markdown(article: Article, pairs: list[Pair], locale: str) -> str:
    return _render(article, pairs, locale, ["zh", "en"])


def render_english_markdown(article: Article, pairs: list[Pair], locale: str) -> str:
    return _render(article, pairs, locale, ["en"])


def _table_row_text(pair: Pair, side: str) -> str:
    text = _text(pair, side)
    if pair.segment.kind == SegmentKind.IMAGE_ALT:
        return f"![{text}](<{pair.segment.image_src}>)"
    return text


def render_table_markdown(article: Article, pairs: list[Pair], locale: str) -> str:
    """`--md-style table`: one row per segment, source beside translation."""
    out = [_front_matter(article, pairs, locale, bilingual=True)]
    rows = [["", f"中文 ({article.source_lang})", f"{language_name(locale)} ({locale})"]]
    for pair in reading_order(pairs):
        rows.append([pair.segment.kind.value.replace("-", " "), _table_row_text(pair, "zh"),
                     _table_row_text(pair, "en")])
    out.append(_table(rows))
    return "\n\n".join(out) + "\n"
