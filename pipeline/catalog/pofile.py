"""Reading and writing .po/.pot files at the edge of the pipeline.

Reading goes through the one reader (pipeline.po.read: polib behind a strict
line scanner), with every failure one `file:line` message. Writing goes through
the one writer (pipeline.po.write, msgcat-exact) and an atomic rename; it never
replaces a file that changed since it was read: `save_catalog` merges such a
file entry by entry (pipeline.catalog.threeway) and writes the merge.
"""

from __future__ import annotations

import codecs
import errno
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..atomic import Fingerprint, atomic_write_text, replace_verified
from ..errors import ConflictError, PipelineError, WriteError
from ..po.errors import PoFormatError
from ..po.read import catalog_encoding, parse_pofile
from ..po.splice import splice_bytes
from ..po.write import format_pofile
from .threeway import Conflict, merge


class CatalogError(PipelineError):
    pass


@dataclass
class LoadedCatalog:
    path: Path
    po: polib.POFile
    fingerprint: Fingerprint


def read_catalog(path: Path) -> LoadedCatalog:
    """Read a catalog strictly: anything polib would misread is an error, not data loss."""
    return parse_catalog(read_catalog_bytes(path), path)


def read_catalog_bytes(path: Path) -> bytes:
    """The raw bytes of a catalog, for callers that may not need to parse them."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such catalog", path) from None
    except IsADirectoryError:
        raise CatalogError("is a directory, not a catalog", path) from None


def parse_catalog(data: bytes, path: Path) -> LoadedCatalog:
    """Parse bytes read from `path`; the fingerprint is of these very bytes, so a
    later write can tell whether the file changed since."""
    _check_bytes(data, path)
    try:
        po = parse_pofile(data, path)
    except PoFormatError as exc:
        raise CatalogError(f"malformed catalog: {exc.message}", path, exc.line) from None
    charset = po.metadata.get("Content-Type", "")
    if "charset=utf-8" not in charset.replace(" ", "").lower():
        raise CatalogError(f"header Content-Type must declare charset=UTF-8 (found "
                           f"'{charset or 'nothing'}')", path,
                           _header_line(data.decode("utf-8", "replace")))
    return LoadedCatalog(path, po, Fingerprint.of_bytes(data))


def _check_bytes(data: bytes, path: Path) -> None:
    if not data.strip():
        raise CatalogError("empty catalog (expected at least a header entry)", path, 1)
    if b"\x00" in data:
        raise CatalogError("NUL byte: binary data in a text catalog (is this a .mo file?)", path,
                           data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError("not valid UTF-8 (catalogs must be UTF-8)", path,
                           data[: exc.start].count(b"\n") + 1) from None


def _header_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if "Content-Type" in line:
            return number
    return 1


def write_catalog(po: polib.POFile, path: Path, expect: Fingerprint | None = None) -> bool:
    """Atomic, GNU-formatted; returns whether the bytes on disk changed."""
    return atomic_write_text(path, format_pofile(po), expect)


@dataclass
class SaveOutcome:
    """What `save_catalog` wrote: `merged` with disk changes made meanwhile."""

    changed: bool
    fingerprint: Fingerprint
    po: polib.POFile
    conflicts: list[Conflict] = field(default_factory=list)
    merged: bool = False  # the file had changed since `base` was read


def save_catalog(path: Path, base: LoadedCatalog, edit: polib.POFile,
                 attempts: int = 50, force: bool = False,
                 layout_of: bytes | None = None) -> SaveOutcome:
    """Write `edit` (a changed copy of `base.po`) to `path` without losing what
    another process wrote there since `base` was read, even in the instant
    before the rename: the new file is swapped in and the one it displaced is
    compared with what was read (atomic.replace_verified). A file that changed
    is merged with `edit` entry by entry and the merge is swapped in again,
    with the version then on disk as the base, until a swap displaces what was
    expected. Conflicting entries keep the other process's version and are
    returned. This is the write for every command whose catalog a person or
    another process may be editing (serve, update, fmt, memory fill). A catalog
    made read-only is refused unless `force` (someone may have locked it).
    `layout_of`: the bytes `base` was read from, to keep: only the entries that
    change are written in msgcat's form, the others stay as another tool wrapped
    them (a save is not a `fmt`), unless the file keeps changing under the save."""
    if not force:
        refuse_read_only(path)
    expect, expected_po, target = base.fingerprint, base.po, edit
    layout = (layout_of, base.po) if layout_of is not None else None
    conflicts: list[Conflict] = []
    merged = False
    for attempt in range(attempts):
        # Once another program has saved three times while we tried, msgcat's form
        # (5x faster to make than a splice) lets the save land between its saves.
        data = _render(target, layout if attempt < 3 else None)  # written, fingerprinted
        swap = replace_verified(path, data, expect)
        if swap.expected or (swap.written and swap.displaced is None):
            return SaveOutcome(swap.written, Fingerprint.of_bytes(data), target, conflicts,
                               merged)
        if swap.displaced is None:  # deleted meanwhile: nothing on disk to lose
            expect, expected_po, target = Fingerprint(False, ""), edit, edit
            continue
        try:
            disk = parse_catalog(swap.displaced, path)
        except CatalogError:
            if swap.written:  # never leave our version over a save we cannot read
                replace_verified(path, swap.displaced, Fingerprint.of_bytes(data))
            raise ConflictError("file was changed on disk into something that cannot be "
                                "read as a catalog; left as written, nothing saved", path
                                ) from None
        result = merge(expected_po, disk.po, target)
        conflicts = _union(conflicts, result.conflicts)
        merged = True
        if swap.written:  # our version is on disk now: the next swap must displace it
            expect, expected_po = Fingerprint.of_bytes(data), target
        else:
            expect, expected_po = disk.fingerprint, disk.po
            if layout is not None:  # keep the layout of the version now on disk
                layout = (swap.displaced, disk.po)
        target = result.po
    if swap.written and swap.displaced is not None:  # put back what we displaced last
        replace_verified(path, swap.displaced, Fingerprint.of_bytes(data))
    raise ConflictError(f"file kept changing while being saved ({attempts} tries); "
                        "left as the other program wrote it", path)


def _render(target: polib.POFile, layout: tuple[bytes, polib.POFile] | None) -> bytes:
    """msgcat's form, or (with `layout`: bytes and what was read from them) those
    bytes with only the changed entries rewritten (see po.splice)."""
    if layout is not None:
        data = layout[0].removeprefix(codecs.BOM_UTF8)
        if b"\r" in data:  # a copy of the whole file only when there is something to do
            data = data.replace(b"\r\n", b"\n")
        spliced = splice_bytes(data, layout[1], target)
        if spliced is not None:
            return spliced
    # fmt keeps a catalog's own charset, as msgcat does; the other commands
    # refuse any charset but UTF-8 (parse_catalog)
    return format_pofile(target).encode(catalog_encoding(target))


def refuse_read_only(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & 0o222:
        raise WriteError("is read-only (locked on purpose?): nothing was written; make it "
                         "writable (chmod u+w) or run the command with --force", path,
                         errno.EACCES)


def _union(old: list[Conflict], new: list[Conflict]) -> list[Conflict]:
    keys = {c.key for c in new}
    return [c for c in old if c.key not in keys] + new
