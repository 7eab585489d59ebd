"""`bilingual update`: merge each template into its locale catalogs (msgmerge semantics).

Articles are independent and are merged in worker processes (`--jobs`), in two
phases, so that the result is the one a serial run gives:

1. Every article is merged, and written if nothing in it is left for the memory
   to fill. An article that has such an entry is written in phase 2 instead.
2. The memory of each locale is built once, from the catalogs as they stood when
   the run began (phase 1 hands back the bytes of each catalog it replaced), and
   the articles left over are merged again, filled and written.

Order of writes, per article: every `.po` first, then the `.pot`. A `.pot` on
disk that is new therefore means its catalogs were merged against it; a run
killed in between leaves an old `.pot`, and the next `update` redoes the merge
(which is idempotent). Each `.po` is written by `save_catalog`, so an edit
saved meanwhile by the workbench, Poedit or a `git pull` is merged, not lost.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from ..atomic import Fingerprint
from ..cache import (
    CanonicalCache,
    ResultCache,
    code_fingerprint,
    content_key,
    files_digest,
    key_of,
)
from ..catalog.merge import copy_figures_only, merge_catalog
from ..catalog.msginit import new_catalog
from ..catalog.pofile import (
    LoadedCatalog,
    SaveOutcome,
    parse_catalog,
    read_catalog_bytes,
    save_catalog,
)
from ..catalog.refresh import fresh_template_and_previous, write_template
from ..catalog.threeway import Conflict
from ..config import MemorySettings
from ..errors import ConflictError, PipelineError, display_path
from ..glossary import Glossary
from ..memory.fill import FillReport, Memory, fill_from_memory
from ..memory.model import Match, MemoryUnit
from ..memory.project_memory import StartOfRunMemory
from ..memory.units import segment_units
from ..parallel import as_is, default_jobs, ordered_map
from ..progress import Progress, progress
from ..project import Project, validate_locale
from .base import Command, add_jobs, add_no_cache, add_scope
from .common import Message, project_glossary
from .update_cache import MemoryDigests, UpdateRecord, inputs_key


@dataclass(frozen=True)
class UpdateOptions:
    article: str | None = None  # None: every article
    locale: str | None = None  # None: every locale
    create: bool = False  # start the catalog for a new --locale
    quiet: bool = False  # print nothing
    memory: bool = True  # fill new entries from the translation memory
    use_cache: bool = True  # --no-cache: re-format every catalog
    jobs: int | None = None  # None: one worker per core
    purge_obsolete: bool = False  # drop obsolete entries, as msgattrib --no-obsolete
    force: bool = False  # write catalogs made read-only too


def update(project: Project, options: UpdateOptions = UpdateOptions()) -> int:
    article, locale, create = options.article, options.locale, options.create
    purge_obsolete, use_cache = options.purge_obsolete, options.use_cache
    cache = CanonicalCache.open(project.root, use_cache)
    locales = _locales(project, options)
    settings = project.config.memory
    use_memory = options.memory and settings.enabled
    # An article whose inputs are as the last run left them is skipped (see update_cache.inputs_key).
    stored = ResultCache.open(project.root, "update", use_cache)
    context = key_of(code_fingerprint(), files_digest(project.glossary_dir),
                     repr(settings), repr(use_memory), repr(locales), repr(purge_obsolete))
    memory_digest = MemoryDigests(project)
    slugs = project.articles(article)
    messages = _replayed(project, stored, context, slugs, locales, memory_digest)
    todo = [slug for slug in slugs if slug not in messages]
    # The memory as the catalogs stand now, before any is rewritten (built only if
    # phase 2 has work); catalogs this run creates are not in it.
    memories = {loc: StartOfRunMemory(project, loc, cache.path is not None)
                for loc in locales} if use_memory else {}
    shared = _Shared(project, locales, project_glossary(project.glossary_dir), settings,
                     use_memory, cache, None, purge_obsolete, options.force)
    fillable: list[tuple[str, str, UpdateRecord]] = []  # stored after the run
    with progress("updating", len(slugs)) as bar:
        bar.advance(len(slugs) - len(todo))
        outcomes = _merged(todo, default_jobs() if options.jobs is None else options.jobs,
                           shared, memories, bar)
    failed = False
    for outcome in outcomes:
        if outcome.deferred:
            continue
        cache.merge(outcome.canonical)
        messages[outcome.slug] = outcome.messages
        if outcome.failed:
            failed = True
            continue  # not remembered as done: the next run merges it again
        result = UpdateRecord(outcome.counts)
        key = inputs_key(context, project, outcome.slug, locales)
        if outcome.needs_memory and use_memory:
            fillable.append((outcome.slug, key, result))  # stored once its memory is known
        else:
            stored.put(outcome.slug, key, result.to_json())
    if not options.quiet:
        for slug in slugs:
            for message in messages[slug]:
                message.show()
    if fillable:
        memory_digest.forget()  # what the next run's memory will be built from
        for slug, key, result in fillable:
            filled = replace(result, memory={loc: memory_digest(loc) for loc in locales})
            stored.put(slug, key, filled.to_json())
    if article is None and locale is None and not create:
        stored.keep_only(slugs)
    stored.save()
    cache.save()
    return 1 if failed else 0


def _replayed(project: Project, stored: ResultCache, context: str, slugs: list[str],
              locales: list[str], memory_digest: MemoryDigests) -> dict[str, list[Message]]:
    """What the articles left as they were by the last run print (no merge needed)."""
    messages: dict[str, list[Message]] = {}
    for slug in slugs:
        found = stored.get(slug, inputs_key(context, project, slug, locales))
        known = UpdateRecord.from_json(found) if found is not None else None
        if known is not None and all(memory_digest(loc) == digest
                                     for loc, digest in known.memory.items()):
            messages[slug] = [
                Message(f"{display_path(project.catalog_path(slug, loc))}: {counts} (unchanged)")
                for loc, counts in known.counts.items()]
    return messages


def _locales(project: Project, options: UpdateOptions) -> list[str]:
    """The locales to update: `--create --locale L` starts L, otherwise those there are."""
    locale = options.locale
    if options.create and locale is None:
        raise PipelineError("--create needs --locale L")
    if options.create and locale is not None:
        validate_locale(locale)
    locales = [locale] if options.create and locale else project.locales(locale)
    if not locales:
        raise PipelineError("no locales yet: start one with `bilingual update --locale en --create`",
                            project.locales_dir)
    return locales


def _merged(todo: list[str], jobs: int, shared: _Shared,
            memories: dict[str, StartOfRunMemory], bar: Progress) -> list[_Outcome]:
    """Phase 1 for every article, then phase 2 for those that asked the memory (see
    the module docstring)."""
    outcomes = ordered_map(_update_job, todo, jobs, as_is, shared, bar)
    later = [outcome.slug for outcome in outcomes if outcome.deferred]
    if later:
        for outcome in outcomes:
            for loc, path, data in outcome.replaced:
                memories[loc].keep_as_read(path, data)
        for start_of_run in memories.values():
            start_of_run.memory()  # built here, once: the workers inherit it
        filling = replace(shared, memories=memories)
        outcomes += ordered_map(_update_job, later, jobs, as_is, filling, None)
    return outcomes


@dataclass(frozen=True)
class _Shared:
    """What every worker gets once (see parallel.ordered_map)."""

    project: Project
    locales: list[str]
    glossary: Glossary
    settings: MemorySettings
    use_memory: bool
    cache: CanonicalCache  # the digests a worker adds come back with its outcome
    memories: dict[str, StartOfRunMemory] | None  # None in phase 1
    purge_obsolete: bool = False  # `--purge-obsolete`: drop entries whose source is gone
    force: bool = False  # write read-only catalogs too


@dataclass
class _Outcome:
    """One article's update, as a worker hands it back."""

    slug: str
    deferred: bool = False  # an entry needs the memory: nothing written, see phase 2
    counts: dict[str, str] = field(default_factory=dict)  # locale -> its entry counts
    messages: list[Message] = field(default_factory=list)
    needs_memory: bool = False  # entries left that another memory could fill
    canonical: set[str] = field(default_factory=set)  # digests of canonical bytes written
    # (locale, path, bytes as read) of each catalog replaced, for phase 2's memory
    replaced: list[tuple[str, Path, bytes]] = field(default_factory=list)
    failed: bool = False  # a catalog could not be merged: its template was not advanced


@dataclass
class _Merge:
    """One catalog of an article, merged and filled, not yet written."""

    locale: str
    path: Path
    data: bytes | None  # as read; None: a new catalog
    loaded: LoadedCatalog | None
    merged: polib.POFile
    filled: FillReport
    copied: int = 0  # entries of figures only, filled with their source


class _MemoryNeeded(Exception):
    pass


class _NoMemoryYet:
    """Phase 1's memory: asking it anything defers the article to phase 2."""

    def lookup(self, source: str, threshold: float = 75.0, limit: int = 3,
               exclude_file: str | None = None) -> list[Match]:
        raise _MemoryNeeded


def _update_job(shared: _Shared, slug: str) -> _Outcome:
    try:
        return _update_article(shared, slug)
    except _MemoryNeeded:
        return _Outcome(slug, deferred=True)


def _update_article(shared: _Shared, slug: str) -> _Outcome:
    """Merge one article's template into its catalogs (every catalog is merged and
    filled before any is written, so that a deferred article writes nothing)."""
    project = shared.project
    template, previous = fresh_template_and_previous(project, slug, shared.glossary)
    merges = [_merge_one(shared, slug, loc, template) for loc in shared.locales]
    outcome = _Outcome(slug)
    cache = shared.cache
    cache.take_added()  # what this article writes is handed back
    for one in merges:
        loc, path, data, loaded, merged = one.locale, one.path, one.data, one.loaded, one.merged
        try:
            saved = _write_catalog(cache, path, loaded, merged, template, shared.force)
        except ConflictError as exc:
            outcome.failed = True
            outcome.messages.append(Message(
                f"{display_path(path)}: {exc.message}; not merged, so "
                f"{display_path(project.template_path(slug))} was not advanced either: "
                "re-run `bilingual update`", warning=True))
            continue
        changed, merged = saved.changed, saved.po
        if loaded is not None and shared.use_memory and data is not None and (
                saved.merged or _units(project, slug, loaded.po) != _units(project, slug, merged)):
            # The memory would read other units from the disk now: it gets the
            # bytes as read (held only where they differ: an archive's worth of
            # catalogs is too much to hold).
            outcome.replaced.append((loc, path, data))
        if saved.merged:
            outcome.messages.append(Message(
                f"{display_path(path)}: changed on disk during update; merged entry by "
                "entry" + (f", {len(saved.conflicts)} entries kept as on disk"
                           if saved.conflicts else ""), warning=True))
        active = [e for e in merged if not e.obsolete]
        fuzzy = sum(1 for e in active if "fuzzy" in e.flags)
        empty = sum(1 for e in active if not e.msgstr)
        obsolete = sum(1 for e in merged if e.obsolete)
        outcome.needs_memory |= bool(fuzzy or empty)
        counts = (f"{len(active)} entries, {fuzzy} fuzzy, {empty} untranslated, "
                  f"{obsolete} obsolete")
        outcome.counts[loc] = counts
        copied = (f"; {one.copied} of figures only, copied from the source"
                  if one.copied else "")
        outcome.messages.append(Message(f"{display_path(path)}: {counts}"
                                         f"{_memory_summary(one.filled)}{copied}"
                                         f"{'' if changed else ' (unchanged)'}"))
    # Last (see the docstring), and only once every catalog is merged with it. The
    # .pot is generated, never edited by people, so the copy read above is still
    # what is on disk.
    if not outcome.failed:
        write_template(template, project.template_path(slug), cache, previous)
    outcome.canonical = cache.take_added()
    return outcome


def _merge_one(shared: _Shared, slug: str, loc: str, template: polib.POFile) -> _Merge:
    """One catalog merged with the template and filled from the memory, in memory."""
    project = shared.project
    path = project.catalog_path(slug, loc)
    data = read_catalog_bytes(path) if path.exists() else None
    loaded = parse_catalog(data, path) if data is not None else None
    merged = merge_catalog(loaded.po if loaded else new_catalog(
        template, loc, translator=project.config.publication.translator), template)
    if shared.purge_obsolete:  # as `msgattrib --no-obsolete`
        for entry in [e for e in merged if e.obsolete]:
            merged.remove(entry)
    filled = FillReport()
    if shared.use_memory:
        memory: Memory = (shared.memories[loc] if shared.memories is not None
                          else _NoMemoryYet())
        filled = fill_from_memory(merged, loaded.po if loaded else None, memory,
                                  shared.settings.fuzzy_threshold, project.source_ref(slug))
    copied = copy_figures_only(merged)
    return _Merge(loc, path, data, loaded, merged, filled, copied)


def _write_catalog(cache: CanonicalCache, path: Path, loaded: LoadedCatalog | None,
                   merged: polib.POFile, template: polib.POFile, force: bool = False,
                   rounds: int = 5) -> SaveOutcome:
    """Save one merged catalog. If another program saved the file meanwhile, the
    save merged the two entry by entry; what it wrote is then merged with the
    template again (a `msgmerge` of the result, idempotent), so that the catalog
    on disk is complete before its template is advanced. A file that cannot be
    brought to that state raises ConflictError."""
    if loaded is None:  # a new catalog; one created meanwhile is merged, not replaced
        loaded = LoadedCatalog(path, polib.POFile(), Fingerprint(False, ""))
    elif cache.unchanged(loaded.fingerprint, loaded.po, merged):
        return SaveOutcome(False, loaded.fingerprint, merged)  # the very bytes on disk
    changed, merged_meanwhile = False, False
    conflicts: list[Conflict] = []
    for _ in range(rounds):
        saved = save_catalog(path, loaded, merged, force=force)
        changed, conflicts = changed or saved.changed, conflicts + saved.conflicts
        merged_meanwhile |= saved.merged
        if not saved.merged:
            if not merged_meanwhile:
                cache.remember_digest(saved.fingerprint.sha256)  # our canonical output
            break
        again = merge_catalog(saved.po, template)
        if content_key(again) == content_key(saved.po):
            break  # complete: the other program's edits and the template's entries
        loaded, merged = LoadedCatalog(path, saved.po, saved.fingerprint), again
    else:
        raise ConflictError(f"kept changing on disk during update ({rounds} merges)", path)
    return SaveOutcome(changed, saved.fingerprint, saved.po, conflicts, merged_meanwhile)


def _memory_summary(report: FillReport) -> str:
    if not report.total:
        return ""
    return (f"; from memory: {report.exact} exact, {report.fuzzy} fuzzy, "
            f"{report.sentences} by sentence")


def _units(project: Project, slug: str, po: polib.POFile) -> list[MemoryUnit]:
    return segment_units(po, slug, project.source_ref(slug))


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_scope(parser)
    add_no_cache(parser, "ignore .bilingual/cache (re-format every catalog)")
    parser.add_argument("--create", action="store_true",
                        help="start the catalog for a new --locale")
    parser.add_argument("--no-memory", dest="memory", action="store_false",
                        help="do not fill new entries from the translation memory")
    parser.add_argument("--purge-obsolete", action="store_true",
                        help="remove obsolete entries (#~) whose source is gone, as "
                             "msgattrib --no-obsolete")
    parser.add_argument("--force", action="store_true",
                        help="write catalogs made read-only too (refused otherwise)")
    add_jobs(parser)


DESCRIPTION = (  # the -h text, and the manual's entry (pipeline/reference.py)
    "Merge each template into its locale catalogs as msgmerge does: translations "
    "are kept; a changed segment keeps its old translation as fuzzy, with the "
    "previous source as `#| msgid`; a removed segment becomes an obsolete `#~` "
    "entry; a new one is filled from the translation memory or left empty. A new "
    "article gets its catalog in every existing locale; --create --locale L starts "
    "a new locale with full headers. Running it twice changes no byte.")
COMMAND = Command(UpdateOptions, _arguments, update,
                  description=DESCRIPTION)
