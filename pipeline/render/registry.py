"""The editions every article is published in, in the order the index links them:
the single source the build writes from and the index links from. A new format is
one module with a render function and one line here."""

from __future__ import annotations

from .editions import BILINGUAL_PAGE, TARGET_PAGE, Edition, EditionInput, MarkdownStyle
from .epub import render_bilingual_epub, render_target_epub
from .facing import render_facing_html
from .html import render_bilingual_html, render_target_html
from .markdown import render_bilingual_markdown, render_table_markdown, render_target_markdown


def _bilingual_html(e: EditionInput) -> str:
    return render_bilingual_html(e.article, e.pairs, e.locale, e.publication)


def _target_html(e: EditionInput) -> str:
    return render_target_html(e.article, e.pairs, e.locale, e.publication)


def _bilingual_markdown(e: EditionInput) -> str:
    render = (render_table_markdown if e.md_style == MarkdownStyle.TABLE
              else render_bilingual_markdown)
    return render(e.article, e.pairs, e.locale)


def _target_markdown(e: EditionInput) -> str:
    return render_target_markdown(e.article, e.pairs, e.locale)


EDITIONS: tuple[Edition, ...] = (
    Edition("bilingual", BILINGUAL_PAGE, _bilingual_html, "Bilingual"),
    Edition("target", TARGET_PAGE, _target_html, "{language}"),
    Edition("bilingual-markdown", "{slug}.{source}-{locale}.md", _bilingual_markdown),
    Edition("target-markdown", "{slug}.{locale}.md", _target_markdown, "Markdown"),
    Edition("bilingual-epub", "{slug}.{source}-{locale}.epub", render_bilingual_epub, "EPUB"),
    Edition("target-epub", "{slug}.{locale}.epub", render_target_epub, "{language} EPUB"),
    Edition("facing", "{slug}.{source}-{locale}.facing.html", render_facing_html,
            "Facing pages (print)"),
)
