"""The alignments of a catalog's translated entries (pure: a parsed catalog in,
alignments out), for `bilingual align` and any stage that shows sentence pairs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import polib

from ...glossary import TermMatcher
from .aligner import align_pair
from .model import Alignment


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
