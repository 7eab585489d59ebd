"""The editor's proof of each article in a build: its pages with every check finding.

A proof shows what `bilingual check --article SLUG` reports for one catalog. Those
findings come from `bilingual check`'s own cache when it holds them for exactly
these files (`reusable_checks`): a build that follows a check, the usual order,
checks nothing again. Elsewhere the proof runs the same map and reduce itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import polib

from ..cache import ResultCache, VerdictCache
from ..checks.findings import Finding
from ..checks.rules.base import EntryContext
from ..checks.rules.glossary_rules import glossary_qa
from ..checks.runner import (
    CatalogInput,
    CheckInput,
    RunSettings,
    Show,
    check_article,
    finish_checks,
    with_texts,
)
from ..checks.stored import from_json
from ..errors import PipelineError
from ..glossary import Glossary
from ..model import Article
from ..project import Project
from ..render.pairs import Pair
from ..render.proof import ProofPage, proof_entries, render_proof_html
from .check_run import check_context
from .inputs import read_job


def project_shower(project: Project) -> Show:
    """Paths as a proof shows them: relative to the project, as editors open the files."""
    root = project.root.resolve()

    @lru_cache(maxsize=4096)  # asked for at every entry: the same few paths
    def show(path: Path | str) -> str:
        try:
            return Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            return Path(path).as_posix()
    return show


def reusable_checks(project: Project, slugs: list[str]) -> dict[str, Any]:
    """`bilingual check`'s stored results (JSON, by slug) that are exactly what each
    article's proof would compute: a full check (all rules, no --locale) of a
    one-locale project, whose key, recomputed here from the files as they are now,
    still matches. Its findings show paths relative to where check ran, so they
    match only for a check run in the project's folder: elsewhere the key differs
    and the proof checks for itself."""
    locales = project.locales(None)
    if len(locales) != 1:
        return {}  # a stored result covers every locale's catalog, a proof only one
    stored = ResultCache.open(project.root, "check")  # read, never written here
    if not stored.entries:
        return {}
    show = project_shower(project)
    context = check_context(project, RunSettings(show))
    found: dict[str, Any] = {}
    for slug in slugs:
        try:
            job = read_job(project, slug, locales, show)
        except PipelineError:
            continue  # the build reports it
        hit = stored.get(slug, job.key(context, show))
        if hit is not None:
            found[slug] = hit
    return found


class Proofs:
    """The editor's proofs of one build: what every proof's checks share (the check
    context, the glossary's own findings) is built once, not per article."""

    def __init__(self, project: Project, glossary: Glossary,
                 checked: Mapping[str, Any] | None = None,
                 verdicts: VerdictCache | None = None) -> None:
        self.project, self.glossary = project, glossary
        self.show = project_shower(project)
        self.checked = checked or {}  # see reusable_checks
        # What `check --article` would build for each article, built once.
        self.ctx = EntryContext.of(glossary, project.config.style, verdicts)
        self.settings = RunSettings(self.show)
        self.glossary_findings = glossary_qa(glossary, self.show, verdicts)

    def _check_input(self, articles: dict[str, Article],
                     catalogs: list[CatalogInput]) -> CheckInput:
        return CheckInput(articles=articles, glossary=self.glossary, all_articles=False,
                          show=self.show, style=self.project.config.style, catalogs=catalogs)

    def findings(self, art: Article, po: polib.POFile | None, locale: str
                 ) -> tuple[str, list[Finding]]:
        """The catalog as findings show it, and its findings: run_checks' map and
        reduce over this one catalog (as `check --article` reports them), with the
        parts every article shares built once."""
        po_file = self.show(self.project.catalog_path(art.slug, locale))
        catalogs = [CatalogInput(art.slug, locale, po_file, po)]
        stored = self.checked.get(art.slug)
        result = (from_json(stored) if stored is not None
                  else check_article(art, catalogs, self.ctx, self.settings))
        return po_file, finish_checks(
            self._check_input({art.slug: art}, catalogs), [result], self.glossary_findings,
            hydrate=lambda renderings: with_texts(renderings, lambda _: po))

    def render(self, art: Article, po: polib.POFile | None, locale: str,
               pairs: list[Pair]) -> ProofPage:
        """`pairs` aligned with ALL_MARKS (every term at every mention) and the findings."""
        po_file, findings = self.findings(art, po, locale)
        entries, loose = proof_entries(pairs, po, po_file, findings)
        return render_proof_html(art, pairs, locale, entries, loose,
                                 self.project.config.publication)


__all__ = ["Proofs", "project_shower", "reusable_checks"]
