"""Writing a workbench save or purge into a catalog file: edits applied to a copy,
the file written against the fingerprint it was read with, conflicts answered.

The workspace holds the per-catalog lock and the caches. A save merges the edits
into the catalog as on disk now and writes with the fingerprint it read
(`save_catalog`, `atomic_write_text(..., expect=fingerprint)`): a file that
changed in between is never overwritten.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from ..atomic import Fingerprint, atomic_write_text
from ..catalog.merge import merge_catalog
from ..catalog.pofile import LoadedCatalog, SaveOutcome, save_catalog
from ..catalog.template import build_template
from ..errors import ConflictError, PipelineError
from ..glossary import Glossary
from ..model import Article, Segment, SegmentKind
from ..po.write import copy_header_form, format_pofile
from ..project import Project
from .edits import State, active_entries, entry_state
from .models import ConflictEntry, ConflictResponse, EntryEdit, EntryState

if TYPE_CHECKING:  # the workspace imports this module
    from .workspace import Snapshot


class BadEdit(PipelineError):
    """A save that cannot be applied as asked (HTTP 400)."""


class SaveConflict(Exception):
    """The catalog changed on disk since the client loaded it (HTTP 409)."""

    def __init__(self, response: ConflictResponse):
        super().__init__(response.detail)
        self.response = response


def copy_for_edits(po: polib.POFile, msgids: set[str]) -> polib.POFile:
    """A new POFile sharing every entry but the active ones in `msgids`, which are
    copied (edits assign new values to msgstr, flags and comments): the cached,
    shared catalog is never changed, and a save costs no copy of 1,000 entries."""
    out = polib.POFile(wrapwidth=po.wrapwidth, encoding=po.encoding,
                       check_for_duplicates=False)
    out.header, out.metadata = po.header, dict(po.metadata)
    copy_header_form(po, out)
    out.metadata_is_fuzzy = po.metadata_is_fuzzy
    for entry in po:
        if entry.msgid in msgids and not entry.obsolete:
            entry = copy.copy(entry)
            entry.flags = list(entry.flags)
        out.append(entry)
    return out


def write_edited(path: Path, snap: Snapshot, po: polib.POFile) -> SaveOutcome:
    """Write the edited copy over the file as read; only the edited entries are rewritten."""
    try:
        return save_catalog(path, LoadedCatalog(path, snap.po, snap.fingerprint),
                            po, layout_of=snap.data)
    except ConflictError as exc:
        raise BadEdit(f"{snap.file}: {exc.message}; nothing saved") from None


def write_purged(path: Path, snap: Snapshot, fingerprint: str, gone: set[str]
                 ) -> tuple[Fingerprint, polib.POFile, int]:
    """Remove the obsolete entries in `gone` if the file is still the one the page
    showed: the fingerprint written, the catalog kept and how many were purged."""
    if snap.fingerprint.sha256 != fingerprint:
        raise SaveConflict(ConflictResponse(
            detail=f"{snap.file} changed since the page showed it; nothing purged. "
                   "Reload and look again.", file=snap.file,
            fingerprint=snap.fingerprint.sha256, conflicts=[]))
    kept = copy_for_edits(snap.po, set())
    kept[:] = [e for e in snap.po if not (e.obsolete and e.msgid in gone)]
    purged = len(snap.po) - len(kept)
    written = snap.fingerprint
    if purged:
        text = format_pofile(kept)
        try:
            atomic_write_text(path, text, expect=snap.fingerprint)
        except ConflictError:
            raise SaveConflict(ConflictResponse(
                detail=f"{snap.file} changed while purging; nothing purged",
                file=snap.file, fingerprint=snap.fingerprint.sha256,
                conflicts=[])) from None
        written = Fingerprint.of_bytes(text.encode("utf-8"))
    return written, kept, purged


def resolve_edits(article: Article, edits: list[EntryEdit],
                  segment: Callable[[Article, str], Segment]) -> list[tuple[Segment, EntryEdit]]:
    """Each edit with the segment it is for; a segment the article no longer has is
    known by the text the page showed. Two edits of one entry are refused."""
    wanted: list[tuple[Segment, EntryEdit]] = []
    seen: dict[str, str] = {}
    for edit in edits:
        try:
            found = segment(article, edit.segment)
        except PipelineError:  # the workspace's NotFound
            if edit.source is None:
                raise
            # The source changed since the page loaded: the segment is known
            # by the text the page showed (its entry has moved on).
            found = Segment(id=edit.segment, kind=SegmentKind.PARAGRAPH,
                            text=edit.source, line_start=0, line_end=0)
        if found.text in seen:
            raise BadEdit(f"segments {seen[found.text]} and {found.id} share one "
                          "catalog entry; send one edit for it")
        seen[found.text] = found.id
        wanted.append((found, edit))
    return wanted


def live_catalog(snap: Snapshot, project: Project, glossary: Callable[[], Glossary]
                 ) -> polib.POFile:
    """The catalog merged with the current source, in memory, when the source has
    segments the catalog lacks; otherwise `snap.po` itself."""
    entries = active_entries(snap.po)
    if all(seg.text in entries for seg in snap.article.segments):
        return snap.po
    template = build_template(snap.article, project.source_ref(snap.article.slug), glossary())
    return merge_catalog(snap.po, template)


def _state(state: State) -> EntryState:
    return EntryState(msgstr=state.msgstr, fuzzy=state.fuzzy, comment=state.comment)


def conflict_response(snap: Snapshot, wanted: list[tuple[Segment, EntryEdit]]
                      ) -> ConflictResponse:
    """The 409 answer: each wanted entry as the client sent it and as it is on disk."""
    entries = active_entries(snap.po)
    conflicts = []
    for segment, edit in wanted:
        entry = entries.get(segment.text)
        disk = entry_state(entry) if entry is not None else None
        comment = edit.comment if edit.comment is not None else (disk.comment if disk else "")
        conflicts.append(ConflictEntry(
            segment=segment.id,
            yours=EntryState(msgstr=edit.msgstr, fuzzy=edit.fuzzy, comment=comment),
            disk=_state(disk) if disk is not None else None))
    return ConflictResponse(
        detail=f"{snap.file} changed on disk since you loaded it; nothing was saved. "
               "Compare your version with the one on disk, then keep one.",
        file=snap.file, fingerprint=snap.fingerprint.sha256, conflicts=conflicts)
