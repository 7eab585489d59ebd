"""Sentence splitting for sentence-level memory units.

Chinese ends sentences with 。！？ (possibly doubled, and followed by closing
quotes or brackets); English goes through pysbd, which knows abbreviations and
decimals. A segment yields sentence pairs only when both sides split into the
same number of sentences: then the n-th sentences are taken as translations.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

_ZH_SENTENCE = re.compile(r"[^。！？]*(?:[。！？]+[”’」』）》\"']*|$)")


def split_source(text: str) -> list[str]:
    return [s.strip() for s in _ZH_SENTENCE.findall(text) if s.strip()]


@lru_cache(maxsize=4)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False)


@lru_cache(maxsize=65536)
def split_target(text: str, language: str = "en") -> tuple[str, ...]:
    try:
        segmenter = _segmenter(language)
    except ValueError:  # pysbd lacks the language: English rules are the safest guess
        segmenter = _segmenter("en")
    return tuple(s.strip() for s in segmenter.segment(text) if s.strip())


def sentence_pairs(source: str, target: str, language: str = "en") -> list[tuple[str, str]]:
    """Aligned (source, target) sentences, or [] when the counts differ or there is one."""
    sources = split_source(source)
    if len(sources) < 2:
        return []
    targets = split_target(target, language)
    if len(targets) != len(sources):
        return []
    return list(zip(sources, targets))
