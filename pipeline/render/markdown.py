"""Bilingual (interleaved or table) and English-only Markdown editions.

Each segment keeps its block type: a heading is followed by its translated
heading, a paragraph by its translated paragraph. Untranslated or fuzzy
segments show the source text behind a visible marker.
"""

from __future__ import annotations

import re

import yaml

from ..model import Article, SegmentKind
from .blocks import Block, group_blocks
from .pairs import Pair

FALLBACK_MARK = {"fuzzy": "*[fuzzy — needs review]*", "untranslated": "*[not yet translated]*"}
_PIPE = re.compile(r"(?<!\\)\|")


def _target(pair: Pair) -> str:
    if pair.is_fallback:
        return f"{FALLBACK_MARK[pair.status.value]} {pair.segment.text}"
    return pair.target


def _front_matter(article: Article, pairs: list[Pair], locale: str, bilingual: bool) -> str:
    meta: dict[str, object] = {"slug": article.slug}
    for pair in pairs:
        kind = pair.segment.kind
        if kind in (SegmentKind.KICKER, SegmentKind.TITLE, SegmentKind.CREDITS):
            if bilingual:
                meta[kind.value] = {article.source_lang: pair.segment.text, locale: _target(pair)}
            else:
                meta[kind.value] = _target(pair)
    meta["lang"] = [article.source_lang, locale] if bilingual else locale
    if "source" in article.meta:
        meta["source"] = article.meta["source"]
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


def _block_lines(pair_text: str, kind: SegmentKind, level: int) -> str:
    if kind in (SegmentKind.TITLE,):
        return f"# {pair_text}"
    if kind == SegmentKind.HEADING:
        return f"{'#' * max(level, 2)} {pair_text}"
    if kind == SegmentKind.KICKER:
        return f"**{pair_text}**"
    if kind == SegmentKind.BLOCKQUOTE:
        return f"> {pair_text}"
    return pair_text


def _list_block(block: Block, sides: list[str]) -> str:
    items = []
    for index, pair in enumerate(block.pairs, start=1):
        marker = f"{index}." if block.ordered else "-"
        indent = "  " * (pair.segment.level - 1) * (2 if block.ordered else 1)
        pad = " " * (len(marker) + 1)
        texts = [pair.segment.text if s == "zh" else _target(pair) for s in sides]
        items.append(f"{indent}{marker} {texts[0]}" + "".join(
            f"\n\n{indent}{pad}{t}" for t in texts[1:]))
    return "\n\n".join(items)


def _cell(text: str) -> str:
    return _PIPE.sub(r"\\|", text)


def _table_block(block: Block, sides: list[str]) -> str:
    rows = []
    for number, row in enumerate(block.rows):
        cells = [" · ".join(p.segment.text if s == "zh" else _target(p) for s in sides)
                 for p in row]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        if number == 0:
            rows.append("|" + "---|" * len(row))
    return "\n".join(rows)


def _image(pair: Pair, sides: list[str]) -> str:
    alt = " / ".join(pair.segment.text if s == "zh" else _target(pair) for s in sides)
    return f"![{alt}]({pair.segment.target})"


def _render(article: Article, pairs: list[Pair], locale: str, sides: list[str]) -> str:
    out = [_front_matter(article, pairs, locale, bilingual=len(sides) > 1)]
    for block in group_blocks(pairs):
        if block.kind == SegmentKind.LIST_ITEM:
            out.append(_list_block(block, sides))
        elif block.kind == SegmentKind.TABLE_CELL:
            out.append(_table_block(block, sides))
        elif block.kind == SegmentKind.IMAGE_ALT:
            out.append(_image(block.pairs[0], sides))
        else:
            for pair in block.pairs:
                if pair.segment.kind == SegmentKind.CREDITS:
                    out.append("---")
                for side in sides:
                    text = pair.segment.text if side == "zh" else _target(pair)
                    out.append(_block_lines(text, pair.segment.kind, pair.segment.level))
    return "\n\n".join(out) + "\n"


def render_bilingual_markdown(article: Article, pairs: list[Pair], locale: str) -> str:
    return _render(article, pairs, locale, ["zh", "en"])


def render_english_markdown(article: Article, pairs: list[Pair], locale: str) -> str:
    return _render(article, pairs, locale, ["en"])


def render_table_markdown(article: Article, pairs: list[Pair], locale: str) -> str:
    """`--md-style table`: one row per segment, source beside translation."""
    out = [_front_matter(article, pairs, locale, bilingual=True)]
    rows = [f"| | {article.source_lang} | {locale} |", "|---|---|---|"]
    for pair in pairs:
        rows.append(f"| {pair.segment.kind.value} | {_cell(pair.segment.text)} | "
                    f"{_cell(_target(pair))} |")
    out.append("\n".join(rows))
    return "\n\n".join(out) + "\n"
