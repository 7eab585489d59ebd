"""The project's memory for one target language (the I/O edge of pipeline.memory).

Sources: every catalog of the locale (translated entries only) and every TMX
file in `memory/` at the project root.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..catalog.pofile import read_catalog
from ..project import Project
from .index import TranslationMemory
from .model import MemoryUnit, UnitKind
from .sentences import sentence_pairs
from .tmx import parse_tmx
from .units import catalog_units

MEMORY_DIR = "memory"


def memory_dir(project: Project) -> Path:
    return project.root / MEMORY_DIR


def catalog_memory_units(project: Project, locale: str) -> Iterator[MemoryUnit]:
    directory = project.locales_dir / locale / "LC_MESSAGES"
    for path in sorted(directory.glob("*.po")):
        slug = path.stem
        default = project.source_ref(slug)
        yield from catalog_units(read_catalog(path).po, slug, default, locale)


def tmx_memory_units(project: Project, locale: str) -> Iterator[MemoryUnit]:
    source_lang = project.config.publication.source_language
    for path in sorted(memory_dir(project).glob("*.tmx")):
        origin = path.relative_to(project.root).as_posix()
        reading = parse_tmx(path.read_bytes(), path, locale, origin, source_lang)
        for unit in reading.units:
            yield unit
            for source, target in sentence_pairs(unit.source, unit.target,
                                                 locale.split("_")[0]):
                yield MemoryUnit(source, target, unit.origin_file, unit.origin_line,
                                 unit.segment_id, UnitKind.SENTENCE, unit.article,
                                 unit.created)


def project_memory(project: Project, locale: str) -> TranslationMemory:
    """Catalog units first (they win ties), then imported TMX units."""
    return TranslationMemory([*catalog_memory_units(project, locale),
                              *tmx_memory_units(project, locale)])
