"""The `bilingual check` rules for one entry, on a proposed translation (pure).

The workbench checks what the translator is typing, before it is saved. It runs
the same per-entry rules as the CI gate (`checks.runner`): completeness, glossary
terms and forbidden renderings, numbers, script and language, markup; and it
honours the entry's `# check: ignore …` exceptions. Rules that need the whole
project (consistency across catalogs, unused glossary terms) stay with
`bilingual check`. Unlike the gate, a fuzzy draft is checked for content too:
the translator is revising it now.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import polib

from ..checks import runner
from ..checks.findings import RULES, Finding
from ..checks.rules.base import EntryView, plain_text
from ..checks.rules.completeness import entry_completeness
from ..checks.rules.language import cjk_renderings
from ..checks.suppress import apply_exemptions, parse_exemptions
from ..glossary import EnglishMatcher, Glossary, Term, TermMatcher
from .edits import FUZZY

# The codes `check_entry` can produce on one entry; exceptions for any other code
# cannot be judged here, so they are never reported as unused.
PER_ENTRY = frozenset({"BL101", "BL102", "BL301", "BL302", "BL401", "BL402", "BL403",
                       "BL501", "BL502", "BL503", "BL504", "BL601", "BL602", "BL603"})


@dataclass(frozen=True)
class CheckContext:
    """What the rules need from the glossary, built once per glossary version."""

    glossary: Glossary
    matcher: TermMatcher
    allowed_cjk: tuple[str, ...]

    @classmethod
    def of(cls, glossary: Glossary) -> CheckContext:
        return cls(glossary, TermMatcher(glossary),
                   cjk_renderings(r for t in glossary.terms for r in t.accepted))

    def source_terms(self, source: str) -> list[Term]:
        """Distinct terms in a source text, in order of first appearance."""
        seen: dict[str, Term] = {}
        for hit in self.matcher.find(source):
            seen.setdefault(hit.term.term, hit.term)
        return list(seen.values())


@dataclass(frozen=True)
class Place:
    """Where findings point: the catalog as shown, and the segment's source line."""

    file: str
    slug: str
    locale: str
    source_ref: str


def proposed_entry(entry: polib.POEntry | None, msgid: str, msgstr: str, fuzzy: bool,
                   comment: str | None) -> polib.POEntry:
    """A copy of `entry` (or a new one) carrying the proposal; `entry` is untouched."""
    new = copy.copy(entry) if entry is not None else polib.POEntry(msgid=msgid)
    new.msgstr = msgstr
    flags = [f for f in (entry.flags if entry is not None else []) if f != FUZZY]
    new.flags = [FUZZY, *flags] if fuzzy else flags
    if comment is not None:
        new.tcomment = comment
    return new


def entry_findings(entry: polib.POEntry, ctx: CheckContext, place: Place) -> list[Finding]:
    """Findings for one (possibly proposed) entry, exceptions applied, sorted."""
    view = EntryView(file=place.file, line=int(getattr(entry, "linenum", 0) or 0),
                     slug=place.slug, locale=place.locale, entry=entry,
                     source_ref=place.source_ref)
    exemptions, problems = parse_exemptions(view)
    findings = list(problems)
    if FUZZY in entry.flags and entry.msgstr:
        findings += entry_completeness(view)  # BL302
        draft = copy.copy(entry)
        draft.flags = [f for f in entry.flags if f != FUZZY]
        view = EntryView(file=view.file, line=view.line, slug=view.slug, locale=view.locale,
                         entry=draft, source_ref=view.source_ref)
    # The gate's own per-entry rule list, so the two never disagree.
    findings += runner.check_entry(view, ctx.matcher, ctx.allowed_cjk)
    unchecked = frozenset(RULES) - PER_ENTRY
    kept = apply_exemptions(findings, exemptions, unchecked=unchecked)
    return sorted(dict.fromkeys(kept), key=Finding.sort_key)


def terms_present(msgstr: str, terms: list[Term]) -> dict[str, bool]:
    """For each term: does an accepted rendering occur in the translation?"""
    target = plain_text(msgstr)
    return {t.term: bool(msgstr) and bool(EnglishMatcher.accepted_spans(target, t))
            for t in terms}
