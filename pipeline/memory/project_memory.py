"""The project's memory for one target language (the I/O edge of pipeline.memory).

Sources: every catalog of the locale (translated entries only) and every TMX
file in `memory/` at the project root.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import Fingerprint
from ..catalog.pofile import parse_catalog, read_catalog, read_catalog_bytes
from ..project import Project
from .model import Match, MemoryUnit
from .pair_cache import PairCache
from .paths import MEMORY_DIR, catalog_paths, memory_dir
from .sentences import sentence_pairs
from .tmx import parse_tmx
from .unit_cache import CatalogKey, UnitCache
from .units import catalog_units, with_sentences

if TYPE_CHECKING:  # imported where a memory is built: numpy and rapidfuzz cost 0.1 s
    from .index import TranslationMemory

__all__ = ["MEMORY_DIR", "StartOfRunMemory", "catalog_memory_units", "catalog_paths",
           "memory_dir", "project_memory", "tmx_memory_units"]


def catalog_memory_units(project: Project, locale: str) -> Iterator[MemoryUnit]:
    for path in catalog_paths(project, locale):
        slug = path.stem
        default = project.source_ref(slug)
        yield from catalog_units(read_catalog(path).po, slug, default, locale)


def tmx_memory_units(project: Project, locale: str,
                     use_cache: bool = True) -> Iterator[MemoryUnit]:
    """Every imported TMX file's units with their sentence pairs (aligned once: see
    pipeline.memory.pair_cache)."""
    source_lang = project.config.publication.source_language
    cache = PairCache.open(project.root, locale, use_cache)
    for path in sorted(memory_dir(project).glob("*.tmx")):
        origin = path.relative_to(project.root).as_posix()
        reading = parse_tmx(path.read_bytes(), path, locale, origin, source_lang)
        yield from with_sentences(reading.units, locale, cache.pairs(sentence_pairs))
    cache.save()


def project_memory(project: Project, locale: str) -> TranslationMemory:
    """Catalog units first (they win ties), then imported TMX units."""
    from .index import TranslationMemory
    return TranslationMemory([*catalog_memory_units(project, locale),
                              *tmx_memory_units(project, locale)])


class StartOfRunMemory:
    """`project_memory` as the locale's catalogs stood when a run began, built on the
    first lookup: a run that fills nothing never pays for it.

    The run rewrites catalogs before the memory is needed, and a memory built from
    the disk then would see those rewrites (the fill would then depend on the order
    of the articles). So the run hands over the bytes of each catalog it replaced
    (`keep_as_read`), and the memory takes that catalog's units from those bytes,
    not from the disk. Catalogs the run creates are not in it either."""

    def __init__(self, project: Project, locale: str, use_cache: bool = True,
                 tmx: bool = True):
        self.project, self.locale, self.use_cache = project, locale, use_cache
        self.tmx = tmx  # False: the catalogs only (the workbench keeps TMX units apart)
        self._paths = catalog_paths(project, locale)
        self._kept: dict[Path, bytes] = {}
        self._memory: TranslationMemory | None = None

    def keep_as_read(self, path: Path, data: bytes) -> None:
        """The catalog at `path` was `data` when this run read it, and has been
        replaced since."""
        if self._memory is None and path not in self._kept:
            self._kept[path] = data

    def lookup(self, source: str, threshold: float = 75.0, limit: int = 3,
               exclude_file: str | None = None) -> list[Match]:
        return self.memory().lookup(source, threshold, limit, exclude_file)

    def memory(self) -> TranslationMemory:
        if self._memory is None:
            cache = UnitCache.open(self.project.root, self.locale, self.use_cache)
            units = [u for path in self._paths for u in self._catalog_units(path, cache)]
            cache.prune()
            from .index import TranslationMemory
            if self.tmx:
                units += tmx_memory_units(self.project, self.locale, self.use_cache)
            self._memory = TranslationMemory(units)
            self._kept.clear()
        return self._memory

    def _catalog_units(self, path: Path, cache: UnitCache) -> list[MemoryUnit]:
        slug = path.stem
        key = CatalogKey(slug, self.project.source_ref(slug), self.locale)
        # A catalog rewritten by this run: its version is gone from the disk.
        data = self._kept.get(path) or read_catalog_bytes(path)
        digest = Fingerprint.of_bytes(data).sha256
        units = cache.get(digest, key)
        if units is None:
            units = list(catalog_units(parse_catalog(data, path).po, slug, key.source_ref,
                                       self.locale))
            cache.put(digest, key, units)
        return units
