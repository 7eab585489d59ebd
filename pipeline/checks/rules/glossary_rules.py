"""BL801/BL802/BL803: the glossary itself.

A broken glossary is a finding, not a crash: CI should show where it is broken
next to everything else (and checks that need no glossary still run).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from pathlib import Path

from ...errors import PipelineError
from ...glossary import Glossary, Term
from ...glossary.qa import glossary_problems
from ..findings import Finding, make


def glossary_error(error: PipelineError, show: Callable[[Path | str], str]) -> Finding:
    file = show(error.path) if error.path is not None else "glossary"
    return make("BL801", file, error.line or 1, f"glossary: {error.message}")


# Terms listed in a BL802 message; the count covers the rest (a generated or
# imported glossary can leave thousands unused, and one line must stay readable).
TERMS_SHOWN = 20


def unused_terms(glossary: Glossary, used: Collection[str],
                 show: Callable[[Path | str], str]) -> list[Finding]:
    """One finding per glossary file, at its first unused row, listing the first
    TERMS_SHOWN of them and counting the rest.

    `used`: the terms the articles mention, as TermMatcher matches them (see
    runner.terms_used): a term that only ever occurs inside a longer term is never
    checked on its own, so it is listed too."""
    by_file: dict[str, list[Term]] = defaultdict(list)
    for term in glossary.terms:
        if term.term not in used:
            by_file[show(term.path) if term.path else "glossary"].append(term)
    findings = []
    for file, terms in by_file.items():
        listed = ", ".join(f"{t.term} (line {t.line})" for t in terms[:TERMS_SHOWN])
        if len(terms) > TERMS_SHOWN:
            listed += f" and {len(terms) - TERMS_SHOWN} more"
        findings.append(make("BL802", file, terms[0].line or 1,
                             f"{len(terms)} term(s) used by no article: {listed} (a term "
                             "inside a longer term counts as the longer one)",
                             term=terms[0].term if len(terms) == 1 else ""))
    return findings


def glossary_qa(glossary: Glossary, show: Callable[[Path | str], str]) -> list[Finding]:
    """BL803: pinyin and name renderings checked against pypinyin (glossary/qa.py)."""
    return [make("BL803", show(p.term.path) if p.term.path else "glossary", p.term.line or 1,
                 f"{p.term.term}: {p.message}", term=p.term.term)
            for p in glossary_problems(glossary)]
