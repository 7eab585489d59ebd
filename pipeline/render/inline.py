"""Inline Markdown -> safe HTML, with glossary terms wrapped in marked elements.

Raw HTML is disabled (typed `<script>` comes out as text) and markdown-it's
link validation drops `javascript:` URLs. Term spans are carried through
rendering as private-use sentinel characters, then turned into elements whose
attributes are escaped by markupsafe.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from .pairs import TermSpan

_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_SENTINELS = re.compile(f"[{_OPEN}{_SEP}{_CLOSE}]")
_MARKED = re.compile(f"{_OPEN}(\\d+){_SEP}")
_md = MarkdownIt("commonmark", {"html": False, "typographer": False})


def render_inline(text: str, terms: Sequence[TermSpan] = (), side: str = "zh") -> Markup:
    text = _SENTINELS.sub("", text)  # never let input forge our markers
    marked = _insert_markers(text, terms)
    html = _md.renderInline(marked)
    if terms and not _balanced(html, len(terms)):
        html = _md.renderInline(text)  # a term straddled markup: show it unmarked
    return Markup(_MARKED.sub(lambda m: _open_tag(terms[int(m.group(1))], side), html)
                  .replace(_CLOSE, "</dfn>"))


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


def _open_tag(span: TermSpan, side: str) -> str:
    counterpart = span.english if side == "zh" else span.key
    gloss = f"{counterpart} — {span.note}" if span.note else counterpart
    return str(Markup('<dfn class="term" data-term="{}" data-gloss="{}" tabindex="0">')
               .format(span.key, gloss))


def plain(text: str) -> str:
    """Inline Markdown reduced to text (for <title>, alt text, TOC entries)."""
    html = _md.renderInline(_SENTINELS.sub("", text))
    return str(Markup(html).striptags())


__all__ = ["render_inline", "plain", "escape"]
