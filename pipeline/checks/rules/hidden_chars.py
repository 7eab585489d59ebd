"""BL505: bidi controls, zero-width characters, soft hyphens and tag characters.

They are invisible in editors and browsers yet reorder or hide text (the
"Trojan Source" trick), or split a word where no one can see it (U+00AD), or
smuggle text no reader sees (the tag characters U+E0000–E007F). A source, a
translation or a glossary row holding one is an error, reported with the
character's code point so it can be found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from ...glossary import Glossary
from ...model import Article
from ..findings import Finding, make
from .base import EntryContext, EntryView

# Bidi embeddings/overrides/isolates and marks, zero-width and invisible joiners,
# the soft hyphen.
HIDDEN = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
    "\u200b\u200c\u200d\u2060\ufeff"  # ZWSP ZWNJ ZWJ WJ ZWNBSP
    "\u2061\u2062\u2063\u2064\u180e"  # invisible operators, Mongolian vowel separator
    "\u00ad"  # SOFT HYPHEN
)
TAGS = range(0xE0000, 0xE0080)  # LANGUAGE TAG, TAG SPACE … CANCEL TAG
# One character class, so the scan runs in C, not a Python loop per character.
_HIDDEN_RE = re.compile("[" + "".join(sorted(HIDDEN)) + "\U000E0000-\U000E007F]")


def hidden_in(text: str) -> list[str]:
    """The invisible characters of `text`, each once, in code point order."""
    if text.isascii() or _HIDDEN_RE.search(text) is None:
        return []
    return sorted(set(_HIDDEN_RE.findall(text)))


def describe(found: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'format character')}"
                     for c in found)


def hidden_findings(view: EntryView) -> list[Finding]:
    """In a translation (the source's own are reported at the source: source_hidden)."""
    in_source = hidden_in(view.msgid)
    found = [c for c in hidden_in(view.msgstr) if c not in in_source]
    if not found:
        return []
    return [view.finding("BL505", f"invisible character(s) in the translation: "
                                  f"{describe(found)} (they can reorder or hide text; "
                                  "delete them)")]


def source_hidden(article: Article, source_file: str) -> list[Finding]:
    """In the source, at its line, translated or not."""
    return [make("BL505", source_file, segment.line_start, "invisible character(s) in the "
                 f"source: {describe(found)} (they can reorder or hide text; delete them)")
            for segment in article.segments if (found := hidden_in(segment.text))]


def glossary_hidden(glossary: Glossary, show: Callable[[Path | str], str]) -> list[Finding]:
    """BL505 on glossary rows: a term or rendering no one can see is whole."""
    findings = []
    for term in glossary.terms:
        fields = {"term": term.term, "english": term.english, "variants": " ".join(term.variants),
                  "forbidden": " ".join(term.forbidden), "pinyin": term.pinyin,
                  "gloss": term.gloss, "note": term.note}
        for name, text in fields.items():
            found = hidden_in(text)
            if found:
                findings.append(make("BL505", show(term.path) if term.path else "glossary",
                                     term.line or 1, f"glossary {name} of {term.term}: "
                                     f"invisible character(s) {describe(found)} (delete them)",
                                     term=term.term))
    return findings


def check(view: EntryView, ctx: EntryContext) -> list[Finding]:
    """The registry's entry point (`Rule.check`)."""
    return hidden_findings(view)
