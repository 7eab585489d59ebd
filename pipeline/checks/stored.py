"""An article's check results as plain JSON, for the incremental cache.

`bilingual check` keeps each article's ArticleResult (the map step's output)
under `.bilingual/cache/check.json`; a rerun with the same inputs reads it
back instead of checking the article again. The shape is positional lists of
each dataclass's fields, in declaration order: compact, and a field added to a
dataclass changes the code fingerprint, so an old cache is never misread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from .findings import Finding, Severity
from .runner import ArticleResult
from .translated import TranslatedEntry
from .waivers import Waiver


def _row(obj: Finding | Waiver | TranslatedEntry) -> list[Any]:
    return [getattr(obj, f.name) for f in fields(obj)]


def _finding(row: list[Any]) -> Finding:
    file, line, code, severity, *rest = row
    return Finding(file, line, code, Severity(severity), *rest)


def findings_to_json(findings: Iterable[Finding]) -> list[Any]:
    return [[*row[:3], Severity(row[3]).value, *row[4:]] for row in map(_row, findings)]


def to_json(result: ArticleResult) -> list[Any]:
    return [findings_to_json(result.findings),
            [_row(w) for w in result.waivers],
            [_row(r.compact())[:8] for r in result.renderings],  # texts left out
            sorted(result.terms_used)]


def from_json(stored: list[Any]) -> ArticleResult:
    findings, waivers, renderings, terms = stored
    return ArticleResult(
        tuple(_finding(row) for row in findings),
        tuple(Waiver(*row) for row in waivers),
        tuple(TranslatedEntry(*row) for row in renderings),
        frozenset(terms))
