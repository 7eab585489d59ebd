"""`bilingual extract`: write locales/SLUG.pot for each article.

An article whose source, glossary and template on disk are as the last run left
them (.bilingual/cache/extract.json) is not extracted again: its template would
be the same bytes. The others are extracted in worker processes (`--jobs`).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from ..cache import CanonicalCache, ResultCache, code_fingerprint, files_digest, key_of
from ..catalog.refresh import TemplateWrite, refresh_template, template_key
from ..errors import display_path
from ..glossary import Glossary
from ..parallel import as_is, default_jobs, ordered_map
from ..progress import progress
from ..project import Project
from .base import Command, add_jobs, add_no_cache, add_scope
from .common import project_glossary, say


@dataclass(frozen=True)
class ExtractOptions:
    article: str | None = None  # None: every article
    quiet: bool = False  # print nothing
    use_cache: bool = True  # --no-cache: re-format every catalog
    jobs: int | None = None  # None: one worker per core


def extract(project: Project, options: ExtractOptions = ExtractOptions()) -> int:
    article, use_cache, jobs = options.article, options.use_cache, options.jobs
    cache = CanonicalCache.open(project.root, use_cache)
    stored = ResultCache.open(project.root, "extract", use_cache)
    context = key_of(code_fingerprint(), files_digest(project.glossary_dir))
    slugs = project.articles(article)
    writes: dict[str, TemplateWrite] = {}
    todo: list[str] = []
    for slug in slugs:
        entries = stored.get(slug, template_key(context, project, slug))
        if entries is None:
            todo.append(slug)
        else:
            writes[slug] = TemplateWrite(project.template_path(slug), entries, changed=False)
    shared = _Shared(project, project_glossary(project.glossary_dir), cache)
    with progress("extracting", len(slugs)) as bar:
        bar.advance(len(slugs) - len(todo))
        fresh = ordered_map(_extract_job, todo, default_jobs() if jobs is None else jobs,
                            as_is, shared, bar)
    for slug, (write, canonical) in zip(todo, fresh, strict=True):
        writes[slug] = write
        cache.merge(canonical)
        stored.put(slug, template_key(context, project, slug), write.entries)
    if article is None:
        stored.keep_only(slugs)
    stored.save()
    for slug in slugs:
        written = writes[slug]
        if not options.quiet:
            say(f"{display_path(written.path)}: {written.entries} entries"
                f"{'' if written.changed else ' (unchanged)'}")
    cache.save()
    return 0


@dataclass(frozen=True)
class _Shared:
    """What every worker gets once (see parallel.ordered_map)."""

    project: Project
    glossary: Glossary
    cache: CanonicalCache  # what a worker learns comes back with its result


def _extract_job(shared: _Shared, slug: str) -> tuple[TemplateWrite, set[str]]:
    shared.cache.take_added()
    write = refresh_template(shared.project, slug, shared.glossary, shared.cache)
    return write, shared.cache.take_added()


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_scope(parser, locale=False)
    add_no_cache(parser, "ignore .bilingual/cache (re-format every catalog)")
    add_jobs(parser)


DESCRIPTION = (  # the -h text, and the manual's entry (pipeline/reference.py)
    "Write locales/SLUG.pot for each article: one entry per distinct segment, with "
    "`#:` source references and `#.` notes naming the segment ID and the glossary "
    "terms in it.")
COMMAND = Command(ExtractOptions, _arguments, extract,
                  description=DESCRIPTION)
