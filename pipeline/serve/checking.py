"""The `bilingual check` rules for one entry, on a proposed translation (pure).

The workbench checks what the translator is typing, before it is saved. It runs
exactly the gate's per-entry rules (`checks.runner.check_entry`: the registry's
`Scope.ENTRY` rules), a fuzzy draft checked in draft mode as in the gate, and it
honours the entry's `# check: ignore …` waivers. Rules of wider scope
(consistency across catalogs, unused glossary terms) stay with `bilingual check`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import polib

from ..checks import runner
from ..checks.findings import RULES, Finding
from ..checks.registry import ENTRY_CODES
from ..checks.rules.base import EntryContext, EntryView, plain_text
from ..checks.rules.language import cjk_renderings
from ..checks.waivers import apply_waivers, parse_waivers
from ..config import Style
from ..glossary import EnglishMatcher, Glossary, Term, TermMatcher
from .edits import FUZZY


@dataclass(frozen=True)
class CheckContext:
    """What the rules need from the glossary, built once per glossary version."""

    glossary: Glossary
    matcher: TermMatcher
    allowed_cjk: tuple[str, ...]
    style: Style = Style()
    # Findings by entry content and place: a page of 1,000 entries is checked once
    # per glossary version, and after a save only the entries that changed.
    memo: dict[tuple[object, ...], tuple[Finding, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def of(cls, glossary: Glossary, style: Style | None = None) -> CheckContext:
        return cls(glossary, TermMatcher(glossary),
                   cjk_renderings(r for t in glossary.terms for r in t.accepted),
                   style or Style())

    @property
    def entry_context(self) -> EntryContext:
        return EntryContext(self.matcher, self.allowed_cjk, self.style)

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


MEMO_LIMIT = 100_000


def entry_key(entry: polib.POEntry) -> tuple[object, ...]:
    """Everything of an entry the per-entry rules read."""
    return (entry.msgid, entry.msgstr, tuple(entry.flags), entry.tcomment, entry.comment,
            entry.obsolete, entry.msgctxt, getattr(entry, "previous_msgid", None),
            int(getattr(entry, "linenum", 0) or 0))


def entry_findings(entry: polib.POEntry, ctx: CheckContext, place: Place) -> list[Finding]:
    """Findings for one (possibly proposed) entry, waivers applied, sorted (memoised
    in the context: the same entry at the same place is judged once)."""
    key = (place, entry_key(entry))
    known = ctx.memo.get(key)
    if known is None:
        if len(ctx.memo) > MEMO_LIMIT:
            ctx.memo.clear()
        known = ctx.memo[key] = tuple(_entry_findings(entry, ctx, place))
    return list(known)


def _entry_findings(entry: polib.POEntry, ctx: CheckContext, place: Place) -> list[Finding]:
    view = EntryView(file=place.file, line=int(getattr(entry, "linenum", 0) or 0),
                     slug=place.slug, locale=place.locale, entry=entry,
                     source_ref=place.source_ref)
    waivers, problems = parse_waivers(view)
    # The gate's own per-entry rules and draft mode, so the two never disagree.
    findings = [*problems, *runner.check_entry(view, ctx.entry_context)]
    unchecked = frozenset(RULES) - ENTRY_CODES
    kept = [runner.settle(f, strict=False) for f in apply_waivers(findings, waivers, unchecked)]
    return sorted(dict.fromkeys(kept), key=Finding.sort_key)


def terms_present(msgstr: str, terms: list[Term]) -> dict[str, bool]:
    """For each term: does an accepted rendering occur in the translation?"""
    target = plain_text(msgstr)
    return {t.term: bool(msgstr) and bool(EnglishMatcher.accepted_spans(target, t))
            for t in terms}
