"""Old name of ``pipeline.po.write`` (the one .po writer); kept so imports keep working."""
from __future__ import annotations

from .errors import PoFormatError
from .write import (
    FORMAT_LANGUAGES,
    PAGE_WIDTH,
    Flags,
    flags_line,
    format_entry,
    format_pofile,
    header_entry,
    parse_flags,
    wrap_field,
)

__all__ = ["FORMAT_LANGUAGES", "PAGE_WIDTH", "Flags", "PoFormatError", "flags_line",
           "format_entry", "format_pofile", "header_entry", "parse_flags", "wrap_field"]
