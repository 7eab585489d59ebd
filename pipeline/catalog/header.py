"""Header field values (`Last-Translator`, …): one line of text, checked where they enter.

A catalog header is a list of `Name: value` lines; a value holding a line
break would add a field of its own (`Eve\nPlural-Forms: …` rewrites the plural
rule, and every later command refuses the file), so no value we write may
hold a control character, a line or paragraph separator or NEL. The API, the
command line and the environment all go through `header_value`.
"""

from __future__ import annotations

import unicodedata

import polib

from ..errors import PipelineError

# Line and paragraph separators, and NEL (a C1 control, named for clarity).
_BREAKS = {"\u0085", "\u2028", "\u2029"}


class HeaderValueError(PipelineError):
    pass


def header_value(name: str, value: str) -> str:
    """`value` if it can be the value of header field `name`; else a clear error."""
    for position, char in enumerate(value):
        if unicodedata.category(char) == "Cc" or char in _BREAKS:
            raise HeaderValueError(
                f"{name} must be one line of text without control characters (found "
                f"U+{ord(char):04X} at character {position + 1}); nothing was written")
    return value


def set_header(po: polib.POFile, name: str, value: str) -> None:
    """Set one header field, keeping the order of the others."""
    po.metadata[name] = header_value(name, value)
