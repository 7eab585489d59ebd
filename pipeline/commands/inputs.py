"""An article's input files, read once: what a per-article step is keyed by and works on.

A command that maps over articles (check, status, build) reads each article's
source and catalogs as bytes here, keys its cached result by their digest
(cache.key_of) and hands the bytes to whichever process does the work, which
parses them from these very bytes (no second read, no race with an edit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..cache import key_of
from ..catalog.pofile import CatalogError, parse_catalog
from ..checks.runner import Show
from ..errors import PipelineError, display_path
from ..model import Article
from ..project import Project
from ..source import article_path, decode_source, parse_article


@dataclass(frozen=True)
class ArticleJob:
    """One article's files, read: what a worker needs to process it."""

    slug: str
    source: Path
    source_bytes: bytes
    catalogs: tuple[tuple[str, Path, str, bytes | None], ...]  # locale, path, shown, bytes

    def key(self, context: str, show: Show) -> str:
        parts: list[bytes | str | None] = [context, show(self.source), self.source_bytes]
        for loc, _, shown, data in self.catalogs:
            parts += [loc, shown, data]
        return key_of(*parts)

    def article(self) -> Article:
        return parse_article(decode_source(self.source_bytes, self.source), self.source)

    def parsed_catalogs(self) -> list[tuple[str, str, polib.POFile | None]]:
        """(locale, path as shown, catalog or None where there is none yet)."""
        return [(loc, shown, parse_catalog(data, path).po if data is not None else None)
                for loc, path, shown, data in self.catalogs]


def read_job(project: Project, slug: str, locales: list[str], show: Show) -> ArticleJob:
    source = article_path(project, slug)
    try:
        source_bytes = source.read_bytes()
    except FileNotFoundError:
        raise PipelineError("no such article source", source) from None
    catalogs = []
    for loc in locales:
        path = project.catalog_path(slug, loc)
        try:
            data: bytes | None = path.read_bytes()
        except FileNotFoundError:
            data = None
        except IsADirectoryError:
            raise CatalogError("is a directory, not a catalog", path) from None
        catalogs.append((loc, path, show(path), data))
    return ArticleJob(slug, source, source_bytes, tuple(catalogs))


@dataclass
class DisplayPaths:
    """Paths as the user sees them: relative to the working directory when possible.
    A class, not a closure, so worker processes can be handed it."""

    project: Project
    seen: dict[Path | str, str] = field(default_factory=dict)

    def __call__(self, path: Path | str) -> str:
        shown = self.seen.get(path)
        if shown is None:
            full = Path(path)
            if not full.is_absolute():
                full = self.project.root / full
            shown = self.seen[path] = Path(display_path(full)).as_posix()
        return shown
