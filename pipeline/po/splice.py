"""A changed catalog written over its old text, touching only the entries that changed.

`fmt` is how a file gets GNU's wrapping, on purpose. A save (the workbench)
must not rewrap what another tool wrapped: the text of every entry whose
content is unchanged is kept byte for byte, and only the changed entries (and
the header) are written in msgcat's form. When the entries themselves differ
(added, removed, reordered) the splice is not attempted (None).
"""

from __future__ import annotations

from pathlib import Path

import polib

from .scan import scan
from .write import format_entry, header_entry


def _key(entry: polib.POEntry) -> tuple[str | None, str, bool]:
    return (entry.msgctxt, entry.msgid, bool(entry.obsolete))


def splice(text: str, old: polib.POFile, new: polib.POFile) -> str | None:
    """`new` written over `text` (which `old` was read from), or None when the two
    catalogs do not hold the same messages in the same order."""
    if [_key(e) for e in old] != [_key(e) for e in new]:
        return None
    lines = text.split("\n")
    scanned = scan(Path("-"), text)
    head = [] if not scanned or scanned[0].fields.get("msgid") != "" or \
        "msgctxt" in scanned[0].fields or scanned[0].obsolete else [scanned[0]]
    body = scanned[len(head):]
    # The text's messages are `old`'s, one for one (what makes each span an entry's).
    if [(s.fields.get("msgctxt"), s.fields.get("msgid"), bool(s.obsolete)) for s in body] \
            != [_key(e) for e in old]:
        return None
    starts = [s.line - 1 for s in scanned] + [len(lines)]
    pieces: list[str] = []
    if starts[0] > 0:
        pieces.append("\n".join(lines[:starts[0]]) + "\n")
    olds: list[polib.POEntry | None] = [header_entry(old)] if head else []
    news: list[polib.POEntry | None] = [header_entry(new)] if head else []
    olds += list(old)
    news += list(new)
    for index, (before, after) in enumerate(zip(olds, news, strict=True)):
        span = lines[starts[index]:starts[index + 1]]
        own = span
        while own and not own[-1].strip():
            own = own[:-1]
        gap = span[len(own):]
        if before is not None and after is not None and \
                format_entry(before) == format_entry(after):
            pieces.append("\n".join(span) + ("\n" if index + 1 < len(olds) else ""))
            continue
        written = format_entry(after) if after is not None else ""
        rest = "\n".join(gap) + ("\n" if gap and index + 1 < len(olds) else "")
        pieces.append(written + rest)
    return "".join(pieces)
