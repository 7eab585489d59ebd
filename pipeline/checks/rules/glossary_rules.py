"""BL801/BL802/BL803: the glossary itself.

A broken glossary is a finding, not a crash: CI should show where it is broken
next to everything else (and checks that need no glossary still run).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection
from pathlib import Path

from ...cache import VerdictCache
from ...errors import PipelineError
from ...glossary import Glossary, Term
from ...glossary.qa import check_term
from ..findings import Finding, make
from .hidden_chars import glossary_hidden


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


def glossary_qa(glossary: Glossary, show: Callable[[Path | str], str],
                verdicts: VerdictCache | None = None) -> list[Finding]:
    """BL803: pinyin and name renderings checked against pypinyin (glossary/qa.py).
    `verdicts`: the project's remembered answers (None: nothing remembered)."""
    return [make("BL803", show(term.path) if term.path else "glossary", term.line or 1,
                 f"{term.term}: {message}", term=term.term)
            for term in glossary.terms for message in _term_problems(term, verdicts)
            ] + glossary_hidden(glossary, show)


def _term_problems(term: Term, verdicts: VerdictCache | None) -> list[str]:
    """check_term's answer, remembered by the run's verdict cache:
    it is a pure function of these fields and pypinyin's readings, so a rerun of
    `check` with an unchanged glossary need not load pypinyin at all."""
    key = "\0".join(("BL803", term.term, term.english, term.type, term.pinyin))
    known = verdicts.get(key) if verdicts is not None else None
    if known is not None:
        try:
            messages = json.loads(known)
        except ValueError:
            messages = None
        if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
            return messages
    messages = check_term(term)
    if verdicts is not None:
        verdicts.put(key, json.dumps(messages))  # ASCII, one line, never empty
    return messages
