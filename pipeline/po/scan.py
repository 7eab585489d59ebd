"""The strict line scanner: GNU gettext's view of the messages in a .po text.

It reads line by line what polib would misread and rejects it with a
``PoFormatError(message, path, line)``, and it keeps, GNU-exactly, the fields
polib cannot carry (comment texts, obsolete previous strings). pipeline.po.read
runs it before polib on every text outside the plain form (pipeline.po.quickread).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PoFormatError

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*')
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[([^\]]*)\])?)[ \t]+(.*)")
UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f",
             '"': '"', "\\": "\\"}
SIMPLE_ESCAPES = frozenset(UNESCAPE)  # the ones polib reads right
# Every escape GNU's po-lex.c accepts: the C ones (\a too), octal (1-3 digits), hex.
_C_ESCAPE = re.compile(r"\\(?:([ntrvbfa\"\\])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))", re.DOTALL)
_C_VALUES = {**{k: ord(v) for k, v in UNESCAPE.items()}, "a": 7}


def unescape_c(body: str) -> str | None:
    """A string literal's body as GNU reads it (the bytes its escapes give are
    UTF-8, as the catalog); None when an escape is one GNU refuses."""
    out = bytearray()
    pos = 0
    for m in _C_ESCAPE.finditer(body):
        out += body[pos:m.start()].encode("utf-8")
        simple, octal, hexa, other = m.groups()
        if other is not None:
            return None
        value = _C_VALUES[simple] if simple else int(octal or hexa, 8 if octal else 16)
        out.append(value & 0xFF)
        pos = m.end()
    out += body[pos:].encode("utf-8")
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return None
SOLARIS_REF = re.compile(r"File: .*, line: \d+\s*")
_ODD_SPACE = re.compile(r"[^\S \t]")


@dataclass
class Scanned:
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
    msgid_line: int = 0  # where its msgid keyword is (GNU reports a message there)
    exotic: bool = False  # a string uses an escape polib misreads (\\a, octal, hex)


class Scanner:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[Scanned] = []
        self.cur = Scanned(line=1)
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
        decoded = unescape_c(body)
        if decoded is None:
            bad = re.search(r"\\([^ntrvbfa\"\\0-7x]|x(?![0-9A-Fa-f]))", body)
            shown = bad.group(0) if bad else "\\"
            raise self.fail(f"escape sequence '{shown}' is not supported")
        if any(not (k in SIMPLE_ESCAPES) for k in re.findall(r"\\(.)", body)):
            self.cur.exotic = True  # polib cannot read this string: the scan supplies it
        return decoded

    def finish(self) -> None:
        cur = self.cur
        if cur.fields:
            if not any(k.startswith("msgstr") for k in cur.fields):
                raise self.missing_msgstr()
            self.entries.append(cur)
        elif cur.tcomments or cur.ecomments or cur.has_refs or cur.flags or cur.prev:
            raise self.fail("comment not attached to any message (msgcat would drop it)")
        self.cur = Scanned(line=self.lineno + 1)

    def new_comment(self) -> Scanned:
        if any(k.startswith("msgstr") for k in self.cur.fields):
            self.finish()
            self.cur.line = self.lineno
        elif "msgid" in self.cur.fields and "msgid_plural" not in self.cur.fields:
            raise self.missing_msgstr()  # a comment after a msgid: its msgstr was left out
        elif self.cur.fields:
            raise self.fail("comment inside a message")
        return self.cur

    def missing_msgstr(self) -> PoFormatError:
        """As msgfmt says it, at the msgid whose msgstr is missing."""
        return PoFormatError("missing 'msgstr' section", self.path,
                             self.cur.msgid_line or self.lineno)

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
        elif key == "msgid_plural" and ("msgid" not in have or set(have) - {"msgctxt", "msgid"}):
            raise self.fail("misplaced msgid_plural")
        elif key == "msgstr" and ("msgid" not in have or "msgid_plural" in have
                                  or "msgstr" in have):
            raise self.fail("misplaced msgstr")
        have[key] = self.string(rest)
        cur.last = key
        if key == "msgid":
            cur.msgid_line = self.lineno

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
            if SOLARIS_REF.fullmatch(text):
                raise self.fail("Solaris-style '# File: ..., line: N' reference")
            cur.tcomments.append(text)

    def check_refs(self, body: str) -> None:
        problem = bad_refs(body)
        if problem:
            raise self.fail(problem)


def scan(path: Path, text: str) -> list[Scanned]:
    """GNU's view of the messages in ``text`` (newlines already \\n only)."""
    sc = Scanner(path)
    for sc.lineno, raw in enumerate(text.split("\n"), start=1):
        if "\r" in raw and not is_comment_text(raw):  # msgcat keeps it in comments only
            raise sc.fail("stray carriage return")
        if raw.endswith("\\"):  # GNU's lexer joins backslash-newline; polib doesn't
            raise sc.fail("line ends with a backslash")
        sc.line(raw)
    sc.finish()
    return sc.entries


def is_comment_text(raw: str) -> bool:
    """A translator ('# ') or extracted ('#.') comment line: free text, where GNU
    keeps even a carriage return."""
    s = raw.lstrip(" \t")
    return s.startswith("#") and s[1:2] not in (",", ":", "|", "~")


def mask_comment_breaks(text: str) -> str:
    """`text` for polib, whose universal newlines would split a comment at a CR:
    the CR becomes a space there (the scan supplies every comment's text)."""
    if "\r" not in text:
        return text
    return "\n".join(line.replace("\r", " ") if is_comment_text(line) else line
                     for line in text.split("\n"))


def bad_refs(body: str) -> str | None:
    """What is wrong with the text of a '#:' line, if anything."""
    if _ODD_SPACE.search(body):
        return "unusual whitespace in a '#:' line"
    toks = body.split()
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if tok.startswith(":") or (tok.endswith(":") and nxt[:1].isdigit()):
            return f"ambiguous file reference '{tok}'"
    return None
