"""Bilingual (interleaved or table) and target-only Markdown editions.

Interleaved (the default): every source block is followed by its translation
as a quote (`> `), so the two languages are told apart raw and rendered — a
list item holds its translation quoted inside the item, a quote paragraph its
translation as a nested quote, a table is followed by its translated table; a
heading is one heading, `source / target`, so there is one top heading and
the outline is not doubled; an image carries its translation as the title.
Every pair is preceded by its segment ID as an HTML comment (`<!-- p-1a2b3c4d -->`),
invisible when rendered, so a pair can be found again. Untranslated or draft
segments show the source text behind a visible marker. A translator's note for
readers is a footnote (`[^tn1]`) after its translation. The front matter is
public and minimal: title, byline, date, source, language(s). Texts are
escaped where they would otherwise start a different block.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import yaml

from ..config import Publication
from ..model import Article, SegmentKind
from .blocks import Block, group_blocks, split_article
from .html import language_label, title_block
from .inline import safe_link
from .pairs import FALLBACK_LABELS, Pair

FALLBACK_MARK = {status.value: f"*[{label}]*" for status, label in FALLBACK_LABELS.items()}
_PIPE = re.compile(r"(?<!\\)\|")
_NEWLINES = re.compile(r"\s*\n\s*")
_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|(?:[-*_][ \t]*){3,}$|```|~~~|<(?=[A-Za-z/!?])"
    r"|\[[^\]]*\]:)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_CLOSING_HASHES = re.compile(r"(\s)(#+)\s*$")
_RAW_HTML = re.compile(r"(?<!\\)<(?=/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|[!?])")
# A link's destination (`](dest` ) and an autolink (`<scheme:`): only http(s) and
# relative addresses stay links (as on the HTML pages); see _inert_links.
_LINK_DEST = re.compile(r"(?<!\\)\]\(\s*(<[^>\n]*>?|[^\s)]*)")
_AUTOLINK = re.compile(r"(?<!\\)<(?=[A-Za-z][A-Za-z0-9+.-]{1,31}:)")


def _flat(text: str) -> str:
    """One line (a newline inside a translation would let its next line start a block),
    and no raw HTML: the HTML pages show a typed tag as text, so the Markdown does too."""
    text = text.strip()
    if "\n" in text:  # the patterns need a newline or a "<": most texts have neither
        text = _NEWLINES.sub(" ", text)
    if "](" in text or "<" in text:
        text = _inert_links(text)
    return _RAW_HTML.sub(r"\\<", text) if "<" in text else text


def _inert_links(text: str) -> str:
    """`[a](javascript:…)` and `<javascript:…>` as text (`]\\(`, `\\<`), whatever a
    reader's Markdown renderer would let through: only web addresses are links."""
    def dest(match: re.Match[str]) -> str:
        url = html.unescape(match.group(1).strip("<>"))
        return match.group(0) if safe_link(url) else "]\\(" + match.group(0)[2:]

    def autolink(match: re.Match[str]) -> str:
        url = text[match.end():].split(">", 1)[0]
        return "<" if safe_link(url) else "\\<"

    return _AUTOLINK.sub(autolink, _LINK_DEST.sub(dest, text))


def _meta(text: str) -> str:
    """A front matter value: no tag a site generator could paste into its page raw."""
    text = _flat(text)
    return _RAW_HTML.sub("&lt;", text.replace("\\<", "<")) if "<" in text else text


def _block_safe(text: str) -> str:
    text = _flat(text)
    if _BLOCK_START.match(text):
        return "\\" + text
    return _ORDERED_START.sub(r"\1\\\2", text, count=1)


def _target(pair: Pair) -> str:
    if pair.is_fallback:
        return f"{FALLBACK_MARK[pair.status.value]} {_flat(pair.segment.text)}"
    return _flat(pair.target)


def _text(pair: Pair, side: str) -> str:  # side: "zh" (the source) or "target"
    return _flat(pair.segment.text) if side == "zh" else _target(pair)


def _counts(pairs: list[Pair]) -> dict[str, int]:
    counts = {"total": len(pairs), "translated": 0, "fuzzy": 0, "untranslated": 0}
    for pair in pairs:
        counts[pair.status.value] += 1
    return counts


def _front_matter(article: Article, pairs: list[Pair], locale: str, bilingual: bool) -> str:
    """What a reader or a static-site generator needs; the workshop stays in the .po."""
    by_kind = {p.segment.kind: p for p in pairs}
    meta: dict[str, object] = {}
    for kind in (SegmentKind.TITLE, SegmentKind.BYLINE):
        pair = by_kind.get(kind)
        if pair is not None:
            meta[kind.value] = _meta(pair.segment.text if pair.is_fallback else pair.target)
            if bilingual and kind == SegmentKind.TITLE:
                meta["original_title"] = _meta(pair.segment.text)
    info = title_block(article, Publication(), pairs)
    if info.date:
        meta["date"] = _meta(info.date)
    source = ", ".join(info.source)
    if source or info.source_url:
        meta["source"] = _meta(" ".join(p for p in (source, info.source_url) if p))
    if article.info.translator:
        meta["translator"] = _meta(article.info.translator)
    meta["lang"] = [article.source_lang, locale] if bilingual else locale
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---"


@dataclass
class ReaderNotes:
    """The translator's notes for readers ("Note for readers:" comments), as footnotes:
    a reference after the translation, the definitions at the end of the edition."""

    definitions: list[str] = field(default_factory=list)

    def refs(self, pair: Pair) -> str:
        out = ""
        for note in pair.reader_notes:
            label = f"tn{len(self.definitions) + 1}"
            self.definitions.append(f"[^{label}]: *Translator’s note:* {_flat(note)}")
            out += f"[^{label}]"
        return out


def _id(*pairs: Pair) -> str:
    return "<!-- " + " ".join(p.segment.id for p in pairs) + " -->"


def _heading(text: str, level: int) -> str:
    text = _flat(text)
    text = _CLOSING_HASHES.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)
    return f"{'#' * level} {text}"


def _simple(pair: Pair, sides: list[str], notes: ReaderNotes) -> str:
    """A heading is one line, `source / target`; any other block the source, then the
    target quoted (`> `) so a reader sees which paragraph is the translation."""
    kind = pair.segment.kind
    if kind == SegmentKind.FOOTNOTE:  # one definition for the label both languages use
        return f"[^{pair.segment.note}]: " + " / ".join(_flat(_text(pair, side))
                                                         for side in sides)
    if kind in (SegmentKind.TITLE, SegmentKind.HEADING):
        level = 1 if kind == SegmentKind.TITLE else min(max(pair.segment.level, 2), 6)
        return _heading(" / ".join(_flat(_text(pair, side)) for side in sides), level)
    texts = [_strong(pair, side) if kind == SegmentKind.KICKER else _block_safe(_text(pair, side))
             for side in sides]
    texts[-1] += notes.refs(pair)
    return texts[0] + "".join(f"\n\n> {t}" for t in texts[1:])


def _strong(pair: Pair, side: str) -> str:
    """Bold text; a fallback marker stays outside the emphasis."""
    if side == "target" and pair.is_fallback:
        return f"{FALLBACK_MARK[pair.status.value]} **{_flat(pair.segment.text)}**"
    return f"**{_text(pair, side)}**"


def _list_block(block: Block, sides: list[str], notes: ReaderNotes) -> str:
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
        texts[-1] += notes.refs(pair)
        items.append(f"{indent}{marker} {texts[0]} {_id(pair)}"
                     + "".join(f"\n\n{indent}{pad}> {t}" for t in texts[1:]))
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
    """The cells' IDs, the source table, then the translated table."""
    return "\n\n".join([_id(*block.pairs)] + [
        _table([[_text(p, side) for p in row] for row in block.rows]) for side in sides])


def _quote_block(block: Block, sides: list[str], notes: ReaderNotes) -> str:
    lines = []
    for pair in block.pairs:
        texts = [_block_safe(_text(pair, side)) for side in sides]
        texts[-1] += notes.refs(pair)
        lines.append(f"> {_id(pair)}\n>\n> {texts[0]}"
                     + "".join(f"\n>\n> > {t}" for t in texts[1:]))
    return "\n>\n".join(lines)


def _image(pair: Pair, sides: list[str]) -> str:
    """Alt text in the first language; the translation (bilingual) as the title."""
    alt = _text(pair, sides[0]).replace("[", "\\[").replace("]", "\\]")
    title = ""
    if len(sides) > 1:
        title = ' "' + _text(pair, sides[1]).replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{_id(pair)}\n\n![{alt}](<{pair.segment.image_src}>{title})"


def reading_order(pairs: list[Pair]) -> list[Pair]:
    """Masthead, body, then credits: the order of the HTML page."""
    parts = split_article(pairs)
    return [p for part in parts for p in parts[part] if part not in ("body", "credits", "publication")] + \
        parts["body"] + parts["credits"]


def _render(article: Article, pairs: list[Pair], locale: str, sides: list[str]) -> str:
    out = [_front_matter(article, pairs, locale, bilingual=len(sides) > 1)]
    notes = ReaderNotes()
    previous: Block | None = None
    for block in group_blocks(reading_order(pairs)):
        if (previous is not None and previous.kind == block.kind == SegmentKind.LIST_ITEM
                and previous.ordered == block.ordered):
            out.append("<!-- end of list -->")  # keeps two adjacent lists apart
        if block.kind == SegmentKind.LIST_ITEM:
            out.append(_list_block(block, sides, notes))
        elif block.kind == SegmentKind.TABLE_CELL:
            out.append(_table_block(block, sides))
        elif block.kind == SegmentKind.BLOCKQUOTE:
            out.append(_quote_block(block, sides, notes))
        elif block.kind == SegmentKind.IMAGE_ALT:
            out.append(_image(block.pairs[0], sides))
        else:
            for pair in block.pairs:
                if pair.segment.kind == SegmentKind.CREDITS:
                    out.append("---")
                out.append(_id(pair))
                out.append(_simple(pair, sides, notes))
        previous = block
    if notes.definitions:
        out.append("\n".join(notes.definitions))
    return "\n\n".join(out) + "\n"


def render_bilingual_markdown(article: Article, pairs: list[Pair], locale: str) -> str:
    return _render(article, pairs, locale, ["zh", "target"])


def render_target_markdown(article: Article, pairs: list[Pair], locale: str) -> str:
    return _render(article, pairs, locale, ["target"])


def _table_row_text(pair: Pair, side: str) -> str:
    text = _text(pair, side)
    if pair.segment.kind == SegmentKind.IMAGE_ALT:
        return f"![{text}](<{pair.segment.image_src}>)"
    return text


def render_table_markdown(article: Article, pairs: list[Pair], locale: str) -> str:
    """`--md-style table`: one row per segment, its ID, source beside translation."""
    out = [_front_matter(article, pairs, locale, bilingual=True)]
    rows = [["ID", language_label(article.source_lang), language_label(locale)]]
    for pair in reading_order(pairs):
        rows.append([f"`{pair.segment.id}`", _table_row_text(pair, "zh"),
                     _table_row_text(pair, "target")])
    out.append(_table(rows))
    return "\n\n".join(out) + "\n"
