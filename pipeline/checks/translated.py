"""Translated entries as the cross-article rule (BL201) sees them: digests of what
it groups and compares, stored without their texts, and filled back from their
catalogs for the few segments rendered two ways."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import polib

from .rules.base import EntryView
from .rules.consistency import normal_rendering


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
