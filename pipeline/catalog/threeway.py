"""Three-way merge of catalogs, entry by entry (pure).

``base`` is the catalog as a process read it, ``disk`` is what the file holds
now (a colleague in Poedit, a ``git pull``, another page), ``edit`` is what the
process wants to write. Per entry, keyed by (msgctxt, msgid):

- changed only on disk: the disk version is kept;
- changed only in ``edit``: the edit is written;
- changed on both sides to the same result: not a conflict;
- changed on both sides differently: a ``Conflict`` for that entry alone; the
  disk version stays in the file (nothing on disk is ever lost) and the caller
  shows both versions.

Entries are compared by their msgcat rendering, so a rewrap (Poedit, an older
msgcat) is no change at all. The header is merged key by key; a header key
changed on both sides takes the edit's value (revision dates, last translator)
and is not reported.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import polib

from ..po.write import copy_header_form, format_entry

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Conflict:
    """One entry both sides changed differently; ``None`` means "deleted"."""

    key: Key
    base: polib.POEntry | None
    disk: polib.POEntry | None
    edit: polib.POEntry | None

    @property
    def msgid(self) -> str:
        return self.key[1]


@dataclass
class MergeResult:
    po: polib.POFile
    conflicts: list[Conflict] = field(default_factory=list)
    from_edit: list[Key] = field(default_factory=list)  # entries the edit changed on disk


def entry_key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def same_entry(a: polib.POEntry | None, b: polib.POEntry | None) -> bool:
    if a is None or b is None:
        return a is b
    return format_entry(a) == format_entry(b)


def _index(po: polib.POFile) -> dict[Key, polib.POEntry]:
    return {entry_key(e): e for e in po}


def _pick(b: polib.POEntry | None, d: polib.POEntry | None, e: polib.POEntry | None
          ) -> tuple[polib.POEntry | None, bool, bool]:
    """(entry to keep, it came from the edit, conflict)."""
    if same_entry(e, b) or same_entry(d, e):
        return d, False, False
    if same_entry(d, b):
        return e, True, False
    if e is None:  # the edit dropped an entry the disk changed: keep the disk's
        return d, False, False
    if d is None:  # the disk dropped an entry the edit changed: keep the edit's work
        return e, True, False
    return d, False, True


def _merge_header(base: polib.POFile, disk: polib.POFile, edit: polib.POFile,
                  out: polib.POFile) -> None:
    meta = dict(disk.metadata)
    for name in set(base.metadata) | set(edit.metadata):
        b, e = base.metadata.get(name), edit.metadata.get(name)
        if b != e:
            if e is None:
                meta.pop(name, None)
            else:
                meta[name] = e
    out.metadata = meta
    copy_header_form(disk, out)
    out.header = edit.header if edit.header != base.header else disk.header
    fuzzy_b, fuzzy_e = base.metadata_is_fuzzy, edit.metadata_is_fuzzy
    out.metadata_is_fuzzy = fuzzy_e if fuzzy_e != fuzzy_b else disk.metadata_is_fuzzy


def merge(base: polib.POFile, disk: polib.POFile, edit: polib.POFile) -> MergeResult:
    """The catalog to write, in the disk's entry order with the edit's new
    entries placed after the entry that precedes them in the edit."""
    bi, di, ei = _index(base), _index(disk), _index(edit)
    out = polib.POFile(wrapwidth=disk.wrapwidth, encoding="utf-8")
    _merge_header(base, disk, edit, out)
    result = MergeResult(out)
    after: dict[Key | None, list[polib.POEntry]] = {}  # new edit entries by anchor
    anchor: Key | None = None
    for key, e in ei.items():
        if key in di:
            anchor = key
            continue
        entry, _, _ = _pick(bi.get(key), None, e)
        if entry is not None:
            after.setdefault(anchor, []).append(entry)
            result.from_edit.append(key)
    kept: list[polib.POEntry] = list(after.get(None, []))
    for key, d in di.items():
        entry, from_edit, clash = _pick(bi.get(key), d, ei.get(key))
        if clash:
            result.conflicts.append(Conflict(key, bi.get(key), d, ei.get(key)))
        if from_edit:
            result.from_edit.append(key)
        if entry is not None:
            kept.append(entry)
        kept += after.get(key, [])
    for entry in kept:
        out.append(copy.copy(entry))
    return result
