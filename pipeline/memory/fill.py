"""Fill a merged catalog from the memory, as `msgmerge --compendium` does (pure).

Only entries the catalog leaves untranslated are touched: an exact match is
taken as translated, a close one (>= threshold) as fuzzy with the matched
source as `#| msgid`. When no whole segment matches, sentences that do are
offered (fuzzy, the matched sentences' translations). Every filled entry gets
a `#.` note naming the origin; the note is carried over on later runs, so a
second `update` changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import polib

from .model import Match

NOTE_PREFIX = "memory: "


class Memory(Protocol):
    """What the fill asks of a memory (a TranslationMemory, or one built on first use)."""

    def lookup(self, source: str, threshold: float = 75.0, limit: int = 3,
               exclude_file: str | None = None) -> list[Match]: ...


@dataclass
class FillReport:
    exact: int = 0
    fuzzy: int = 0
    sentences: int = 0

    @property
    def total(self) -> int:
        return self.exact + self.fuzzy + self.sentences


def _notes(entry: polib.POEntry) -> list[str]:
    return [line for line in (entry.comment or "").splitlines() if line.startswith(NOTE_PREFIX)]


def _add_note(entry: polib.POEntry, note: str) -> None:
    lines = [line for line in (entry.comment or "").splitlines() if line]
    if note not in lines:
        entry.comment = "\n".join([*lines, note])


def _untranslated(entry: polib.POEntry) -> bool:
    return (not entry.obsolete and not entry.msgid_plural and bool(entry.msgid)
            and not entry.msgstr and "fuzzy" not in entry.flags)


def fill_from_memory(merged: polib.POFile, old: polib.POFile | None, memory: Memory,
                     threshold: float, own_file: str | None) -> FillReport:
    """Fill `merged` in place (it is the fresh output of merge_catalog). `old` is the
    catalog before the merge: its memory notes are kept for entries still translated.
    The memory is consulted only for untranslated entries."""
    report = FillReport()
    previous = {(e.msgctxt, e.msgid): e for e in old or () if not e.obsolete}
    for entry in merged:
        if entry.obsolete:
            continue
        if entry.msgstr:
            before = previous.get((entry.msgctxt, entry.msgid))
            for note in _notes(before) if before is not None else ():
                _add_note(entry, note)
            continue
        if not _untranslated(entry):
            continue
        found = memory.lookup(entry.msgid, threshold, limit=1, exclude_file=own_file)
        if found:
            _take(entry, found[0])
            if found[0].exact:
                report.exact += 1
            else:
                report.fuzzy += 1
            continue
        if _offer_sentences(entry, memory, threshold, own_file):
            report.sentences += 1
    return report


def _take(entry: polib.POEntry, match: Match) -> None:
    entry.msgstr = match.unit.target
    if not match.exact:
        entry.flags = ["fuzzy", *[f for f in entry.flags if f != "fuzzy"]]
        entry.previous_msgid = match.unit.source
    _add_note(entry, NOTE_PREFIX + match.describe())


def _offer_sentences(entry: polib.POEntry, memory: Memory, threshold: float,
                     own_file: str | None) -> bool:
    """A new paragraph reusing known sentences: their translations, fuzzy, for review."""
    from .sentences import split_source  # pysbd and the number rules: only when filling

    sentences = split_source(entry.msgid)
    if len(sentences) < 2:
        return False
    hits: list[tuple[int, Match]] = []
    for number, sentence in enumerate(sentences, start=1):
        found = memory.lookup(sentence, threshold, limit=1, exclude_file=own_file)
        if found:
            hits.append((number, found[0]))
    if not hits:
        return False
    entry.msgstr = " ".join(match.unit.target for _, match in hits)
    entry.flags = ["fuzzy", *[f for f in entry.flags if f != "fuzzy"]]
    entry.previous_msgid = "".join(match.unit.source for _, match in hits)
    for number, match in hits:
        _add_note(entry, f"{NOTE_PREFIX}sentence {number}/{len(sentences)}: {match.describe()}")
    return True
