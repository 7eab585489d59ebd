"""Memory units of each catalog, remembered by the SHA-256 of its bytes.

Aligning sentences is most of the cost of building a locale's memory, and it
is a pure function of the catalog's bytes, its article, its source reference
and the locale. So the units of a catalog are kept under `.bilingual/cache/`
(one file per locale, one line per catalog) and reused while the catalog's
bytes are the same. Like every cache here it is never a source of truth: a
file from another version, or one that does not parse, is discarded with a
note, and `--no-cache` neither reads nor writes it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..atomic import atomic_write_text
from ..cache import CACHE_DIR
from .model import MemoryUnit, UnitKind

HEADER = f"bilingual-memory-units 1 {__version__}"
_KINDS = {kind.value: kind for kind in UnitKind}


@dataclass(frozen=True)
class CatalogKey:
    """What a catalog's units depend on besides its bytes."""

    slug: str
    source_ref: str
    locale: str


def cache_path(root: Path, locale: str) -> Path:
    return root / CACHE_DIR / f"memory-{locale}.txt"


def _unit(raw: object) -> MemoryUnit:
    if not (isinstance(raw, list) and len(raw) == 8
            and all(isinstance(raw[i], str) for i in (0, 1, 2, 4, 5, 6, 7))
            and type(raw[3]) is int and raw[5] in _KINDS):
        raise ValueError("not a memory unit")
    return MemoryUnit(raw[0], raw[1], raw[2], raw[3], raw[4], _KINDS[raw[5]], raw[6], raw[7])


def _encode(unit: MemoryUnit) -> list[object]:
    return [unit.source, unit.target, unit.origin_file, unit.origin_line, unit.segment_id,
            unit.kind.value, unit.article, unit.created]


def _parse(line: str) -> tuple[str, CatalogKey, list[MemoryUnit]]:
    digest, _, payload = line.partition(" ")
    raw = json.loads(payload)
    if not (len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)
            and isinstance(raw, list) and len(raw) == 4
            and all(isinstance(v, str) for v in raw[:3]) and isinstance(raw[3], list)):
        raise ValueError("not a cache line")
    return digest, CatalogKey(raw[0], raw[1], raw[2]), [_unit(u) for u in raw[3]]


@dataclass
class UnitCache:
    """Units by catalog digest for one locale; `save` keeps only those used this run,
    so the file never outgrows the project."""

    path: Path | None  # None: --no-cache
    known: dict[str, tuple[CatalogKey, list[MemoryUnit]]] = field(default_factory=dict)
    used: dict[str, tuple[CatalogKey, list[MemoryUnit]]] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def open(cls, root: Path, locale: str, enabled: bool = True) -> UnitCache:
        if not enabled:
            return cls(None)
        path = cache_path(root, locale)
        try:
            # Not splitlines(): JSON leaves U+2028 and friends unescaped inside strings.
            lines = path.read_text(encoding="utf-8").split("\n")[:-1]
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError):
            lines = []
        try:
            if not lines or lines[0] != HEADER:
                raise ValueError("foreign header")
            known = {digest: (key, units) for digest, key, units in map(_parse, lines[1:])}
        except ValueError:  # json.JSONDecodeError is one
            print(f"note: {path}: not this version's cache; discarded", file=sys.stderr)
            return cls(path, dirty=True)
        return cls(path, known)

    def get(self, digest: str, key: CatalogKey) -> list[MemoryUnit] | None:
        found = self.known.get(digest)
        if found is None or found[0] != key:
            return None
        self.used[digest] = found
        return found[1]

    def put(self, digest: str, key: CatalogKey, units: list[MemoryUnit]) -> None:
        if self.path is not None:
            self.used[digest] = (key, units)
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not (self.dirty or self.used.keys() != self.known.keys()):
            return
        lines = [HEADER] + [
            f"{digest} " + json.dumps([key.slug, key.source_ref, key.locale,
                                       [_encode(u) for u in units]], ensure_ascii=False)
            for digest, (key, units) in sorted(self.used.items())]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        (self.path.parent.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        atomic_write_text(self.path, "\n".join(lines) + "\n")
