"""BL701–BL706: house style of the target text, as configured in `[style]`.

Only the prose a reader sees is checked (Markdown text tokens: no code spans,
no URLs). Each rule reports the first few offending spots of an entry in one
finding, so a badly styled paragraph is one line, not ten.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from ...config import PercentStyle, QuoteStyle, RangeDash, Spelling, Style
from ...glossary.prefilter import folded
from ..findings import Finding
from .base import EntryContext, EntryView, inline_tokens, is_plain

# -ize/-ise stems common in policy and economic prose (analyse/analyze apart:
# Oxford spelling keeps -yse).
_IZE_STEMS = ["organ", "real", "recogn", "special", "modern", "urban", "industrial", "digital", "priorit", "emphas", "minim", "maxim", "optim", "standard", "mobil", "util", "revital", "character", "civil", "privat", "subsid", "summar", "symbol", "harmon", "capital", "commercial", "central", "decentral", "local", "normal", "stabil", "visual", "apolog", "categor", "critic", "final", "legal", "memor", "author", "popular", "public", "global", "national", "moneti", "incentiv", "energ", "desalin"]
_IZE_ENDINGS = "e|es|ed|ing|ation|ations|er|ers"
# The -ize/-ise words are those of `\b(stem)(i[sz])(ending)\b` (IGNORECASE): found as
# a hint in the folded text (a literal first character, no IGNORECASE), then this
# pattern anchored to the hint's word.
_IZE_WORD = re.compile(rf"({'|'.join(_IZE_STEMS)})(i[sz])({_IZE_ENDINGS})", re.IGNORECASE)
_IZE_HINT = re.compile(rf"i[sz](?:{_IZE_ENDINGS})\b")
_LONGEST_STEM = max(map(len, _IZE_STEMS))
_YSE = re.compile(r"\b(anal|paral|catal)(y[sz])(e|es|ed|ing)\b", re.IGNORECASE)
_YSE_HINT = re.compile(r"aly[sz](?:e|es|ed|ing)\b")
# (British, American) pairs whose American form is not another common word.
_PAIRS = tuple(tuple(pair.split("/")) for pair in ["centre/center", "kilometre/kilometer", "centimetre/centimeter", "millimetre/millimeter", "colour/color", "favour/favor", "honour/honor", "labour/labor", "neighbour/neighbor", "behaviour/behavior", "harbour/harbor", "endeavour/endeavor", "flavour/flavor", "vigour/vigor", "rumour/rumor", "odour/odor", "defence/defense", "offence/offense", "catalogue/catalog", "dialogue/dialog", "travelled/traveled", "travelling/traveling", "modelling/modeling", "labelled/labeled", "fulfil/fulfill", "enrolment/enrollment", "ageing/aging", "grey/gray", "jewellery/jewelry", "aluminium/aluminum", "sulphur/sulfur", "mould/mold", "plough/plow", "theatre/theater", "fibre/fiber", "litre/liter", "programme/program", "tonnes/tons", "tyres/tires"])
_SUFFIX = r"(?:s|ed|ing|ful|ite|ites|able|ably|ers?|ation)?"


@cache  # compiled when first needed: most are never asked for
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b{word}{_SUFFIX}\b", re.IGNORECASE)


def prose(msgstr: str) -> str:
    """The target's reader-visible prose; a line break is a space, any other token
    (code span, link target, markup) a NUL, which no style pattern matches. Most
    texts have no inline syntax: they are their own prose, with no parse (a NUL
    aside, which the parser reads as U+FFFD)."""
    if is_plain(msgstr) and "\0" not in msgstr:
        return msgstr
    return "".join(t.content if t.type == "text" else
                   " " if t.type in ("softbreak", "hardbreak") else "\0"
                   for t in inline_tokens(msgstr))


def _shown(samples: list[str], fix: Callable[[str], str] | None = None) -> str:
    """Up to three samples, each with its house form when `fix` gives it: "3-5" → "3–5"."""
    uniq = list(dict.fromkeys(samples))
    return ", ".join(f'"{s}"' + (f' → "{fix(s)}"' if fix else "") for s in uniq[:3]) \
        + (" …" if len(uniq) > 3 else "")


def _quotes(text: str, style: QuoteStyle) -> Iterator[tuple[str, str]]:
    if style in (QuoteStyle.CURLY_DOUBLE, QuoteStyle.CURLY_SINGLE):
        if '"' in text:
            yield '"', "straight double quote"
        # a straight single quote opening a quotation (not an apostrophe)
        if "'" in text and _OPENING_SINGLE.search(text):
            yield "'", "straight single quote"
        outer, inner = ("“", "‘") if style is QuoteStyle.CURLY_DOUBLE else ("‘", "“")
        if inner in text and outer not in text:
            yield inner, f"{inner}…{'’' if inner == '‘' else '”'} as the outer quotes"
    else:
        for mark in "“”‘":
            if mark in text:
                yield mark, "curly quote"


def _spelling(text: str, style: Spelling) -> Iterator[str]:
    # Every pattern here matches whole words of ASCII letters, so a case-folded copy
    # (offsets kept) tells cheaply which can match at all; the patterns decide, in the
    # same order as ever: -ize/-ise words, -yse words, then each pair in turn.
    low = folded(text)
    wrong_ize = "z" if style is Spelling.BRITISH else "s"
    for m in _ize_words(text, low):
        if m.group(2)[1].lower() == wrong_ize:
            yield m.group()
    if _YSE_HINT.search(low):
        for m in _YSE.finditer(text):
            if m.group(2)[1].lower() == ("s" if style is Spelling.AMERICAN else "z"):
                yield m.group()
    for british, american in _PAIRS:
        wrong = british if style is Spelling.AMERICAN else american
        if wrong in low:
            for m in _word_pattern(wrong).finditer(text):
                if not _spelt_right_anyway(m.group(), british) and not _in_a_name(text, m):
                    yield m.group()


def _spelt_right_anyway(word: str, british: str) -> bool:
    """British doubles the l of fulfil before -ed/-ing too: "fulfilled" is right."""
    return british.endswith("l") and not british.endswith("ll") and \
        word.lower().startswith(british + "l") and word.lower().endswith(("ed", "ing"))


def _in_a_name(text: str, m: re.Match[str]) -> bool:
    """A capitalised word inside a sentence is part of a proper name, spelt as its
    owner spells it (the U.S. Department of Defense, the Labor Party)."""
    if not m.group()[0].isupper():
        return False
    before = text[:m.start()].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“‘'(\n"


def _ize_words(text: str, low: str) -> Iterator[re.Match[str]]:
    r"""What `\b(stem)(i[sz])(ending)\b` finds in `text`. A match is a whole word (a
    run of \w) ending in a hint (i[sz] + ending, which occurs once in such a word):
    only the few words with a hint are tried, and the pattern, anchored, decides."""
    for hint in _IZE_HINT.finditer(low):
        end, start = hint.end(), hint.start()
        limit = start - _LONGEST_STEM - 1
        while start > 0 and start > limit and _is_word(low[start - 1]):
            start -= 1
        if start == limit:
            continue  # a longer stem than any: not a match
        m = _IZE_WORD.fullmatch(text, start, end)
        if m is not None:
            yield m


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what `re` calls \w


def _fix_spelling(word: str, style: Spelling) -> str:
    for british, american in _PAIRS:
        a, b = (american, british) if style is not Spelling.AMERICAN else (british, american)
        if word.lower().startswith(a):
            fixed = b + word[len(a):]
            return fixed[0].upper() + fixed[1:] if word[0].isupper() else fixed
    if _YSE.fullmatch(word):
        return re.sub("y[sz]", "yz" if style is Spelling.AMERICAN else "ys", word, count=1)
    return re.sub("i[sz]", "is" if style is Spelling.BRITISH else "iz", word, count=1)


# Why possessive words and a run start: a word is always followed by a space, a
# comma or the end, so giving back letters never helps, and a match from inside a
# word implies one from its first letter; the leftmost match is the same, found
# without trying every letter of every word.
_ITEM = r"[\w’'-]++(?: [\w’'-]++){0,3}"
# The last item never opens with the conjunction: "Beijing, Shanghai, and Guangzhou
# and Shenzhen" has its serial comma (the "and" after it is inside an item).
_NO_SERIAL = re.compile(rf"(?<![\w’'-]){_ITEM}, {_ITEM}, (?!(?:and|or) ){_ITEM} (?:and|or) [\w’'-]++")
_SERIAL = re.compile(rf"(?<![\w’'-]){_ITEM}, {_ITEM}, (?:and|or) [\w’'-]++")
_RANGE = {
    RangeDash.EN_DASH: re.compile(r"(?<![\w.-])\d+(?:\.\d+)?%?[-—]\d+(?:\.\d+)?%?(?![\w.-]*\d)"),
    RangeDash.HYPHEN: re.compile(r"(?<![\w.])\d+(?:\.\d+)?%?[–—]\d+(?:\.\d+)?%?(?!\d)"),
    RangeDash.TO: re.compile(r"(?<![\w.-])\d+(?:\.\d+)?%?[-–—]\d+(?:\.\d+)?%?(?![\w.-]*\d)"),
}
# Why hints: a pattern opening with a lookbehind is tried at every position of the
# text; these literals, found fast, are in every match (a digit or % before the dash
# and a digit after it; both commas of a list and its "and"/"or").
_RANGE_HINT = re.compile(r"[\d%][-–—]\d")


def _may_list(text: str, serial_comma: bool) -> bool:
    if text.count(", ") < 2:
        return False
    if serial_comma:
        return " and " in text or " or " in text
    return ", and " in text or ", or " in text


_SENTENCE_END = re.compile(r"[.;:!?]")


def _list_without_house_comma(text: str, serial_comma: bool) -> re.Match[str] | None:
    """The first list that breaks the house rule. With the serial comma, an "and"
    inside an item ("fruit and vegetables, livestock products, liquor and wine,
    pharmaceuticals, and health products") is not the list's last: a list that goes
    on (", pharmaceuticals", ", or tea") to a ", and" / ", or" has its serial comma.
    A clause after the list (", and we sell them") does not excuse it."""
    if not serial_comma:
        return _SERIAL.search(text)
    for match in _NO_SERIAL.finditer(text):
        end = _SENTENCE_END.search(text, match.end())
        rest = text[match.end():end.start() if end else len(text)]
        conjunction = _LATER_CONJUNCTION.search(rest) if rest.startswith(", ") else None
        if conjunction is None or conjunction.group(1).lower() in _CLAUSE_OPENERS:
            return match
    return None


_LATER_CONJUNCTION = re.compile(r", (?:and|or) ([\w’'-]+)")
# Words that open a clause, not a list's last item, after ", and".
_CLAUSE_OPENERS = frozenset(["i", "we", "you", "he", "she", "it", "they", "this", "these",
                             "that", "those", "there", "its", "their", "our"])


_OPENING_SINGLE = re.compile(r"(?:^|(?<=[\s(]))'(?=\w)")
_RANGE_WANT = {RangeDash.EN_DASH: "an en dash (2020–2025)", RangeDash.HYPHEN:
               "a hyphen (2020-2025)", RangeDash.TO: '"to" (2020 to 2025)'}
# The whole figure (19.6 per cent, not 6 per cent), and how house style writes it.
_FIGURE = r"\d+(?:[.,]\d+)*"
_PERCENT = {
    PercentStyle.SYMBOL: (re.compile(rf"({_FIGURE})\s*(?:per ?cent)\b", re.I), "{}%"),
    PercentStyle.PER_CENT: (re.compile(rf"({_FIGURE})\s*(?:%|percent\b)", re.I), "{} per cent"),
    PercentStyle.PERCENT: (re.compile(rf"({_FIGURE})\s*(?:%|per cent\b)", re.I), "{} percent"),
}
_RANGE_DASH = {RangeDash.EN_DASH: "–", RangeDash.HYPHEN: "-", RangeDash.TO: " to "}
_ANY_DASH = re.compile(r"[-–—]")

_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_SPACE_BEFORE = re.compile(r"(?<=\w) +[,.;:!?](?![\d.])")
_SPACE_BEFORE_HINT = re.compile(" [,.;:!?]")
_UNITS = r"(?:km²|km2|km|m²|m|kg|g|t|ha|mu|kW|kWh|MW|GW|°C)"
_PLAIN_SPACE_UNIT = re.compile(rf"\d (?={_UNITS}\b)")


def style_findings(view: EntryView, style: Style) -> list[Finding]:
    text = prose(view.msgstr)
    out: list[Finding] = []
    quotes = list(_quotes(text, style.quotes))
    if quotes:
        mark, what = quotes[0]
        out.append(view.finding("BL701", f"{what} ({mark}) in the translation; house style "
                                         f"is {style.quotes.value}", found=mark))
    words = list(_spelling(text, style.spelling))
    if words:
        fixes = ", ".join(f'"{w}" → "{_fix_spelling(w, style.spelling)}"'
                          for w in dict.fromkeys(words))
        out.append(view.finding("BL702", f"spelling ({style.spelling.value}): {fixes}",
                                term=words[0], found=words[0]))
    serial = _list_without_house_comma(text, style.serial_comma) \
        if _may_list(text, style.serial_comma) else None
    if serial:
        want = 'uses the serial comma (", and")' if style.serial_comma else \
            "has no serial comma"
        out.append(view.finding("BL703", f'"{serial.group()}": house style {want}',
                                found=serial.group()))
    ranges = [m.group() for m in _RANGE[style.range_dash].finditer(text)] \
        if _RANGE_HINT.search(text) else []
    if ranges:
        dash = _RANGE_DASH[style.range_dash]
        fixed = _shown(ranges, lambda r: _ANY_DASH.sub(dash, r, count=1))
        out.append(view.finding("BL704", f"range {fixed}: house style is "
                                         f"{_RANGE_WANT[style.range_dash]}", found=ranges[0]))
    pattern, form = _PERCENT[style.percent]
    percents = list(pattern.finditer(text))
    if percents:
        by_text = {m.group(): form.format(m.group(1)) for m in percents}
        example = form.format("45")
        out.append(view.finding("BL705", f"{_shown(list(by_text), by_text.__getitem__)}"
                                         f': house style is "{example}"',
                                found=percents[0].group()))
    spacing = []
    if "  " in text and _DOUBLE_SPACE.search(text):
        spacing.append("double space")
    before = _SPACE_BEFORE.search(text) if _SPACE_BEFORE_HINT.search(text) else None
    if before:
        spacing.append(f'space before "{before.group().strip()}"')
    if style.nbsp_before_units and _PLAIN_SPACE_UNIT.search(text):
        spacing.append("plain space between a number and its unit (use a no-break space)")
    if spacing:
        out.append(view.finding("BL706", "spacing: " + "; ".join(spacing)))
    return out


def check(view: EntryView, ctx: EntryContext) -> list[Finding]:
    """The registry's entry point (`Rule.check`)."""
    return style_findings(view, ctx.style)
