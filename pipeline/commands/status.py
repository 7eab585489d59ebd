"""`bilingual status`: translated / fuzzy / untranslated per article and locale."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Any

from ..cache import ResultCache, code_fingerprint
from ..catalog.review import review_of
from ..catalog.stats import Status, index_catalog, translation_progress
from ..parallel import BATCH, Mapper, as_is, default_jobs
from ..progress import progress
from ..project import Project
from .base import Command, add_format, add_jobs, add_no_cache, add_scope
from .common import say
from .inputs import ArticleJob, DisplayPaths, read_job


def _rows(nothing: None, job: ArticleJob) -> list[dict[str, Any]]:
    """One article's rows, one per locale (in a worker when there are many)."""
    art = job.article()
    rows = []
    for loc, _, po in job.parsed_catalogs():
        done = translation_progress(art, po)
        entries = index_catalog(po) if po is not None else {}
        reviewed = sum(1 for s in art.segments if review_of(entries.get(s.text)))
        rows.append({
            "article": job.slug, "locale": loc, "catalog": po is not None,
            "percent": round(done.percent, 1),
            "segments": {s.value: n for s, n in done.segments.items()},
            "chars": {s.value: n for s, n in done.chars.items()},
            "total_segments": done.total_segments, "total_chars": done.total_chars,
            "reviewed": reviewed,  # of the translated segments (catalog/review.py)
        })
    return rows


FORMATS = ("text", "json")  # the first is the default


@dataclass(frozen=True)
class StatusOptions:
    article: str | None = None  # None: every article
    locale: str | None = None  # None: every locale
    format: str = "text"  # one of FORMATS
    use_cache: bool = True  # --no-cache: every article afresh
    jobs: int | None = None  # None: one worker per core


def status(project: Project, options: StatusOptions = StatusOptions()) -> int:
    article, locale, jobs = options.article, options.locale, options.jobs
    locales = project.locales(locale)  # once: locales/ holds a .pot per article
    show = DisplayPaths(project)
    stored = ResultCache.open(project.root, "status", options.use_cache)
    # An article's rows depend on its files alone: kept by their digest (cache.py).
    per_article: list[list[dict[str, Any]] | None] = []
    slugs = project.articles(article)
    with progress("reading catalogs", len(slugs)) as bar, \
            Mapper(_rows, default_jobs() if jobs is None else jobs, as_is, None) as mapper:
        for start in range(0, len(slugs), BATCH):  # never an archive's files at once
            todo: list[tuple[int, str, ArticleJob]] = []
            for slug in slugs[start:start + BATCH]:
                job = read_job(project, slug, locales, show)
                key = job.key(code_fingerprint(), show)
                hit = stored.get(slug, key)
                if hit is None:
                    todo.append((len(per_article), key, job))
                else:
                    bar.advance()
                per_article.append(hit)
            fresh = mapper.map([job for _, _, job in todo], bar)
            for (index, key, job), found in zip(todo, fresh, strict=True):
                per_article[index] = found
                stored.put(job.slug, key, found)
    if article is None:
        stored.keep_only(slugs)
    stored.save()
    rows = [row for found in per_article for row in found or ()]
    if options.format == "json":
        say(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    header = (f"{'article':<20} {'locale':<7} {'done':>6}  {'translated':>16}  {'fuzzy':>12}  "
              f"{'untranslated':>14}  {'reviewed':>8}")
    say(header)
    for row in rows:
        seg, chars = row["segments"], row["chars"]
        cells = [f"{seg[s.value]} ({chars[s.value]} ch)" for s in Status]
        if not row["catalog"]:
            say(f"{row['article']:<20} {row['locale']:<7} no catalog yet "
                f"(`bilingual update --locale {row['locale']}`)")
            continue
        say(f"{row['article']:<20} {row['locale']:<7} {row['percent']:>5.1f}%  {cells[0]:>16}  "
            f"{cells[1]:>12}  {cells[2]:>14}  {row['reviewed']:>8}")
    if not rows:
        say("(no catalogs yet: `bilingual update --locale en --create` starts one)")
    return 0


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_scope(parser)
    # One spelling for every command (--format json); --json still works.
    add_format(parser, FORMATS, "output format (default: text)", alias="json")
    add_no_cache(parser)
    add_jobs(parser)


DESCRIPTION = (  # the -h text, and the manual's entry (pipeline/reference.py)
    "Translated, fuzzy and untranslated per article and locale, in segments and in "
    "source characters, and how many translations are reviewed.")
COMMAND = Command(StatusOptions, _arguments, status,
                  description=DESCRIPTION)
