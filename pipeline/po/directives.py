"""Extents of format-string directives, for the "don't break inside a
directive" rule of gettext's ``wrap()``.

When an entry carries a (possible-)X-format flag, msgcat parses the string as
an X format string and forbids line breaks *inside* each valid directive
(e.g. between "%" and "-s" in "%-s", or after the space in "% d").  Parsing
stops at the first invalid directive, exactly like gettext's parsers: later
directives then get no protection.  Implemented for the languages that
matter to us (c, python, python-brace -- the latter with a gettext 0.21
quirk, see ``_brace_protected``); for other languages nothing is protected,
which only differs from GNU when a break opportunity falls inside such a
directive.  All of this was checked against msgcat with randomised strings.
"""
from __future__ import annotations

Span = tuple[int, int]  # inclusive (start, end) character indices

_C_CONVERSIONS = set("diouxXeEfFgGaAcCsSpn%")
_C_SIZES = ("hh", "ll", "h", "l", "L", "q", "j", "z", "Z", "t")
_PY_CONVERSIONS = set("%csridouxXeEfgG")


def _digits(s: str, i: int) -> int:
    while i < len(s) and "0" <= s[i] <= "9":
        i += 1
    return i


def _argno(s: str, j: int) -> tuple[int, bool] | None:
    # "m$" after a '%' or '*': returns (next index, used) or None on m == 0
    k = _digits(s, j)
    if k > j and k < len(s) and s[k] == "$":
        return (None if int(s[j:k]) == 0 else (k + 1, True))
    return (j, False)


def _c_width_precision(s: str, i: int) -> tuple[int, bool, bool] | None:
    """Width and precision from `i` (digits, '*' or '*m$'): the next index and
    whether a star took a numbered and an unnumbered argument; None on '*0$'."""
    n = len(s)
    uses_num = uses_plain = False
    for _part in ("width", "precision"):
        if _part == "precision":
            if i < n and s[i] == ".":
                i += 1
            else:
                break
        if i < n and s[i] == "*":
            r = _argno(s, i + 1)
            if r is None:
                return None
            i, star_num = r
            uses_num |= star_num
            uses_plain |= not star_num
        else:
            i = _digits(s, i)
    return i, uses_num, uses_plain


def _c_spans(s: str, is_msgstr: bool) -> list[Span]:
    spans: list[Span] = []
    numbered = unnumbered = False
    n = len(s)
    i = 0
    while (i := s.find("%", i)) >= 0:  # at each '%' left
        start = i
        r = _argno(s, i + 1)
        if r is None:
            break
        i, has_num = r
        while i < n and (s[i] in " +-#0'" or (is_msgstr and s[i] == "I")):
            i += 1
        stars = _c_width_precision(s, i)
        if stars is None:
            return spans
        i, star_num, uses_plain = stars
        uses_num = has_num | star_num
        if i < n and s[i] == "<":
            # <PRIdMAX>-style inttypes macro, closed by '>'
            close = s.find(">", i)
            if close < 0 or not s[i + 1:close].startswith("PRI"):
                break
            i = close
        else:
            for size in _C_SIZES:
                if s.startswith(size, i):
                    i += len(size)
                    break
            if i >= n or s[i] not in _C_CONVERSIONS:
                break
            if s[i] != "%":
                uses_num |= has_num
                uses_plain |= not has_num
        numbered |= uses_num
        unnumbered |= uses_plain
        if numbered and unnumbered:
            break  # mixing %1$s and %s is invalid: parsing stops here
        spans.append((start, i))
        i += 1
    return spans


def _star_or_digits(s: str, i: int) -> tuple[int, bool]:
    """A Python width or precision from `i`, '*' or digits: the next index and
    whether it was '*'."""
    if i < len(s) and s[i] == "*":
        return i + 1, True
    return _digits(s, i), False


def _python_spans(s: str) -> list[Span]:
    spans: list[Span] = []
    named = unnamed = False
    n = len(s)
    i = 0
    while (i := s.find("%", i)) >= 0:  # at each '%' left
        start = i
        i += 1
        name = False
        if i < n and s[i] == "(":
            depth = 0
            i += 1
            while i < n and not (s[i] == ")" and depth == 0):
                depth += {"(": 1, ")": -1}.get(s[i], 0)
                i += 1
            if i >= n:
                break
            i += 1
            name = True
        while i < n and s[i] in "-+ #0":
            i += 1
        i, star = _star_or_digits(s, i)  # width
        if i < n and s[i] == ".":
            i, precision_star = _star_or_digits(s, i + 1)
            star |= precision_star
        if star:  # an unnamed argument
            if named:
                break
            unnamed = True
        if i < n and s[i] in "hlL":
            i += 1
        if i >= n or s[i] not in _PY_CONVERSIONS:
            break
        if name:
            if unnamed:
                break
            named = True
        elif s[i] != "%":
            if named:
                break
            unnamed = True
        spans.append((start, i))
        i += 1
    return spans


# --- python-brace: gettext 0.21 records each directive's marks relative to
# that directive's own '{' (its FDI_SET uses a per-directive base pointer), so
# every valid directive marks START at index 0 and END at its length - 1.
# The net effect, reproduced here, is that msgcat protects the *first* few
# characters of the string, not the directives (verified against msgcat).

def _ident_end(s: str, i: int) -> int:
    n = len(s)
    if i < n and s[i].isascii() and (s[i].isalpha() or s[i] == "_"):
        i += 1
        while i < n and s[i].isascii() and (s[i].isalnum() or s[i] == "_"):
            i += 1
    return i


def _brace_directive(s: str, d: int, toplevel: bool) -> tuple[bool, int, int]:
    """Parse the directive at s[d] == '{'.  Returns (True, index after it, d)
    or (False, error position, base) -- gettext records the error at
    position - base, base being the '{' of the (possibly nested) directive."""
    n = len(s)
    f = d + 1
    if f < n and s[f] == "{":
        return True, f + 1, d
    g = _ident_end(s, f)
    if g == f:
        g = _digits(s, f)
    if g == f:  # 0.21 requires a field name
        return False, (f - 1 if f >= n else f), d
    f = g
    while f < n and s[f] in ".[":
        bracket = s[f] == "["
        f += 1
        g = _ident_end(s, f)
        if bracket and g == f:
            g = _digits(s, f)
        if g == f:
            return False, (f - 1 if f >= n else f), d
        f = g
        if bracket:
            if f >= n or s[f] != "]":
                return False, f + 1, d  # (sic) where 0.21 puts this mark
            f += 1
    if f < n and s[f] == ":":
        if not toplevel:
            return False, f, d
        f += 1
        if f < n and s[f] == "{":
            ok, val, base = _brace_directive(s, f, False)
            if not ok:
                return False, val, base

            f = val
        else:
            if f >= n:
                return False, f - 1, d
            if f + 1 < n and s[f + 1] in "<>=^" and s[f].isascii():  # a byte in C
                f += 2
            elif s[f] in "<>=^":
                f += 1
            for opt in "+- ", "#", "0":
                if f < n and s[f] in opt:
                    f += 1
            f = _digits(s, f)
            if f < n and s[f] == ".":  # 0.21 accepts "." without digits
                f = _digits(s, f + 1)
            if f < n and s[f] in "bcdoxXneEfFgG%":
                f += 1
    if f >= n or s[f] != "}":
        return False, f, d
    return True, f + 1, d


def _brace_protected(s: str) -> set[int]:
    def nbytes(a: int, b: int) -> int:  # gettext's offsets are byte offsets
        return len(s[a:b].encode("utf-8"))

    ends: list[int] = []
    errors: list[int] = []
    i = 0
    while i < len(s):
        if s[i] != "{":
            i += 1
            continue
        ok, val, base = _brace_directive(s, i, True)
        if not ok:
            errors.append(nbytes(base, val))
            break
        if not s.startswith("{{", i):
            ends.append(nbytes(i, val - 1))
        i = val
    if not ends or min(ends + errors) in errors:
        return set()
    last = min(ends)
    out: set[int] = set()
    offset = 0
    for k, ch in enumerate(s):  # characters whose first byte is in 1..last
        if offset > last:
            break
        if offset >= 1:
            out.add(k)
        offset += len(ch.encode("utf-8"))
    return out


def directive_spans(language: str, value: str, is_msgstr: bool) -> list[Span]:
    """Valid directives of ``value`` read as a ``language`` format string."""
    if language == "c":
        return _c_spans(value, is_msgstr)
    if language == "python":
        return _python_spans(value)
    return []


def protected_positions(language: str | None, value: str, is_msgstr: bool) -> set[int]:
    """Character indices before which msgcat may not break (directive
    interiors: every character of a directive except its first)."""
    if not language or not value:
        return set()
    if language == "python-brace":
        return _brace_protected(value)
    out: set[int] = set()
    for start, end in directive_spans(language, value, is_msgstr):
        out.update(range(start + 1, end + 1))
    return out
