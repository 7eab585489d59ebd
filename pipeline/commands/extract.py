"""`bilingual extract`: write locales/SLUG.pot for each article."""

from __future__ import annotations

from ..cache import CanonicalCache, ResultCache
from ..catalog.refresh import refresh_templates
from ..errors import display_path
from ..progress import progress
from ..project import Project
from .common import project_glossary, say


def extract(project: Project, article: str | None = None, quiet: bool = False,
            use_cache: bool = True) -> int:
    glossary = project_glossary(project.glossary_dir)
    cache = CanonicalCache.open(project.root, use_cache)
    stored = ResultCache.open(project.root, "extract", use_cache)
    slugs = project.articles(article)
    with progress("extracting", len(slugs)) as bar:
        writes = refresh_templates(project, slugs, glossary, cache, stored, bar.advance)
    if article is None:
        stored.keep_only(slugs)
    stored.save()
    for written in writes:
        if not quiet:
            say(f"{display_path(written.path)}: {written.entries} entries"
                f"{'' if written.changed else ' (unchanged)'}")
    cache.save()
    return 0
