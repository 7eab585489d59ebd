"""The project's memory for one target language (the I/O edge of pipeline.memory).

Sources: every catalog of the locale (translated entries only) and every TMX
file in `memory/` at the project root.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..atomic import Fingerprint
from ..catalog.pofile import LoadedCatalog, parse_catalog, read_catalog, read_catalog_bytes
from ..project import Project
from .index import TranslationMemory
from .model import Match, MemoryUnit
from .tmx import parse_tmx
from .unit_cache import CatalogKey, UnitCache
from .units import catalog_units, segment_units, with_sentences

MEMORY_DIR = "memory"


def memory_dir(project: Project) -> Path:
    return project.root / MEMORY_DIR


def catalog_paths(project: Project, locale: str) -> list[Path]:
    return sorted((project.locales_dir / locale / "LC_MESSAGES").glob("*.po"))


def catalog_memory_units(project: Project, locale: str) -> Iterator[MemoryUnit]:
    for path in catalog_paths(project, locale):
        slug = path.stem
        default = project.source_ref(slug)
        yield from catalog_units(read_catalog(path).po, slug, default, locale)


def tmx_memory_units(project: Project, locale: str) -> Iterator[MemoryUnit]:
    source_lang = project.config.publication.source_language
    for path in sorted(memory_dir(project).glob("*.tmx")):
        origin = path.relative_to(project.root).as_posix()
        reading = parse_tmx(path.read_bytes(), path, locale, origin, source_lang)
        yield from with_sentences(reading.units, locale)


def project_memory(project: Project, locale: str) -> TranslationMemory:
    """Catalog units first (they win ties), then imported TMX units."""
    return TranslationMemory([*catalog_memory_units(project, locale),
                              *tmx_memory_units(project, locale)])


class StartOfRunMemory:
    """`project_memory` as the locale's catalogs stood when a run began, built on the
    first lookup: a run that fills nothing never pays for it.

    The run rewrites catalogs one article at a time, and a memory built from the disk
    midway would see those rewrites (the fill would then depend on the order of the
    articles). So the run hands over each catalog just before overwriting it
    (`before_write`), and the memory takes that catalog's units from the copy the
    run read, not from the disk. Catalogs the run creates are not in it either."""

    def __init__(self, project: Project, locale: str, use_cache: bool = True):
        self.project, self.locale, self.use_cache = project, locale, use_cache
        self._paths = catalog_paths(project, locale)
        self._kept: dict[Path, tuple[Fingerprint, list[MemoryUnit]]] = {}
        self._memory: TranslationMemory | None = None

    def before_write(self, loaded: LoadedCatalog) -> None:
        """`loaded` (as read by this run) is about to be replaced on disk."""
        if self._memory is None and loaded.path not in self._kept:
            slug = loaded.path.stem
            self._kept[loaded.path] = (loaded.fingerprint, segment_units(
                loaded.po, slug, self.project.source_ref(slug)))

    def lookup(self, source: str, threshold: float = 75.0, limit: int = 3,
               exclude_file: str | None = None) -> list[Match]:
        return self.memory().lookup(source, threshold, limit, exclude_file)

    def memory(self) -> TranslationMemory:
        if self._memory is None:
            cache = UnitCache.open(self.project.root, self.locale, self.use_cache)
            units = [u for path in self._paths for u in self._catalog_units(path, cache)]
            cache.prune()
            self._memory = TranslationMemory([*units,
                                              *tmx_memory_units(self.project, self.locale)])
            self._kept.clear()
        return self._memory

    def _catalog_units(self, path: Path, cache: UnitCache) -> list[MemoryUnit]:
        slug = path.stem
        key = CatalogKey(slug, self.project.source_ref(slug), self.locale)
        kept = self._kept.get(path)
        if kept is not None:  # rewritten by this run: its version is gone from the disk
            fingerprint, segments = kept
            cached = cache.get(fingerprint.sha256, key)
            return cached if cached is not None else list(with_sentences(segments,
                                                                         self.locale))
        data = read_catalog_bytes(path)
        digest = Fingerprint.of_bytes(data).sha256
        units = cache.get(digest, key)
        if units is None:
            units = list(catalog_units(parse_catalog(data, path).po, slug, key.source_ref,
                                       self.locale))
            cache.put(digest, key, units)
        return units
