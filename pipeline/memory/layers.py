"""A memory in layers looked up as one: the workbench's catalogs (rebuilt when one is
saved) over the imported TMX files (an index kept on disk, rebuilt only when a TMX
file changes), so saving a catalog does not rebuild the large part of the memory."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import TYPE_CHECKING

from .model import Match, MemoryUnit

if TYPE_CHECKING:
    from .index import TranslationMemory


class LayeredMemory:
    """Each layer's best matches, merged best first; on equal scores the earlier
    layer wins, as earlier units do inside one memory."""

    def __init__(self, *layers: TranslationMemory):
        self.layers = layers

    def lookup(self, source: str, threshold: float = 75.0, limit: int = 3,
               exclude_file: str | None = None) -> list[Match]:
        found = [m for layer in self.layers
                 for m in layer.lookup(source, threshold, limit, exclude_file)]
        found.sort(key=lambda m: -m.score)  # stable: the earlier layer wins ties
        return found[:limit]

    def partial_pool(self, query: str, min_share: float) -> Iterator[MemoryUnit]:
        """Each layer's units that a partial-match scan must look at, in order."""
        return chain.from_iterable(layer.partial_pool(query, min_share)
                                   for layer in self.layers)

    @property
    def units(self) -> Iterator[MemoryUnit]:
        """Every layer's units, in order (read, never copied)."""
        return chain.from_iterable(layer.units for layer in self.layers)
