"""The editor's proof: every segment with what an editor must check before publishing.

Pure: the build hands over the aligned pairs (every glossary term marked), the
catalog and the check findings; this module joins them per segment and renders
`SLUG.zh-L.proof.html`. Unlike the reader's pages it shows the translators'
workshop: comments, statuses, drafts, findings and the glossary's notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polib

from ..catalog.stats import Status, index_catalog
from ..checks.findings import Finding
from ..config import Publication
from ..model import Article
from ..render.diff import Op, char_diff
from .html import environment, page_context
from .pairs import Pair, TermSpan


@dataclass(frozen=True)
class ProofEntry:
    pair: Pair
    po_ref: str  # file:line of the catalog entry ("" when there is none yet)
    comments: tuple[str, ...]  # translator comments (`# ...`)
    notes: tuple[str, ...]  # extracted notes (`#. ...`) other than the generated ones
    findings: tuple[Finding, ...]
    source_change: tuple[tuple[Op, str], ...]  # `#| msgid` → msgid, for a fuzzy draft
    terms: tuple[TermSpan, ...]  # each glossary term once, with its note

    @property
    def needs_attention(self) -> bool:
        return self.pair.status != Status.TRANSLATED or bool(self.findings or self.comments)


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
            tuple(entry.tcomment.splitlines()) if entry is not None and entry.tcomment else (),
            notes, tuple(by_line.get(line, ())) if line else (), change, tuple(terms.values())))
    loose += [f for line, group in sorted(by_line.items()) if line not in used for f in group]
    return out, loose


def render_proof_html(article: Article, pairs: list[Pair], locale: str,
                      entries: list[ProofEntry], loose: list[Finding],
                      publication: Publication = Publication()) -> str:
    context = page_context(article, pairs, locale, True, publication)
    context["canonical"] = ""  # the proof is never published
    attention = sum(1 for e in entries if e.needs_attention)
    return environment().get_template("proof.html.j2").render(
        **context, entries=entries, loose=loose, attention=attention,
        statuses={s: sum(1 for e in entries if e.pair.status == s) for s in Status})
