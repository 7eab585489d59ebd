"""Run every rule over the articles and catalogs of a project: pure, no I/O.

`commands/check.py` reads the files and hands them over as a CheckInput; this
module returns sorted findings with exceptions and strict mode applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from ..glossary import Glossary, TermMatcher
from ..model import Article
from .findings import RULES, Finding, Severity
from .rules.base import EntryView
from .rules.completeness import entry_completeness, missing_catalog, out_of_date
from .rules.consistency import approved_never_used, inconsistent_translations
from .rules.glossary_rules import glossary_qa, unused_terms
from .rules.language import (
    cjk_renderings,
    script_findings,
    source_language_findings,
    target_language_findings,
)
from .rules.markup import markup_findings
from .rules.number_rule import number_findings
from .rules.terms import term_findings
from .suppress import Exemption, apply_exemptions, parse_exemptions

Show = Callable[[Path | str], str]
COMPLETENESS = frozenset({"BL301", "BL302", "BL303"})
CROSS_ARTICLE = frozenset({"BL201", "BL802"})
# Rules that need the glossary: numbers too, since numerals inside glossary terms
# (九大专业镇, 百亿…) are skipped on both sides. With a broken glossary they do not run.
GLOSSARY_BASED = frozenset({"BL101", "BL102", "BL202", "BL802", "BL401", "BL402", "BL403"})


def _as_posix(path: Path | str) -> str:
    return Path(path).as_posix()


@dataclass(frozen=True)
class CatalogInput:
    slug: str
    locale: str
    file: str  # as shown in findings
    po: polib.POFile | None  # None: the catalog does not exist


@dataclass(frozen=True)
class CheckInput:
    articles: dict[str, Article]
    catalogs: list[CatalogInput]
    glossary: Glossary
    show: Show = _as_posix  # a project path -> how findings show it
    glossary_errors: tuple[Finding, ...] = ()
    orphans: tuple[Finding, ...] = ()  # catalogs/templates with no article
    # False under --article: unused glossary terms and cross-article consistency
    # cannot be judged from one article.
    all_articles: bool = True
    strict: bool = False


@dataclass
class _Run:
    """Accumulators for one run (kept out of the rule functions)."""

    findings: list[Finding] = field(default_factory=list)
    exemptions: list[Exemption] = field(default_factory=list)
    translated: list[EntryView] = field(default_factory=list)


def entry_views(catalog: CatalogInput, show: Show) -> list[EntryView]:
    assert catalog.po is not None
    views = []
    for entry in catalog.po:  # obsolete entries included: they carry BL303 and exceptions
        ref = ""
        if entry.occurrences:
            path, line = entry.occurrences[0]
            ref = f"{show(path)}:{line}" if line else show(path)
        views.append(EntryView(file=catalog.file, line=int(entry.linenum or 0), slug=catalog.slug,
                               locale=catalog.locale, entry=entry, source_ref=ref))
    return views


def check_entry(view: EntryView, matcher: TermMatcher, allowed_cjk: tuple[str, ...]
                 ) -> list[Finding]:
    found = entry_completeness(view)
    if view.entry.obsolete:
        return found
    found += source_language_findings(view)
    if view.translated:
        found += term_findings(view, matcher)
        found += number_findings(view, matcher)
        found += script_findings(view, allowed_cjk)
        found += target_language_findings(view, allowed_cjk)
        found += markup_findings(view)
    return found


def _check_catalog(inp: CheckInput, catalog: CatalogInput, matcher: TermMatcher,
                   allowed_cjk: tuple[str, ...], run: _Run) -> None:
    article = inp.articles[catalog.slug]
    source_file = inp.show(article.path)
    if catalog.po is None:
        run.findings.append(missing_catalog(source_file, catalog.file, catalog.locale))
        return
    views = entry_views(catalog, inp.show)
    run.findings += out_of_date(article, views, catalog.file, source_file)
    for view in views:
        exemptions, problems = parse_exemptions(view)
        if not view.translated:  # only completeness rules ran on this entry
            exemptions = [e if e.code in COMPLETENESS else replace(e, judged=False)
                          for e in exemptions]
        run.exemptions += exemptions
        run.findings += problems
        found = check_entry(view, matcher, allowed_cjk)
        if inp.glossary_errors:  # don't guess without the glossary: BL801 says why
            found = [f for f in found if f.code not in GLOSSARY_BASED]
        run.findings += found
    translated = [v for v in views if v.translated]
    run.findings += approved_never_used(translated, matcher)
    run.translated += translated


def run_checks(inp: CheckInput) -> list[Finding]:
    matcher = TermMatcher(inp.glossary)  # one automaton: cost independent of glossary size
    allowed_cjk = cjk_renderings(r for t in inp.glossary.terms for r in t.accepted)
    run = _Run(findings=[*inp.glossary_errors, *inp.orphans])
    for catalog in inp.catalogs:
        _check_catalog(inp, catalog, matcher, allowed_cjk, run)
    run.findings += inconsistent_translations(run.translated)
    if not inp.glossary_errors:
        run.findings += glossary_qa(inp.glossary, inp.show)
    if inp.all_articles and not inp.glossary_errors:
        run.findings += unused_terms(inp.glossary, matcher, inp.articles.values(), inp.show)
    # Exceptions for rules that could not run are not "unused".
    unchecked = (frozenset() if inp.all_articles else CROSS_ARTICLE) | \
        (GLOSSARY_BASED if inp.glossary_errors else frozenset())
    findings = apply_exemptions(run.findings, run.exemptions, unchecked=unchecked)
    if inp.strict:
        findings = [f.with_severity(Severity.ERROR)
                    if RULES[f.code].draft and f.severity == Severity.WARNING else f
                    for f in findings]
    return sorted(_collapse(findings), key=Finding.sort_key)


def _collapse(findings: list[Finding]) -> list[Finding]:
    """Identical findings at one place (the same extra "six" twice) become one, counted."""
    tally: dict[Finding, int] = {}
    for finding in findings:
        tally[finding] = tally.get(finding, 0) + 1
    return [f if n == 1 else replace(f, message=f"{f.message} (×{n})") for f, n in tally.items()]
