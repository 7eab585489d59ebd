"""A catalog a translator's tool gave back (OmegaT's `target/SLUG.po`) read as
units, so it merges into ours entry by entry exactly as an XLIFF file does (pure).

Copying such a file over the catalog would lose work: OmegaT 3.6 writes a fuzzy
entry's translation out as an empty `msgstr` (it offers it to the translator as a
fuzzy match, not as a translation) and drops translator-tool details we keep. Read
as units, an empty `msgstr` is no translation and never erases ours, a fuzzy one
comes in fuzzy, and the catalog as it was sent (`--base`, OmegaT's
`source/SLUG.po`) is the common ancestor of the three-way merge: without it, a
translation changed on their side that differs from ours is a conflict.
"""

from __future__ import annotations

import polib

from .xliff import Document, Unit, unit_id


def _messages(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if e.msgid and not e.obsolete and not e.msgid_plural]


def returned_document(po: polib.POFile) -> Document:
    """The languages its header names (empty when it names none)."""
    return Document("", po.metadata.get("X-Source-Language", ""),
                    po.metadata.get("Language", ""))


def returned_units(po: polib.POFile, sent: polib.POFile | None) -> list[Unit]:
    """Their entries as units, each with its translation as sent when `sent` is given."""
    bases = {(e.msgctxt, e.msgid): e.msgstr for e in _messages(sent)} if sent else {}
    return [Unit(unit_id(entry), entry.msgid, entry.msgstr or None,
                 "needs-review-translation" if "fuzzy" in entry.flags else "translated",
                 bases.get((entry.msgctxt, entry.msgid)) if sent is not None else None,
                 entry.linenum)
            for entry in _messages(po)]
