"""BL301–BL306: is every segment translated and the catalog current?

Warnings while a translation is in progress; the runner turns them into errors
under --strict (the publication gate).
"""

from __future__ import annotations

import polib

from ...catalog.review import review_of
from ...model import Article
from ..findings import Finding, changed_snippets, make, quoted
from .base import EntryView


def entry_completeness(view: EntryView) -> list[Finding]:
    entry = view.entry
    if entry.obsolete:
        return [view.finding("BL303", f"obsolete entry {quoted(entry.msgid, 30)} (its source "
                                      "is gone; delete it once nothing in it can be reused)")]
    if "fuzzy" in entry.flags:
        # Only `#| msgid` (msgmerge's previous source) shows that the source changed;
        # a translator's own fuzzy flag just asks for review.
        previous = entry.previous_msgid
        if previous and previous != entry.msgid:
            was, now = changed_snippets(previous, entry.msgid)
            message = (f"fuzzy: source changed since it was translated: now {now}, was {was}; "
                       "review, then remove the fuzzy flag")
        else:
            message = (f"fuzzy: {quoted(entry.msgid, 30)} marked fuzzy (needs review); review, "
                       "then remove the fuzzy flag")
        return [view.finding("BL302", message)]
    if not entry.msgstr:
        return [view.finding("BL301", f"untranslated: {quoted(entry.msgid, 30)}")]
    return []


def missing_catalog(source_file: str, catalog_file: str, locale: str) -> Finding:
    return make("BL304", source_file, 1, f"no {locale} catalog ({catalog_file}); run "
                                         f"`bilingual update --locale {locale}`")


def orphaned(file: str, slug: str) -> Finding:
    """A renamed or deleted article leaves its translations behind: say so, loudly."""
    return make("BL306", file, 1, f"no article content/{slug}.md for this catalog; if the "
                                  "article was renamed, rename its .pot/.po files too (its "
                                  "translations are here), otherwise delete them")


def out_of_date(article: Article, views: list[EntryView], catalog_file: str,
                source_file: str) -> list[Finding]:
    """One finding per catalog, not per segment: after a source edit the fix is
    one `bilingual update`, and a hundred lines would bury everything else."""
    in_catalog = {v.msgid for v in views if not v.entry.obsolete}
    in_source = {s.text for s in article.segments}
    missing = [s for s in article.segments if s.text not in in_catalog]
    stale = sorted(in_catalog - in_source)
    if not missing and not stale:
        return []
    parts = []
    if missing:
        parts.append(f"{len(missing)} segment(s) of {source_file} not in the catalog "
                     f"(first at line {missing[0].line_start})")
    if stale:
        parts.append(f"{len(stale)} entr{'y' if len(stale) == 1 else 'ies'} no longer "
                     "in the source")
    line = 1
    source_ref = f"{source_file}:{missing[0].line_start}" if missing else ""
    if stale and not missing:
        line = next(v.line for v in views if v.msgid == stale[0] and not v.entry.obsolete)
    return [make("BL305", catalog_file, line, "catalog out of date: " + "; ".join(parts)
                 + "; run `bilingual update`", source_ref=source_ref)]


def unreviewed(article: Article, po: polib.POFile, catalog_file: str) -> list[Finding]:
    """BL307 (`check --require-reviewed`): translated entries nobody has reviewed
    yet, or whose text changed since (see pipeline.catalog.review)."""
    entries = {e.msgid: e for e in po if not e.obsolete and not e.msgctxt}
    found, seen = [], set()
    for segment in article.segments:
        entry = entries.get(segment.text)
        if (entry is None or segment.text in seen or not entry.msgstr
                or "fuzzy" in entry.flags or review_of(entry) is not None):
            continue
        seen.add(segment.text)
        found.append(make("BL307", catalog_file, entry.linenum or 1,
                          f"not reviewed: {quoted(entry.msgid, 30)} (mark it reviewed in "
                          "`bilingual serve`)"))
    return found
