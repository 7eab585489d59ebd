"""`GET /api/articles/{slug}/{locale}/memory?segment=ID`: the best memory matches for
one segment (read-only). The catalogs' part of the memory is rebuilt when one of the
locale's catalogs changed (by size and mtime), the imported TMX part only when a TMX
file did (pipeline.memory.store), so the workbench can ask on every focus."""

from __future__ import annotations

import threading
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ..render.diff import char_diff
from .api import NOT_FOUND, Locale, Slug, WorkspaceDep
from .models import SEGMENT_ID_PATTERN, DiffOp
from .workspace import Workspace

if TYPE_CHECKING:  # the memory (numpy, rapidfuzz, lxml) loads when a segment first asks
    from ..memory.index import TranslationMemory
    from ..memory.layers import LayeredMemory

router = APIRouter(prefix="/api", tags=["workbench"])
MATCHES = 3


class MemoryMatchView(BaseModel):
    score: float = Field(description="similarity of the sources, 0–100 (100: identical)")
    exact: bool
    source: str
    target: str
    origin: str = Field(description="where the unit comes from: content/x.md:14, memory/y.tmx:9")
    kind: str = Field(description="segment or sentence; partial: the unit holds the "
                                  "text inside a longer source; fragment: the unit's "
                                  "source is inside the text (sentence rows only)")
    diff: list[DiffOp] = Field(description="the matched source → this segment's source, "
                                           "by character")
    run: list[int] = Field(default_factory=list,
                           description="partial matches: [start, end) of the shared run "
                                       "in `source` (fragment: in the text asked about)")


class MemoryMatches(BaseModel):
    segment: str
    matches: list[MemoryMatchView]


_cache: dict[tuple[str, str], tuple[tuple[object, ...], TranslationMemory]] = {}
_cache_lock = threading.Lock()


def memory_for(ws: Workspace, locale: str) -> LayeredMemory:
    """The catalogs (kept here, rebuilt when one changed: every save) over the TMX
    files (their own index on disk, rebuilt only when a TMX file changes)."""
    from ..memory.layers import LayeredMemory
    from ..memory.project_memory import StartOfRunMemory
    from ..memory.store import indexed_tmx_memory

    project = ws.project
    files: list[FsPath] = sorted((project.locales_dir / locale / "LC_MESSAGES").glob("*.po"))
    stamp = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    key = (str(project.root), locale)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, StartOfRunMemory(project, locale, tmx=False).memory())
        with _cache_lock:
            _cache[key] = cached
    return LayeredMemory(cached[1], indexed_tmx_memory(project, locale))


@router.get("/articles/{slug}/{locale}/memory", response_model=MemoryMatches,
            summary="Translation-memory matches for one segment", responses=NOT_FOUND)
def memory_matches(slug: Slug, locale: Locale, ws: WorkspaceDep,
                   segment: Annotated[str, Query(pattern=SEGMENT_ID_PATTERN)]) -> MemoryMatches:
    """The best three matches from other articles and imported TMX files, at or above
    the project's fuzzy threshold, best first."""
    ws.catalog_path(slug, locale)  # 404 for unknown articles, locales, missing catalogs
    found = ws.segment(ws.article(slug), segment)
    threshold = ws.project.config.memory.fuzzy_threshold
    views = match_views(memory_for(ws, locale), found.text, threshold,
                        ws.project.source_ref(slug))
    return MemoryMatches(segment=segment, matches=views)


def match_views(memory: TranslationMemory | LayeredMemory, text: str, threshold: float,
                own: str) -> list[MemoryMatchView]:
    """The best whole matches for `text`, then partial ones (a longer unit holding
    it) up to `MATCHES` in all; units of the article itself (`own`) are left out."""
    from ..memory.partial import partial_matches

    matches = memory.lookup(text, threshold, MATCHES, exclude_file=own)
    views = [MemoryMatchView(score=m.score, exact=m.exact, source=m.unit.source,
                             target=m.unit.target, origin=m.unit.origin,
                             kind=m.unit.kind.value,
                             diff=[DiffOp(op=op, text=t)
                                   for op, t in char_diff(m.unit.source, text)])
             for m in matches]
    if len(views) < MATCHES:  # nothing close enough as a whole: where the text sits inside
        whole = {m.unit.source for m in matches}
        views += [MemoryMatchView(score=p.score, exact=False, source=p.unit.source,
                                  target=p.unit.target, origin=p.unit.origin, kind="partial",
                                  diff=[], run=[p.start, p.end])
                  for p in partial_matches(text, memory.partial_pool(text, threshold), threshold,
                                           MATCHES - len(views), exclude_file=own)
                  if p.unit.source not in whole]
    return views
