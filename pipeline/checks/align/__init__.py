"""Sentence alignment inside a translated segment (see docs/alignment.md).

    >>> from pipeline.checks.align import align_pair
    >>> a = align_pair("人才是关键。人才哪里找？", "Talent is the key. Where is talent found?")
    >>> [(a.source_of(k), a.target_of(k)) for k in a.links]
    [('人才是关键。', 'Talent is the key.'), ('人才哪里找？', 'Where is talent found?')]

Names load from their module when first used: the sentence splitter alone does
not bring in the aligner's evidence tables (the workbench page only splits).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .aligner import Params, align_pair, align_sentences
    from .model import Alignment, Link, Sentence, Shape
    from .split import split_chinese, split_english

_MODULE = {"Params": "aligner", "align_pair": "aligner", "align_sentences": "aligner",
           "Alignment": "model", "Link": "model",
           "Sentence": "model", "Shape": "model", "split_chinese": "split",
           "split_english": "split"}

__all__ = ["Alignment", "Link", "Params", "Sentence", "Shape", "align_pair",
           "align_sentences", "split_chinese", "split_english"]


def __getattr__(name: str) -> Any:
    if name not in _MODULE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULE[name]}", __name__), name)
    globals()[name] = value
    return value
