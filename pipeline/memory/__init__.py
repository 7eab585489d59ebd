"""Translation memory: units from the project's catalogs and TMX files, an
n-gram index for fuzzy lookup, TMX interchange and msgmerge --compendium fill.

The names below are imported when first used (PEP 562): the index needs numpy and
rapidfuzz, the fill pysbd, and an `update` with nothing to fill needs none of them."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fill import FillReport, fill_from_memory
    from .index import TranslationMemory
    from .model import Match, MemoryUnit, UnitKind

_HOMES = {"FillReport": "fill", "fill_from_memory": "fill", "TranslationMemory": "index",
          "Match": "model", "MemoryUnit": "model", "UnitKind": "model"}

__all__ = ["FillReport", "Match", "MemoryUnit", "TranslationMemory", "UnitKind",
           "fill_from_memory"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{home}", __name__), name)
