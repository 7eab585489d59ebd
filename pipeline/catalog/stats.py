"""Translation progress of one article in one locale, by segments and source characters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import polib

from ..model import Article, Segment


class Status(str, Enum):
    TRANSLATED = "translated"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"


def entry_status(entry: polib.POEntry | None) -> Status:
    if entry is None or not entry.msgstr:
        return Status.UNTRANSLATED
    if "fuzzy" in entry.flags:
        return Status.FUZZY
    return Status.TRANSLATED


def index_catalog(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po if not e.obsolete and not e.msgctxt}


@dataclass(frozen=True)
class TranslationProgress:
    segments: dict[Status, int]
    chars: dict[Status, int]

    @property
    def total_segments(self) -> int:
        return sum(self.segments.values())

    @property
    def total_chars(self) -> int:
        return sum(self.chars.values())

    @property
    def percent(self) -> float:
        """Completeness by source characters: a heading weighs less than a paragraph."""
        total = self.total_chars
        return 100.0 * self.chars[Status.TRANSLATED] / total if total else 100.0


def segment_status(segment: Segment, entries: dict[str, polib.POEntry]) -> Status:
    return entry_status(entries.get(segment.text))


def translation_progress(article: Article, po: polib.POFile | None) -> TranslationProgress:
    entries = index_catalog(po) if po is not None else {}
    segments = {s: 0 for s in Status}
    chars = {s: 0 for s in Status}
    for segment in article.segments:
        status = segment_status(segment, entries)
        segments[status] += 1
        chars[status] += len(segment.text)
    return TranslationProgress(segments, chars)
