"""A changed catalog written over its old text, touching only the entries that changed.

`fmt` is how a file gets GNU's wrapping, on purpose. A save (the workbench)
must not rewrap what another tool wrapped: the text of every entry whose
content is unchanged is kept byte for byte, and only the changed entries (and
the header) are written in msgcat's form. In the header only the lines of the
fields whose value changed are rewritten (OmegaT starts its fields on the
`msgstr` line, Weblate wraps a long one: both stay). When the entries themselves
differ (added, removed, reordered) the splice is not attempted (None).

Where each message starts is learnt by scanning the text, once: the layout of a
text a splice wrote is remembered (its pieces say where each message went), so
the next save over it (a workbench saving entry after entry) scans nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from itertools import accumulate
from dataclasses import dataclass
from pathlib import Path

import polib

from .scan import scan
from .write import format_entry, header_entry

Key = tuple[str | None, str, bool]


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid, bool(entry.obsolete))


@dataclass(frozen=True)
class Layout:
    """Where each message of a text starts (byte offsets), and which it is."""

    head: bool                 # the first message is the header
    starts: tuple[int, ...]
    keys: tuple[Key, ...]      # the messages after the header


_LAYOUTS: OrderedDict[bytes, Layout] = OrderedDict()
_REMEMBERED = 32


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()  # sha256 has CPU instructions: 3x blake2b


def _layout(data: bytes) -> Layout:
    digest = _digest(data)
    known = _LAYOUTS.get(digest)
    if known is not None:
        _LAYOUTS.move_to_end(digest)
        return known
    scanned = scan(Path("-"), data.decode("utf-8"))
    line_at = [0, *accumulate(len(line) + 1 for line in data.split(b"\n"))]
    head = bool(scanned) and scanned[0].fields.get("msgid") == "" and \
        "msgctxt" not in scanned[0].fields and not scanned[0].obsolete
    layout = Layout(head, tuple(line_at[s.line - 1] for s in scanned), tuple(
        (s.fields.get("msgctxt"), s.fields.get("msgid", ""), bool(s.obsolete))
        for s in scanned[int(head):]))
    _remember(digest, layout)
    return layout


def _remember(digest: bytes, layout: Layout) -> None:
    _LAYOUTS[digest] = layout
    while len(_LAYOUTS) > _REMEMBERED:
        _LAYOUTS.popitem(last=False)


def splice(text: str, old: polib.POFile, new: polib.POFile) -> str | None:
    """`new` written over `text` (which `old` was read from), or None when the two
    catalogs do not hold the same messages in the same order."""
    out = splice_bytes(text.encode("utf-8"), old, new)
    return out.decode("utf-8") if out is not None else None


def splice_bytes(data: bytes, old: polib.POFile, new: polib.POFile) -> bytes | None:
    """`splice` on the file's UTF-8 bytes (newlines \\n only): the unchanged messages
    are copied as bytes, never decoded, split or encoded (a 1,000-entry save)."""
    keys = [_key(e) for e in old]
    if keys != [_key(e) for e in new]:
        return None
    layout = _layout(data)
    # The text's messages are `old`'s, one for one (what makes each span an entry's).
    if list(layout.keys) != keys:
        return None
    starts = [*layout.starts, len(data)]
    pieces: list[bytes] = [data[:starts[0]]]
    olds: list[polib.POEntry | None] = [header_entry(old)] if layout.head else []
    news: list[polib.POEntry | None] = [header_entry(new)] if layout.head else []
    olds += list(old)
    news += list(new)
    written_at, at = [], starts[0]
    for index, (before, after) in enumerate(zip(olds, news, strict=True)):
        written_at.append(at)
        # An entry the edit did not copy is the one read: unchanged, not compared.
        if before is not None and after is not None and (
                before is after or format_entry(before) == format_entry(after)):
            piece = data[starts[index]:starts[index + 1]]
        else:
            piece = _rewritten(data[starts[index]:starts[index + 1]], before, after,
                               header=index == 0 and layout.head,
                               last=index + 1 == len(olds)).encode("utf-8")
        pieces.append(piece)
        at += len(piece)
    out = b"".join(pieces)
    _remember(_digest(out), Layout(layout.head, tuple(written_at), layout.keys))
    return out


def _rewritten(chunk: bytes, before: polib.POEntry | None, after: polib.POEntry | None,
               header: bool, last: bool) -> str:
    """A changed message's text in msgcat's form, the blank lines after it kept."""
    span = chunk.decode("utf-8").split("\n")
    if not last:  # the chunk ends with the newline before the next message
        span = span[:-1]
    own = span
    while own and not own[-1].strip():
        own = own[:-1]
    gap = span[len(own):]
    written = format_entry(after) if after is not None else ""
    if header and before is not None and after is not None:
        written = _header_kept(own, before, after) or written
    return written + "\n".join(gap) + ("\n" if gap and not last else "")


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
