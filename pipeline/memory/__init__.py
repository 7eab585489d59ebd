"""Translation memory: units from the project's catalogs and TMX files, an
n-gram index for fuzzy lookup, TMX interchange and msgmerge --compendium fill."""

from .fill import FillReport, fill_from_memory
from .index import TranslationMemory
from .model import Match, MemoryUnit, UnitKind

__all__ = ["FillReport", "Match", "MemoryUnit", "TranslationMemory", "UnitKind",
           "fill_from_memory"]
