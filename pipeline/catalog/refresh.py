"""The extract step, shared by `extract` and `update`: write each article's template.

A template whose entries did not change keeps its creation date, so running the
step again rewrites no byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from ..cache import CanonicalCache, key_of
from ..glossary import Glossary
from ..project import Project
from ..source import article_path, load_article
from .pofile import LoadedCatalog, read_catalog
from .template import build_template, same_entries


@dataclass(frozen=True)
class TemplateWrite:
    path: Path
    entries: int
    changed: bool


def fresh_template_and_previous(project: Project, slug: str, glossary: Glossary
                                ) -> tuple[polib.POFile, LoadedCatalog | None]:
    """The template for `slug` as extract writes it, and the one on disk (if any)."""
    article = load_article(project, slug)
    pot = build_template(article, project.source_ref(slug), glossary)
    path = project.template_path(slug)
    loaded = read_catalog(path) if path.exists() else None
    if loaded is not None and same_entries(loaded.po, pot):
        pot.metadata["POT-Creation-Date"] = loaded.po.metadata.get(
            "POT-Creation-Date", pot.metadata["POT-Creation-Date"])
    return pot, loaded


def write_template(pot: polib.POFile, path: Path, cache: CanonicalCache,
                   loaded: LoadedCatalog | None = None) -> bool:
    """Write a template unless the file already holds exactly its canonical bytes."""
    if loaded is None and path.exists():
        loaded = read_catalog(path)
    if loaded is not None and cache.unchanged(loaded.fingerprint, loaded.po, pot):
        return False  # the very bytes on disk: skip formatting
    return cache.write(pot, path)


def refresh_template(project: Project, slug: str, glossary: Glossary,
                     cache: CanonicalCache) -> TemplateWrite:
    pot, loaded = fresh_template_and_previous(project, slug, glossary)
    path = project.template_path(slug)
    return TemplateWrite(path, len(pot), write_template(pot, path, cache, loaded))


def template_key(context: str, project: Project, slug: str) -> str:
    """Everything one article's template depends on (`context`: code and glossary)."""
    pot = project.template_path(slug)
    return key_of(context, project.source_ref(slug),
                  article_path(project, slug).read_bytes(),
                  pot.read_bytes() if pot.is_file() else None)
