"""`bilingual update`: merge each template into its locale catalogs (msgmerge semantics).

Order of writes, per article: every `.po` first, then the `.pot`. A `.pot` on
disk that is new therefore means its catalogs were merged against it; a run
killed in between leaves an old `.pot`, and the next `update` redoes the merge
(which is idempotent). Each `.po` is written by `save_catalog`, so an edit
saved meanwhile by the workbench, Poedit or a `git pull` is merged, not lost.
"""

from __future__ import annotations

from typing import Any

from ..cache import CanonicalCache, ResultCache, code_fingerprint, files_digest, key_of
from ..catalog.merge import merge_catalog
from ..catalog.msginit import new_catalog
from ..catalog.pofile import read_catalog, save_catalog
from ..catalog.refresh import fresh_template_and_previous, write_template
from ..config import MemorySettings
from ..errors import PipelineError, display_path
from ..glossary import Glossary
from ..memory import FillReport, fill_from_memory
from ..memory.project_memory import StartOfRunMemory, memory_dir
from ..progress import progress
from ..project import Project, validate_locale
from ..source import article_path
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
    # An article whose inputs are as the last run left them is skipped (see _inputs_key).
    stored = ResultCache.open(project.root, "update", use_cache)
    context = key_of(code_fingerprint(), files_digest(project.glossary_dir),
                     repr(settings), repr(use_memory), repr(locales))
    memory_now: dict[str, str] = {}  # locale -> digest of its memory, as it stands now

    def memory_digest(loc: str) -> str:
        if loc not in memory_now:
            memory_now[loc] = _memory_digest(project, loc)
        return memory_now[loc]

    fillable: list[dict[str, Any]] = []
    slugs = project.articles(article)
    with progress("updating", len(slugs)) as bar:
        for slug in slugs:
            key = _inputs_key(context, project, slug, locales)
            known = stored.get(slug, key)
            if known is not None and all(memory_digest(loc) == digest
                                         for loc, digest in known["memory"].items()):
                if not quiet:
                    for line in known["lines"]:
                        say(f"{line} (unchanged)")
                bar.advance()
                continue
            lines, needs_memory = _update_article(
                project, slug, locales, glossary, cache, memories, settings, use_memory, quiet)
            result: dict[str, Any] = {"lines": lines, "memory": {}}
            stored.put(slug, _inputs_key(context, project, slug, locales), result)
            if needs_memory and use_memory:
                fillable.append(result)  # its memory digest is taken after the run
            bar.advance()
    if fillable:
        memory_now.clear()  # what the next run's memory will be built from
        for result in fillable:
            result["memory"] = {loc: memory_digest(loc) for loc in locales}
    if article is None and locale is None and not create:
        stored.keep_only(slugs)
    stored.save()
    cache.save()
    return 0


def _memory_summary(report: FillReport) -> str:
    if not report.total:
        return ""
    return (f"; from memory: {report.exact} exact, {report.fuzzy} fuzzy, "
            f"{report.sentences} by sentence")


def _update_article(project: Project, slug: str, locales: list[str], glossary: Glossary,
                    cache: CanonicalCache, memories: dict[str, StartOfRunMemory],
                    settings: MemorySettings, use_memory: bool, quiet: bool
                    ) -> tuple[list[str], bool]:
    """Merge one article's template into its catalogs: the summary line of each, and
    whether any entry is left that the memory could fill (so that a later run with
    another memory must do it again)."""
    template, previous = fresh_template_and_previous(project, slug, glossary)
    lines: list[str] = []
    needs_memory = False
    for loc in locales:
        path = project.catalog_path(slug, loc)
        loaded = read_catalog(path) if path.exists() else None
        merged = merge_catalog(loaded.po if loaded else new_catalog(template, loc), template)
        filled = FillReport()
        if use_memory:
            if loc not in memories:
                memories[loc] = StartOfRunMemory(project, loc, cache.path is not None)
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
        active = [e for e in merged if not e.obsolete]
        fuzzy = sum(1 for e in active if "fuzzy" in e.flags)
        empty = sum(1 for e in active if not e.msgstr)
        obsolete = sum(1 for e in merged if e.obsolete)
        needs_memory |= bool(fuzzy or empty)
        line = (f"{display_path(path)}: {len(active)} entries, {fuzzy} fuzzy, "
                f"{empty} untranslated, {obsolete} obsolete")
        lines.append(line)
        if not quiet:
            say(f"{line}{_memory_summary(filled)}{'' if changed else ' (unchanged)'}")
    # Last (see the docstring). The .pot is generated, never edited by people, so the
    # copy read above is still what is on disk.
    write_template(template, project.template_path(slug), cache, previous)
    return lines, needs_memory


def _inputs_key(context: str, project: Project, slug: str, locales: list[str]) -> str:
    """Everything one article's update reads: its source, its template and catalogs."""
    parts: list[bytes | str | None] = [context, project.source_ref(slug),
                                       article_path(project, slug).read_bytes()]
    for path in (project.template_path(slug),
                 *(project.catalog_path(slug, loc) for loc in locales)):
        parts.append(path.read_bytes() if path.is_file() else None)
    return key_of(*parts)


def _memory_digest(project: Project, locale: str) -> str:
    """What the memory of `locale` is built from: its catalogs and the TMX files."""
    return key_of(files_digest(project.catalog_path("x", locale).parent, "*.po"),
                  files_digest(memory_dir(project), "*.tmx"))
