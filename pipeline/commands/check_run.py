"""How `bilingual check` runs over a project: incremental, on all cores.

Each article with its catalogs is one independent map step (runner.check_article);
its result is kept in `.bilingual/cache/check.json` under the digest of every
input it depends on: the tool's code, the glossary files, the style settings,
the rule selection, the source's and each catalog's bytes and the paths shown.
An unchanged article is read back instead of checked; the others are checked in
worker processes (`--jobs`), in a stable order. The reduce step (cross-article
consistency, unused terms, waivers, strictness) always runs, over all results,
so the findings are byte-identical to a run without the cache (`--no-cache`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

import polib

from ..cache import ResultCache, VerdictCache, code_fingerprint, digest, files_digest, key_of
from ..catalog.pofile import parse_catalog
from ..checks.align import patterns
from ..checks.findings import Finding, Severity
from ..checks.rules.base import EntryContext
from ..checks.rules.completeness import orphaned
from ..checks.rules.glossary_rules import glossary_error, glossary_qa
from ..checks.runner import (
    ArticleResult,
    CatalogInput,
    CheckInput,
    RunSettings,
    Selection,
    Show,
    check_article,
    entry_checks,
    finish_checks,
)
from ..checks.stored import from_json, to_json
from ..checks.translated import TranslatedEntry, with_texts
from ..config import Style
from ..errors import PipelineError
from ..glossary import Glossary, load_glossary
from ..glossary.load import GlossaryError
from ..parallel import BATCH, Mapper, default_jobs
from ..progress import progress
from ..project import Project
from .inputs import ArticleJob, DisplayPaths, read_job


def project_glossary(project: Project, show: Show) -> tuple[Glossary, tuple[Finding, ...]]:
    if not project.glossary_dir.is_dir():
        return Glossary(()), ()
    try:
        return load_glossary(project.glossary_dir), ()
    except GlossaryError as exc:
        return Glossary(()), (glossary_error(exc, show),)


def orphan_catalogs(project: Project, locales: list[str]) -> list[Path]:
    known = set(project.articles())
    candidates = list(project.locales_dir.glob("*.pot"))
    for loc in locales:
        candidates += project.catalog_path("x", loc).parent.glob("*.po")
    return sorted(p for p in candidates if p.stem not in known)


@dataclass(frozen=True)
class CheckOptions:
    """`bilingual check`'s options (declared here, below commands/check.py, so that
    check_project can take them)."""

    article: str | None = None  # None: every article
    locale: str | None = None  # None: every locale
    format: str = "text"  # one of report.FORMATS
    strict: bool = False  # untranslated, fuzzy, obsolete and stale entries are errors
    severity: Severity = Severity.INFO  # findings shown at and above
    fail_on: Severity = Severity.ERROR  # exit 1 on a finding at or above this
    only: tuple[str, ...] = ()  # --rule CODE
    skip: tuple[str, ...] = ()  # --skip CODE
    require_reviewed: bool = False  # translated entries not yet reviewed are errors
    list_rules: bool = False  # list the rules and exit
    use_cache: bool = True  # --no-cache: every article afresh
    jobs: int | None = None  # None: one worker per core


@dataclass(frozen=True)
class Shared:
    """What every worker gets once (see parallel.ordered_map)."""

    glossary: Glossary
    style: Style
    settings: RunSettings
    verdicts: VerdictCache  # a worker hands back what it adds (take_added)


def _worker(shared: Shared) -> tuple[EntryContext, RunSettings]:
    """Once per process and run (parallel.ordered_map): the term automaton is the
    costly part."""
    patterns.install()  # pysbd's patterns compiled once per process (checks/align/patterns)
    return EntryContext.of(shared.glossary, shared.style, shared.verdicts), shared.settings


def _preload(shared: Shared) -> None:
    """Before the workers fork (parallel.Mapper): the rule modules and the tables the
    selected rules read, loaded once here instead of once in every worker."""
    entry_checks()
    select = shared.settings.select
    if select.wants("BL308") or select.wants("BL309"):
        from ..checks.align.lexicon import cedict
        cedict()
    if select.wants("BL502") or select.wants("BL503"):
        from ..checks.langid.profiles import install
        install()
        import_module("pipeline.checks.langid.fast")  # numpy and langdetect's detector


def _check_job(worker: tuple[EntryContext, RunSettings], job: ArticleJob
               ) -> tuple[list[Any], dict[str, str]]:
    """In a worker: parse and check one article. Returns its result as the cache
    stores it (checks/stored.py) and the langdetect verdicts learnt.

    The stored form, not the ArticleResult: that holds the text of every translated
    segment (for BL201), 170 KB an article in the parent, half a gigabyte at 3,000
    articles. The few texts the reduce step needs are read back (`hydrate`), as
    for a result from the cache, so a fresh and a cached result go the same way."""
    ctx, settings = worker
    article = job.article()
    catalogs = [CatalogInput(article.slug, loc, shown, po)
                for loc, shown, po in job.parsed_catalogs()]
    result = check_article(article, catalogs, ctx, settings)
    return to_json(result), ctx.verdicts.take_added() if ctx.verdicts is not None else {}


def check_context(project: Project, settings: RunSettings) -> str:
    """What every article's check result depends on besides its own files (the
    build's proofs compute the same key to reuse a check's results)."""
    return key_of(code_fingerprint(), files_digest(project.glossary_dir),
                  repr(project.config.style), repr(settings.select),
                  repr(settings.glossary_failed), repr(settings.require_reviewed))


def _cache_name(slug: str, locale: str | None) -> str:
    # `check --locale en` checks fewer catalogs: kept apart from the full run's result.
    return slug if locale is None else f"{slug}@{locale}"


def check_project(project: Project, options: CheckOptions, select: Selection,
                  verdicts: VerdictCache) -> list[Finding]:
    """Every finding for the articles and locales asked for (see the module docstring).
    `verdicts`: langdetect's and pypinyin's remembered answers, added to."""
    article, locale, require_reviewed = options.article, options.locale, options.require_reviewed
    jobs = default_jobs() if options.jobs is None else options.jobs
    show = DisplayPaths(project)
    slugs = project.articles(article)
    locales = project.locales(locale)
    glossary, glossary_errors = project_glossary(project, show)
    style = project.config.style
    settings = RunSettings(show, select, bool(glossary_errors), require_reviewed)
    context = check_context(project, settings)
    stored = ResultCache.open(project.root, "check", options.use_cache)
    results: list[ArticleResult] = []
    checked: dict[str, tuple[Path, str]] = {}  # catalog as shown -> its path, digest checked
    shared = Shared(glossary, style, settings, verdicts)
    # The glossary's own findings first: the same work as in the reduce step, but
    # pypinyin, which it loads, is then loaded before the workers fork (they share it).
    glossary_findings = () if glossary_errors else glossary_qa(glossary, show, verdicts)
    with progress("checking", len(slugs)) as bar, \
            Mapper(_check_job, jobs, _worker, shared, _preload) as mapper:
        # A batch at a time: the files of an archive (~0.5 GB at 3,000 articles) are
        # never all in memory; one pool serves every batch.
        for start in range(0, len(slugs), BATCH):
            todo: list[tuple[int, str, ArticleJob]] = []
            for slug in slugs[start:start + BATCH]:
                job = read_job(project, slug, locales, show)
                checked.update((shown, (path, digest(data)))
                               for _, path, shown, data in job.catalogs if data is not None)
                key = job.key(context, show)
                hit = stored.get(_cache_name(slug, locale), key)
                if hit is None:
                    todo.append((len(results), key, job))
                else:
                    bar.advance()
                results.append(EMPTY if hit is None else from_json(hit))
            fresh = mapper.map([job for _, _, job in todo], bar)
            for (index, key, _), (result, learnt) in zip(todo, fresh, strict=True):
                results[index] = from_json(result)
                stored.put(_cache_name(slugs[index], locale), key, result)
                verdicts.merge(learnt)
    if article is None and locale is None:
        stored.keep_only(slugs)
    stored.save()
    orphans = tuple(orphaned(show(path), path.stem) for path in orphan_catalogs(project, locales)
                    ) if article is None else ()
    run = CheckInput(articles={}, catalogs=[], glossary=glossary, show=show,
                     glossary_errors=glossary_errors, orphans=orphans,
                     all_articles=article is None, strict=options.strict,
                     require_reviewed=require_reviewed, style=style, select=select,
                     verdicts=verdicts)
    return finish_checks(run, results, glossary_findings=glossary_findings,
                         hydrate=lambda renderings: hydrate(renderings, checked))


def hydrate(renderings: list[TranslatedEntry], checked: dict[str, tuple[Path, str]]
            ) -> list[TranslatedEntry]:
    """Texts for the renderings read back from the cache without them: their catalogs
    are read and parsed again (only segments rendered two ways get here), and must
    be the bytes that were checked."""
    def catalog_of(file: str) -> polib.POFile:
        path, expected = checked[file]
        data = path.read_bytes()
        if digest(data) != expected:
            raise PipelineError("changed on disk while being checked; run check again", path)
        return parse_catalog(data, path).po
    return with_texts(renderings, catalog_of)


EMPTY = ArticleResult((), (), (), frozenset())  # placeholder until the batch is checked
