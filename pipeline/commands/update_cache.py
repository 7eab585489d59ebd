"""What `bilingual update` remembers between runs (.bilingual/cache/update.json): an
article's `UpdateRecord`, kept under the digest of everything its update read
(`inputs_key`), and the digests of the memories it was filled from (`MemoryDigests`):
while both are as then, the article is not merged again."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..cache import files_digest, key_of
from ..memory.project_memory import memory_dir
from ..project import Project
from ..source import article_path


@dataclass(frozen=True)
class UpdateRecord:
    """One article's update as `.bilingual/cache/update.json` keeps it: replayed (its
    lines printed as unchanged) while its inputs and the memories it read are as then."""

    counts: dict[str, str]  # locale -> its entry counts, as printed
    memory: dict[str, str] = field(default_factory=dict)  # locale -> digest of its memory

    def to_json(self) -> dict[str, Any]:
        return {"counts": [[loc, line] for loc, line in self.counts.items()],
                "memory": dict(self.memory)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UpdateRecord:
        return cls({str(loc): str(line) for loc, line in data["counts"]},
                   {str(loc): str(digest) for loc, digest in data["memory"].items()})


class MemoryDigests:
    """The digest of each locale's memory as it stands now, computed once per locale."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.known: dict[str, str] = {}

    def __call__(self, locale: str) -> str:
        if locale not in self.known:
            self.known[locale] = memory_digest(self.project, locale)
        return self.known[locale]

    def forget(self) -> None:
        self.known.clear()


def inputs_key(context: str, project: Project, slug: str, locales: list[str]) -> str:
    """Everything one article's update reads: its source, its template and catalogs."""
    parts: list[bytes | str | None] = [context, project.source_ref(slug),
                                       article_path(project, slug).read_bytes()]
    for path in (project.template_path(slug),
                 *(project.catalog_path(slug, loc) for loc in locales)):
        parts.append(path.read_bytes() if path.is_file() else None)
    return key_of(*parts)


def memory_digest(project: Project, locale: str) -> str:
    """What the memory of `locale` is built from: its catalogs and the TMX files."""
    return key_of(files_digest(project.catalog_path("x", locale).parent, "*.po"),
                  files_digest(memory_dir(project), "*.tmx"))
