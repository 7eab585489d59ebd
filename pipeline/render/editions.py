"""The file names of the editions of one article in one locale: one scheme,
used by the build (where to write) and by the pages (where to link)."""

from __future__ import annotations

from typing import NamedTuple


class Editions(NamedTuple):
    bilingual_html: str
    bilingual_md: str
    target_html: str
    target_md: str

    @property
    def proof_html(self) -> str:
        """The editor's proof (not an edition for readers: never linked from the index)."""
        return self.bilingual_html.removesuffix(".html") + ".proof.html"


def edition_names(slug: str, source: str, locale: str) -> Editions:
    """`source` is the source language's primary subtag (zh for zh-Hans)."""
    return Editions(f"{slug}.{source}-{locale}.html", f"{slug}.{source}-{locale}.md",
                    f"{slug}.{locale}.html", f"{slug}.{locale}.md")
