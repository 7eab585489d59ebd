"""One-pass reading of catalogs in the plain GNU form (what msgcat and we write).

The strict scanner (pipeline.po.scan) and then polib read every line of a
catalog, most of them string continuation lines. For a text in the plain form
both readings are known in advance, so a few regular expressions over whole
messages give the scanner's records and the very objects polib would build, in
one pass. The plain form is narrow on purpose: every line starts in column 0
with `#`, `#.`, `#:`, `#,`, `#|`, `#~|` (each followed by a space or the end
of the line) or a keyword, strings use only the escapes both readers agree on,
and the file opens with its header. For anything else `quick_read` answers
None and the two-pass reading decides (and names the error, if any). A test
holds the two readings equal on real catalogs and on thousands of mutations.
"""
from __future__ import annotations

import re

import polib

from .scan import SOLARIS_REF, UNESCAPE, Scanned, bad_refs

_Q = r'"[^"\\\n]*(?:\\[ntrvbf"\\][^"\\\n]*)*"'  # one string literal
_S = rf"{_Q}\n(?:{_Q}\n)*"  # a string: its first line and continuation lines
_OS = rf"{_Q}\n(?:\#~[ ]{_Q}\n)*"  # the same inside an obsolete message
_COMMENTS = r"(?P<comments>(?:\#(?:[ ][^\n]*|[.:,](?:[ ][^\n]*)?|~?\|[ ][^\n]*)?\n)*)"
_ACTIVE = re.compile(rf"""{_COMMENTS}
    (?:msgctxt[ ](?P<ctxt>{_S}))?
    msgid[ ](?P<id>{_S})
    (?:msgid_plural[ ](?P<plural>{_S})(?P<forms>(?:msgstr\[[0-9]\][ ]{_S})+)
      |msgstr[ ](?P<str>{_S}))
    \n*""", re.VERBOSE)
_OBSOLETE = re.compile(rf"""{_COMMENTS}
    (?:\#~[ ]msgctxt[ ](?P<ctxt>{_OS}))?
    \#~[ ]msgid[ ](?P<id>{_OS})
    (?:\#~[ ]msgid_plural[ ](?P<plural>{_OS})(?P<forms>(?:\#~[ ]msgstr\[[0-9]\][ ]{_OS})+)
      |\#~[ ]msgstr[ ](?P<str>{_OS}))
    \n*""", re.VERBOSE)
_FORM = re.compile(rf"(?:\#~[ ])?msgstr\[([0-9])\][ ]((?:{_Q}\n)(?:(?:\#~[ ])?{_Q}\n)*)")
_PIECE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_ESCAPE = re.compile(r"\\(.)")
_PREVIOUS = re.compile(rf"(?:(msgctxt|msgid_plural|msgid)[ ])?({_Q})")
# Characters str.splitlines() (polib) breaks lines at besides "\n"; "\r" the scanner refuses.
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class _NotPlain(Exception):
    """The text is outside the plain form: the two-pass reading decides."""


def _string(block: str) -> str:
    pieces = _PIECE.findall(block)
    value = "".join(pieces)
    if "\\" in value:
        value = "".join(_ESCAPE.sub(lambda m: UNESCAPE[m[1]], p) for p in pieces)
    return value


def quick_read(text: str) -> tuple[list[Scanned], polib.POFile] | None:
    """The scanner's records and polib's reading of `text` (LF newlines, no BOM), or
    None when `text` is outside the plain form. Nothing is validated beyond what
    the scanner checks line by line: the caller runs the same checks as for the
    two-pass reading."""
    # (`in` per character: several times faster than one regular expression here)
    if (not text.endswith("\n") or "\\\n" in text
            or any(c in text for c in _OTHER_BREAKS)):
        return None
    try:
        return _read(text)
    except _NotPlain:
        return None


def _read(text: str) -> tuple[list[Scanned], polib.POFile]:
    scanned: list[Scanned] = []
    entries: list[polib.POEntry] = []
    pos = len(text) - len(text.lstrip("\n"))
    lineno = pos + 1  # the line `pos` starts
    while pos < len(text):
        found = _ACTIVE.match(text, pos) or _OBSOLETE.match(text, pos)
        if found is None:
            raise _NotPlain
        ent, entry = _message(found, lineno, obsolete=found.re is _OBSOLETE)
        if not scanned:
            ent.line = 1  # the scanner's first record starts at line 1, blank lines or not
        scanned.append(ent)
        entries.append(entry)
        lineno += text.count("\n", pos, found.end())
        pos = found.end()
    if not scanned or scanned[0].fields["msgid"] != "" or scanned[0].obsolete:
        raise _NotPlain  # no header first: polib reads leading comments its own way
    po = polib.POFile(encoding="utf-8", check_for_duplicates=False)
    for entry in entries[1:]:
        po.append(entry)
    _metadata(po, entries[0])
    return scanned, po


def _message(found: re.Match[str], lineno: int, obsolete: bool
             ) -> tuple[Scanned, polib.POEntry]:
    ent = Scanned(line=lineno, obsolete=obsolete)
    entry = polib.POEntry()
    comments = found["comments"].split("\n")[:-1]
    if '| "' in found["comments"]:
        _comments_in_order(ent, entry, comments)
    elif comments:
        _comments(ent, entry, comments)
    # polib numbers an entry from the first line it does not skip.
    entry.linenum = lineno + next((i for i, line in enumerate(comments)
                                   if not _skipped(line)), len(comments))
    fields = ent.fields
    if found["ctxt"] is not None:
        fields["msgctxt"] = entry.msgctxt = _string(found["ctxt"])
    fields["msgid"] = entry.msgid = _string(found["id"])
    entry.obsolete = int(obsolete)
    if found["plural"] is not None:
        fields["msgid_plural"] = entry.msgid_plural = _string(found["plural"])
        for index, form in enumerate(_FORM.finditer(found["forms"])):
            if int(form[1]) != index:
                raise _NotPlain  # the scanner refuses forms out of order
            ent.last = f"msgstr[{index}]"
            fields[ent.last] = entry.msgstr_plural[index] = _string(form[2])
    else:
        ent.last = "msgstr"
        fields["msgstr"] = entry.msgstr = _string(found["str"])
    return ent, entry


def _skipped(line: str) -> bool:
    """polib skips "#~|" lines, and "#.", "#:" or "#," lines with nothing after them."""
    return line.startswith("#~|") or (line[1:2] in (".", ":", ",")
                                      and len(line.split(None, 1)) <= 1)


def _comments(ent: Scanned, entry: polib.POEntry, lines: list[str]) -> None:
    """Comment lines without previous-string continuations: each kind of line goes to
    its own list, so the kinds can be taken apart in bulk (most lines are "#.")."""
    ent.ecomments = [line[3:] for line in lines if line[1:2] == "."]
    ent.tcomments = [line[2:] for line in lines if line[1:2] in (" ", "")]
    if any(SOLARIS_REF.fullmatch(text) for text in ent.tcomments):
        raise _NotPlain
    for line in lines:
        if line[1:2] in (":", ",", "|", "~"):
            _comment(ent, entry, line, previous_line=False)


def _comments_in_order(ent: Scanned, entry: polib.POEntry, lines: list[str]) -> None:
    previous_line = False  # polib: the last line it processed was a "#|" line
    for line in lines:
        _comment(ent, entry, line, previous_line)
        if not _skipped(line):
            previous_line = line.startswith("#|")


def _comment(ent: Scanned, entry: polib.POEntry, line: str, previous_line: bool) -> None:
    """Take one comment line as the scanner and polib would."""
    kind = line[1:2]
    if kind in ("|", "~"):
        return _previous(ent, line, previous_line)
    body = line[2:]
    stripped = line.strip()
    skipped = _skipped(line)
    if kind == ".":
        ent.ecomments.append(body[1:] if body.startswith(" ") else body)
    elif kind == ":":
        if bad_refs(body):
            raise _NotPlain
        ent.has_refs = True
        if not skipped:
            for occurrence in stripped[3:].split():  # polib's split, step for step
                name, number = occurrence, ""
                if ":" in occurrence:
                    name, number = occurrence.rsplit(":", 1)
                    if not number.isdigit():
                        name, number = occurrence, ""
                entry.occurrences.append((name, number))
    elif kind == ",":
        ent.flags.append(body)
        if not skipped:
            entry.flags += [flag.strip() for flag in stripped[3:].split(",")]
    else:  # "# text" or a bare "#"
        text = line[2:] if kind == " " else line[1:]
        if SOLARIS_REF.fullmatch(text):
            raise _NotPlain
        ent.tcomments.append(text)


def _previous(ent: Scanned, line: str, previous_line: bool) -> None:
    obsolete = line.startswith("#~|")
    if ent.obsolete != obsolete or (ent.prev_obsolete is not None
                                    and ent.prev_obsolete != obsolete):
        raise _NotPlain  # "inconsistent use of #~"
    ent.prev_obsolete = obsolete
    found = _PREVIOUS.fullmatch(line, 4 if obsolete else 3)
    if found is None:
        raise _NotPlain
    key, value = found[1], _string(found[2])
    if key is None:  # a continuation: the scanner and polib must agree on what it extends
        if ent.last is None or not ent.last.startswith("prev ") or not (
                obsolete or previous_line):
            raise _NotPlain
        ent.prev[ent.last[5:]] += value
    else:
        ent.prev[key] = value
        ent.last = "prev " + key


def _metadata(po: polib.POFile, header: polib.POEntry) -> None:
    """polib's reading of the header entry, step for step."""
    po.metadata_is_fuzzy = header.flags
    key = None
    for msg in header.msgstr.splitlines():
        try:
            key, val = msg.split(":", 1)
            po.metadata[key] = val.strip()
        except ValueError:
            if key is not None:
                po.metadata[key] += "\n" + msg.strip()
