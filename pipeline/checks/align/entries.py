"""The alignments of a catalog's translated entries (pure: a parsed catalog in,
alignments out), for `bilingual align` and any stage that shows sentence pairs,
and their JSON form for the per-article cache (`.bilingual/cache/align.json`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import polib

from ...glossary import TermMatcher
from .aligner import align_pair
from .model import Alignment, Link, Sentence


@dataclass(frozen=True)
class EntryAlignment:
    """One translated entry: where it is and how its sentences align."""

    line: int         # the entry's first line in the source Markdown (0: unknown)
    po_line: int      # the entry's line in the catalog
    alignment: Alignment


def is_translated(entry: polib.POEntry) -> bool:
    return (bool(entry.msgid) and bool(entry.msgstr) and not entry.obsolete
            and "fuzzy" not in entry.flags and not entry.msgid_plural)


def catalog_alignments(po: polib.POFile, terms: TermMatcher | None = None,
                       language: str = "en") -> Iterator[EntryAlignment]:
    """Every translated entry of a catalog, aligned, in catalog order."""
    for entry in po:
        if not is_translated(entry):
            continue
        line = 0
        if entry.occurrences:
            raw = entry.occurrences[0][1]
            line = int(raw) if raw.isdigit() else 0
        yield EntryAlignment(line, int(entry.linenum or 0),
                             align_pair(entry.msgid, entry.msgstr, terms=terms,
                                        language=language.split("_")[0]))


def to_json(entries: list[EntryAlignment]) -> list[dict[str, object]]:
    """Entries as plain JSON (for the per-article cache): texts, sentence offsets,
    links; confidences as floats, which JSON gives back exactly."""
    return [{"line": e.line, "po_line": e.po_line, "source": e.alignment.source_text,
             "target": e.alignment.target_text,
             "s": [[s.start, s.end] for s in e.alignment.source],
             "t": [[s.start, s.end] for s in e.alignment.target],
             "links": [[list(k.source), list(k.target), k.confidence]
                       for k in e.alignment.links]} for e in entries]


def from_json(data: list[dict[str, Any]]) -> list[EntryAlignment]:
    """`to_json` read back: the same entries, equal to the ones aligned."""
    found = []
    for row in data:
        source, target = row["source"], row["target"]
        alignment = Alignment(
            source, target,
            tuple(Sentence(a, b, source[a:b]) for a, b in row["s"]),
            tuple(Sentence(a, b, target[a:b]) for a, b in row["t"]),
            tuple(Link(tuple(s), tuple(t), c) for s, t, c in row["links"]))
        found.append(EntryAlignment(row["line"], row["po_line"], alignment))
    return found
