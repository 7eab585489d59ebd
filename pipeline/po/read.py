"""The one reader of .po text: bytes in, a ``polib.POFile`` out, or a
``PoFormatError(message, path, line)`` (``pipeline.po.write`` is the writer).

Files are parsed with polib, but polib silently mangles several constructs
that GNU gettext accepts: it strips trailing blanks of comments, eats "##",
drops lone "#." lines, ignores "#~|" previous strings, corrupts "\\a" and
octal escapes, reads only single-digit plural indices, and normalises header
lines it cannot split as "Key: value".  A strict
line scanner therefore runs first: it rejects what polib would misread with a
``PoFormatError(message, path, line)`` and supplies, GNU-exactly, the few
fields polib cannot carry (comment texts, obsolete previous strings).
No file is opened here: callers at the edge pass the bytes they read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .errors import PoFormatError
from .write import header_entry, parse_flags

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*')
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[([^\]]*)\])?)[ \t]+(.*)")
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f",
             '"': '"', "\\": "\\"}
_SOLARIS_REF = re.compile(r"File: .*, line: \d+\s*")


@dataclass
class _Scanned:
    """One message as GNU gettext would read it (only what we cross-check)."""
    line: int
    obsolete: bool | None = None
    tcomments: list[str] = field(default_factory=list)
    ecomments: list[str] = field(default_factory=list)
    has_refs: bool = False
    flags: list[str] = field(default_factory=list)
    prev: dict[str, str] = field(default_factory=dict)
    prev_obsolete: bool | None = None  # "#~|" (True) or "#|" (False) seen
    fields: dict[str, str] = field(default_factory=dict)
    last: str | None = None  # field that a continuation line extends


class _Scanner:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[_Scanned] = []
        self.cur = _Scanned(line=1)
        self.lineno = 0

    def fail(self, message: str) -> PoFormatError:
        return PoFormatError(message, self.path, self.lineno)

    def string(self, text: str) -> str:
        m = _STRING.fullmatch(text)
        if not m:
            raise self.fail("malformed string literal")
        body = m.group(1)
        if "\\" not in body:  # fast path: nothing to unescape
            return body
        out: list[str] = []
        i = 0
        while i < len(body):
            c = body[i]
            if c == "\\":
                esc = _UNESCAPE.get(body[i + 1])
                if esc is None:  # \a, octal, hex: GNU accepts, polib corrupts
                    raise self.fail(f"escape sequence '\\{body[i + 1]}' is not supported")
                out.append(esc)
                i += 2
            else:
                out.append(c)
                i += 1
        return "".join(out)

    def finish(self) -> None:
        cur = self.cur
        if cur.fields:
            if not any(k.startswith("msgstr") for k in cur.fields):
                raise self.fail("message without msgstr")
            self.entries.append(cur)
        elif cur.tcomments or cur.ecomments or cur.has_refs or cur.flags or cur.prev:
            raise self.fail("comment not attached to any message (msgcat would drop it)")
        self.cur = _Scanned(line=self.lineno + 1)

    def new_comment(self) -> _Scanned:
        if any(k.startswith("msgstr") for k in self.cur.fields):
            self.finish()
            self.cur.line = self.lineno
        elif self.cur.fields:
            raise self.fail("comment inside a message")
        return self.cur

    def keyword(self, text: str, obsolete: bool) -> None:
        m = _KEYWORD.fullmatch(text)
        if not m:
            if text.startswith('"'):
                return self.continuation(text, obsolete)
            raise self.fail("syntax error")
        key, index, rest = m.groups()
        cur = self.cur
        if key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in cur.fields):
            self.finish()
            self.cur.line = self.lineno
            cur = self.cur
        if (cur.obsolete is not None and cur.obsolete != obsolete) or (
                cur.prev_obsolete is not None and cur.prev_obsolete != obsolete):
            raise self.fail("inconsistent use of #~")
        cur.obsolete = obsolete
        have = cur.fields
        if index is not None:
            if not (len(index) == 1 and index.isdigit()):
                raise self.fail(f"unsupported plural index msgstr[{index}]")
            key = f"msgstr[{index}]"
            expected = sum(k.startswith("msgstr[") for k in have)
            if "msgid_plural" not in have or int(index) != expected:
                raise self.fail(f"unexpected {key}")
        elif key == "msgctxt" and have:
            raise self.fail("misplaced msgctxt")
        elif key == "msgid" and set(have) - {"msgctxt"}:
            raise self.fail("misplaced msgid")
        elif key == "msgid_plural" and set(have) - {"msgctxt", "msgid"}:
            raise self.fail("misplaced msgid_plural")
        elif key == "msgstr" and ("msgid" not in have or "msgid_plural" in have
                                  or "msgstr" in have):
            raise self.fail("misplaced msgstr")
        have[key] = self.string(rest)
        cur.last = key

    def continuation(self, text: str, obsolete: bool) -> None:
        cur = self.cur
        if cur.last is None or cur.obsolete != obsolete:
            raise self.fail("string continuation without a keyword")
        cur.fields[cur.last] += self.string(text)

    def previous(self, text: str, obsolete: bool) -> None:
        cur = self.new_comment()
        if cur.prev_obsolete is not None and cur.prev_obsolete != obsolete:
            raise self.fail("inconsistent use of #~")
        cur.prev_obsolete = obsolete
        if text.startswith('"'):
            if cur.last is None or not cur.last.startswith("prev "):
                raise self.fail("string continuation without a keyword")
            cur.prev[cur.last[5:]] += self.string(text)
            return
        m = _KEYWORD.fullmatch(text)
        if not m or m.group(1) not in ("msgctxt", "msgid", "msgid_plural"):
            raise self.fail("syntax error in previous-message comment")
        cur.prev[m.group(1)] = self.string(m.group(3))
        cur.last = "prev " + m.group(1)

    def line(self, raw: str) -> None:
        s = raw.lstrip(" \t")
        if not s.strip():
            return
        if not s.startswith("#"):
            return self.keyword(s, obsolete=False)
        if s.startswith("#~|"):
            return self.previous(s[3:].lstrip(" \t"), obsolete=True)
        if s.startswith("#~"):
            if s[2:3] not in (" ", "\t") or s[3:].lstrip(" \t").startswith("#"):
                raise self.fail("malformed obsolete line")
            return self.keyword(s[3:].lstrip(" \t"), obsolete=True)
        if s.startswith("#|"):
            if s[2:3] not in (" ", "\t"):
                raise self.fail("malformed previous-message line")
            return self.previous(s[3:].lstrip(" \t"), obsolete=False)
        cur = self.new_comment()
        kind, body = s[1:2], s[2:]
        if kind in (",", ":") and body[:1] not in ("", " ", "\t"):
            raise self.fail(f"write '#{kind} ' with a space")
        if kind == ",":
            cur.flags.append(body)
        elif kind == ":":
            self.check_refs(body)
            cur.has_refs = True
        elif kind == ".":
            cur.ecomments.append(body[1:] if body.startswith(" ") else body)
        elif kind in ("!", "|", "~"):
            raise self.fail(f"unsupported comment '#{kind}'")
        else:
            text = s[2:] if kind == " " else s[1:]
            if _SOLARIS_REF.fullmatch(text):
                raise self.fail("Solaris-style '# File: ..., line: N' reference")
            cur.tcomments.append(text)

    def check_refs(self, body: str) -> None:
        if re.search(r"[^\S \t]", body):
            raise self.fail("unusual whitespace in a '#:' line")
        toks = body.split()
        for i, tok in enumerate(toks):
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if tok.startswith(":") or (tok.endswith(":") and nxt[:1].isdigit()):
                raise self.fail(f"ambiguous file reference '{tok}'")


def _scan(path: Path, text: str) -> list[_Scanned]:
    """GNU's view of the messages in ``text`` (newlines already \\n only)."""
    sc = _Scanner(path)
    for sc.lineno, raw in enumerate(text.split("\n"), start=1):
        if "\r" in raw:  # polib's universal newlines would split here
            raise sc.fail("stray carriage return")
        if raw.endswith("\\"):  # GNU's lexer joins backslash-newline; polib doesn't
            raise sc.fail("line ends with a backslash")
        sc.line(raw)
    sc.finish()
    return sc.entries


def _charset(msgstr: str) -> str | None:
    pos = msgstr.find("charset=")
    if pos < 0:
        return None
    return re.split(r"[ \t\n]", msgstr[pos + 8:], maxsplit=1)[0]


def _syntax_hint(text: str, line: int) -> str:
    """polib's own message names the whole path; say what is wrong with the line instead."""
    lines = text.split("\n")
    bad = lines[line - 1] if 0 < line <= len(lines) else ""
    if bad.startswith("#") and len(bad) > 1 and bad[1] not in " .:,|~":
        return "syntax error: a comment needs a space after '#' (write '# " + bad[1:20] + "')"
    return "syntax error"


def parse_pofile(data: bytes, path: Path) -> polib.POFile:
    """Parse ``data`` (the bytes of ``path``) with polib, refusing
    (``PoFormatError``) anything polib would read lossily, and restoring what
    polib cannot hold itself. Scanner and polib read the same text, once."""
    if b"\x00" in data:  # GNU tools cut a string at NUL; polib keeps it
        raise PoFormatError("NUL byte in a text catalog (is this a .mo file?)", path,
                            data[:data.index(b"\x00")].count(b"\n") + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PoFormatError("file is not valid UTF-8", path, data[:exc.start].count(b"\n") + 1) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    scanned = _scan(path, text)
    header: _Scanned | None = None
    for i, ent in enumerate(scanned):
        is_head = ent.fields.get("msgid") == "" and not ent.obsolete
        if is_head and (i > 0 or "msgctxt" in ent.fields):
            raise PoFormatError("empty msgid that is not the leading header", path, ent.line)
        if is_head:
            header = ent
    keys = set()
    for ent in scanned:
        key = (ent.fields.get("msgctxt"), ent.fields["msgid"])
        if key in keys:
            raise PoFormatError("duplicate message definition", path, ent.line)
        keys.add(key)
        for field_name in ("tcomments", "ecomments"):
            if getattr(ent, field_name) == [""]:
                raise PoFormatError("a lone empty comment line cannot be kept", path, ent.line)
        unknown = parse_flags(ent.flags).unknown
        if unknown:
            raise PoFormatError(f"unknown flag(s) {', '.join(unknown)}"
                                " (msgcat would drop them)", path, ent.line)
    charset = _charset(header.fields.get("msgstr", "")) if header else None
    if (charset or "").upper() != "UTF-8" and not text.isascii():
        raise PoFormatError(f"non-ASCII text needs charset=UTF-8 (found {charset!r})", path, header.line if header else 0)
    try:
        po = polib.pofile(text, encoding="utf-8")
    except (OSError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else 0
        raise PoFormatError(_syntax_hint(text, line), path, line) from None
    _merge(path, po, scanned, header)
    return po


def _merge(path: Path, po: polib.POFile, scanned: list[_Scanned],
           header: _Scanned | None) -> None:
    body = [s for s in scanned if s is not header]
    if len(body) != len(po):
        raise PoFormatError(f"polib saw {len(po)} messages, expected {len(body)}", path, 0)
    if header is not None:
        if header.ecomments or header.has_refs or header.prev:
            raise PoFormatError("header may only carry '#' and '#,' comments", path, header.line)
        po.header = "\n".join(header.tcomments)
        rebuilt = header_entry(po)
        if rebuilt is None or rebuilt.msgstr != header.fields["msgstr"]:
            raise PoFormatError("header is not a plain list of 'Key: value\\n' lines", path, header.line)
    for ent, entry in zip(body, po, strict=False):
        if not _same(entry, ent):
            raise PoFormatError("polib read this message differently", path, ent.line)
        entry.tcomment = "\n".join(ent.tcomments)
        entry.comment = "\n".join(ent.ecomments)
        # polib ignores "#~|" lines; take all previous strings from the scan.
        entry.previous_msgctxt = ent.prev.get("msgctxt")
        entry.previous_msgid = ent.prev.get("msgid")
        entry.previous_msgid_plural = ent.prev.get("msgid_plural")


def _same(entry: polib.POEntry, ent: _Scanned) -> bool:
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
    again = [s for s in _scan(path, text) if not (s.fields.get("msgid") == ""
                                                   and "msgctxt" not in s.fields
                                                   and not s.obsolete)]
    kept.sort(key=lambda e: bool(e.obsolete))  # obsolete ones move to the end
    return len(kept) == len(again) and all(map(_same, kept, again))

