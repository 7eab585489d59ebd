"""What counts as Chinese text when joining lines and normalising punctuation.

One definition for the importer and the segmenter: Han ideographs (with the
compatibility block), CJK punctuation, full-width forms and curly quotes.
"""

from __future__ import annotations

import re

HAN = "\u3400-\u9fff\uf900-\ufaff"
CJK_CONTEXT = rf"[{HAN}\u3000-\u303f\uff00-\uffef“”‘’]"
_CJK_CHAR = re.compile(CJK_CONTEXT)


def is_cjk(char: str) -> bool:
    """True for one character of Chinese text context ('' is not)."""
    return bool(char) and _CJK_CHAR.match(char) is not None
