"""The extract step, shared by `extract` and `update`: write each article's template.

A template whose entries did not change keeps its creation date, so running the
step again rewrites no byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from ..glossary import Glossary
from ..project import Project
from ..source import load_article
from .pofile import read_catalog, write_catalog
from .template import build_template, same_entries


@dataclass(frozen=True)
class TemplateWrite:
    path: Path
    entries: int
    changed: bool


def fresh_template(project: Project, slug: str, glossary: Glossary) -> polib.POFile:
    """The template for `slug` as extract writes it (read, not written here)."""
    article = load_article(project, slug)
    pot = build_template(article, project.source_ref(slug), glossary)
    path = project.template_path(slug)
    if path.exists():
        previous = read_catalog(path).po
        if same_entries(previous, pot):
            pot.metadata["POT-Creation-Date"] = previous.metadata.get(
                "POT-Creation-Date", pot.metadata["POT-Creation-Date"])
    return pot


def refresh_template(project: Project, slug: str, glossary: Glossary) -> TemplateWrite:
    pot = fresh_template(project, slug, glossary)
    path = project.template_path(slug)
    return TemplateWrite(path, len(pot), write_catalog(pot, path))


def refresh_templates(project: Project, slugs: Iterable[str],
                      glossary: Glossary) -> list[TemplateWrite]:
    return [refresh_template(project, slug, glossary) for slug in slugs]
