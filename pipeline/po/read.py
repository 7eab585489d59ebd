"""The one reader of .po text: bytes in, a ``polib.POFile`` out, or a
``PoFormatError(message, path, line)`` (``pipeline.po.write`` is the writer).

Files are parsed with polib, but polib silently mangles several constructs
that GNU gettext accepts: it strips trailing blanks of comments, eats "##",
drops lone "#." lines, ignores "#~|" previous strings, corrupts "\\a" and
octal escapes, reads only single-digit plural indices, and normalises header
lines it cannot split as "Key: value".  A strict
line scanner (pipeline.po.scan) therefore runs first: it rejects what polib
would misread with a ``PoFormatError(message, path, line)`` and supplies,
GNU-exactly, the few fields polib cannot carry (comment texts, obsolete
previous strings). Catalogs in the plain form msgcat writes, nearly all of
them, are read in one pass instead (pipeline.po.quickread) to the same result.
No file is opened here: callers at the edge pass the bytes they read.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import polib

from .errors import PoFormatError
from .quickread import quick_read
from .scan import Scanned, mask_comment_breaks, scan
from .write import header_entry, keep_raw_header


def _charset(msgstr: str) -> str | None:
    pos = msgstr.find("charset=")
    if pos < 0:
        return None
    return re.split(r"[ \t\n]", msgstr[pos + 8:], maxsplit=1)[0]


# The header's msgstr up to its charset, as bytes: every charset gettext allows
# writes ASCII as ASCII, so the header can be read before the file is decoded.
_HEADER_CHARSET = re.compile(rb'(?m)^msgid ""\s*\nmsgstr (?:"(?:[^"\\\n]|\\.)*"\s*\n)*?'
                             rb'"(?:[^"\\\n]|\\.)*?charset=([A-Za-z0-9_.:+-]+)')


def codec_of(charset: str | None) -> str | None:
    """Python's codec for a catalog's declared charset (None: not declared, or
    'CHARSET' as in a fresh template, or one Python cannot decode)."""
    if not charset or charset.upper() == "CHARSET":
        return None
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def catalog_encoding(po: polib.POFile) -> str:
    """The codec a catalog is written in: its declared charset (msgcat keeps
    it), UTF-8 when it declares none."""
    return codec_of(_charset(po.metadata.get("Content-Type", ""))) or "utf-8"


def _decode(data: bytes, path: Path) -> str:
    """The text of a catalog, decoded in the charset its header declares (as GNU
    does: a GB2312 or ISO-8859-1 catalog is not UTF-8), UTF-8 otherwise."""
    found = _HEADER_CHARSET.search(data[:8192])
    charset = found.group(1).decode("ascii") if found else None
    codec = codec_of(charset) or "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if codec == "utf-8" else charset
        raise PoFormatError(f"file is not valid {name}", path,
                            data[:exc.start].count(b"\n") + 1) from None


def _syntax_hint(text: str, line: int) -> str:
    """polib's own message names the whole path; say what is wrong with the line instead."""
    lines = text.split("\n")
    bad = lines[line - 1] if 0 < line <= len(lines) else ""
    if bad.startswith("#") and len(bad) > 1 and bad[1] not in " .:,|~":
        return "syntax error: a comment needs a space after '#' (write '# " + bad[1:20] + "')"
    return "syntax error"


def parse_pofile(data: bytes, path: Path) -> polib.POFile:
    """Parse ``data`` (the bytes of ``path``) as polib would, refusing
    (``PoFormatError``) anything polib would read lossily, and restoring what
    polib cannot hold itself. A text in the plain GNU form is read in one pass
    (pipeline.po.quickread); any other is read by the scanner, then by polib."""
    if b"\x00" in data:  # GNU tools cut a string at NUL; polib keeps it
        raise PoFormatError("NUL byte in a text catalog (is this a .mo file?)", path,
                            data[:data.index(b"\x00")].count(b"\n") + 1)
    text = _decode(data, path).removeprefix("\ufeff").replace("\r\n", "\n")
    quick = quick_read(text)
    if quick is not None:
        scanned, po = quick
        try:
            _merge(path, po, scanned, _validate(path, text, scanned))
            return po
        except PoFormatError:
            pass  # the two-pass reading below names the first problem, as it always did
    scanned = scan(path, text)
    header = _validate(path, text, scanned)
    try:
        po = polib.pofile(mask_comment_breaks(text), encoding="utf-8")
    except (OSError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else 0
        raise PoFormatError(_syntax_hint(text, line), path, line) from None
    _merge(path, po, scanned, header)
    return po


def _validate(path: Path, text: str, scanned: list[Scanned]) -> Scanned | None:
    """What GNU accepts but polib or msgcat would lose; returns the header record."""
    header: Scanned | None = None
    for i, ent in enumerate(scanned):
        is_head = ent.fields.get("msgid") == "" and not ent.obsolete
        if is_head and (i > 0 or "msgctxt" in ent.fields):
            raise PoFormatError("empty msgid that is not the leading header", path, ent.line)
        if is_head:
            header = ent
    first_seen: dict[tuple[str | None, str], int] = {}
    for ent in scanned:
        key = (ent.fields.get("msgctxt"), ent.fields["msgid"])
        if key in first_seen:
            raise PoFormatError(f"duplicate message definition (first defined at line "
                                f"{first_seen[key]})", path, ent.msgid_line or ent.line)
        first_seen[key] = ent.msgid_line or ent.line
        for field_name in ("tcomments", "ecomments"):
            if getattr(ent, field_name) == [""]:
                raise PoFormatError("a lone empty comment line cannot be kept", path, ent.line)
    charset = _charset(header.fields.get("msgstr", "")) if header else None
    if codec_of(charset) is None and not text.isascii():
        raise PoFormatError(f"non-ASCII text needs a charset, e.g. charset=UTF-8 (found "
                            f"{charset!r})", path, header.line if header else 0)
    return header


def _merge(path: Path, po: polib.POFile, scanned: list[Scanned],
           header: Scanned | None) -> None:
    body = [s for s in scanned if s is not header]
    if len(body) != len(po):
        raise PoFormatError(f"polib saw {len(po)} messages, expected {len(body)}", path, 0)
    if header is not None:
        if header.ecomments or header.has_refs or header.prev:
            raise PoFormatError("header may only carry '#' and '#,' comments", path, header.line)
        po.header = "\n".join(header.tcomments)
        rebuilt = header_entry(po)
        if rebuilt is None or rebuilt.msgstr != header.fields["msgstr"]:
            # Not a plain list of "Key: value\n" lines (a header msgcat merged from two,
            # "Generated-By:\n"): kept as written, edits to its keys applied to it.
            keep_raw_header(po, header.fields["msgstr"])
    for ent, entry in zip(body, po, strict=False):
        if ent.exotic and _same_shape(entry, ent):
            _take_strings(entry, ent)
        if not _same(entry, ent):
            raise PoFormatError("polib read this message differently", path, ent.line)
        entry.tcomment = "\n".join(ent.tcomments)
        entry.comment = "\n".join(ent.ecomments)
        # polib ignores "#~|" lines; take all previous strings from the scan.
        entry.previous_msgctxt = ent.prev.get("msgctxt")
        entry.previous_msgid = ent.prev.get("msgid")
        entry.previous_msgid_plural = ent.prev.get("msgid_plural")


def _same_shape(entry: polib.POEntry, ent: Scanned) -> bool:
    f = ent.fields
    return (bool(entry.obsolete) == bool(ent.obsolete)
            and (entry.msgctxt is None) == ("msgctxt" not in f)
            and bool(entry.msgid_plural) == bool(f.get("msgid_plural"))
            and len(entry.msgstr_plural) == sum(k.startswith("msgstr[") for k in f))


def _take_strings(entry: polib.POEntry, ent: Scanned) -> None:
    """The scan's reading of strings with escapes polib misreads (\\a, octal, hex)."""
    f = ent.fields
    entry.msgid = f["msgid"]
    entry.msgctxt = f.get("msgctxt")
    if "msgid_plural" in f:
        entry.msgid_plural = f["msgid_plural"]
    if "msgstr" in f:
        entry.msgstr = f["msgstr"]
    entry.msgstr_plural = {int(k[7]): v for k, v in f.items() if k.startswith("msgstr[")}


def _same(entry: polib.POEntry, ent: Scanned) -> bool:
    f = ent.fields
    plural = {int(k[7]): v for k, v in f.items() if k.startswith("msgstr[")}
    return (entry.msgid == f["msgid"] and entry.msgctxt == f.get("msgctxt")
            and bool(entry.obsolete) == bool(ent.obsolete)
            and (entry.msgid_plural or "") == f.get("msgid_plural", "")
            and (entry.msgstr or "") == f.get("msgstr", "")
            and dict(entry.msgstr_plural) == plural)


def reads_back(path: Path, po: polib.POFile, text: str) -> bool:
    """Our output, scanned again, holds the same messages (minus the obsolete
    untranslated ones that msgcat drops)."""
    kept = [e for e in po if not (e.obsolete and not (e.msgstr or e.msgstr_plural.get(0)))]
    again = [s for s in scan(path, text) if not (s.fields.get("msgid") == ""
                                                   and "msgctxt" not in s.fields
                                                   and not s.obsolete)]
    kept.sort(key=lambda e: bool(e.obsolete))  # obsolete ones move to the end
    return len(kept) == len(again) and all(map(_same, kept, again))

