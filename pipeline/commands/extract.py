"""`bilingual extract`: write locales/SLUG.pot for each article."""

from __future__ import annotations

from ..cache import CanonicalCache
from ..catalog.pofile import read_catalog
from ..catalog.template import build_template, same_entries
from ..errors import display_path
from ..project import Project
from .common import load_article, project_glossary, say


def extract(project: Project, article: str | None = None, quiet: bool = False,
            use_cache: bool = True) -> int:
    glossary = project_glossary(project.glossary_dir)
    cache = CanonicalCache.open(project.root, use_cache)
    for slug in project.articles(article):
        art = load_article(project, slug)
        pot = build_template(art, project.source_ref(slug), glossary)
        path = project.template_path(slug)
        loaded = read_catalog(path) if path.exists() else None
        if loaded is not None and same_entries(loaded.po, pot):
            # Unchanged content keeps its creation date: a re-run rewrites no byte.
            pot.metadata["POT-Creation-Date"] = loaded.po.metadata.get(
                "POT-Creation-Date", pot.metadata["POT-Creation-Date"])
        if loaded is not None and cache.unchanged(loaded.fingerprint, loaded.po, pot):
            changed = False  # the very bytes on disk: skip formatting
        else:
            changed = cache.write(pot, path)
        if not quiet:
            say(f"{display_path(path)}: {len(pot)} entries"
                f"{'' if changed else ' (unchanged)'}")
    cache.save()
    return 0
