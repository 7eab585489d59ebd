"""The ``fmt`` rewriter: a catalog's msgcat-canonical text, verified to read
back as the same messages. Pure; ``bilingual fmt`` reads and writes the files."""
from __future__ import annotations

from pathlib import Path

import polib

from .errors import PoFormatError
from .read import parse_pofile, reads_back
from .write import format_pofile

__all__ = ["canonical_text", "parse_pofile"]


def canonical_text(po: polib.POFile, path: Path) -> str:
    """What msgcat would print for ``po`` (read from ``path``); refuses output
    that would not read back as the same messages, so fmt never drops one."""
    text = format_pofile(po)
    if not reads_back(path, po, text):
        raise PoFormatError("formatted output would not read back the same", path)
    return text
