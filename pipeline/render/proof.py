"""The editor's proof: every segment with what an editor must check before publishing.

Pure: the build hands over the aligned pairs (every glossary term marked), the
catalog and the check findings; this module joins them per segment and renders
`SLUG.zh-L.proof.html`. Unlike the reader's pages it shows the translators'
workshop: comments, statuses, drafts, findings and the glossary's notes. What needs
the editor (a missing or draft translation, a translator's query, a finding) is an
open item: numbered, listed at the top with a jump link, marked by its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

import polib

from ..catalog.stats import Status, index_catalog
from ..checks.findings import Finding, Severity
from ..checks.registry import rule_code
from ..config import Publication
from ..model import Article, SegmentKind
from ..render.diff import Op, char_diff
from .html import environment, page_context
from .pairs import Pair, TermSpan

# A translator's comment paragraph that asks the editor something.
_QUERY = re.compile(r"^\s*(?:query\b|q:|question\b|please confirm\b)", re.IGNORECASE)
_ASKS = re.compile(r"\bplease confirm\b|\bquery for the editor\b", re.IGNORECASE)
_ASKING = re.compile(r"^(?:query|question)(?: for the editor)?\s*(?:\([^)]*\))?\s*:\s*",
                     re.IGNORECASE)
_EXCERPT = 150  # characters of an open item in the list at the top


class Reason(Enum):
    """Why an item is open, most urgent first (each has its own mark on the page)."""

    UNTRANSLATED = "untranslated"
    DRAFT = "draft"
    ERROR = "error"
    QUERY = "query"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Reason.UNTRANSLATED: "Not translated", Reason.DRAFT: "Draft to review",
           Reason.ERROR: "Error", Reason.QUERY: "Query", Reason.WARNING: "Warning",
           Reason.INFO: "Note"}
_BY_SEVERITY = {Severity.ERROR: Reason.ERROR, Severity.WARNING: Reason.WARNING,
                Severity.INFO: Reason.INFO}
# The check rules that only restate an entry's status (BL301 untranslated, BL302 fuzzy):
# the status is the entry's open item already, so their findings are not counted again.
_SAID_BY_STATUS = {Status.UNTRANSLATED: rule_code("untranslated"),
                   Status.FUZZY: rule_code("fuzzy")}


@dataclass(frozen=True)
class OpenItem:
    number: int
    reason: Reason
    text: str  # the query or the finding, one paragraph
    segment: str  # the entry's segment ID ("" for a finding outside the segments)
    code: str = ""  # the finding's rule

    @property
    def anchor(self) -> str:
        return f"item-{self.number}"

    @property
    def excerpt(self) -> str:
        """The list's line: what the mark already says ("Query for the editor:") left out."""
        text = _ASKING.sub("", self.text, count=1)
        return text if len(text) <= _EXCERPT else text[:_EXCERPT - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class ProofEntry:
    pair: Pair
    po_ref: str  # file:line of the catalog entry ("" when there is none yet)
    comments: tuple[str, ...]  # the translator's comment, reflowed into paragraphs
    notes: tuple[str, ...]  # extracted notes (`#. ...`) other than the generated ones
    findings: tuple[Finding, ...]
    source_change: tuple[tuple[Op, str], ...]  # `#| msgid` → msgid, for a fuzzy draft
    terms: tuple[TermSpan, ...]  # each glossary term once, with its note

    @property
    def needs_attention(self) -> bool:
        return self.pair.status != Status.TRANSLATED or bool(self.findings or self.queries)

    @property
    def queries(self) -> tuple[str, ...]:
        return tuple(c for c in self.comments if is_query(c))

    @property
    def remarks(self) -> tuple[str, ...]:
        """The comment's paragraphs that ask nothing (the translator's explanations)."""
        return tuple(c for c in self.comments if not is_query(c))


@dataclass(frozen=True)
class ProofPage:
    html: str
    open_items: int
    errors: int


def is_query(paragraph: str) -> bool:
    return bool(_QUERY.match(paragraph) or _ASKS.search(paragraph))


def reflow(comment: str) -> tuple[str, ...]:
    """A translator comment as paragraphs: the .po file's hard line breaks joined; a
    blank comment line, or a line that opens a query, starts a new paragraph."""
    paragraphs: list[list[str]] = [[]]
    for line in comment.splitlines():
        line = line.strip()
        if not line or _QUERY.match(line):
            paragraphs.append([])
        if line:
            paragraphs[-1].append(line)
    return tuple(" ".join(words) for words in paragraphs if words)


def proof_entries(pairs: list[Pair], po: polib.POFile | None, po_file: str,
                  findings: Iterable[Finding]) -> tuple[list[ProofEntry], list[Finding]]:
    """One entry per segment, and the findings that belong to no segment's entry."""
    entries = index_catalog(po) if po is not None else {}
    by_line: dict[int, list[Finding]] = {}
    loose: list[Finding] = []
    for finding in findings:
        if finding.file == po_file and finding.line:
            by_line.setdefault(finding.line, []).append(finding)
        else:
            loose.append(finding)
    out, used = [], set()
    for pair in pairs:
        entry = entries.get(pair.segment.text)
        line = int(entry.linenum or 0) if entry is not None else 0
        used.add(line)
        previous = entry.previous_msgid if entry is not None else None
        change = tuple(char_diff(previous, pair.segment.text)) if previous else ()
        notes = tuple(n for n in (entry.comment.splitlines() if entry is not None else ())
                      if n and not n.startswith(("segment:", "term:")))
        terms = {span.key: span for span in pair.source_terms}
        out.append(ProofEntry(
            pair, f"{po_file}:{line}" if line else "",
            reflow(entry.tcomment) if entry is not None and entry.tcomment else (),
            notes, tuple(by_line.get(line, ())) if line else (), change, tuple(terms.values())))
    loose += [f for line, group in sorted(by_line.items()) if line not in used for f in group]
    return out, loose


def open_items(entries: list[ProofEntry], loose: list[Finding]) -> list[OpenItem]:
    """The numbered items in page order: the findings outside the segments first (they
    sit at the top), then each entry's status, queries and findings."""
    items: list[OpenItem] = []

    def add(reason: Reason, text: str, segment: str, code: str = "") -> None:
        items.append(OpenItem(len(items) + 1, reason, " ".join(text.split()), segment, code))

    for finding in loose:
        add(_BY_SEVERITY[finding.severity], finding.message, "", finding.code)
    for e in entries:
        seg = e.pair.segment.id
        if e.pair.status == Status.UNTRANSLATED:
            add(Reason.UNTRANSLATED, "No translation yet.", seg)
        elif e.pair.status == Status.FUZZY:
            add(Reason.DRAFT, "A draft (fuzzy): review it, then clear the flag.", seg)
        for query in e.queries:
            add(Reason.QUERY, query, seg)
        for finding in e.findings:
            if finding.code != _SAID_BY_STATUS.get(e.pair.status):
                add(_BY_SEVERITY[finding.severity], finding.message, seg, finding.code)
    return items


def places(pairs: list[Pair], numbers: dict[str, int]) -> dict[str, str]:
    """Where each segment is, as the proof names it: ¶ 5, or title, heading 2…"""
    found: dict[str, str] = {}
    headings = 0
    for pair in pairs:
        seg = pair.segment
        if seg.id in numbers:
            found[seg.id] = f"¶ {numbers[seg.id]}"
        elif seg.kind == SegmentKind.HEADING:
            headings += 1
            found[seg.id] = f"heading {headings}"
        else:
            found[seg.id] = seg.kind.value.replace("-", " ")
    return found


def render_proof_html(article: Article, pairs: list[Pair], locale: str,
                      entries: list[ProofEntry], loose: list[Finding],
                      publication: Publication = Publication()) -> ProofPage:
    context = page_context(article, pairs, locale, True, publication)
    context["canonical"] = ""  # the proof is never published
    items = open_items(entries, loose)
    by_segment: dict[str, list[OpenItem]] = {}
    for item in items:
        by_segment.setdefault(item.segment, []).append(item)
    html = environment().get_template("proof.html.j2").render(
        **context, entries=entries, items=items, by_segment=by_segment,
        places=places(pairs, context["numbers"]),  # type: ignore[arg-type]
        unfinished=sum(1 for e in entries if e.pair.is_fallback),
        statuses={s: sum(1 for e in entries if e.pair.status == s) for s in Status})
    errors = sum(1 for i in items if i.reason == Reason.ERROR)
    return ProofPage(html, len(items), errors)
