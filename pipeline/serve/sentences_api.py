"""`POST /api/articles/{slug}/{locale}/sentences`: one segment as aligned sentence rows
for the workbench's sentence view, each with its translation-memory matches.

The rows come from the aligner (pipeline.checks.align) run on the segment's source
and the translation as typed (unsaved edits included; nothing is saved): one row
per link, a Chinese sentence (or sentences joined in translation) beside its
English, an empty side for a sentence with no counterpart. Each row says what
followed its English in the translation (`after`), so that the page, putting the
rows back together into one msgstr, changes only what the translator edited.
Rows with a source get the memory's matches for that sentence: whole matches
(segment or sentence units), partial ones (a longer unit holding the sentence)
and fragments (a shorter unit inside it, e.g. a clause), as OmegaT shows them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field

from .api import WRITE, Locale, Slug, WorkspaceDep
from .memory_api import MATCHES, MemoryMatchView, match_views, memory_for
from .models import CleanText, SegmentId, Strict

if TYPE_CHECKING:  # the aligner and the memory load when a segment is first asked for
    from ..checks.align import Alignment

router = APIRouter(prefix="/api", tags=["workbench"])
# Target languages written without spaces between sentences.
_UNSPACED = frozenset({"zh", "ja"})


class SentencesRequest(Strict):
    segment: SegmentId
    msgstr: CleanText = Field(description="the translation as typed (may be empty)")


class SentenceRow(BaseModel):
    source: str = Field(description="the source sentence(s) of the link, exactly as in "
                                    "the segment ('' for a sentence added in translation)")
    target: str = Field(description="its translation, exactly as in the msgstr ('' when "
                                    "the sentence is untranslated)")
    after: str = Field(description="what followed `target` in the msgstr (a space, a "
                                   "line break; '' at the end)")
    confidence: float = Field(description="the link's posterior probability, 0–1")
    memory: list[MemoryMatchView] = Field(description="matches for this row's source: "
                                          "whole, then partial, then fragment")


class SentenceRows(BaseModel):
    segment: str
    joiner: str = Field(description="what to put between sentences that had nothing "
                                    "between them (a space, or '' for Chinese or Japanese)")
    rows: list[SentenceRow]


def sentence_rows(alignment: Alignment) -> Iterator[tuple[str, str, str, float]]:
    """(source, target, after, confidence) of each link, in order (pure)."""
    spans = [alignment.target_span(link) for link in alignment.links]
    ends = [*[span[0] for span in spans if span is not None][1:], len(alignment.target_text)]
    next_start = iter(ends)
    for link, span in zip(alignment.links, spans, strict=True):
        source_span = alignment.source_span(link)
        source = "" if source_span is None else \
            alignment.source_text[source_span[0]:source_span[1]]
        if span is None:
            yield source, "", "", link.confidence
            continue
        after = alignment.target_text[span[1]:next(next_start)]
        yield source, alignment.target_text[span[0]:span[1]], after, link.confidence


@router.post("/articles/{slug}/{locale}/sentences", response_model=SentenceRows,
             summary="A segment as aligned sentence rows, with memory matches per sentence "
                     "(nothing is saved)", responses=WRITE)
def segment_sentences(slug: Slug, locale: Locale, request: Annotated[SentencesRequest, Body()],
                      ws: WorkspaceDep) -> SentenceRows:
    """Splits the segment's source and the given translation into sentences, aligns
    them and returns one row per link, each with the best memory matches for its
    source sentence (other articles and imported TMX files)."""
    from ..checks.align import align_pair
    from ..memory.partial import fragment_matches

    ws.catalog_path(slug, locale)  # 404 for unknown articles, locales, missing catalogs
    segment = ws.segment(ws.article(slug), request.segment)
    language = locale.split("_")[0].split("-")[0]
    alignment = align_pair(segment.text, request.msgstr, language=language)
    memory = memory_for(ws, locale)
    threshold = ws.project.config.memory.fuzzy_threshold
    own = ws.project.source_ref(slug)
    rows = []
    for source, target, after, confidence in sentence_rows(alignment):
        matches: list[MemoryMatchView] = []
        if source:
            matches = match_views(memory, source, threshold, own)
            if any(m.exact for m in matches):  # a longer unit holding it adds nothing
                matches = [m for m in matches if m.kind != "partial"]
            shown = {m.source for m in matches}
            matches += [MemoryMatchView(score=f.score, exact=False, source=f.unit.source,
                                        target=f.unit.target, origin=f.unit.origin,
                                        kind="fragment", diff=[], run=[f.start, f.end])
                        for f in fragment_matches(source, memory.units, exclude_file=own,
                                                  limit=MATCHES - 1)
                        if f.unit.source not in shown]
        rows.append(SentenceRow(source=source, target=target, after=after,
                                confidence=round(confidence, 3), memory=matches))
    return SentenceRows(segment=request.segment,
                        joiner="" if language in _UNSPACED else " ", rows=rows)
