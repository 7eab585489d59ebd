"""EPUB 3 editions (ebooklib): the bilingual one (each Chinese passage followed by its
translation, as a reflowable reader shows two languages best) and the target-only one.

One XHTML document per article with a navigation document of its headings; no
script, no glossary marks (reading systems handle neither alike); the key terms
listed at the end; a translator's note for readers under its translation. The bytes are the same for the same article: the modification
date is the article's own and the zip entries carry a fixed time.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import lxml.html
from ebooklib import epub

from ..model import SegmentKind
from .blocks import group_blocks, paragraph_numbers, split_article
from .editions import EditionInput
from .html import environment, key_terms, language_name, title_block
from .inline import plain, render_inline
from .pairs import PENDING_LABEL

_STYLE = """
body { margin: 0 5%; line-height: 1.55; }
h1, h2, h3 { line-height: 1.3; page-break-after: avoid; }
h1 { font-size: 1.6em; margin: 1em 0 .6em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; }
.kicker { font-size: .8em; letter-spacing: .1em; text-transform: uppercase; margin: 0; }
.zh { margin: 0 0 .3em; line-height: 1.8; }
.target { margin: 0 0 1em; }
.pair { margin: 0 0 1em; }
.pair .target { margin: 0; }
.num { font-size: .7em; color: #777; margin-right: .3em; }
.note { font-style: italic; color: #555; font-size: .9em; }
.meta { font-size: .85em; color: #555; }
.standfirst { font-style: italic; }
.reader-note { margin: .4em 0 0; padding-left: .6em; border-left: 2px solid #9b1c1c; font-size: .9em; }
.reader-note__label { font-weight: bold; }
table { margin: 0 0 1em; border-collapse: collapse; }
th, td { padding: .25em .6em .25em 0; border-bottom: 1px solid #ccc; text-align: left; vertical-align: top; }
th { border-bottom-color: #000; }
th .target, td .target { margin: 0; }
dt { font-weight: bold; margin-top: .5em; }
dd { margin: 0 0 0 1em; }
"""
_FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def render_bilingual_epub(e: EditionInput) -> bytes:
    return _render(e, bilingual=True)


def render_target_epub(e: EditionInput) -> bytes:
    return _render(e, bilingual=False)


def _render(e: EditionInput, bilingual: bool) -> bytes:
    art, pairs = e.article, e.pairs
    info = title_block(art, e.publication, e.pairs)
    title = next((plain(p.target) for p in pairs
                  if p.segment.kind == SegmentKind.TITLE and not p.is_fallback), art.title)
    book = epub.EpubBook()
    edition = f"{e.source}-{e.locale}" if bilingual else e.locale
    book.set_identifier(f"urn:bilingual:{art.slug}:{edition}")
    book.set_title(f"{title} · {art.title}" if bilingual else title)
    book.set_language(e.locale)
    if bilingual:
        book.add_metadata("DC", "language", art.source_lang)
    if info.translator:
        book.add_author(info.translator, role="trl", uid="translator")
    if e.publication.name:
        book.add_metadata("DC", "publisher", e.publication.name)
    parts = split_article(pairs)
    headings = [p for p in parts["body"] if p.segment.kind == SegmentKind.HEADING]
    doc = epub.EpubHtml(title=title, file_name="article.xhtml", lang=e.locale)
    doc.content = _links_inside_or_out(environment().get_template("epub.xhtml.j2").render(
        article=art, parts=parts, blocks=group_blocks(parts["body"]), locale=e.locale,
        bilingual=bilingual, numbers=paragraph_numbers(pairs), title=title, info=info,
        key_terms=key_terms(pairs), pending=PENDING_LABEL,
        source_name=language_name(art.source_lang), inline=render_inline))
    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css",
                          content=_STYLE.encode("utf-8"))
    doc.add_item(style)
    book.add_item(doc)
    book.add_item(style)
    book.toc = [epub.Link(f"article.xhtml#{p.segment.id}",
                          plain(p.segment.text if p.is_fallback else p.target), p.segment.id)
                for p in headings] or [epub.Link("article.xhtml", title, "article")]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", doc]
    out = io.BytesIO()
    epub.write_epub(out, book, {"mtime": _modified(info.date)})
    return _fixed_times(out.getvalue())


def _links_inside_or_out(document: str) -> str:
    """A link to a page beside the web edition (index.html, another article) leads
    nowhere inside the book: its text stays, the link goes. Web and in-book links stay."""
    root = lxml.html.document_fromstring(document)
    for link in root.iter("a"):
        href = link.get("href", "")
        if not href.startswith(("http://", "https://", "mailto:", "#")):
            link.drop_tag()
    return str(lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>"))


def _modified(date: str) -> datetime.datetime:
    """The article's date where it has one (dcterms:modified must be a full date)."""
    try:
        return datetime.datetime.fromisoformat(date[:10])
    except ValueError:
        return datetime.datetime(*_FIXED_ZIP_TIME)


def _fixed_times(data: bytes) -> bytes:
    """The same archive with every entry dated alike: the same article, the same bytes
    (the mimetype entry stays first and stored, as EPUB requires)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, _FIXED_ZIP_TIME)
            fixed.compress_type = item.compress_type
            target.writestr(fixed, source.read(item.filename))
    return out.getvalue()
