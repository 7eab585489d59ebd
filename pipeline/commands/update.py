"""`bilingual update`: merge each template into its locale catalogs (msgmerge semantics).

Order of writes, per article: every `.po` first, then the `.pot`. A `.pot` on
disk that is new therefore means its catalogs were merged against it; a run
killed in between leaves an old `.pot`, and the next `update` redoes the merge
(which is idempotent). Each `.po` is written by `save_catalog`, so an edit
saved meanwhile by the workbench, Poedit or a `git pull` is merged, not lost.
"""

from __future__ import annotations

from ..cache import CanonicalCache
from ..catalog.merge import merge_catalog
from ..catalog.msginit import new_catalog
from ..catalog.pofile import read_catalog, save_catalog
from ..catalog.refresh import fresh_template_and_previous, write_template
from ..errors import PipelineError, display_path
from ..memory import FillReport, fill_from_memory
from ..memory.project_memory import StartOfRunMemory
from ..project import Project, validate_locale
from .common import project_glossary, say, warn


def update(project: Project, article: str | None = None, locale: str | None = None,
           create: bool = False, quiet: bool = False, memory: bool = True,
           use_cache: bool = True) -> int:
    cache = CanonicalCache.open(project.root, use_cache)
    if create and locale is None:
        raise PipelineError("--create needs --locale L")
    if create and locale is not None:
        validate_locale(locale)
    locales = [locale] if create and locale else project.locales(locale)
    if not locales:
        raise PipelineError("no locales yet: start one with `bilingual update --locale en --create`",
                            project.locales_dir)
    glossary = project_glossary(project.glossary_dir)
    settings = project.config.memory
    use_memory = memory and settings.enabled
    # One memory per locale, as its catalogs stood before any of them changed, so the
    # result does not depend on the order in which articles are updated. It is built
    # on the first entry that needs filling, if any.
    memories: dict[str, StartOfRunMemory] = {}
    for slug in project.articles(article):
        template, previous = fresh_template_and_previous(project, slug, glossary)
        for loc in locales:
            path = project.catalog_path(slug, loc)
            loaded = read_catalog(path) if path.exists() else None
            merged = merge_catalog(loaded.po if loaded else new_catalog(template, loc), template)
            filled = FillReport()
            if use_memory:
                if loc not in memories:
                    memories[loc] = StartOfRunMemory(project, loc, use_cache)
                filled = fill_from_memory(merged, loaded.po if loaded else None, memories[loc],
                                          settings.fuzzy_threshold, project.source_ref(slug))
            if loaded is None:
                changed = cache.write(merged, path)
            elif cache.unchanged(loaded.fingerprint, loaded.po, merged):
                changed = False  # the very bytes on disk: skip formatting
            else:
                if loc in memories:
                    memories[loc].before_write(loaded)
                saved = save_catalog(path, loaded, merged)
                changed, merged = saved.changed, saved.po
                if not saved.merged:  # what is on disk now is our canonical output
                    cache.remember_digest(saved.fingerprint.sha256)
                if saved.merged:
                    warn(f"{display_path(path)}: changed on disk during update; merged "
                         "entry by entry" + (f", {len(saved.conflicts)} entries kept as on "
                                             "disk" if saved.conflicts else ""))
            if not quiet:
                active = [e for e in merged if not e.obsolete]
                fuzzy = sum(1 for e in active if "fuzzy" in e.flags)
                empty = sum(1 for e in active if not e.msgstr)
                obsolete = sum(1 for e in merged if e.obsolete)
                say(f"{display_path(path)}: {len(active)} entries, {fuzzy} fuzzy, "
                    f"{empty} untranslated, {obsolete} obsolete"
                    f"{_memory_summary(filled)}"
                    f"{'' if changed else ' (unchanged)'}")
        # Last (see the docstring). The .pot is generated, never edited by people, so the
        # copy read above is still what is on disk.
        write_template(template, project.template_path(slug), cache, previous)
    cache.save()
    return 0


def _memory_summary(report: FillReport) -> str:
    if not report.total:
        return ""
    return (f"; from memory: {report.exact} exact, {report.fuzzy} fuzzy, "
            f"{report.sentences} by sentence")
