"""The reader's index (what is published: kicker, both titles, standfirst, date, the
editions) and the editors' dashboard (every article: progress, open items, proofs)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..config import Publication
from .html import UI_LANG, canonical_url, content_security_policy, environment


@dataclass(frozen=True)
class EditionLink:
    label: str
    href: str


@dataclass(frozen=True)
class LocaleListing:
    """One article in one target language, as the index and the dashboard list it."""

    locale: str
    percent: float  # by source characters
    published: bool  # the reader's editions were written
    title: str = ""  # the translated title ("" while untranslated)
    kicker: str = ""
    standfirst: str = ""
    links: tuple[EditionLink, ...] = ()  # the reader's editions
    proof: str = ""  # the editor's proof ("" when the build wrote none)
    open_items: int = 0  # the proof's numbered queries and findings
    errors: int = 0


@dataclass(frozen=True)
class ArticleListing:
    slug: str
    title: str  # in the source language
    source: str = "zh"  # primary subtag of the source language
    source_lang: str = "zh-Hans"
    kicker: str = ""
    standfirst: str = ""
    date: str = ""
    locales: list[LocaleListing] = field(default_factory=list)

    @property
    def published(self) -> list[LocaleListing]:
        return [loc for loc in self.locales if loc.published]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleListing:
        locales = [LocaleListing(**{**row, "links": tuple(EditionLink(**link)
                                                          for link in row["links"])})
                   for row in data["locales"]]
        return cls(**{**data, "locales": locales})


def render_index_html(listings: list[ArticleListing],
                      publication: Publication = Publication()) -> str:
    """Articles with at least one published edition, for readers."""
    shown = [item for item in listings if item.published]
    return environment().get_template("index.html.j2").render(
        listings=shown, publication=publication, ui_lang=UI_LANG,
        csp=content_security_policy(), running_head="",
        canonical=canonical_url(publication, "index.html"))


def render_dashboard_html(listings: list[ArticleListing],
                          publication: Publication = Publication()) -> str:
    """Every article of the build, published or not, for editors."""
    return environment().get_template("dashboard.html.j2").render(
        listings=listings, publication=publication, ui_lang=UI_LANG,
        csp=content_security_policy(), running_head="", canonical="")
