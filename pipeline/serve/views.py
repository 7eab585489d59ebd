"""From an Article, its catalog and the glossary to the API's views (pure)."""

from __future__ import annotations

from collections import defaultdict

import polib

from ..catalog.review import review_of, split_comment
from ..catalog.stats import Status, entry_status, translation_progress
from ..checks.findings import Finding
from ..checks.rules.base import EntryView
from ..checks.rules.consistency import approved_never_used
from ..glossary import Term
from ..model import Article, Segment
from ..render.diff import char_diff
from .checking import CheckContext, Place, entry_findings, proposed_entry, terms_present
from .edits import FUZZY, active_entries
from .models import (
    CatalogView,
    CheckResult,
    DiffOp,
    FindingView,
    ObsoleteView,
    ProgressView,
    SegmentView,
    TermInfo,
    TermSpan,
)


def progress_view(article: Article, po: polib.POFile | None) -> ProgressView:
    done = translation_progress(article, po)
    return ProgressView(translated=done.segments[Status.TRANSLATED],
                        fuzzy=done.segments[Status.FUZZY],
                        untranslated=done.segments[Status.UNTRANSLATED],
                        total=done.total_segments, percent=round(done.percent, 1))


def finding_view(finding: Finding) -> FindingView:
    return FindingView(code=finding.code, severity=finding.severity.value,
                       message=finding.message, term=finding.term,
                       expected=finding.expected, found=finding.found)


def term_infos(terms: list[Term], msgstr: str, judge: bool = True) -> list[TermInfo]:
    """The terms with whether the translation uses them (`judge=False`: not looked at,
    `present` False: the page learns it with the findings)."""
    present = terms_present(msgstr, terms) if judge else dict.fromkeys(
        (t.term for t in terms), False)
    # Built from the glossary's typed terms, not validated again: a 1,000-entry page
    # names ~20,000 of them, and validating each was half of making the page.
    return [TermInfo.model_construct(term=t.term, english=t.english, variants=list(t.variants),
                                     forbidden=list(t.forbidden), type=t.type, pinyin=t.pinyin,
                                     note=t.note, present=present[t.term]) for t in terms]


def shared_segments(article: Article) -> dict[str, list[str]]:
    """Segment text -> the IDs of every segment with that text (one catalog entry)."""
    ids: dict[str, list[str]] = defaultdict(list)
    for segment in article.segments:
        ids[segment.text].append(segment.id)
    return ids


def place_for(article: Article, segment: Segment, file: str, source_file: str,
              locale: str) -> Place:
    return Place(file=file, slug=article.slug, locale=locale,
                 source_ref=f"{source_file}:{segment.line_start}")


def segment_view(segment: Segment, entry: polib.POEntry | None, ctx: CheckContext,
                 place: Place, shared: list[str], checked: bool = True,
                 judge_terms: bool | None = None, with_terms: bool = True) -> SegmentView:
    """`checked`: with the check findings (else they come from `catalog_findings`);
    `judge_terms` (default: `checked`): whether the translation uses each term;
    `with_terms` False: neither the terms nor their spans (the page asks the matcher
    itself and keeps one copy of each term: ~15 objects a segment were most of
    making its view)."""
    terms = ctx.source_terms(segment.text) if with_terms else []
    if entry is None:
        checked_entry = proposed_entry(None, segment.text, "", False, None)
        msgstr, fuzzy, comment, previous = "", False, "", None
    else:
        checked_entry = entry
        msgstr, fuzzy = entry.msgstr or "", FUZZY in entry.flags
        comment = split_comment(entry.tcomment)[0]  # the review line is shown apart
        previous = entry.previous_msgid if fuzzy else None
    review = review_of(entry)
    diff = char_diff(previous, segment.text) if previous is not None else []
    return SegmentView(
        id=segment.id, kind=segment.kind.value, source=segment.text,
        source_line=segment.line_start, in_catalog=entry is not None,
        entry_line=int(getattr(entry, "linenum", 0) or 0) if entry is not None else 0,
        msgstr=msgstr, fuzzy=fuzzy, comment=comment, status=entry_status(entry).value,
        reviewed=review is not None, reviewed_by=review.who if review else "",
        reviewed_on=review.date if review else "",
        previous_source=previous,
        source_diff=[DiffOp.model_construct(op=op, text=t) for op, t in diff],
        terms=term_infos(terms, msgstr, judge=checked if judge_terms is None else judge_terms),
        term_spans=[TermSpan.model_construct(start=h.start, end=h.end, term=h.term.term)
                    for h in ctx.matcher.find(segment.text)] if with_terms else [],
        findings=[finding_view(f) for f in entry_findings(checked_entry, ctx, place)]
        if checked else [],
        shared_with=[i for i in shared if i != segment.id])


def segment_views(article: Article, po: polib.POFile, ctx: CheckContext, file: str,
                  source_file: str, locale: str, only: set[str] | None = None,
                  checked: bool = True, judge_terms: bool | None = None,
                  with_terms: bool = True) -> list[SegmentView]:
    wanted = [s for s in article.segments if only is None or s.id in only]
    texts = {s.text for s in wanted}
    # A save answers with its own entries: only theirs are looked up.
    entries = active_entries(po) if only is None else {
        e.msgid: e for e in po if e.msgid in texts and not e.obsolete and not e.msgctxt}
    shared = shared_segments(article)
    return [segment_view(s, entries.get(s.text), ctx,
                         place_for(article, s, file, source_file, locale), shared[s.text],
                         checked, judge_terms, with_terms)
            for s in wanted]


def terms_used(article: Article, po: polib.POFile, ctx: CheckContext) -> dict[str, list[str]]:
    """Segment ID -> the terms of its source whose rendering its translation uses."""
    entries = active_entries(po)
    used: dict[str, list[str]] = {}
    for segment in article.segments:
        entry = entries.get(segment.text)
        terms = ctx.source_terms(segment.text)
        if entry is not None and entry.msgstr and terms:
            present = terms_present(entry.msgstr, terms)
            used[segment.id] = [t for t, yes in present.items() if yes]
    return used


def catalog_findings(article: Article, po: polib.POFile, ctx: CheckContext, *, file: str,
                     source_file: str, locale: str) -> dict[str, list[FindingView]]:
    """Segment ID -> what `bilingual check` says about its entry: the per-entry rules
    and the catalog's own (an approved rendering never used in the article)."""
    entries = active_entries(po)
    found: dict[str, list[Finding]] = {}
    views: list[EntryView] = []
    for segment in article.segments:
        entry = entries.get(segment.text)
        place = place_for(article, segment, file, source_file, locale)
        checked = entry if entry is not None else proposed_entry(None, segment.text, "",
                                                                 False, None)
        found[segment.id] = entry_findings(checked, ctx, place)
        if entry is not None:
            views.append(EntryView(file=file, line=int(getattr(entry, "linenum", 0) or 0),
                                   slug=article.slug, locale=locale, entry=entry,
                                   source_ref=place.source_ref))
    by_line = {int(getattr(e, "linenum", 0) or 0): s.id for s in article.segments
               if (e := entries.get(s.text)) is not None}
    for finding in approved_never_used(views, ctx.matcher):
        segment_id = by_line.get(finding.line or 0)
        if segment_id is not None:
            found[segment_id].append(finding)
    return {sid: [finding_view(f) for f in fs] for sid, fs in found.items()}


def catalog_view(article: Article, po: polib.POFile, ctx: CheckContext, *, file: str,
                 source_file: str, locale: str, fingerprint: str, canonical: bool,
                 checked: bool = True) -> CatalogView:
    """`checked` False: the page's view, without findings or term lists (see
    `segment_view`)."""
    segments = segment_views(article, po, ctx, file, source_file, locale, checked=False,
                             judge_terms=checked, with_terms=checked)
    if checked:
        every = catalog_findings(article, po, ctx, file=file, source_file=source_file,
                                 locale=locale)
        for segment in segments:
            segment.findings = every[segment.id]
    notices = []
    missing = sum(1 for s in segments if not s.in_catalog)
    if missing:
        notices.append(f"{missing} segment(s) of {source_file} have no entry in {file}: "
                       f"run `bilingual update --article {article.slug} --locale {locale}`, "
                       "then reload")
    return CatalogView(slug=article.slug, locale=locale, title=article.title, file=file,
                       fingerprint=fingerprint, canonical=canonical,
                       progress=progress_view(article, po), segments=segments,
                       obsolete=[ObsoleteView(msgid=e.msgid, msgstr=e.msgstr or "",
                                              line=int(getattr(e, "linenum", 0) or 0))
                                 for e in po if e.obsolete and not e.msgid_plural],
                       notices=notices)


def check_result(article: Article, segment: Segment, entry: polib.POEntry | None,
                 ctx: CheckContext, place: Place, msgstr: str, fuzzy: bool,
                 comment: str | None) -> CheckResult:
    proposal = proposed_entry(entry, segment.text, msgstr, fuzzy, comment)
    return CheckResult(segment=segment.id, status=entry_status(proposal).value,
                       findings=[finding_view(f) for f in entry_findings(proposal, ctx, place)],
                       terms=term_infos(ctx.source_terms(segment.text), msgstr))
