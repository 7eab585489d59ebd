"""Catalog entries -> memory units (pure: polib objects in, units out)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

import polib

from .model import MemoryUnit, UnitKind
from .sentences import sentence_pairs

_SEGMENT_NOTE = re.compile(r"^segment: (\S+)", re.MULTILINE)


def is_memory_entry(entry: polib.POEntry) -> bool:
    """Translated, reviewed entries only: not fuzzy, not obsolete, not plural, not the header."""
    return (bool(entry.msgid) and bool(entry.msgstr) and not entry.obsolete
            and "fuzzy" not in entry.flags and not entry.msgid_plural)


def tmx_date(gettext_date: str) -> str:
    """'2026-11-29 16:27+0000' -> '20261129T162700Z' (TMX's UTC form); '' if unreadable."""
    try:
        moment = datetime.strptime(gettext_date.strip(), "%Y-%m-%d %H:%M%z")
    except ValueError:
        return ""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def catalog_units(po: polib.POFile, article: str, default_file: str,
                  language: str = "en") -> Iterator[MemoryUnit]:
    """Segment units and aligned sentence units of one catalog's translated entries."""
    return with_sentences(segment_units(po, article, default_file), language)


def segment_units(po: polib.POFile, article: str, default_file: str) -> list[MemoryUnit]:
    """One unit per translated entry (cheap: no sentence alignment)."""
    created = tmx_date(po.metadata.get("PO-Revision-Date", ""))
    units = []
    for entry in po:
        if not is_memory_entry(entry):
            continue
        origin_file, line = default_file, 0
        if entry.occurrences:
            origin_file, raw_line = entry.occurrences[0]
            line = int(raw_line) if raw_line.isdigit() else 0
        found = _SEGMENT_NOTE.search(entry.comment or "")
        segment_id = found.group(1) if found else ""
        units.append(MemoryUnit(entry.msgid, entry.msgstr, origin_file, line, segment_id,
                                UnitKind.SEGMENT, article, created))
    return units


def with_sentences(units: Iterable[MemoryUnit], language: str = "en",
                   pairs: Callable[[str, str, str], list[tuple[str, str]]] = sentence_pairs,
                   ) -> Iterator[MemoryUnit]:
    """Each segment unit followed by its aligned sentence units (they share its origin);
    `pairs` aligns (the aligner, or a cache in front of it)."""
    for unit in units:
        yield unit
        for source, target in pairs(unit.source, unit.target, language.split("_")[0]):
            yield MemoryUnit(source, target, unit.origin_file, unit.origin_line,
                             unit.segment_id, UnitKind.SENTENCE, unit.article, unit.created,
                             unit.lost_codes)
