"""Sentence alignment inside a translated segment (see docs/alignment.md).

    >>> from pipeline.checks.align import align_pair
    >>> a = align_pair("人才是关键。人才哪里找？", "Talent is the key. Where is talent found?")
    >>> [(a.source_of(k), a.target_of(k)) for k in a.links]
    [('人才是关键。', 'Talent is the key.'), ('人才哪里找？', 'Where is talent found?')]
"""

from .aligner import Params, align_pair, align_sentences, plainly_one_to_one
from .model import Alignment, Link, Sentence, Shape
from .split import split_chinese, split_english

__all__ = ["Alignment", "Link", "Params", "Sentence", "Shape", "align_pair",
           "align_sentences", "plainly_one_to_one", "split_chinese", "split_english"]
