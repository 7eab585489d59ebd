"""`bilingual build`: bilingual and English-only HTML/Markdown in build/, plus .mo files."""

from __future__ import annotations

import math
from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text
from ..catalog.pofile import read_catalog
from ..catalog.stats import Status, progress
from ..errors import display_path
from ..model import Article, SegmentKind
from ..project import Project
from ..render.editions import edition_names
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
    locales = project.locales(locale)  # once: locales/ holds a .pot per article
    for slug in project.articles(article):
        art = load_article(project, slug)
        source = art.source_lang.split("-")[0]
        listing = ArticleListing(slug, art.title, [], source=source)
        for loc in locales:
            path = project.catalog_path(slug, loc)
            po = None
            if path.exists():
                po = read_catalog(path).po
            else:  # a new article: shown untranslated rather than left out
                warn(f"{display_path(path)}: no catalog yet; built with the source text "
                     f"(run `bilingual update --locale {loc}`)")
            done = progress(art, po)
            outputs = edition_paths(out_dir, slug, source, loc)
            if min_complete is not None and done.percent < min_complete:
                warn(f"{display_path(path)}: {done.percent:.1f}% translated, below "
                     f"--min-complete {min_complete:g}%; not built")
                for stale in outputs:  # never leave an older edition that looks current
                    stale.unlink(missing_ok=True)
                refused += 1
                continue
            listing.locales.append((loc, done.percent, slug))
            pairs = align(art, po, glossary)
            title = next((p for p in pairs if p.segment.kind == SegmentKind.TITLE), None)
            if title is not None and not title.is_fallback:
                listing.translated_titles[loc] = title.target
            md = (render_table_markdown if md_style == "table" else render_bilingual_markdown)
            texts = (render_bilingual_html(art, pairs, loc), md(art, pairs, loc),
                     render_english_html(art, pairs, loc), render_english_markdown(art, pairs, loc))
            for target, text in zip(outputs, texts):
                atomic_write_text(target, text)
            copy_images(project, art, out_dir)
            if po is not None:
                atomic_write_bytes(project.mo_path(slug, loc), po.to_binary())
            if not quiet:
                fallback = done.total_segments - done.segments[Status.TRANSLATED]
                say(f"{display_path(outputs[0])}: {done.total_segments} segments, "
                    f"{math.floor(done.percent)}% translated"
                    + (f", {fallback} shown in the source language" if fallback else ""))
        listings.append(listing)
    if article is None and locale is None:
        atomic_write_text(out_dir / "index.html", render_index_html(listings))
    return 1 if refused else 0


def edition_paths(out_dir: Path, slug: str, source: str, locale: str) -> tuple[Path, ...]:
    """Bilingual HTML, bilingual Markdown, target-only HTML, target-only Markdown."""
    return tuple(out_dir / name for name in edition_names(slug, source, locale))


def copy_images(project: Project, article: Article, out_dir: Path) -> None:
    """Relative images sit beside the pages, so the editions stay self-contained."""
    content = project.content_dir.resolve()
    for segment in article.segments:
        if segment.kind != SegmentKind.IMAGE_ALT or not segment.target:
            continue
        source = (project.content_dir / segment.target).resolve()
        if "://" in segment.target or not source.is_relative_to(content):
            continue  # remote or outside content/: the page will not load it (documented)
        if not source.is_file():
            warn(f"{display_path(article.path)}:{segment.line_start}: image "
                 f"'{segment.target}' not found in content/")
            continue
        atomic_write_bytes(out_dir / source.relative_to(content), source.read_bytes())
