"""The cheap script test in front of langdetect (BL502/BL503).

langdetect costs milliseconds per text and half a second to load its profiles.
Most texts decide themselves: a source that is nearly all Han ideographs (no kana
or Hangul) is Chinese, a translation whose words are largely English function
words is English. Only the rest goes to the statistical detector.
"""

from __future__ import annotations

import re

# Runs, not characters: counted by length, searched the same (one compile: a class
# of 27,000 ideographs takes milliseconds to build).
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_KANA_HANGUL = re.compile("[\u3040-\u30ff\u1100-\u11ff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\d_]+")
# Words that are frequent in English prose and rare as words of other languages.
_ENGLISH = frozenset(["the", "of", "and", "to", "that", "with", "for", "this", "from", "which", "were", "their", "has", "have", "its", "been", "would", "will", "into", "by", "was", "are", "is", "it", "an", "or", "not", "they", "but", "these", "those", "than", "also"])
HAN_SHARE = 0.8
ENGLISH_SHARE = 0.2
MIN_WORDS = 8


def letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def clearly_chinese(text: str) -> bool:
    count = letters(text)
    if not count or _KANA_HANGUL.search(text):
        return False
    return sum(map(len, _HAN_RUN.findall(text))) >= HAN_SHARE * count


def clearly_english(text: str) -> bool:
    if not text.isascii() and (_HAN_RUN.search(text) or _KANA_HANGUL.search(text)):
        return False
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS or not all(map(str.isascii, words)):
        return False
    common = sum(map(_ENGLISH.__contains__, map(str.lower, words)))
    return common >= ENGLISH_SHARE * len(words)
