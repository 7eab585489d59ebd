"""`bilingual extract`: write locales/SLUG.pot for each article."""

from __future__ import annotations

import polib

from ..catalog.pofile import read_catalog, write_catalog
from ..catalog.template import build_template, same_entries
from ..errors import display_path
from ..glossary import Glossary
from ..project import Project
from .common import load_article, project_glossary, say


def fresh_template(project: Project, slug: str, glossary: Glossary) -> polib.POFile:
    """The template for `slug` as extract would write it (not written here)."""
    pot = build_template(load_article(project, slug), project.source_ref(slug), glossary)
    path = project.template_path(slug)
    if path.exists():
        previous = read_catalog(path).po
        if same_entries(previous, pot):
            # Unchanged content keeps its creation date: a re-run rewrites no byte.
            pot.metadata["POT-Creation-Date"] = previous.metadata.get(
                "POT-Creation-Date", pot.metadata["POT-Creation-Date"])
    return pot


def extract(project: Project, article: str | None = None, quiet: bool = False) -> int:
    glossary = project_glossary(project.glossary_dir)
    for slug in project.articles(article):
        pot = fresh_template(project, slug, glossary)
        path = project.template_path(slug)
        changed = write_catalog(pot, path)
        if not quiet:
            say(f"{display_path(path)}: {len(pot)} entries"
                f"{'' if changed else ' (unchanged)'}")
    return 0
