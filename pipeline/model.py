"""Typed data passed between stages: an Article is an ordered list of Segments."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class SegmentKind(str, Enum):
    KICKER = "kicker"
    TITLE = "title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"
    STANDFIRST = "standfirst"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    BLOCKQUOTE = "blockquote"
    TABLE_CELL = "table-cell"
    IMAGE_ALT = "image-alt"
    CREDITS = "credits"
    FOOTNOTE = "footnote"
    PUBLICATION = "publication"  # the source's publication, when it is in the source language


@dataclass(frozen=True)
class Segment:
    """One translatable unit: its inline Markdown text and where it came from."""

    id: str
    kind: SegmentKind
    text: str
    line_start: int  # 1-based, inclusive, in the source file
    line_end: int
    level: int = 0  # heading level, list nesting depth
    ordered: bool = False  # list items: numbered list?
    group: int = 0  # consecutive segments sharing a group render in one block (lists, tables)
    header: bool = False  # table cells: header row?
    row: int = 0  # table cells: row index within the table
    image_src: str = ""  # images: the address, kept verbatim (not translated)
    note: str = ""  # footnotes: the label the text refers to it by (`[^note]`)


@dataclass(frozen=True)
class ArticleInfo:
    """The article's public metadata from its front matter (untranslated, as written).

    Translatable fields (kicker, title, subtitle, byline, credits) are also
    segments; the rest (date, publication, issue, pages, source URL, translator)
    is printed as is in the editions' title block.
    """

    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    credits: str = ""
    date: str = ""
    publication: str = ""
    issue: str = ""
    pages: str = ""
    source_url: str = ""
    translator: str = ""


@dataclass(frozen=True)
class Article:
    slug: str
    path: Path  # the Markdown source
    meta: dict[str, object]
    segments: tuple[Segment, ...] = field(default_factory=tuple)
    source_lang: str = "zh-Hans"

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.slug))

    @property
    def info(self) -> ArticleInfo:
        def text(key: str) -> str:
            value = self.meta.get(key)
            return "" if value is None else " ".join(str(value).split())
        return ArticleInfo(**{name: text(name) for name in ArticleInfo.__dataclass_fields__})

    def segment(self, segment_id: str) -> Segment:
        for seg in self.segments:
            if seg.id == segment_id:
                return seg
        raise KeyError(segment_id)
