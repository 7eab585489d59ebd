"""Run every rule over the articles and catalogs of a project: pure, no I/O.

`commands/check.py` reads the files and hands them over as a CheckInput; this
module returns sorted findings with waivers, the rule selection, draft mode and
strict mode applied. Which rules run where comes from `registry`.

Draft mode: a fuzzy entry with a translation is a draft. Its content is checked
by the rules with `runs_on_drafts` and the findings are marked `draft`; they are
warnings at most (CI does not fail on work in progress) unless --strict, which
keeps their own severity (and BL302 itself is an error there).
"""

from __future__ import annotations

import copy
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import import_module
from pathlib import Path

import polib

from ..cache import VerdictCache
from ..config import Style
from ..glossary import Glossary, TermMatcher
from ..model import Article
from .findings import Finding, Severity
from .registry import (
    COMPLETENESS_CODES,
    CROSS_ARTICLE_CODES,
    DRAFT_CODES,
    ENTRY_CODES,
    GLOSSARY_CODES,
    RULE_LIST,
    RULES,
)
from .rules.base import EntryContext, EntryView
from .rules.completeness import entry_completeness, missing_catalog, out_of_date, unreviewed
from .rules.consistency import (
    approved_never_used,
    deliberate_places,
    inconsistent_translations,
    normal_rendering,
)
from .rules.glossary_rules import glossary_qa, unused_terms
from .rules.hidden_chars import source_hidden
from .rules.language import source_language_findings
from .waivers import Waiver, apply_waivers, parse_waivers

Show = Callable[[Path | str], str]


@dataclass(frozen=True)
class Selection:
    """`--rule` / `--skip`: which codes are reported (empty `only` = all)."""

    only: frozenset[str] = frozenset()
    skip: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = sorted((self.only | self.skip) - set(RULES))
        if unknown:
            raise ValueError(f"unknown rule code(s): {', '.join(unknown)}")

    def wants(self, code: str) -> bool:
        return (not self.only or code in self.only) and code not in self.skip


EntryCheck = Callable[[EntryView, EntryContext], list[Finding]]


@cache
def entry_checks() -> tuple[tuple[EntryCheck, frozenset[str]], ...]:
    """The per-entry rule functions with the codes each can emit, as the registry
    names them (`Rule.check`); a function none of whose codes is wanted is not run.

    Imported on first need: their pattern tables take ~0.1 s to compile, and a
    check whose results all come from the cache runs none of them."""
    codes_of: dict[str, set[str]] = {}
    for rule in RULE_LIST:
        if rule.check:
            codes_of.setdefault(rule.check, set()).add(rule.code)
    return tuple((_entry_check(ref), frozenset(codes)) for ref, codes in codes_of.items())


def _entry_check(ref: str) -> EntryCheck:
    """`module` or `module:function` under checks/rules (the function defaults to `check`)."""
    module, _, name = ref.partition(":")
    found: EntryCheck = getattr(import_module(f"{__package__}.rules.{module}"), name or "check")
    return found


def _as_posix(path: Path | str) -> str:
    return Path(path).as_posix()


@dataclass(frozen=True)
class CatalogInput:
    slug: str
    locale: str
    file: str  # as shown in findings
    po: polib.POFile | None  # None: the catalog does not exist


@dataclass(frozen=True)
class CheckInput:
    articles: dict[str, Article]
    catalogs: list[CatalogInput]
    glossary: Glossary
    show: Show = _as_posix  # a project path -> how findings show it
    glossary_errors: tuple[Finding, ...] = ()
    orphans: tuple[Finding, ...] = ()  # catalogs/templates with no article
    style: Style = field(default_factory=Style)
    select: Selection = field(default_factory=Selection)
    # False under --article: unused glossary terms and cross-article consistency
    # cannot be judged from one article.
    all_articles: bool = True
    strict: bool = False
    # The publication gate (`--require-reviewed`): translated entries must be reviewed.
    require_reviewed: bool = False
    # langdetect's and pypinyin's remembered answers (None: nothing remembered).
    verdicts: VerdictCache | None = None


@dataclass(frozen=True)
class TranslatedEntry:
    """A translated entry as the cross-article rules see it (BL201).

    `segment` and `variant` are digests of what BL201 groups and compares, so a
    stored result can leave the texts out (`msgid`/`msgstr` ""): only segments
    rendered two ways need them, and those are read back (`Hydrate`)."""

    file: str
    line: int
    slug: str
    locale: str
    segment: str  # digest of locale, msgctxt and msgid
    variant: str  # digest of the normalised msgstr
    source_ref: str
    # The translator comments when they waive BL201 (which BL201 reads); else "".
    waiver: str = ""
    msgctxt: str | None = None
    msgid: str = ""
    msgstr: str = ""

    @classmethod
    def of(cls, view: EntryView) -> TranslatedEntry:
        comment = view.entry.tcomment or ""
        ctx = view.entry.msgctxt
        return cls(view.file, view.line, view.slug, view.locale,
                   _digest(view.locale, "\x01" if ctx is None else ctx, view.msgid),
                   _digest(normal_rendering(view.msgstr)), view.source_ref,
                   comment if "BL201" in comment.upper() else "", ctx, view.msgid, view.msgstr)

    @property
    def has_text(self) -> bool:
        return bool(self.msgid)

    def compact(self) -> TranslatedEntry:
        return replace(self, msgctxt=None, msgid="", msgstr="")

    def view(self) -> EntryView:
        entry = polib.POEntry(msgid=self.msgid, msgstr=self.msgstr, msgctxt=self.msgctxt,
                              tcomment=self.waiver)
        return EntryView(self.file, self.line, self.slug, self.locale, entry, self.source_ref)


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=12).hexdigest()


# Fills in the texts of compact renderings (same order, same length).
Hydrate = Callable[[list[TranslatedEntry]], list[TranslatedEntry]]


def with_texts(renderings: list[TranslatedEntry],
               catalog_of: Callable[[str], polib.POFile | None]) -> list[TranslatedEntry]:
    """A Hydrate: compact renderings filled from their catalog's entry at the same
    line; `catalog_of(file)` is asked once per catalog, and only for compact ones."""
    by_line: dict[str, dict[int, polib.POEntry]] = {}
    filled = []
    for r in renderings:
        if not r.has_text:
            if r.file not in by_line:
                po = catalog_of(r.file)
                by_line[r.file] = {int(e.linenum): e for e in po} if po is not None else {}
            entry = by_line[r.file].get(r.line)
            if entry is not None:
                r = replace(r, msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgstr)
        filled.append(r)
    return filled


def with_variants(renderings: Iterable[TranslatedEntry]) -> list[TranslatedEntry]:
    """The renderings of segments rendered in two ways or more (by digest), in order:
    all BL201 needs to see (a segment rendered one way has nothing to report)."""
    variants: dict[str, set[str]] = defaultdict(set)
    listed = list(renderings)
    for r in listed:
        variants[r.segment].add(r.variant)
    return [r for r in listed if len(variants[r.segment]) > 1]


@dataclass(frozen=True)
class ArticleResult:
    """What the per-article (map) step found: everything the whole-project (reduce)
    step needs from one article, and nothing it would have to re-read."""

    findings: tuple[Finding, ...]  # before waivers, selection and strictness
    waivers: tuple[Waiver, ...]
    renderings: tuple[TranslatedEntry, ...]  # translated entries, for BL201
    terms_used: frozenset[str]  # glossary terms the source mentions, for BL802


@dataclass(frozen=True)
class RunSettings:
    """What is the same for every article of a run."""

    show: Show = _as_posix
    select: Selection = field(default_factory=Selection)
    glossary_failed: bool = False  # BL801: glossary findings are not guessed without it
    require_reviewed: bool = False


def entry_views(catalog: CatalogInput, show: Show) -> list[EntryView]:
    assert catalog.po is not None
    views = []
    for entry in catalog.po:  # obsolete entries included: they carry BL303 and waivers
        ref = ""
        if entry.occurrences:
            path, line = entry.occurrences[0]
            ref = f"{show(path)}:{line}" if line else show(path)
        views.append(EntryView(file=catalog.file, line=int(entry.linenum or 0), slug=catalog.slug,
                               locale=catalog.locale, entry=entry, source_ref=ref))
    return views


def is_draft(view: EntryView) -> bool:
    e = view.entry
    return bool(e.msgstr) and not e.obsolete and "fuzzy" in e.flags


def _defuzzed(view: EntryView) -> EntryView:
    draft = copy.copy(view.entry)
    draft.flags = [f for f in draft.flags if f != "fuzzy"]
    return replace(view, entry=draft)


def check_entry(view: EntryView, ctx: EntryContext, select: Selection = Selection()
                ) -> list[Finding]:
    """Every per-entry rule on one entry; a fuzzy one is checked as a draft."""
    found = entry_completeness(view)
    if view.entry.obsolete:
        return found
    found += source_language_findings(view, ctx.verdicts)
    draft = is_draft(view)
    if draft:
        view = _defuzzed(view)
    if view.translated:
        wanted = DRAFT_CODES if draft else ENTRY_CODES
        for check, codes in entry_checks():
            if any(select.wants(c) for c in codes & wanted):
                found += [replace(f, draft=True) if draft else f
                          for f in check(view, ctx)
                          if f.code in wanted and select.wants(f.code)]
    return found


def check_article(article: Article, catalogs: list[CatalogInput], ctx: EntryContext,
                  settings: RunSettings) -> ArticleResult:
    """The map step: one article and its catalogs (pure; independent of other articles)."""
    findings: list[Finding] = []
    waivers: list[Waiver] = []
    renderings: list[TranslatedEntry] = []
    source_file = settings.show(article.path)
    if settings.select.wants("BL505"):
        findings += source_hidden(article, source_file)
    for catalog in catalogs:
        if catalog.po is None:
            findings.append(missing_catalog(source_file, catalog.file, catalog.locale))
            continue
        views = entry_views(catalog, settings.show)
        findings += out_of_date(article, views, catalog.file, source_file)
        if settings.require_reviewed:
            findings += unreviewed(article, catalog.po, catalog.file)
        obsolete: list[Finding] = []
        for view in views:
            entry_waivers, problems = parse_waivers(view)
            ran = _ran_on(view)
            waivers += [w if w.code in ran else replace(w, judged=False) for w in entry_waivers]
            findings += problems
            found = check_entry(view, ctx, settings.select)
            if settings.glossary_failed:  # don't guess without the glossary: BL801 says why
                found = [f for f in found if f.code not in GLOSSARY_CODES]
            obsolete += [f for f in found if f.code == "BL303"]
            findings += [f for f in found if f.code != "BL303"]
        findings += once_per_catalog(obsolete)
        translated = [v for v in views if v.translated]
        findings += approved_never_used(translated, ctx.matcher)
        renderings += [TranslatedEntry.of(v) for v in translated]
    return ArticleResult(tuple(findings), tuple(waivers), tuple(renderings),
                         terms_used(article, ctx.matcher))


def once_per_catalog(obsolete: list[Finding]) -> list[Finding]:
    """Obsolete entries are one chore, not N problems: one BL303 at the first,
    counting the rest and naming the command that removes them."""
    if len(obsolete) < 2:
        return obsolete
    first = obsolete[0]
    more = len(obsolete) - 1
    return [replace(first, message=f"{first.message}; and {more} more obsolete "
                                   f"entr{'y' if more == 1 else 'ies'} in this catalog "
                                   "(`bilingual update --purge-obsolete` removes them)")]


def terms_used(article: Article, matcher: TermMatcher) -> frozenset[str]:
    return frozenset(hit.term.term for segment in article.segments
                     for hit in matcher.find(segment.text))


def _ran_on(view: EntryView) -> frozenset[str]:
    """The codes whose rules judged this entry (a waiver for another is not unused)."""
    if view.entry.obsolete or not view.entry.msgstr:
        return COMPLETENESS_CODES | {"BL503"}
    if is_draft(view):
        return DRAFT_CODES | COMPLETENESS_CODES | {"BL503"}
    return ENTRY_CODES | JUDGED_PER_ENTRY


# Catalog- and project-wide rules that still judge every translated entry: BL202
# looks at each one's renderings, BL201 compares each with its other places.
JUDGED_PER_ENTRY = frozenset({"BL201", "BL202"})


def run_checks(inp: CheckInput) -> list[Finding]:
    """Map every article, then reduce: what `bilingual check` computes, in one process."""
    ctx = EntryContext.of(inp.glossary, inp.style, inp.verdicts)
    settings = RunSettings(inp.show, inp.select, bool(inp.glossary_errors), inp.require_reviewed)
    by_slug: dict[str, list[CatalogInput]] = {slug: [] for slug in inp.articles}
    for catalog in inp.catalogs:
        by_slug[catalog.slug].append(catalog)
    results = [check_article(inp.articles[slug], catalogs, ctx, settings)
               for slug, catalogs in by_slug.items() if catalogs]
    return finish_checks(inp, results)


def finish_checks(inp: CheckInput, results: list[ArticleResult],
                  glossary_findings: Sequence[Finding] | None = None,
                  hydrate: Hydrate | None = None) -> list[Finding]:
    """The reduce step: whole-project rules, waivers, selection, strictness, order.
    `inp.articles`/`inp.catalogs` are not read here: `results` carry what is needed.
    `glossary_findings`: glossary_qa's, when already known (they depend on the glossary only)."""
    findings: list[Finding] = [*_saying_what_is_skipped(inp.glossary_errors), *inp.orphans]
    waivers: list[Waiver] = []
    for result in results:
        findings += result.findings
        waivers += result.waivers
    suspects = with_variants(r for result in results for r in result.renderings)
    if hydrate is not None and not all(r.has_text for r in suspects):
        suspects = hydrate(suspects)
    suspect_views = [r.view() for r in suspects]
    findings += inconsistent_translations(suspect_views)
    # A BL201 waiver works by leaving its place out of the comparison, so it never
    # meets a finding in apply_waivers: the ones that mattered are taken out here.
    deliberate = deliberate_places(suspect_views)
    waivers = [w for w in waivers if w.code != "BL201" or (w.file, w.line) not in deliberate]
    if not inp.glossary_errors:
        findings += (glossary_qa(inp.glossary, inp.show, inp.verdicts)
                     if glossary_findings is None
                     else glossary_findings)
    if inp.all_articles and not inp.glossary_errors:
        used = frozenset().union(*(r.terms_used for r in results))
        findings += unused_terms(inp.glossary, used, inp.show)
    # Waivers for rules that could not run, or were not asked for, are not "unused".
    unchecked = (frozenset() if inp.all_articles else CROSS_ARTICLE_CODES) | \
        (GLOSSARY_CODES if inp.glossary_errors else frozenset()) | \
        frozenset(c for c in RULES if not inp.select.wants(c)) | \
        (frozenset() if inp.require_reviewed else frozenset({"BL307"}))
    kept = apply_waivers(findings, waivers, unchecked=unchecked)
    kept = [settle(f, inp.strict) for f in kept if inp.select.wants(f.code)]
    return sorted(_collapse(kept), key=Finding.sort_key)


def _saying_what_is_skipped(errors: Sequence[Finding]) -> list[Finding]:
    """The first BL801 names the rules a broken glossary stops (once, not per error):
    a number check that fell silent must not look like a clean one."""
    if not errors:
        return []
    skipped = ", ".join(sorted(GLOSSARY_CODES))
    first = replace(errors[0], message=f"{errors[0].message} (until the glossary loads, "
                                       f"these rules do not run: {skipped})")
    return [first, *errors[1:]]


def settle(finding: Finding, strict: bool) -> Finding:
    """Strict mode: completeness warnings become errors, draft findings keep their
    severity. Otherwise a draft finding is at most a warning."""
    if strict and RULES[finding.code].completeness and finding.severity == Severity.WARNING:
        return finding.with_severity(Severity.ERROR)
    if finding.draft and not strict and finding.severity == Severity.ERROR:
        return finding.with_severity(Severity.WARNING)
    return finding


def _collapse(findings: list[Finding]) -> list[Finding]:
    """Identical findings at one place (the same extra "six" twice) become one, counted."""
    tally: dict[Finding, int] = {}
    for finding in findings:
        tally[finding] = tally.get(finding, 0) + 1
    return [f if n == 1 else replace(f, message=f"{f.message} (×{n})") for f, n in tally.items()]
