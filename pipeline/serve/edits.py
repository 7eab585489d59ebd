"""Applying a translator's edits to a catalog, in memory (pure: no I/O).

Only the edited entries and two header fields (PO-Revision-Date, and
Last-Translator when a translator is configured) change, so the GNU-formatted
file differs from the old one in exactly those lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import polib

from ..catalog.template import gettext_date

FUZZY = "fuzzy"


@dataclass(frozen=True)
class State:
    """What a translator can change in one entry."""

    msgstr: str
    fuzzy: bool
    comment: str


@dataclass(frozen=True)
class Edit:
    msgid: str
    msgstr: str
    fuzzy: bool
    comment: str | None  # None: keep the entry's translator comment


def entry_state(entry: polib.POEntry) -> State:
    return State(entry.msgstr or "", FUZZY in entry.flags, entry.tcomment or "")


def normalise_comment(comment: str) -> str:
    """Translator comments as GNU keeps them: no trailing blanks, no blank edges."""
    lines = [line.rstrip() for line in comment.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def apply_edit(entry: polib.POEntry, edit: Edit) -> bool:
    """Change `entry` in place; True if anything changed.

    Clearing the fuzzy flag also drops the previous source (`#|` lines), as
    Poedit and `msgattrib --clear-fuzzy --clear-previous` do: once reviewed,
    the old source no longer describes the translation.
    """
    before = (entry_state(entry), entry.previous_msgid, entry.previous_msgctxt)
    entry.msgstr = edit.msgstr
    if edit.fuzzy and FUZZY not in entry.flags:
        entry.flags = [FUZZY, *entry.flags]
    elif not edit.fuzzy and FUZZY in entry.flags:
        entry.flags = [f for f in entry.flags if f != FUZZY]
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    if edit.comment is not None:
        entry.tcomment = normalise_comment(edit.comment)
    return (entry_state(entry), entry.previous_msgid, entry.previous_msgctxt) != before


def touch_header(po: polib.POFile, now: datetime, translator: str | None) -> None:
    """PO-Revision-Date (and Last-Translator, when known), keeping the field order."""
    po.metadata["PO-Revision-Date"] = gettext_date(now)
    if translator:
        po.metadata["Last-Translator"] = translator


def active_entries(po: polib.POFile) -> dict[str, polib.POEntry]:
    """msgid -> entry, as segments map to entries (no msgctxt, not obsolete)."""
    return {e.msgid: e for e in po if not e.obsolete and not e.msgctxt}


def apply_edits(po: polib.POFile, edits: list[Edit], now: datetime,
                translator: str | None) -> list[str]:
    """Apply every edit whose msgid has an entry; the msgids that changed.
    The header is touched only when an entry changed."""
    entries = active_entries(po)
    changed = [edit.msgid for edit in edits
               if edit.msgid in entries and apply_edit(entries[edit.msgid], edit)]
    if changed:
        touch_header(po, now, translator)
    return changed
