"""BL201/BL202: consistency across entries and catalogs.

BL201 compares translations of the same msgid within one locale (articles share
boilerplate; different locales legitimately differ). One pass groups the
entries by source and rendering, so the cost is linear in the entries, and each
inconsistent segment is one finding of bounded size: at the first place whose
rendering is not the most common one (ties: the rendering met first is the
reference), counting every rendering and listing the first places of each. A
segment shared by 1,000 catalogs that one renders differently is one line, not
a thousand lines of a thousand places.

A BL201 waiver on an entry (`# check: ignore BL201 — reason`) accepts that
place's rendering as deliberate: the place is left out of the comparison, and
the remaining places must still agree among themselves. (`apply_waivers` can
only silence the finding at the waiver's own place, which would let one waiver
hide every other place's deviation, or none.)

BL202 is only info: variants are allowed, but an article that never uses the
approved form probably has a glossary or a translation to revisit.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...glossary import Term, TermMatcher
from ..findings import Finding, quoted
from ..waivers import parse_waivers
from .base import EntryView
from .terms import renderings_used, source_terms

# Bounds on a message, whatever the number of places: places listed per
# rendering, and renderings listed besides the finding's own.
PLACES_SHOWN = 3
VARIANTS_SHOWN = 3
# BL202 lists places inside one article: a longer list still fits on a line.
ARTICLE_PLACES_SHOWN = 10


def normal_rendering(text: str) -> str:
    """What BL201 compares: line wrapping and spacing are not differences a reader sees."""
    return " ".join(text.split())


_normal = normal_rendering


def _listing(shown: Sequence[str], total: int, sep: str = ", ") -> str:
    """The first items of `total` (only those are built), then "and N more"."""
    rest = total - len(shown)
    return sep.join(shown) + (f" and {rest} more" if rest > 0 else "")


@dataclass
class _Rendering:
    """One normalised rendering of a segment and the places that use it, in order."""

    text: str  # as written at its first place
    key: str  # normalised
    first: int  # input position of its first place: "met first"
    places: list[EntryView] = field(default_factory=list)


@dataclass
class _Segment:
    renderings: dict[str, _Rendering] = field(default_factory=dict)
    waived: list[EntryView] = field(default_factory=list)  # left out by a BL201 waiver

    def reference(self) -> _Rendering | None:
        """The most common rendering of the unwaived places (ties: the one met first)."""
        return max(self.renderings.values(), key=lambda r: (len(r.places), -r.first),
                   default=None)


def _waived(view: EntryView) -> bool:
    """A term-less BL201 waiver on the entry (a BL201 finding has no term)."""
    if "BL201" not in (view.entry.tcomment or "").upper():
        return False  # the common case, without parsing
    waivers, _ = parse_waivers(view)
    return any(w.code == "BL201" and not w.term for w in waivers)


def _segments(views: list[EntryView]) -> list[_Segment]:
    """One pass: the translated entries grouped by locale, context and source, then
    by normalised rendering (waived places apart)."""
    segments: dict[tuple[str, str | None, str], _Segment] = defaultdict(_Segment)
    for position, view in enumerate(views):
        if not view.translated:
            continue
        segment = segments[(view.locale, view.entry.msgctxt, view.msgid)]
        if _waived(view):
            segment.waived.append(view)
            continue
        key = _normal(view.msgstr)
        rendering = segment.renderings.get(key)
        if rendering is None:
            rendering = segment.renderings[key] = _Rendering(view.msgstr, key, position)
        rendering.places.append(view)
    return list(segments.values())


def inconsistent_translations(views: list[EntryView]) -> list[Finding]:
    """One finding per segment and locale whose unwaived places use two renderings
    or more (`views`: the translated entries of every catalog)."""
    return [_finding(s) for s in _segments(views) if len(s.renderings) > 1]


def deliberate_places(views: list[EntryView]) -> set[tuple[str, int]]:
    """The places whose BL201 waiver does something: their rendering differs from
    what the unwaived places mostly use (or every place is waived and they differ).
    A waiver elsewhere is stale and BL901 says so."""
    used: set[tuple[str, int]] = set()
    for segment in _segments(views):
        reference = segment.reference()
        keys = {_normal(v.msgstr) for v in segment.waived}
        for view in segment.waived:
            key = _normal(view.msgstr)
            if (key != reference.key if reference is not None else len(keys) > 1):
                used.add((view.file, view.line))
    return used


def _places(rendering: _Rendering, skip: int = 0) -> str:
    shown = rendering.places[skip:skip + PLACES_SHOWN]
    return _listing([f"{v.file}:{v.line}" for v in shown], len(rendering.places) - skip)


def _snippet(rendering: _Rendering, reference: _Rendering, limit: int = 40) -> str:
    """The rendering quoted; from just before its first difference with the
    reference when their openings are the same (or both would read alike)."""
    text, other = rendering.key, reference.key
    if rendering is reference or text[:limit - 1] != other[:limit - 1]:
        return quoted(rendering.text, limit)
    at = next((i for i, (a, b) in enumerate(zip(text, other, strict=False)) if a != b),
              min(len(text), len(other)))
    start = text.rfind(" ", 0, max(0, at - 8)) + 1 or max(0, at - 12)  # at a word if near
    return '"…' + quoted(text[start:], limit - 1)[1:]


def _finding(segment: _Segment) -> Finding:
    """The segment's one finding (it has two renderings or more): O(renderings)."""
    renderings = list(segment.renderings.values())
    reference = segment.reference()
    assert reference is not None
    here = min((r for r in renderings if r is not reference), key=lambda r: r.first)
    others = heapq.nsmallest(VARIANTS_SHOWN, (r for r in renderings if r is not here),
                             key=lambda r: (-len(r.places), r.first))
    view = here.places[0]
    also = f" (also {_places(here, skip=1)})" if len(here.places) > 1 else ""
    elsewhere = "; ".join(f"{_snippet(r, reference)} ×{len(r.places)} ({_places(r)})"
                          for r in others)
    unlisted = len(renderings) - 1 - len(others)
    if unlisted:
        listed = len(here.places) + sum(len(r.places) for r in others)
        total = sum(len(r.places) for r in renderings)
        elsewhere += f"; and {unlisted} more rendering(s) at {total - listed} place(s)"
    if segment.waived:
        elsewhere += f"; {len(segment.waived)} waived place(s) left out"
    return view.finding(
        "BL201", f"{quoted(view.msgid, 30)} translated differently: here "
                 f"{_snippet(here, reference)} ×{len(here.places)}{also}; elsewhere {elsewhere}",
        expected=reference.text, found=here.text)


def approved_never_used(views: list[EntryView], matcher: TermMatcher) -> list[Finding]:
    """Per catalog (one article in one locale): `views` are its entries."""
    approved: set[str] = set()
    variant_places: dict[str, list[tuple[EntryView, str]]] = defaultdict(list)
    terms: dict[str, Term] = {}
    for view in views:
        if not view.translated:
            continue
        for term in source_terms(matcher, view.msgid):
            if term.term in approved:
                continue  # settled: no finding whatever its other places say
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
        where = _listing([f'{v.file}:{v.line} "{text}"'
                         for v, text in places[:ARTICLE_PLACES_SHOWN]], len(places), sep="; ")
        findings.append(first.finding(
            "BL202", f'{term.term}: approved "{term.english}" never used in this article, '
                     f"only variants: {where}",
            term=term.term, expected=term.english, found=places[0][1]))
    return findings
