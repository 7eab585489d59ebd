"""Sentence pairs of imported TMX units, remembered across index rebuilds.

Aligning a unit's sentences is nearly all the cost of indexing a TMX file (10-20 ms
a unit with several sentences), and it is a pure function of the unit's source,
its target and the language. A TMX file that changes (units added by a
colleague's tool, a memory re-exported) mostly holds units aligned before, so
their pairs are kept under `.bilingual/cache/memory-pairs/LOCALE.bin`, keyed by a
hash of the three, and a rebuild aligns only the units it has not seen. A build
rewrites the file with the units it met. Like every cache here it is never a
source of truth: a file from another version, or one that does not parse, is
discarded with a note, and `--no-cache` neither reads nor writes it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..atomic import atomic_write_bytes
from ..cache import CACHE_DIR
from ..errors import WriteError

HEADER = f"bilingual-memory-pairs 1 {__version__}".encode("ascii")
Pairs = list[tuple[str, str]]
Aligner = Callable[[str, str, str], Pairs]


def pairs_path(root: Path, locale: str) -> Path:
    return root / CACHE_DIR / "memory-pairs" / f"{locale}.bin"


def _key(source: str, target: str, language: str) -> str:
    data = "\0".join((language, source, target)).encode()
    return hashlib.blake2b(data, digest_size=12).hexdigest()


@dataclass
class PairCache:
    """Pairs by unit hash for one locale: those read, and those met by this build."""

    path: Path | None  # None: --no-cache
    known: dict[str, list[list[str]]] = field(default_factory=dict)
    met: dict[str, list[list[str]]] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path, locale: str, enabled: bool = True) -> PairCache:
        if not enabled:
            return cls(None)
        path = pairs_path(root, locale)
        try:
            data = path.read_bytes()
        except OSError:
            return cls(path)
        header, _, packed = data.partition(b"\n")
        try:
            if header != HEADER:
                raise ValueError("foreign header")
            known = json.loads(zlib.decompress(packed))
            if not isinstance(known, dict):
                raise ValueError("not a table")
        except (ValueError, zlib.error):
            print(f"note: {path}: not this version's cache; discarded", file=sys.stderr)
            return cls(path)
        return cls(path, known)

    def pairs(self, align: Aligner) -> Aligner:
        """`align`, answered from the cache when the unit was aligned before."""
        def cached(source: str, target: str, language: str) -> Pairs:
            key = _key(source, target, language)
            found = self.known.get(key)
            if found is None or not _valid(found):
                found = [list(pair) for pair in align(source, target, language)]
            self.met[key] = found
            return [(pair[0], pair[1]) for pair in found]
        return cached

    def save(self) -> None:
        """Keep what this build met (units no longer in any TMX file are dropped)."""
        if self.path is None or self.met == self.known:
            return
        data = json.dumps(self.met, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, HEADER + b"\n" + zlib.compress(data, 1),
                               durable=False)
        except (OSError, WriteError) as exc:  # a cache is optional: read-only skips it
            print(f"note: {self.path}: memory cache not written ({exc})", file=sys.stderr)


def _valid(found: object) -> bool:
    return isinstance(found, list) and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p)
        for p in found)
