"""`bilingual extract`: write locales/SLUG.pot for each article."""

from __future__ import annotations

from ..cache import CanonicalCache
from ..catalog.refresh import refresh_templates
from ..errors import display_path
from ..project import Project
from .common import project_glossary, say


def extract(project: Project, article: str | None = None, quiet: bool = False,
            use_cache: bool = True) -> int:
    glossary = project_glossary(project.glossary_dir)
    cache = CanonicalCache.open(project.root, use_cache)
    for written in refresh_templates(project, project.articles(article), glossary, cache):
        if not quiet:
            say(f"{display_path(written.path)}: {written.entries} entries"
                f"{'' if written.changed else ' (unchanged)'}")
    cache.save()
    return 0
