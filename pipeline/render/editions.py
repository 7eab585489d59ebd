"""What an edition is: a file name pattern, a render function and how the reader's
index links it. The editions themselves are listed once, in `render/registry`;
the build writes each of them and the index links each of them from there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ..config import Publication
from ..model import Article
from .pairs import Pair

# The pages that link each other (toolbar, colophon): their names are fixed here so
# the pages need not import the registry that imports them.
BILINGUAL_PAGE = "{slug}.{source}-{locale}.html"
TARGET_PAGE = "{slug}.{locale}.html"
PROOF_PAGE = "{slug}.{source}-{locale}.proof.html"  # for editors: never on the reader's index
DASHBOARD_PAGE = "editors.html"


class MarkdownStyle(Enum):
    INTERLEAVED = "interleaved"
    TABLE = "table"


@dataclass(frozen=True)
class EditionInput:
    """Everything an edition of one article in one locale is rendered from."""

    article: Article
    pairs: list[Pair]  # aligned with the reader's marks
    locale: str
    publication: Publication
    md_style: MarkdownStyle = MarkdownStyle.INTERLEAVED

    @property
    def source(self) -> str:
        """The source language's primary subtag (zh for zh-Hans): part of the file names."""
        return self.article.source_lang.split("-")[0]


@dataclass(frozen=True)
class Edition:
    name: str
    pattern: str  # with {slug}, {source}, {locale}
    render: Callable[[EditionInput], str | bytes]
    # The reader's index link text ({language}: the target language's name); "" for
    # an edition the index does not link.
    link: str = ""

    def file_name(self, slug: str, source: str, locale: str) -> str:
        return page_name(self.pattern, slug, source, locale)


def page_name(pattern: str, slug: str, source: str, locale: str) -> str:
    """`source` is the source language's primary subtag (zh for zh-Hans)."""
    return pattern.format(slug=slug, source=source, locale=locale)
