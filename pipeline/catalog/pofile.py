"""Reading and writing .po/.pot files at the edge of the pipeline.

Reading goes through polib behind a strict line scanner (pipeline.po.fmt), with
every failure turned into one `file:line` message. Writing goes through the GNU-exact formatter and an atomic rename,
and refuses to replace a file that changed since it was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from ..atomic import Fingerprint, atomic_write_text
from ..errors import PipelineError
from ..po.errors import PoFormatError
from ..po.fmt import parse_pofile
from ..po.gnu_format import format_pofile


class CatalogError(PipelineError):
    pass


@dataclass
class LoadedCatalog:
    path: Path
    po: polib.POFile
    fingerprint: Fingerprint


def read_catalog(path: Path) -> LoadedCatalog:
    """Read a catalog strictly: anything polib would misread is an error, not data loss."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such catalog", path) from None
    except IsADirectoryError:
        raise CatalogError("is a directory, not a catalog", path) from None
    return parse_catalog(data, path)


def parse_catalog(data: bytes, path: Path) -> LoadedCatalog:
    """Parse bytes read from `path`; the fingerprint is of these very bytes, so a
    later write can tell whether the file changed since."""
    _check_bytes(data, path)
    try:
        po = parse_pofile(data, path)
    except PoFormatError as exc:
        raise CatalogError(f"malformed catalog: {exc.message}", path, exc.line or None) from None
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
        raise CatalogError("binary data in a text catalog (is this a .mo file?)", path,
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
