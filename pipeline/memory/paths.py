"""Where a locale's memory comes from: its catalogs and the project's TMX folder
(cheap to import: the memory's index checks these paths before loading anything)."""

from __future__ import annotations

from pathlib import Path

from ..project import Project

MEMORY_DIR = "memory"


def memory_dir(project: Project) -> Path:
    return project.root / MEMORY_DIR


def catalog_paths(project: Project, locale: str) -> list[Path]:
    return sorted((project.locales_dir / locale / "LC_MESSAGES").glob("*.po"))
