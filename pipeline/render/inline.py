"""Inline Markdown -> safe HTML, with glossary terms wrapped in marked elements.

Raw HTML is disabled (typed `<script>` comes out as text) and markdown-it's
link validation drops `javascript:` URLs. Term spans are carried through
rendering as sentinel characters, then turned into elements whose attributes
are escaped by markupsafe. The sentinels are Unicode noncharacters (U+FDD0..2):
typed ones are removed first, and a character reference to one (`&#xFDD0;`) is
decoded by markdown-it as U+FFFD, so no input can forge a marker.

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
from functools import lru_cache
from html import unescape as html_unescape

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup, escape

from .pairs import TermSpan
from .sentences import SentenceSpan

_OPEN, _SEP, _CLOSE = "\ufdd0", "\ufdd1", "\ufdd2"
_S_OPEN, _S_CLOSE = "\ufdd3", "\ufdd4"  # a sentence group: U+FDD3 group U+FDD1 ... U+FDD4
_SENTINELS = re.compile(f"[{_OPEN}{_SEP}{_CLOSE}{_S_OPEN}{_S_CLOSE}]")
_MARKED = re.compile(f"{_OPEN}(\\d+){_SEP}")
_S_MARKED = re.compile(f"{_S_OPEN}(\\d+){_SEP}")
_S_MARKERS = re.compile(f"{_S_OPEN}\\d+{_SEP}|{_S_CLOSE}")
_S_REGION = re.compile(f"{_S_OPEN}\\d+{_SEP}([^{_S_CLOSE}]*){_S_CLOSE}")
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)[^>]*>")
_VOID = frozenset({"br", "img", "hr", "wbr"})
_LINK_TAGS = re.compile(r"<a\s|</a>")
_md = MarkdownIt("commonmark", {"html": False, "typographer": False})
_SAFE_SCHEME = re.compile(r"^(?:https?:|[^:]*$|[^:]*[/?#])", re.IGNORECASE)
# A footnote reference as the source writes it (`[^1]`); markdown-it leaves it as text.
_NOTE_REF = re.compile(r"\[\^([^\]\s<>&\"]+)\]")


def safe_link(url: str) -> bool:
    """Only web addresses (http, https) and relative ones are links in an edition;
    `javascript:`, `data:`, `file:` and the rest stay text."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", url)
    return _SAFE_SCHEME.match(cleaned) is not None


_md.validateLink = safe_link  # type: ignore[method-assign]
# Characters at which one of the active commonmark inline rules (newline, escape,
# backticks, emphasis, link, image, autolink, entity) or the normalizer acts.
# Text without any is one text token, and markdown-it renders it as escapeHtml(text).
_MARKUP_CHARS = re.compile(r"[\n\r\0\\`*_\[\]!<&]")


def _render_markdown(text: str) -> str:
    """markdown-it's renderInline, skipped for plain text (most segments): the same
    string, without the parser's cost (about 0.3 ms a segment)."""
    if _MARKUP_CHARS.search(text) is None:
        return escapeHtml(text)
    return _render_full(text)


def _render_full(text: str) -> str:
    """markdown-it's renderInline, with footnote references made links."""
    html: str = _md.renderInline(text)
    if "[^" in html:
        html = _NOTE_REF.sub(_note_link, html)
    return html


def _note_link(match: re.Match[str]) -> str:
    from ..source import note_id  # the anchor the footnote's segment carries
    label = html_unescape(match.group(1))
    return (f'<sup class="fnref"><a href="#{escape(note_id(label))}">'
            f'{escape(label)}</a></sup>')


def render_inline(text: str, terms: Sequence[TermSpan] = (), side: str = "zh",
                  sentences: Sequence[SentenceSpan] = ()) -> Markup:
    """`text` as HTML: `terms` as <dfn> elements, `sentences` (sentence groups, on the
    bilingual page) as <span class="sent" data-sent=GROUP> around the terms they hold."""
    text = _SENTINELS.sub("", text)  # never let input forge our markers
    if sentences and not _terms_inside(terms, sentences):
        sentences = ()
    html = _render_markdown(_insert_markers(text, terms, sentences))
    if sentences and _MARKUP_CHARS.search(text) is not None:
        without = _render_markdown(_insert_markers(text, terms, ()))
        if _S_MARKERS.sub("", html) != without or not _sentences_balanced(html, len(sentences)):
            sentences, html = (), without  # a group changed or straddled markup: none
    if terms and not _balanced(html, len(terms)):
        html = _render_markdown(_insert_markers(text, (), sentences))  # terms unmarked
    in_link = _inside_links(html) if "<a" in html else set()
    if in_link:
        html = _MARKED.sub(
            lambda m: _open_tag(terms[int(m.group(1))], side, in_link=m.start() in in_link),
            html)
    else:  # no term inside a link (nearly always): no offsets needed
        pieces = _MARKED.split(html)  # text, index, text, index, ..., text
        pieces[1::2] = [_open_tag(terms[int(i)], side) for i in pieces[1::2]]
        html = "".join(pieces)
    if sentences:
        html = _S_MARKED.sub(r'<span class="sent" data-sent="\1">', html).replace(_S_CLOSE, "</span>")
    return Markup(html.replace(_CLOSE, "</dfn>"))


def _insert_markers(text: str, terms: Sequence[TermSpan],
                    sentences: Sequence[SentenceSpan]) -> str:
    """Markers at their offsets; at one offset closing ones first, and a sentence
    opens outside (before) the term it starts with."""
    marks = [(s.start, 2, f"{_S_OPEN}{s.group}{_SEP}") for s in sentences]
    marks += [(s.end, 1, _S_CLOSE) for s in sentences]
    marks += [(t.start, 3, f"{_OPEN}{i}{_SEP}") for i, t in enumerate(terms)]
    marks += [(t.end, 0, _CLOSE) for t in terms]
    if not marks:
        return text
    pieces, cursor = [], 0
    for offset, _order, marker in sorted(marks, key=lambda m: (m[0], m[1])):
        pieces += [text[cursor:offset], marker]
        cursor = offset
    pieces.append(text[cursor:])
    return "".join(pieces)


def _terms_inside(terms: Sequence[TermSpan], sentences: Sequence[SentenceSpan]) -> bool:
    """Every term within one sentence group (or outside all): elements must nest."""
    return all(any(s.start <= t.start and t.end <= s.end for s in sentences)
               or all(t.end <= s.start or t.start >= s.end for s in sentences)
               for t in terms)


def _sentences_balanced(html: str, count: int) -> bool:
    """Every group's markers survived and what markdown-it made of its text is
    well nested inside it (emphasis or a link that crosses a sentence's end is not)."""
    regions = _S_REGION.findall(html)
    if len(regions) != count or len(_S_MARKED.findall(html)) != count:
        return False
    for region in regions:
        depth = 0
        for tag in _TAG.finditer(region):
            if tag.group(2) in _VOID:
                continue
            depth += -1 if tag.group(1) else 1
            if depth < 0:
                return False
        if depth or len(_MARKED.findall(region)) != region.count(_CLOSE):
            return False
    return True


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


@lru_cache(maxsize=65536)  # a term's id is asked for at every mention
def gloss_id(key: str, side: str) -> str:
    """Stable id of a term's hidden description for one side (zh: shows the target)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()
    return f"gloss-{side}-{digest}"


def _open_tag(span: TermSpan, side: str, in_link: bool = False) -> str:
    return _dfn(span.key, span.target, span.pinyin, span.gloss, side, in_link)


@lru_cache(maxsize=65536)  # one tag per term, side and link state, asked at every mention
def _dfn(key: str, target: str, pinyin: str, gloss: str, side: str, in_link: bool) -> str:
    span = TermSpan(key, 0, 0, target, pinyin, gloss)
    linked = ' data-in-link=""' if in_link else ""
    glossed = " term--glossed" if gloss else ""  # listed in "Key terms" (print: a note number)
    return (f'<dfn class="term{glossed}" data-term="{escape(key)}" '
            f'data-gloss="{escape(gloss_text(span, side))}"'
            f'{linked} aria-describedby="{escape(gloss_id(key, side))}">')


@lru_cache(maxsize=4096)  # titles and headings: asked for by every page of an article
def plain(text: str) -> str:
    """Inline Markdown reduced to text (for <title>, alt text, TOC entries)."""
    html = _render_markdown(_SENTINELS.sub("", text))
    return str(Markup(html).striptags())


__all__ = ["escape", "gloss_id", "gloss_text", "plain", "render_inline"]
