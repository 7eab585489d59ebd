"""BL101/BL102: glossary adherence of one translated entry.

A term found N times in the source needs at least one accepted rendering in the
translation, not N: English merges repetitions and uses pronouns. Forbidden
renderings are errors even beside the approved one.
"""

from __future__ import annotations

from ...glossary import EnglishMatcher, Term, TermMatcher
from ..findings import Finding
from .base import EntryView, plain_text


def source_terms(matcher: TermMatcher, msgid: str) -> list[Term]:
    """Distinct terms in a source segment, in order of first appearance
    (leftmost-longest: 专业镇 inside 绿色特优农产品专业镇 is not a separate hit)."""
    seen: dict[str, Term] = {}
    for hit in matcher.find(msgid):
        seen.setdefault(hit.term.term, hit.term)
    return list(seen.values())


def expected_text(term: Term) -> str:
    alternatives = ", ".join(f'"{v}"' for v in term.variants)
    return f'"{term.english}"' + (f" (or {alternatives})" if alternatives else "")


def term_findings(view: EntryView, matcher: TermMatcher) -> list[Finding]:
    target = plain_text(view.msgstr)
    findings: list[Finding] = []
    for term in source_terms(matcher, view.msgid):
        if not EnglishMatcher.accepted_spans(target, term):
            findings.append(view.finding(
                "BL101", f"{term.term}: expected {expected_text(term)}, found none",
                term=term.term, expected=term.english))
        reported: set[str] = set()
        for _rendering, (start, end) in EnglishMatcher.forbidden_found(target, term):
            found = target[start:end]
            if found.casefold() in reported:
                continue
            reported.add(found.casefold())
            findings.append(view.finding(
                "BL102", f'{term.term}: forbidden rendering "{found}", use "{term.english}"',
                term=term.term, expected=term.english, found=found))
    return findings


def renderings_used(view: EntryView, term: Term) -> tuple[bool, list[str]]:
    """(approved form present?, variant texts present) in one translation."""
    target = plain_text(view.msgstr)
    approved = bool(EnglishMatcher.spans(target, term.english))
    variants = []
    for variant in term.variants:
        variants += [target[s:e] for s, e in EnglishMatcher.spans(target, variant)]
    return approved, variants
