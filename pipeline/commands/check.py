"""`bilingual check`: the glossary and translation gate for CI.

Reads the glossary, sources and catalogs, runs `checks.runner`, prints the
findings. Exit 0: no errors; 1: errors found; 2 (PipelineError, printed by the
CLI): the input itself cannot be read (unknown article/locale, broken .po/.md).
"""

from __future__ import annotations

import argparse

from ..cache import VerdictCache
from ..catalog.pofile import read_catalog
from ..checks.findings import Severity
from ..checks.registry import list_text
from ..checks.report import FORMATS, FORMATTERS, at_least
from ..checks.rules.completeness import orphaned
from ..checks.runner import CatalogInput, CheckInput, Selection
from ..errors import PipelineError
from ..project import Project
from ..source import load_article
from .base import Command, add_format, add_jobs, add_no_cache, add_scope, values
from .check_run import CheckOptions, check_project, orphan_catalogs, project_glossary
from .common import say
from .inputs import DisplayPaths

EXIT_OK, EXIT_ERRORS = 0, 1


def gather(project: Project, article: str | None, locale: str | None,
           strict: bool = False, select: Selection | None = None,
           require_reviewed: bool = False) -> CheckInput:
    """All input files read, or PipelineError naming the one that cannot be."""
    show = DisplayPaths(project)
    slugs = project.articles(article)
    locales = project.locales(locale)
    glossary, glossary_errors = project_glossary(project, show)
    articles = {slug: load_article(project, slug) for slug in slugs}
    catalogs = []
    for slug in slugs:
        for loc in locales:
            path = project.catalog_path(slug, loc)
            po = read_catalog(path).po if path.exists() else None
            catalogs.append(CatalogInput(slug, loc, show(path), po))
    orphans = tuple(orphaned(show(path), path.stem) for path in orphan_catalogs(project, locales)
                    ) if article is None else ()
    return CheckInput(articles=articles, catalogs=catalogs, glossary=glossary, show=show,
                      glossary_errors=glossary_errors, orphans=orphans,
                      all_articles=article is None, strict=strict,
                      require_reviewed=require_reviewed,
                      style=project.config.style, select=select or Selection())


def check(project: Project, options: CheckOptions = CheckOptions()) -> int:
    """Exit 1 on any finding at or above `--fail-on` (error-severity by default) among
    the rules selected, whatever `--severity` hides from the output."""
    fmt, minimum, only, skip = options.format, options.severity, options.only, options.skip
    if fmt not in FORMATTERS:
        raise PipelineError(f"unknown format '{fmt}' (one of: {', '.join(FORMATS)})")
    try:
        select = Selection(frozenset(c.upper() for c in only), frozenset(c.upper() for c in skip))
    except ValueError as exc:
        raise PipelineError(f"{exc} (see `bilingual check --list-rules`)") from None
    # langdetect's verdicts are remembered by text between runs (.bilingual/cache),
    # and kept only when the run went through.
    verdicts = VerdictCache.open(project.root, options.use_cache)
    findings = check_project(project, options, select, verdicts)
    verdicts.save()
    shown = at_least(findings, minimum)
    say(FORMATTERS[fmt](shown).rstrip("\n"))
    if fmt == "text" and len(shown) < len(findings):
        say(f"({len(findings) - len(shown)} finding(s) below {minimum.value} not shown)")
    failing = at_least(findings, options.fail_on)
    return EXIT_ERRORS if failing else EXIT_OK


def list_rules(options: CheckOptions) -> int | None:
    """`--list-rules`: needs no project (None: the check itself is asked for)."""
    if not options.list_rules:
        return None
    say(list_text().rstrip("\n"))
    return EXIT_OK


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_scope(parser)
    add_format(parser, FORMATS, "output format (github: workflow annotations; sarif: code "
                                "scanning)")
    parser.add_argument("--require-reviewed", action="store_true",
                        help="translated entries not yet reviewed are errors (BL307)")
    parser.add_argument("--strict", action="store_true",
                        help="untranslated, fuzzy, obsolete and stale entries are errors, and "
                             "findings on fuzzy drafts keep their severity")
    parser.add_argument("--severity", choices=values(Severity), default="info",
                        help="show findings of this severity and above (default: info)")
    parser.add_argument("--fail-on", choices=values(Severity), default="error",
                        help="exit 1 on a finding of this severity or above (default: error; "
                             "warning: also fail on warnings such as a sentence left "
                             "untranslated, BL308)")
    parser.add_argument("--rule", dest="only", action="append", default=[], metavar="CODE",
                        help="only this rule (repeatable)")
    parser.add_argument("--skip", action="append", default=[], metavar="CODE",
                        help="not this rule (repeatable)")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    add_no_cache(parser)
    add_jobs(parser)


DESCRIPTION = (  # the -h text, and the manual's entry (pipeline/reference.py)
    "The CI gate: every rule of docs/manual/checks.md over the catalogs, glossary "
    "and sources, one located finding a line. Exits 0 when no error-severity "
    "finding (or, with --fail-on warning, no warning either) is among the selected "
    "rules, 1 when there is one, 2 for a usage or input error. --severity only hides lower findings from the output; --rule "
    "keeps only the named rules and --skip drops them (both repeatable).")
COMMAND = Command(CheckOptions, _arguments, check, alone=list_rules,
                  description=DESCRIPTION)
