"""BL201/BL202: consistency across entries and catalogs.

BL201 compares translations of the same msgid within one locale (articles share
boilerplate; different locales legitimately differ). Every place gets a finding
that names all the others, so each can be annotated and fixed where it is.
BL202 is only info: variants are allowed, but an article that never uses the
approved form probably has a glossary or a translation to revisit.
"""

from __future__ import annotations

from collections import defaultdict

from ...glossary import Term, TermMatcher
from ..findings import Finding, quoted
from .base import EntryView
from .terms import renderings_used, source_terms


def _normal(text: str) -> str:
    # Line wrapping and spacing are not differences a reader sees.
    return " ".join(text.split())


def inconsistent_translations(views: list[EntryView]) -> list[Finding]:
    groups: dict[tuple[str, str | None, str], list[EntryView]] = defaultdict(list)
    for view in views:
        if view.translated:
            groups[(view.locale, view.entry.msgctxt, view.msgid)].append(view)
    findings: list[Finding] = []
    for group in groups.values():
        if len({_normal(v.msgstr) for v in group}) < 2:
            continue
        for view in group:
            others = "; ".join(f"{o.file}:{o.line} {quoted(o.msgstr, 40)}"
                               for o in group if o is not view)
            findings.append(view.finding(
                "BL201", f"{quoted(view.msgid, 30)} translated differently: here "
                         f"{quoted(view.msgstr, 40)}; elsewhere {others}",
                found=view.msgstr))
    return findings


def approved_never_used(views: list[EntryView], matcher: TermMatcher) -> list[Finding]:
    """Per catalog (one article in one locale): `views` are its entries."""
    approved: set[str] = set()
    variant_places: dict[str, list[tuple[EntryView, str]]] = defaultdict(list)
    terms: dict[str, Term] = {}
    for view in views:
        if not view.translated:
            continue
        for term in source_terms(matcher, view.msgid):
            terms[term.term] = term
            used_approved, variants = renderings_used(view, term)
            if used_approved:
                approved.add(term.term)
            elif variants:
                variant_places[term.term].append((view, variants[0]))
    findings: list[Finding] = []
    for key, places in variant_places.items():
        if key in approved:
            continue
        term = terms[key]
        first = places[0][0]
        where = "; ".join(f'{v.file}:{v.line} "{text}"' for v, text in places)
        findings.append(first.finding(
            "BL202", f'{term.term}: approved "{term.english}" never used in this article, '
                     f"only variants: {where}",
            term=term.term, expected=term.english, found=places[0][1]))
    return findings
