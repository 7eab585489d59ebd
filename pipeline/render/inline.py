"""Inline Markdown -> safe HTML, with glossary terms wrapped in marked elements.

Raw HTML is disabled (typed `<script>` comes out as text) and markdown-it's
link validation drops `javascript:` URLs. Term spans are carried through
rendering as private-use sentinel characters, then turned into elements whose
attributes are escaped by markupsafe.

A term becomes `<dfn class="term" data-term=KEY data-gloss=... aria-describedby=ID>`:
`data-term` (the Chinese term) links the two columns, `data-gloss` feeds the
visible tooltip (counterpart, pinyin, reader gloss; never the translator's
note), and ID names a hidden description (see `gloss_id`) that the page lists
once per term and side. Terms are not tab stops themselves: article.js gives
each paragraph one stop when the reader turns the marks on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from .pairs import TermSpan

_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_SENTINELS = re.compile(f"[{_OPEN}{_SEP}{_CLOSE}]")
_MARKED = re.compile(f"{_OPEN}(\\d+){_SEP}")
_LINK_TAGS = re.compile(r"<a\s|</a>")
_md = MarkdownIt("commonmark", {"html": False, "typographer": False})


def render_inline(text: str, terms: Sequence[TermSpan] = (), side: str = "zh") -> Markup:
    text = _SENTINELS.sub("", text)  # never let input forge our markers
    marked = _insert_markers(text, terms)
    html = _md.renderInline(marked)
    if terms and not _balanced(html, len(terms)):
        html = _md.renderInline(text)  # a term straddled markup: show it unmarked
    in_link = _inside_links(html)
    return Markup(_MARKED.sub(
        lambda m: _open_tag(terms[int(m.group(1))], side, in_link=m.start() in in_link),
        html).replace(_CLOSE, "</dfn>"))


def _insert_markers(text: str, terms: Sequence[TermSpan]) -> str:
    pieces, cursor = [], 0
    for index, span in enumerate(terms):
        pieces += [text[cursor:span.start], f"{_OPEN}{index}{_SEP}",
                   text[span.start:span.end], _CLOSE]
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _balanced(html: str, count: int) -> bool:
    return len(_MARKED.findall(html)) == count and html.count(_CLOSE) == count


def _inside_links(html: str) -> set[int]:
    """Offsets of term markers that fall inside an <a>: HTML forbids a focusable
    element (tabindex) inside a link, so article.js must never make those focusable."""
    inside: set[int] = set()
    depth, cursor = 0, 0
    for tag in _LINK_TAGS.finditer(html):
        if depth:
            inside.update(m.start() for m in _MARKED.finditer(html, cursor, tag.start()))
        depth = max(0, depth + (1 if tag.group().startswith("<a") else -1))
        cursor = tag.end()
    return inside


def gloss_text(span: TermSpan, side: str) -> str:
    """What a reader of `side` learns about a term: its counterpart, pinyin, reader gloss."""
    counterpart = span.target if side == "zh" else span.key
    head = " · ".join(part for part in (counterpart, span.pinyin) if part)
    return f"{head} — {span.gloss}" if span.gloss else head


def gloss_id(key: str, side: str) -> str:
    """Stable id of a term's hidden description for one side (zh: shows the target)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()
    return f"gloss-{side}-{digest}"


def _open_tag(span: TermSpan, side: str, in_link: bool = False) -> str:
    linked = Markup(' data-in-link=""') if in_link else Markup("")
    return str(Markup('<dfn class="term" data-term="{}" data-gloss="{}"{} aria-describedby="{}">')
               .format(span.key, gloss_text(span, side), linked, gloss_id(span.key, side)))


def plain(text: str) -> str:
    """Inline Markdown reduced to text (for <title>, alt text, TOC entries)."""
    html = _md.renderInline(_SENTINELS.sub("", text))
    return str(Markup(html).striptags())


__all__ = ["escape", "gloss_id", "gloss_text", "plain", "render_inline"]
