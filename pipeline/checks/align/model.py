"""Sentences, links and alignments as typed data (the API other stages read)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """One sentence of a segment: `text == segment[start:end]` (no outer whitespace)."""

    start: int
    end: int
    text: str


class Shape(str, enum.Enum):
    """How many sentences a link joins on each side."""

    ONE_TO_ONE = "1-1"
    MANY = "n-m"       # 1-2, 2-1, 1-3, 3-1, 2-2: a sentence split or joined in translation
    OMITTED = "1-0"    # a source sentence with no counterpart
    ADDED = "0-1"      # a target sentence with no counterpart

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Link:
    """Source sentences `source` (indices, consecutive) say what target sentences
    `target` say; `confidence` is the link's posterior probability (0..1)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float

    @property
    def shape(self) -> Shape:
        if not self.target:
            return Shape.OMITTED
        if not self.source:
            return Shape.ADDED
        if len(self.source) == len(self.target) == 1:
            return Shape.ONE_TO_ONE
        return Shape.MANY


@dataclass(frozen=True)
class Alignment:
    """The sentences of a source and its translation and the links between them, in
    order: every sentence of either side is in exactly one link."""

    source_text: str
    target_text: str
    source: tuple[Sentence, ...]
    target: tuple[Sentence, ...]
    links: tuple[Link, ...]

    def source_of(self, link: Link) -> str:
        """The link's source sentences, joined with a space ("" for an added sentence)."""
        return " ".join(self.source[i].text for i in link.source)

    def target_of(self, link: Link) -> str:
        """The link's target sentences, joined with a space ("" for an omitted sentence)."""
        return " ".join(self.target[i].text for i in link.target)

    def source_span(self, link: Link) -> tuple[int, int] | None:
        """Offsets of the link in `source_text` (None for an added sentence)."""
        return _span(self.source, link.source)

    def target_span(self, link: Link) -> tuple[int, int] | None:
        """Offsets of the link in `target_text` (None for an omitted sentence)."""
        return _span(self.target, link.target)

    def omitted(self, at_least: float = 0.0) -> list[Link]:
        """Source sentences left untranslated, with at least this confidence."""
        return [k for k in self.links if k.shape is Shape.OMITTED and k.confidence >= at_least]

    def added(self, at_least: float = 0.0) -> list[Link]:
        """Target sentences with no source, with at least this confidence."""
        return [k for k in self.links if k.shape is Shape.ADDED and k.confidence >= at_least]


def _span(sentences: tuple[Sentence, ...], indices: tuple[int, ...]) -> tuple[int, int] | None:
    if not indices:
        return None
    return sentences[indices[0]].start, sentences[indices[-1]].end
