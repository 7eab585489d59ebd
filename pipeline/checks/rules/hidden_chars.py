"""BL505: bidi controls and zero-width characters in a translation.

They are invisible in editors and browsers yet reorder or hide text (the
"Trojan Source" trick), so a translation holding one is an error, reported
with the character's code point so it can be found.
"""

from __future__ import annotations

import unicodedata

from ..findings import Finding
from .base import EntryView

# Bidi embeddings/overrides/isolates and marks, zero-width and invisible joiners.
HIDDEN = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
    "\u200b\u200c\u200d\u2060\ufeff"  # ZWSP ZWNJ ZWJ WJ ZWNBSP
    "\u2061\u2062\u2063\u2064\u180e"  # invisible operators, Mongolian vowel separator
)


def hidden_findings(view: EntryView) -> list[Finding]:
    found = sorted(HIDDEN.intersection(view.msgstr).difference(view.msgid))
    if not found:
        return []
    names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'format character')}"
                      for c in found)
    return [view.finding("BL505", f"invisible character(s) in the translation: {names} "
                                  "(they can reorder or hide text; delete them)")]
