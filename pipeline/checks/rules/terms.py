"""BL101/BL102: glossary adherence of one translated entry.

A term found N times in the source needs at least one accepted rendering in the
translation, not N: English merges repetitions and uses pronouns. Forbidden
renderings are errors even beside the approved one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...glossary import EnglishMatcher, Term, TermMatcher
from ..findings import Finding, Severity
from .base import EntryContext, EntryView, plain_text


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
        if not good and not wrong and not loosely_rendered(target, term):
            finding = view.finding(
                "BL101", f"{term.term}: expected {expected_text(term)}, found none",
                term=term.term, expected=term.english)
            # A name left out or misspelt is almost always wrong; a concept term is
            # often reworded or left implicit by professionals (脱贫攻坚 → "the
            # elimination of poverty", 新冠肺炎 → "the epidemic"): worth a look.
            if term.type not in NAME_TYPES or transliterated(target, term):
                finding = finding.with_severity(Severity.WARNING)
            findings.append(finding)
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


NAME_TYPES = frozenset({"place", "person", "organisation", "company", "brand"})
_FUNCTION_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "for", "to", "on", "by"})
_CLAUSE_RE = re.compile(r"[^.;:!?()]+")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=1 << 14)  # a few thousand words come back entry after entry
def _stem(word: str) -> str:
    """A crude stem for matching inflections ("members" ~ "member", "controlled" ~
    "control", "parties" ~ "party"): enough inside one clause."""
    w = word.lower().rstrip("'’")
    for suffix in ("ies", "ied", "ing", "es", "ed", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: len(w) - len(suffix)]
    return w[:-1] if len(w) > 4 and w.endswith("y") else w


def _same_stem(a: str, b: str) -> bool:
    """ "revitalize" ~ "revitalization", "alleviate" ~ "alleviation": a long shared
    beginning (all but a suffix of at most four letters of the shorter word)."""
    if a.startswith(b) or b.startswith(a):
        return min(len(a), len(b)) >= 3
    shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return shared >= 5 and shared >= min(len(a), len(b)) - 4


def _has_stem(have: frozenset[str], wanted: str) -> bool:
    # A stem of three letters or more is its own same stem: found without the scan.
    return (len(wanted) >= 3 and wanted in have) or any(_same_stem(h, wanted) for h in have)


@lru_cache(maxsize=1024)  # every term left unmatched in an entry asks about its clauses
def _clause_stems(target: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(_stem(w) for w in _WORD_RE.findall(clause))
                 for clause in _CLAUSE_RE.findall(target))


def loosely_rendered(target: str, term: Term) -> bool:
    """Every content word of an accepted rendering within one clause, in any
    order, inflected or split by coordination: 党员干部 → "members and cadres of
    the Party", 防汛防台 → "flood and typhoon control", 确诊病例 → "confirmed
    COVID-19 cases"."""
    for rendering in term.accepted:
        wanted = {_stem(w) for w in _WORD_RE.findall(rendering)} - _FUNCTION_WORDS
        if not wanted or (len(wanted) == 1 and len(_WORD_RE.findall(rendering)) == 1):
            continue  # a one-word rendering has no parts to split
        for have in _clause_stems(target):
            if all(_has_stem(have, w) for w in wanted):
                return True
    return False


_NOT_LETTERS = re.compile(r"[\s'’-]+")


def transliterated(target: str, term: Term) -> bool:
    """The term's pinyin is in the translation (长江 inside the name 柴长江 →
    "Chai Changjiang"): the characters were read as part of a name, not left out."""
    from pypinyin import lazy_pinyin  # its tables load on first need: a rare case

    syllables = "".join(lazy_pinyin(term.term)).casefold()
    return len(syllables) >= 4 and syllables in _NOT_LETTERS.sub("", target).casefold()


def renderings_used(view: EntryView, term: Term) -> tuple[bool, list[str]]:
    """(approved form present?, variant texts present) in one translation."""
    approved, variants = _renderings_used(plain_text(view.msgstr), term.english, term.variants)
    return approved, list(variants)


@lru_cache(maxsize=4096)
def _renderings_used(target: str, english: str, variants: tuple[str, ...]
                     ) -> tuple[bool, tuple[str, ...]]:
    return bool(EnglishMatcher.spans(target, english)), tuple(
        target[s:e] for variant in variants for s, e in EnglishMatcher.spans(target, variant))


def check(view: EntryView, ctx: EntryContext) -> list[Finding]:
    """The registry's entry point (`Rule.check`)."""
    return term_findings(view, ctx.matcher)
