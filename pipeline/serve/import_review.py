"""The import review page: the imported Markdown beside the file it came from (for a PDF,
beside the page image), each import decision with a one-click flip written back to
content/SLUG.md.

The decisions are found again by importing the kept raw file (content/SLUG.raw.*) once
per version of it; where each one is now is found in the Markdown as it is now (see
`importer.decisions`), so hand edits and earlier flips are respected. A flip names the
version of the Markdown it was made on: a file changed since is never overwritten (409).
"""

from __future__ import annotations

import hashlib
import io
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from ..atomic import atomic_write_text
from .api import NOT_FOUND, WRITE, Slug, WorkspaceDep
from .models import FINGERPRINT_PATTERN, CleanText
from .workspace import BadEdit, NotFound, Workspace

if TYPE_CHECKING:  # the importer loads when a review is first asked for, not with `serve`
    from ..importer.decisions import Item
    from ..importer.report import Decision

router = APIRouter(tags=["import review"])
RAW_KINDS = (".pdf", ".docx", ".html", ".txt")
PAGE_SCALE = 1.5   # 108 dpi: readable beside the Markdown, small enough to load fast
_cache_lock = threading.Lock()
_decisions: dict[tuple[Path, int, int], tuple[list[Decision], list[str], int]] = {}


class BlockView(BaseModel):
    index: int
    kind: str
    level: int
    source: str = Field(description="the block's Markdown (a heading's text without #)")
    line: int = Field(description="1-based line of content/SLUG.md")


class FlipView(BaseModel):
    op: Literal["paragraph", "heading", "join", "split", "drop", "keep", "lines", "table"]
    block: int
    offset: int = 0
    count: int = 0
    level: int = 2
    text: str = ""


class ItemView(BaseModel):
    choice: str
    line: int = Field(description="line (PDF: running line; .docx: paragraph) in the raw file")
    page: int
    text: str
    now: str
    other: str
    block: int | None
    flip: FlipView | None


class ReviewView(BaseModel):
    slug: str
    fingerprint: str
    raw: str | None = Field(description="the kept raw file, relative to the project")
    kind: str | None
    pages: int = 0
    source_lines: list[str] = Field(description="the raw file's lines (text, web page) or "
                                    "paragraphs (.docx); empty for a PDF (see its pages)")
    blocks: list[BlockView]
    items: list[ItemView]


class FlipRequest(FlipView):
    fingerprint: str = Field(pattern=FINGERPRINT_PATTERN)
    text: CleanText = ""


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def raw_file(ws: Workspace, slug: str) -> Path | None:
    source = ws.source_path(slug)
    for suffix in RAW_KINDS:
        candidate = source.with_name(f"{slug}.raw{suffix}")
        if candidate.is_file():
            return candidate
    return None


def _source_of(raw: Path, data: bytes) -> tuple[list[Decision], list[str], int]:
    from ..importer import import_file
    from ..importer.decode import decode
    result = import_file(raw, data)
    if raw.suffix == ".pdf":
        import pypdfium2
        return result.decisions, [], len(pypdfium2.PdfDocument(data))
    if raw.suffix == ".docx":
        from ..importer.word import docx_pieces
        pieces = docx_pieces(data, raw)
        lines = [""] * max((p.line for p in pieces), default=0)
        for piece in pieces:
            lines[piece.line - 1] = piece.text or " | ".join(" ".join(r) for r in piece.rows)
        return result.decisions, lines, 0
    text = data.decode("utf-8", "replace") if raw.suffix == ".html" else \
        decode(data, raw, None).text
    return result.decisions, text.replace("\r\n", "\n").split("\n"), 0


def source_of(raw: Path) -> tuple[list[Decision], list[str], int]:
    """The raw file's decisions, lines and pages: imported once per version of it."""
    stat = raw.stat()
    cache_key = (raw.resolve(), stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        if cache_key in _decisions:
            return _decisions[cache_key]
    found = _source_of(raw, raw.read_bytes())
    with _cache_lock:
        _decisions.clear()   # one raw file at a time is what a review needs
        _decisions[cache_key] = found
    return found


def _item(item: Item) -> ItemView:
    change = item.change
    return ItemView(choice=item.decision.choice.value, line=item.decision.line,
                    page=item.decision.page, text=item.decision.text, now=item.now,
                    other=item.other, block=item.block,
                    flip=FlipView(op=change.op.value, block=change.block, offset=change.offset,
                                  count=change.count, level=change.level, text=change.text)
                    if change else None)


def review_view(ws: Workspace, slug: str) -> ReviewView:
    from ..importer.decisions import review_items
    from ..importer.flips import blocks

    markdown = ws.source_path(slug).read_text(encoding="utf-8")
    raw = raw_file(ws, slug)
    decisions, lines, pages = source_of(raw) if raw else ([], [], 0)
    found = blocks(markdown)
    return ReviewView(
        slug=slug, fingerprint=_fingerprint(markdown),
        raw=ws.relative(raw) if raw else None, kind=raw.suffix[1:] if raw else None,
        pages=pages, source_lines=lines,
        blocks=[BlockView(index=i, kind=b.kind.value, level=b.level, source=b.source,
                          line=b.start + 1) for i, b in enumerate(found)],
        items=[_item(item) for item in review_items(markdown, decisions)])


def apply_flip(ws: Workspace, slug: str, request: FlipRequest) -> ReviewView:
    from ..importer.flips import Flip, FlipError, Op, flip

    path = ws.source_path(slug)
    with ws._lock(path):
        markdown = path.read_text(encoding="utf-8")
        if _fingerprint(markdown) != request.fingerprint:
            raise HTTPException(409, f"{ws.relative(path)} changed since the page loaded it: "
                                "reload the page and flip again")
        try:
            changed = flip(markdown, Flip(Op(request.op), request.block, request.offset,
                                          request.count, request.level, request.text))
        except FlipError as exc:
            raise BadEdit(str(exc), path) from None
        atomic_write_text(path, changed)
    return review_view(ws, slug)


@router.get("/api/import/{slug}", response_model=ReviewView, responses=NOT_FOUND,
            summary="The imported Markdown, the raw file and the flippable decisions")
def get_review(slug: Slug, ws: WorkspaceDep) -> ReviewView:
    return review_view(ws, slug)


@router.post("/api/import/{slug}/flip", response_model=ReviewView,
             responses={**WRITE, 409: {"description": "content/SLUG.md changed meanwhile"}},
             summary="Flip one decision (or any block) and write content/SLUG.md")
def post_flip(slug: Slug, request: FlipRequest, ws: WorkspaceDep) -> ReviewView:
    return apply_flip(ws, slug, request)


@router.get("/api/import/{slug}/page/{page}", responses=NOT_FOUND,
            summary="One page of the kept PDF as a PNG image", response_class=Response)
def get_page(slug: Slug, page: int, ws: WorkspaceDep) -> Response:
    raw = raw_file(ws, slug)
    if raw is None or raw.suffix != ".pdf":
        raise NotFound(f"'{slug}' was not imported from a PDF")
    import pypdfium2
    document = pypdfium2.PdfDocument(raw.read_bytes())
    if not 0 <= page < len(document):
        raise NotFound(f"no page {page + 1} in {ws.relative(raw)}")
    image = document[page].render(scale=PAGE_SCALE).to_pil()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return Response(out.getvalue(), media_type="image/png")


@router.get("/import/{slug}", response_class=HTMLResponse, responses=NOT_FOUND,
            summary="The import review page")
def review_page(slug: Slug, ws: WorkspaceDep) -> HTMLResponse:
    from .pages import _page
    ws.source_path(slug)
    return _page("import.html.j2", slug=slug)
