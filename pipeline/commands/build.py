"""`bilingual build`: bilingual and English-only HTML/Markdown in build/, plus .mo files."""

from __future__ import annotations

from ..atomic import atomic_write_bytes, atomic_write_text
from ..catalog.pofile import read_catalog
from ..catalog.stats import Status, progress
from ..errors import display_path
from ..model import SegmentKind
from ..project import Project
from ..render.html import (
    ArticleListing,
    render_bilingual_html,
    render_english_html,
    render_index_html,
)
from ..render.markdown import (
    render_bilingual_markdown,
    render_english_markdown,
    render_table_markdown,
)
from ..render.pairs import align
from .common import load_article, project_glossary, say, warn


def build(project: Project, article: str | None = None, locale: str | None = None,
          min_complete: float | None = None, md_style: str = "interleaved",
          quiet: bool = False) -> int:
    glossary = project_glossary(project.glossary_dir)
    out_dir = project.build_dir
    refused = 0
    listings: list[ArticleListing] = []
    for slug in project.articles(article):
        art = load_article(project, slug)
        listing = ArticleListing(slug, art.title, [])
        for loc in project.locales(locale):
            path = project.catalog_path(slug, loc)
            if not path.exists():
                warn(f"{display_path(path)}: no catalog; run `bilingual update --locale {loc}`")
                refused += 1
                continue
            po = read_catalog(path).po
            done = progress(art, po)
            listing.locales.append((loc, done.percent, slug))
            if min_complete is not None and done.percent < min_complete:
                warn(f"{display_path(path)}: {done.percent:.1f}% translated, below "
                     f"--min-complete {min_complete:g}%; not built")
                refused += 1
                continue
            pairs = align(art, po, glossary)
            title = next((p for p in pairs if p.segment.kind == SegmentKind.TITLE), None)
            if title is not None and not title.is_fallback:
                listing.translated_titles[loc] = title.target
            source = art.source_lang.split("-")[0]
            md = (render_table_markdown if md_style == "table" else render_bilingual_markdown)
            outputs = {
                out_dir / f"{slug}.{source}-{loc}.html": render_bilingual_html(art, pairs, loc),
                out_dir / f"{slug}.{source}-{loc}.md": md(art, pairs, loc),
                out_dir / f"{slug}.{loc}.html": render_english_html(art, pairs, loc),
                out_dir / f"{slug}.{loc}.md": render_english_markdown(art, pairs, loc),
            }
            for target, text in outputs.items():
                atomic_write_text(target, text)
            atomic_write_bytes(project.mo_path(slug, loc), po.to_binary())
            if not quiet:
                fallback = done.total_segments - done.segments[Status.TRANSLATED]
                say(f"{display_path(out_dir / f'{slug}.{source}-{loc}.html')}: "
                    f"{done.total_segments} segments, {done.percent:.0f}% translated"
                    + (f", {fallback} shown in the source language" if fallback else ""))
        listings.append(listing)
    if article is None and locale is None:
        atomic_write_text(out_dir / "index.html", render_index_html(listings))
    return 1 if refused else 0
