"""A changed catalog written over its old text, touching only the entries that changed.

`fmt` is how a file gets GNU's wrapping, on purpose. A save (the workbench)
must not rewrap what another tool wrapped: the text of every entry whose
content is unchanged is kept byte for byte, and only the changed entries (and
the header) are written in msgcat's form. In the header only the lines of the
fields whose value changed are rewritten (OmegaT starts its fields on the
`msgstr` line, Weblate wraps a long one: both stay). When the entries themselves
differ (added, removed, reordered) the splice is not attempted (None).
"""

from __future__ import annotations

import re
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
        if index == 0 and head and before is not None and after is not None:
            written = _header_kept(own, before, after) or written
        rest = "\n".join(gap) + ("\n" if gap and index + 1 < len(olds) else "")
        pieces.append(written + rest)
    return "".join(pieces)


_LITERAL = re.compile(r'^(msgstr )?"((?:[^"\\]|\\.)*)"$')


def _header_kept(own: list[str], before: polib.POEntry, after: polib.POEntry) -> str | None:
    """The header's own lines with only the changed fields rewritten (one line
    each, new fields appended), or None when more than field values changed."""
    if (before.tcomment, before.flags) != (after.tcomment, after.flags):
        return None
    at = next((i for i, line in enumerate(own) if line.startswith("msgstr ")), None)
    if at is None:
        return None
    fields: list[tuple[str, list[str]]] = []  # (unescaped field, its lines)
    pending: list[str] = []
    text = ""
    for line in own[at:]:
        m = _LITERAL.match(line)
        if m is None or (m.group(1) and line is not own[at]):
            return None
        text += polib.unescape(m.group(2))
        pending.append(line)
        if text.endswith("\n"):
            fields.append((text, pending))
            text, pending = "", []
    if pending and text:
        fields.append((text, pending))
    old = [f for f, _ in fields]
    new = after.msgstr.splitlines(keepends=True)
    if old != before.msgstr.splitlines(keepends=True)[:len(old)] or len(new) < len(old) or \
            [f.split(":", 1)[0] for f in new[:len(old)]] != [f.split(":", 1)[0] for f in old]:
        return None
    out = own[:at]
    leading = own[at] == 'msgstr ""'
    if leading:
        out.append(own[at])
    for k, (field, lines) in enumerate(fields):
        if field == new[k]:
            out += [line for line in lines if not (leading and line is own[at])]
        else:
            out.append(("msgstr " if lines[0] is own[at] and not leading else "")
                       + f'"{polib.escape(new[k])}"')
    out += [f'"{polib.escape(field)}"' for field in new[len(old):]]
    return "\n".join(out) + "\n"
