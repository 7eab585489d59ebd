"""`bilingual update`: merge each template into its locale catalogs (msgmerge semantics)."""

from __future__ import annotations

from ..catalog.merge import merge_catalog
from ..catalog.msginit import new_catalog
from ..catalog.pofile import read_catalog, write_catalog
from ..catalog.refresh import refresh_templates
from ..errors import PipelineError, display_path
from ..project import Project, validate_locale
from .common import project_glossary, say

def update(project: Project, article: str | None = None, locale: str | None = None,
           create: bool = False, quiet: bool = False) -> int:
    refresh_templates(project, project.articles(article), project_glossary(project.glossary_dir))
    if create and locale is None:
        raise PipelineError("--create needs --locale L")
    if create and locale is not None:
        validate_locale(locale)
    locales = [locale] if create and locale else project.locales(locale)
    if not locales:
        raise PipelineError("no locales yet: start one with `bilingual update --locale en --create`",
                            project.locales_dir)
    for slug in project.articles(article):
        template = read_catalog(project.template_path(slug)).po
        for loc in locales:
            path = project.catalog_path(slug, loc)
            if path.exists():
                loaded = read_catalog(path)
                merged = merge_catalog(loaded.po, template)
                changed = write_catalog(merged, path, expect=loaded.fingerprint)
            else:
                merged = merge_catalog(new_catalog(template, loc), template)
                changed = write_catalog(merged, path)
            if not quiet:
                active = [e for e in merged if not e.obsolete]
                fuzzy = sum(1 for e in active if "fuzzy" in e.flags)
                empty = sum(1 for e in active if not e.msgstr)
                obsolete = sum(1 for e in merged if e.obsolete)
                say(f"{display_path(path)}: {len(active)} entries, {fuzzy} fuzzy, "
                    f"{empty} untranslated, {obsolete} obsolete"
                    f"{'' if changed else ' (unchanged)'}")
    return 0
