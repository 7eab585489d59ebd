"""BL101/BL102: glossary adherence of one translated entry.

A term found N times in the source needs at least one accepted rendering in the
translation, not N: English merges repetitions and uses pronouns. Forbidden
renderings are errors even beside the approved one.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


# Place generics: the Chinese suffix and the English words that render it.
GENERICS: dict[str, tuple[str, ...]] = {
    "区": ("District",), "县": ("County",), "镇": ("Town", "Township"), "乡": ("Township",),
    "村": ("Village",), "市": ("City", "Municipality"), "省": ("Province",),
    "州": ("Prefecture",), "盟": ("League",), "旗": ("Banner",),
}
_GENERIC_AFTER = re.compile(r"[\s-]+(" + "|".join(sorted({w for ws in GENERICS.values()
                                                          for w in ws})) + r")\b",
                            re.IGNORECASE)


def expected_generics(term: Term) -> tuple[str, ...]:
    """The generic words a place term allows (from its Chinese suffix), or ()."""
    return GENERICS.get(term.term[-1:], ()) if len(term.term) > 1 else ()


def wrong_generics(target: str, term: Term, spans: list[tuple[int, int]]
                   ) -> tuple[list[tuple[int, int]], list[str]]:
    """Accepted spans that are not followed by a different place generic, and the
    texts of those that are ("Liuhe" in "Liuhe District" for 柳河县)."""
    allowed = {w.casefold() for w in expected_generics(term)}
    if not allowed:
        return spans, []
    good, wrong = [], []
    for start, end in spans:
        after = _GENERIC_AFTER.match(target, end)
        inside = target[start:end].split()[-1].rstrip("s").casefold() if end > start else ""
        possessive = target[start:end].endswith(("'s", "’s"))
        if after and not possessive and after.group(1).casefold() not in allowed \
                and inside not in allowed:
            wrong.append(target[start:after.end()])
        else:
            good.append((start, end))
    return good, wrong


def term_findings(view: EntryView, matcher: TermMatcher) -> list[Finding]:
    target = plain_text(view.msgstr)
    findings: list[Finding] = []
    for term in source_terms(matcher, view.msgid):
        good, wrong = wrong_generics(target, term, EnglishMatcher.accepted_spans(target, term))
        for text in dict.fromkeys(wrong):
            findings.append(view.finding(
                "BL103", f'{term.term}: "{text}" names another kind of place; '
                         f'{term.term[-1]} is {" or ".join(f"“{w}”" for w in expected_generics(term))}'
                         f" (expected {expected_text(term)})",
                term=term.term, expected=term.english, found=text))
        if not good and not wrong:
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
    approved, variants = _renderings_used(plain_text(view.msgstr), term.english, term.variants)
    return approved, list(variants)


@lru_cache(maxsize=4096)
def _renderings_used(target: str, english: str, variants: tuple[str, ...]
                     ) -> tuple[bool, tuple[str, ...]]:
    return bool(EnglishMatcher.spans(target, english)), tuple(
        target[s:e] for variant in variants for s, e in EnglishMatcher.spans(target, variant))
