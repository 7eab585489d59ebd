"""A .po serializer that writes byte-for-byte what GNU ``msgcat`` (gettext
0.21, default options, UTF-8) writes, so that ``msgcat f.po`` is a no-op on
our output and translators' tools (Poedit, Lokalize, Weblate) see no churn.

The string wrapping follows gettext's ``write-po.c`` ``wrap()``: the value is
cut into portions after each newline, escapes are expanded and made
unbreakable, and each portion is filled greedily to 79 columns using
libunistring's UAX #14 break opportunities (``linebreak``).  Entry layout,
flag normalisation and blank lines follow ``message_print*()``.

This is the one writer of .po text (``pipeline.po.read`` is the one reader);
it is pure: files are written only by ``pipeline.catalog.pofile.write_catalog``.
Public API: ``format_pofile``, ``format_entry``, ``parse_flags``, ``header_entry``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import polib

from . import linebreak as lb
from .directives import protected_positions

__all__ = ["FORMAT_LANGUAGES", "PAGE_WIDTH", "format_entry", "format_pofile",
           "header_entry", "parse_flags"]

PAGE_WIDTH = 79
_NO_WRAP_WIDTH = 2**31 - 1  # gettext uses INT_MAX for "no-wrap" entries

# Order in which msgcat prints "#, X-format" flags (gettext 0.21 format.c).
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp",
    "javascript", "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk",
    "lua", "object-pascal", "smalltalk", "qt", "qt-plural", "kde", "kde-kuit",
    "boost", "tcl", "perl", "perl-brace", "php", "gcc-internal",
    "gfc-internal", "ycp",
)
_LANG_SET = frozenset(FORMAT_LANGUAGES)
_FLAG_SEPARATORS = "\n \t\r\f\v,"

# C escapes gettext writes (\a \b \f \n \r \t \v, plus \\ and \").
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r",
            "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
_ESCAPE_RE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


@dataclass
class Flags:
    """The ``#,`` flags as GNU understands them (and the ones it does not know)."""
    fuzzy: bool = False
    formats: dict[str, str] = field(default_factory=dict)  # lang -> yes/no/possible/impossible
    range: tuple[int, int] | None = None
    no_wrap: bool | None = None  # None = undecided
    unknown: list[str] = field(default_factory=list)

    def format_language(self) -> str | None:
        """First language (in gettext's order) the strings may be parsed as."""
        for lang in FORMAT_LANGUAGES:
            if self.formats.get(lang) in ("yes", "possible"):
                return lang
        return None


def _tokens(text: str) -> list[str]:
    for sep in _FLAG_SEPARATORS[1:]:
        text = text.replace(sep, "\n")
    return [t for t in text.split("\n") if t]


def _parse_range(token: str) -> tuple[int, int] | None:
    lo, sep, hi = token.partition("..")
    if sep and lo.isdigit() and hi.isdigit() and lo.isascii() and hi.isascii():
        lo_i, hi_i = min(int(lo), 2**31 - 1), min(int(hi), 2**31 - 1)
        if lo_i <= hi_i:
            return (lo_i, hi_i)
    return None


def parse_flags(flags: list[str]) -> Flags:
    """Interpret polib's flag strings the way gettext's
    ``po_parse_comment_special`` does (tokens split on blanks and commas)."""
    result = Flags()
    toks = _tokens(",".join(flags))
    i = 0
    while i < len(toks):
        tok = toks[i]
        i += 1
        if tok == "fuzzy":
            result.fuzzy = True
        elif tok.endswith("-format") and _format_flag(tok, result):
            pass
        elif tok == "range:" and i < len(toks) and toks[i][:1].isdigit():
            rng = _parse_range(toks[i])
            i += 1
            if rng:
                result.range = rng
            else:
                result.unknown.append(f"range: {toks[i - 1]}")
        elif tok in ("wrap", "no-wrap"):
            result.no_wrap = tok == "no-wrap"
        else:
            result.unknown.append(tok)
    return result


def _format_flag(tok: str, result: Flags) -> bool:
    name, value = tok[:-len("-format")], "yes"
    for prefix, val in (("no-", "no"), ("possible-", "possible"),
                        ("impossible-", "impossible")):
        if name.startswith(prefix) and name[len(prefix):] in _LANG_SET:
            name, value = name[len(prefix):], val
            break
    if name not in _LANG_SET:
        return False
    result.formats[name] = value
    return True


def flags_line(flags: Flags, first_msgstr: str, obsolete: bool = False) -> str:
    """The ``#,`` line (with newline) or "" when nothing is worth printing."""
    parts: list[str] = []
    if flags.fuzzy and first_msgstr:  # GNU drops fuzzy on untranslated entries
        parts.append("fuzzy")
    for lang in FORMAT_LANGUAGES:
        value = flags.formats.get(lang)
        if value in ("yes", "possible"):
            parts.append(f"{lang}-format")
        elif value == "no":
            parts.append(f"no-{lang}-format")
    if flags.range and not obsolete:  # msgcat 0.21 drops ranges of obsolete entries
        parts.append(f"range: {flags.range[0]}..{flags.range[1]}")
    if flags.no_wrap:
        parts.append("no-wrap")
    # Flags GNU does not know (newer gettext's, a tool's own): msgcat 0.21 drops them,
    # we keep them, after the known ones (a translator's tool put them there).
    parts += flags.unknown
    return "#, " + ", ".join(parts) + "\n" if parts else ""


def _escape_portion(value: str, start: int, end: int,
                    protected: set[int]) -> tuple[str, list[int] | None]:
    """Escape value[start:end]; return it with per-character break overrides
    (None when nothing is overridden, the common case)."""
    chunk = value[start:end]
    if not protected and not _ESCAPE_RE.search(chunk):
        return chunk, None
    out: list[str] = []
    over: list[int] = []
    for k in range(start, end):
        c = value[k]
        brk = lb.PROHIBITED if k in protected else lb.UNDEFINED
        esc = _ESCAPES.get(c)
        if esc is None:
            out.append(c)
            over.append(brk)
        else:  # an escape sequence is never split
            out += ("\\", esc)
            over += (brk, lb.PROHIBITED)
    if chunk.endswith("\n"):
        over[-2] = lb.PROHIBITED  # don't break right before a final "\n"
    return "".join(out), over


def wrap_field(prefix: str, name: str, value: str, *, wrap: bool = True,
               fmt_language: str | None = None, cjk: bool = False) -> str:
    """One keyword and its string, as gettext's ``wrap()`` prints it (`cjk`: the
    catalog's charset is a CJK legacy one, whose columns are measured apart)."""
    protected = protected_positions(fmt_language, value, name.startswith("msgstr"))
    after_break = len(prefix) + 1           # column after a continuation's quote
    width = (PAGE_WIDTH if wrap else _NO_WRAP_WIDTH) - 1 - after_break
    lines: list[str] = []
    first_line = True
    pos, n = 0, len(value)
    while True:
        nl = value.find("\n", pos)
        end = n if nl < 0 else nl + 1
        portion, over = _escape_portion(value, pos, end, protected)
        opportunities: list[int] | None = None  # computed once, lazily
        total = lb.text_width(portion, cjk) if over is None else None
        cuts: list[int] = []
        while True:
            startcol = len(prefix) + (len(name) + 1 if first_line else 0) + 1 - after_break
            if total is not None and startcol + total <= width:
                cuts = []  # fits: no need to run the line breaker
            else:
                if opportunities is None:
                    opportunities = lb.possible_linebreaks(portion, cjk)
                    if over is not None:
                        opportunities = [b if o == lb.UNDEFINED else o
                                         for b, o in zip(opportunities, over, strict=False)]
                    widths = lb.char_widths(portion, cjk)
                cuts = lb.line_cuts(opportunities, widths, width, startcol,
                                    first_only=first_line)
            # A first line that would wrap (or a multi-line value) starts
            # with an empty string: msgid "" / "...".
            if first_line and portion and (end < n or startcol > width or cuts):
                lines.append(f'{prefix}{name} ""\n')
                first_line = False
                continue
            break
        head = f"{prefix}{name} " if first_line else prefix
        first_line = False
        if not cuts:
            lines.append(f'{head}"{portion}"\n')
        else:
            pieces = [portion[a:b] for a, b in zip([0, *cuts], [*cuts, len(portion)], strict=False)]
            lines.append(f'{head}"' + f'"\n{prefix}"'.join(pieces) + '"\n')
        pos = end
        if pos >= n:
            return "".join(lines)


def _comment_lines(marker: str, text: str | None) -> str:
    if text is None or text == "":
        return ""
    return "".join(f"{marker} {line}\n" if line else f"{marker}\n"
                   for line in text.split("\n"))


def _reference_lines(occurrences: list[tuple[str, str]]) -> str:
    """``#:`` lines, wrapped at 79 columns counted in bytes (as GNU does)."""
    seen: set[tuple[str, int]] = set()
    refs: list[str] = []
    for fname, line in occurrences:
        line = str(line)
        num = int(line) if line.isascii() and line.isdigit() else -1
        if num < 0 and line:  # e.g. "a:١": GNU sees a file name, no line
            fname = f"{fname}:{line}"
        if (fname, num) in seen:  # GNU keeps each position once
            continue
        seen.add((fname, num))
        while fname.startswith("./"):
            fname = fname[2:]
        refs.append(fname if num < 0 else f"{fname}:{num}")
    if not refs:
        return ""
    out = ["#:"]
    column = 2
    for ref in refs:
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > PAGE_WIDTH:
            out.append("\n#:")
            column = 2
        out.append(" " + ref)
        column += size
    out.append("\n")
    return "".join(out)


def _msgstrs(entry: polib.POEntry) -> list[tuple[str, str]]:
    if entry.msgid_plural or entry.msgstr_plural:
        forms = entry.msgstr_plural or {0: ""}
        return [(f"msgstr[{i}]", forms[k]) for i, k in enumerate(sorted(forms))]
    return [("msgstr", entry.msgstr or "")]


_CACHE: dict[tuple[object, ...], str] = {}
# Entries remembered: a large catalog's worth. Keys hold an article's own references,
# so no two articles share one; 50,000 kept ~170 MB per update worker for nothing.
_CACHE_LIMIT = 10_000


def _entry_key(entry: polib.POEntry) -> tuple[object, ...]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr,
            tuple(sorted(entry.msgstr_plural.items())), tuple(entry.flags), entry.tcomment,
            entry.comment, tuple(entry.occurrences), bool(entry.obsolete),
            getattr(entry, "previous_msgctxt", None), getattr(entry, "previous_msgid", None),
            getattr(entry, "previous_msgid_plural", None))


def format_entry(entry: polib.POEntry, cjk: bool = False) -> str:
    """One message (without the separating blank line); "" for an obsolete
    entry without translation, which msgcat drops. Memoised on the entry's
    fields: re-writing a large catalog after one edit formats one entry.
    `cjk`: the catalog is in a CJK legacy charset (see linebreak.is_cjk_encoding)."""
    key = (cjk, *_entry_key(entry))
    text = _CACHE.get(key)
    if text is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        text = _CACHE[key] = _format_entry(entry, cjk)
    return text


def _format_entry(entry: polib.POEntry, cjk: bool = False) -> str:
    msgstrs = _msgstrs(entry)
    if entry.obsolete and not msgstrs[0][1]:
        return ""
    flags = parse_flags(list(entry.flags))
    lang = flags.format_language()
    wrap = not flags.no_wrap
    out = [_comment_lines("#", entry.tcomment), _comment_lines("#.", entry.comment),
           _reference_lines(list(entry.occurrences)), flags_line(flags, msgstrs[0][1], bool(entry.obsolete))]
    prev_prefix, prefix = ("#~| ", "#~ ") if entry.obsolete else ("#| ", "")
    for name, attr in (("msgctxt", "previous_msgctxt"), ("msgid", "previous_msgid"),
                       ("msgid_plural", "previous_msgid_plural")):
        value = getattr(entry, attr, None)
        if value is not None:
            out.append(wrap_field(prev_prefix, name, value, wrap=wrap, fmt_language=lang,
                                  cjk=cjk))
    if entry.msgctxt is not None:
        out.append(wrap_field(prefix, "msgctxt", entry.msgctxt, wrap=wrap, fmt_language=lang,
                              cjk=cjk))
    out.append(wrap_field(prefix, "msgid", entry.msgid, wrap=wrap, fmt_language=lang, cjk=cjk))
    if entry.msgid_plural or entry.msgstr_plural:
        out.append(wrap_field(prefix, "msgid_plural", entry.msgid_plural or "",
                              wrap=wrap, fmt_language=lang, cjk=cjk))
    for name, value in msgstrs:
        out.append(wrap_field(prefix, name, value, wrap=wrap, fmt_language=lang, cjk=cjk))
    return "".join(out)


_RAW_HEADER = "_bilingual_raw_header"  # (msgstr as written, metadata as read from it)


def keep_raw_header(po: polib.POFile, msgstr: str) -> None:
    """Remember a header that is not a plain "Key: value\\n" list (merged by
    msgcat from two catalogs, "Generated-By:\\n", a key without its space) so it
    is written back as it was; polib's metadata stays the way to edit it."""
    setattr(po, _RAW_HEADER, (msgstr, dict(po.metadata)))


def copy_header_form(source: polib.POFile, target: polib.POFile) -> None:
    """`target` (a catalog made from `source`: merged, copied) writes its header
    lines as `source` was written, as msgmerge and msgcat keep them."""
    raw = getattr(source, _RAW_HEADER, None)
    if raw is not None:
        setattr(target, _RAW_HEADER, raw)


def _header_msgstr(po: polib.POFile) -> str:
    raw: tuple[str, dict[str, str]] | None = getattr(po, _RAW_HEADER, None)
    if raw is None:
        return "".join(f"{key}: {value}\n" for key, value in po.metadata.items())
    text, as_read = raw
    if po.metadata == as_read:
        return text
    # Keys changed since reading: their last line changes (polib kept the last of
    # two), removed keys go, new ones are added at the end; other lines stay.
    lines = text.splitlines(keepends=True)
    for key in as_read:
        if key in po.metadata and po.metadata[key] == as_read[key]:
            continue
        where = max((i for i, line in enumerate(lines)
                     if line.split(":", 1)[0].strip() == key), default=None)
        if where is None:
            continue
        if key in po.metadata:
            lines[where] = f"{key}: {po.metadata[key]}\n"
        else:
            del lines[where]
    lines += [f"{key}: {value}\n" for key, value in po.metadata.items() if key not in as_read]
    return "".join(lines)


def header_entry(po: polib.POFile) -> polib.POEntry | None:
    """The header as an entry, keeping polib's metadata in file order (polib's
    own ``metadata_as_entry`` re-sorts the keys)."""
    flags = po.metadata_is_fuzzy
    flags = list(flags) if isinstance(flags, list) else (["fuzzy"] if flags else [])
    if not (po.metadata or po.header or flags or getattr(po, _RAW_HEADER, None)):
        return None
    return polib.POEntry(msgid="", msgstr=_header_msgstr(po), tcomment=po.header, flags=flags)


def _declared_charset(po: polib.POFile) -> str | None:
    found = re.search(r"charset=([^\s;]+)", po.metadata.get("Content-Type", ""))
    return found.group(1) if found else None


def format_pofile(po: polib.POFile) -> str:
    """The whole catalog exactly as ``msgcat`` would print it: header, then
    the entries in order, then the obsolete entries, blank-line separated."""
    entries: list[polib.POEntry] = []
    header = header_entry(po)
    if header is not None:
        entries.append(header)
    entries += [e for e in po if not e.obsolete]
    entries += [e for e in po if e.obsolete]
    cjk = lb.is_cjk_encoding(_declared_charset(po))
    chunks = [text for text in (format_entry(e, cjk) for e in entries) if text]
    return "\n".join(chunks)

