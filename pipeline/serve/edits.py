"""Applying a translator's edits to a catalog, in memory (pure: no I/O).

Only the edited entries and two header fields (PO-Revision-Date, and
Last-Translator when a translator is configured) change, so the GNU-formatted
file differs from the old one in exactly those lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import polib

from ..catalog.header import set_header
from ..catalog.review import mark_reviewed, review_of, split_comment, with_comment
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
    reviewed: bool | None = None  # None: keep (a changed text drops a review anyway)
    who: str | None = None
    when: datetime | None = None


def entry_state(entry: polib.POEntry) -> State:
    """What the page shows and edits; the review line is not part of the comment."""
    return State(entry.msgstr or "", FUZZY in entry.flags, split_comment(entry.tcomment)[0])


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
    before = (entry_state(entry), entry.previous_msgid, entry.previous_msgctxt, entry.tcomment)
    _, review = split_comment(entry.tcomment)
    entry.msgstr = edit.msgstr
    if edit.fuzzy and FUZZY not in entry.flags:
        entry.flags = [FUZZY, *entry.flags]
    elif not edit.fuzzy and FUZZY in entry.flags:
        entry.flags = [f for f in entry.flags if f != FUZZY]
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    if edit.comment is not None:
        entry.tcomment = with_comment(normalise_comment(edit.comment), review)
    if edit.reviewed and edit.when is not None and entry.msgstr and FUZZY not in entry.flags:
        mark_reviewed(entry, edit.who or "", edit.when)
    elif edit.reviewed is False or (review is not None and review_of(entry) is None):
        entry.tcomment = split_comment(entry.tcomment)[0]  # stale or withdrawn review
    return (entry_state(entry), entry.previous_msgid, entry.previous_msgctxt,
            entry.tcomment) != before


def touch_header(po: polib.POFile, now: datetime, translator: str | None) -> None:
    """PO-Revision-Date (and Last-Translator, when known), keeping the field order."""
    set_header(po, "PO-Revision-Date", gettext_date(now))
    if translator:
        set_header(po, "Last-Translator", translator)


def active_entries(po: polib.POFile) -> dict[str, polib.POEntry]:
    """msgid -> entry, as segments map to entries (no msgctxt, not obsolete)."""
    return {e.msgid: e for e in po if not e.obsolete and not e.msgctxt}


def apply_edits(po: polib.POFile, edits: list[Edit], now: datetime,
                translator: str | None) -> list[str]:
    """Apply every edit whose msgid has an entry; the msgids that changed.
    The header is touched only when an entry changed. Reviews are recorded as
    `translator` on `now`'s date."""
    edits = [replace(e, who=translator, when=now) for e in edits]
    entries = active_entries(po)
    changed = [edit.msgid for edit in edits
               if edit.msgid in entries and apply_edit(entries[edit.msgid], edit)]
    if changed:
        touch_header(po, now, translator)
    return changed


@dataclass
class MergePlan:
    """Which edits to write and which entries conflict (by msgid)."""

    apply: list[Edit]
    conflicts: list[str]


def merge_edits(po: polib.POFile, edits: list[tuple[str, object]],
                whole_file_unchanged: bool) -> MergePlan:
    """The three-way rule of `pipeline.catalog.threeway`, per edited entry:
    base (`edit.base`, what the page loaded), disk (`po`), edit. Disk equal to
    base: the edit is written; disk equal to the edit: nothing to do; else a
    conflict for that entry alone. An edit without a base counts the whole file
    as its base (`whole_file_unchanged`). An edit made against an older source
    (`edit.source` differs) lands on the entry that replaced it, as fuzzy."""
    entries = active_entries(po)
    by_previous = {e.previous_msgid: e for e in entries.values() if e.previous_msgid}
    plan = MergePlan([], [])
    for msgid, request in edits:
        base = getattr(request, "base", None)
        source = getattr(request, "source", None)
        fuzzy = bool(getattr(request, "fuzzy", False))
        comment = getattr(request, "comment", None)
        msgstr = getattr(request, "msgstr")  # noqa: B009 - duck-typed EntryEdit
        entry = entries.get(msgid)
        if entry is None and source is not None:
            entry = by_previous.get(source)
        if entry is None:
            plan.conflicts.append(msgid)
            continue
        moved = entry.msgid != (source if source is not None else msgid)
        if moved:  # the page translated an older source: needs a look, with its diff
            fuzzy = True
        disk = entry_state(entry)
        yours = State(msgstr, fuzzy, normalise_comment(comment) if comment is not None
                      else disk.comment)
        if base is None:
            ok = whole_file_unchanged
        else:
            loaded = State(base.msgstr, base.fuzzy, normalise_comment(base.comment))
            ok = loaded == disk or (moved and (loaded.msgstr, loaded.comment)
                                    == (disk.msgstr, disk.comment))
        reviewed = getattr(request, "reviewed", None)
        review_change = reviewed is not None and reviewed != (review_of(entry) is not None)
        if yours == disk and not review_change:
            continue
        if ok or (yours == disk and review_change):
            plan.apply.append(Edit(entry.msgid, msgstr, fuzzy, comment, reviewed))
        else:
            plan.conflicts.append(msgid)
    return plan
