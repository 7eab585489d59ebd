"""The JSON API behind the workbench page (`/api/...`, described at /openapi.json).

Reads need nothing but a loopback connection; every write (POST, PATCH) needs
this run's token in `X-Bilingual-Token` and a same-origin request (see
`security`). Saving never overwrites a catalog that changed since the client
loaded it: it answers 409 with both versions of each edited entry.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Request
from fastapi.responses import JSONResponse

from .edits import active_entries
from .models import (
    ArticleList,
    CatalogView,
    CheckRequest,
    CheckResult,
    ConflictResponse,
    ErrorResponse,
    FindingsView,
    PurgeRequest,
    PurgeResult,
    SaveRequest,
    SaveResult,
    VersionView,
)
from .security import TOKEN_HEADER
from .views import check_result
from .workspace import SaveConflict, Workspace

router = APIRouter(prefix="/api", tags=["workbench"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "unknown article, locale, catalog or segment"},
    400: {"model": ErrorResponse, "description": "a source or catalog cannot be read"},
}
WRITE: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    403: {"model": ErrorResponse,
          "description": f"missing/wrong {TOKEN_HEADER}, or a cross-origin request"},
    413: {"model": ErrorResponse, "description": "request body over 256 KiB"},
    415: {"model": ErrorResponse, "description": "body not application/json"},
}


def workspace(request: Request) -> Workspace:
    return request.app.state.workspace  # type: ignore[no-any-return]


WorkspaceDep = Annotated[Workspace, Depends(workspace)]
Slug = Annotated[str, Path(description="an article: content/SLUG.md (unknown names: 404)")]
Locale = Annotated[str, Path(description="a locale: locales/LOCALE/ (unknown names: 404)")]


@router.get("/articles", response_model=ArticleList, summary="Articles and locales",
            responses={400: NOT_FOUND[400]})
def list_articles(ws: WorkspaceDep) -> ArticleList:
    """Every article in content/ with its progress in every locale in locales/."""
    return ws.listing()


@router.get("/articles/{slug}/{locale}", response_model=CatalogView,
            summary="One catalog, segment by segment", responses=NOT_FOUND)
def get_catalog(slug: Slug, locale: Locale, ws: WorkspaceDep) -> CatalogView:
    """The article's segments in source order with their translation, status,
    glossary terms, check findings, translator comment and, for fuzzy entries, the
    previous source as a character diff; plus the file's fingerprint for saving."""
    return ws.catalog(slug, locale)


@router.get("/articles/{slug}/{locale}/findings", response_model=FindingsView,
            summary="The check findings of every segment", responses=NOT_FOUND)
def get_findings(slug: Slug, locale: Locale, ws: WorkspaceDep) -> FindingsView:
    """What `bilingual check` reports on each entry of the catalog (the per-entry rules
    and the catalog's own, e.g. an approved rendering never used): the page shows the
    entries at once and these when they are ready."""
    return ws.findings(slug, locale)


@router.get("/articles/{slug}/{locale}/version", response_model=VersionView,
            summary="What the page was built from (cheap; the page polls it)",
            responses=NOT_FOUND)
def get_version(slug: Slug, locale: Locale, ws: WorkspaceDep) -> VersionView:
    """The catalog's fingerprint and the source's version: when either changes,
    the page refreshes what it shows (new segments, changed sources as fuzzy)."""
    return ws.version(slug, locale)


@router.post("/articles/{slug}/{locale}/check", response_model=CheckResult,
             summary="Check a proposed translation (nothing is saved)", responses=WRITE)
def check_proposal(slug: Slug, locale: Locale, proposal: CheckRequest,
                   ws: WorkspaceDep) -> CheckResult:
    """Runs the `bilingual check` rules for one entry on a proposed msgstr (and
    comment, whose `# check: ignore` exceptions apply): glossary terms, forbidden
    renderings, numbers, language and script, markup, completeness."""
    snap = ws.snapshot(slug, locale, judge_form=False)
    segment = ws.segment(snap.article, proposal.segment)
    ctx, _problem = ws.checks()
    entry = active_entries(snap.po).get(segment.text)
    return check_result(snap.article, segment, entry, ctx, ws.place(snap, segment, locale),
                        proposal.msgstr, proposal.fuzzy, proposal.comment)


@router.patch("/articles/{slug}/{locale}", response_model=SaveResult,
              summary="Save edited entries",
              responses={**WRITE, 409: {"model": ConflictResponse,
                                        "description": "the catalog changed on disk since "
                                                       "it was loaded; nothing saved"}})
def save_entries(slug: Slug, locale: Locale, request: Annotated[SaveRequest, Body()],
                 ws: WorkspaceDep) -> SaveResult | JSONResponse:
    """Writes the edits atomically, changing only the edited entries plus the
    PO-Revision-Date and Last-Translator header lines. Each edit carries `base`,
    the entry as the page loaded it, and is merged per entry with the file as it
    is now: entries others changed meanwhile are kept; an edit whose entry also
    changed on disk (differently) is a conflict for that entry alone: the answer
    (409) holds your version and the disk version of each such entry and lists
    the edits of the same request that were saved. Edits without `base` need
    `fingerprint` to match the whole file (the old protocol)."""
    try:
        return ws.save(slug, locale, request.fingerprint, request.edits,
                       allow_reformat=request.allow_reformat, translator=request.translator)
    except SaveConflict as conflict:
        return JSONResponse(status_code=409, content=conflict.response.model_dump())


@router.post("/articles/{slug}/{locale}/purge", response_model=PurgeResult,
             summary="Remove obsolete entries", responses={**WRITE, 409: {
                 "model": ErrorResponse, "description": "the catalog changed since the page "
                                                        "loaded it; nothing removed"}})
def purge_obsolete(slug: Slug, locale: Locale, request: Annotated[PurgeRequest, Body()],
                   ws: WorkspaceDep) -> PurgeResult | JSONResponse:
    """Removes the listed obsolete (`#~`) entries, nothing else, if the file is still
    the one the page showed (`fingerprint`): what the translator saw is what goes."""
    try:
        return ws.purge(slug, locale, request.fingerprint, request.msgids)
    except SaveConflict as conflict:
        return JSONResponse(status_code=409, content={"detail": conflict.response.detail})
