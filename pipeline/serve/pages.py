"""HTML pages: the article list, the workbench for one catalog, and the preview.

Templates are Jinja2 with autoescaping; the only inline script and style are
our own files (serve/assets.py), allowed by their hashes in the page's CSP:
behaviour comes from workbench.js, which reads the data it needs from the JSON
API and writes it with textContent only. The
workbench page carries its segments as one JSON data block (not markup): the
browser parses a fifth of the bytes and the page draws each segment with one
function (workbench-render.js).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NotRequired, TypedDict

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..glossary import TermHit, TermMatcher
from .api import NOT_FOUND, Locale, Slug, WorkspaceDep
from .assets import inlined, page_headers
from .models import CatalogView, SegmentView
from .security import TOKEN_HEADER
from .workspace import NotFound, Workspace


@lru_cache(maxsize=8192)  # the page is made again after each save: its texts mostly stay
def _sentence_count(text: str) -> int:
    from ..checks.align import split_chinese  # the aligner loads when a page first needs it

    return len(split_chinese(text))


router = APIRouter(tags=["pages"])
# (PC, Mac, what): the sheet shown by Ctrl+/ and the "Keys" button; workbench.js
# handles the same keys (tests/test_serve_browser.py presses each one).
SHORTCUTS = (
    ("Ctrl+Enter", "⌘+Enter", "save the segment and go to the next one"),
    ("Ctrl+S", "⌘+S", "save every unsaved segment"),
    ("Tab / Shift+Tab", "Tab / Shift+Tab", "next / previous segment's translation"),
    ("Ctrl+↓ / Ctrl+↑", "⌘+↓ / ⌘+↑", "next / previous segment"),
    ("Alt+↓ / Alt+↑", "⌥+↓ / ⌥+↑",
     "next / previous unfinished segment (untranslated, fuzzy or unsaved)"),
    ("Ctrl+U", "⌘+U", "toggle fuzzy (a draft that needs another look)"),
    ("Alt+R", "⌥+R", "mark reviewed and save (again: withdraw the review)"),
    ("Alt+1 … Alt+9", "⌥+1 … ⌥+9",
     "insert the n-th glossary rendering, then the memory matches, as numbered"),
    ("Alt+C", "⌥+C", "open the translator comment (Esc: back to the translation)"),
    ("Alt+Shift+P", "⌥+⇧+P", "purge the obsolete entries (asks first)"),
    ("Ctrl+/", "⌘+/", "this sheet"),
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("pipeline.serve", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(shortcuts=SHORTCUTS, token_header=TOKEN_HEADER, assets=inlined())
    # The page's data as UTF-8, in the order made (\uXXXX would double the Chinese).
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    # A segment of several sentences gets a Sentences button (the sentence view).
    env.filters["sentence_count"] = _sentence_count
    return env


def _page(name: str, **context: object) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(**context),
                        headers=page_headers())


@router.get("/", response_class=HTMLResponse, summary="Home: articles and locales")
def home(ws: WorkspaceDep) -> HTMLResponse:
    return _page("home.html.j2", listing=ws.listing())


@router.get("/articles/{slug}/{locale}", response_class=HTMLResponse,
            summary="The workbench for one catalog", responses=NOT_FOUND)
def article_page(slug: Slug, locale: Locale, ws: WorkspaceDep) -> HTMLResponse:
    # The entries at once; their findings come from /findings when they are ready.
    return HTMLResponse(article_html(ws, slug, locale), headers=page_headers())


def article_html(ws: Workspace, slug: str, locale: str) -> str:
    """The workbench page of one catalog, rendered once per version of its inputs."""
    return ws.page(slug, locale, lambda view, source: _article(view, ws.translator, source,
                                                               ws.checks()[0].matcher))


class PageSegment(TypedDict):
    """One segment as the page's JSON carries it (workbench-render.js draws it);
    what most segments lack is left out."""
    id: str
    kind: str
    line: int
    status: str
    in_catalog: bool
    fuzzy: bool
    reviewed: bool
    source: str
    msgstr: str
    sentences: bool  # more than one sentence: the Sentences button
    marks: NotRequired[list[tuple[int, int, str]]]  # the glossary terms in the source
    comment: NotRequired[str]
    reviewed_by: NotRequired[str]
    reviewed_on: NotRequired[str]
    diff: NotRequired[list[tuple[str, str]]]  # (op, text): the previous source -> now


def page_segment(seg: SegmentView, hits: list[TermHit]) -> PageSegment:
    """`hits`: the glossary terms in its source."""
    out = PageSegment(id=seg.id, kind=seg.kind, line=seg.source_line, status=seg.status,
                      in_catalog=seg.in_catalog, fuzzy=seg.fuzzy, reviewed=seg.reviewed,
                      source=seg.source, msgstr=seg.msgstr,
                      sentences=_sentence_count(seg.source) > 1)
    if hits:
        out["marks"] = [(hit.start, hit.end, hit.term.term) for hit in hits]
    if seg.comment:
        out["comment"] = seg.comment
    if seg.reviewed:
        out["reviewed_by"], out["reviewed_on"] = seg.reviewed_by, seg.reviewed_on
    if seg.previous_source is not None and seg.fuzzy:
        out["diff"] = [(op.op, op.text) for op in seg.source_diff]
    return out


def _article(view: CatalogView, translator: str | None, source_version: str,
             matcher: TermMatcher) -> str:
    # The view has no terms (views.segment_view): the page asks the matcher. Each
    # term once for the page, in order of first appearance (a 1,000-entry catalog
    # names the same terms thousands of times): the glossary list is drawn from it
    # when a segment is entered.
    hits = [matcher.find(seg.source) for seg in view.segments]
    glossary: dict[str, dict[str, object]] = {}
    for found in hits:
        for hit in found:
            t = hit.term
            if t.term not in glossary:
                glossary[t.term] = {"english": t.english, "variants": list(t.variants),
                                    "forbidden": list(t.forbidden), "note": t.note}
    return environment().get_template("article.html.j2").render(
        view=view, translator=translator, glossary=glossary, source_version=source_version,
        segments=[page_segment(seg, found) for seg, found in zip(view.segments, hits,
                                                                   strict=True)])


@router.get("/preview/{slug}/{locale}", response_class=HTMLResponse,
            summary="The bilingual page as `bilingual build` renders it now",
            responses=NOT_FOUND)
def preview(slug: Slug, locale: Locale,
            ws: WorkspaceDep) -> HTMLResponse:
    """The saved catalog rendered by `render_bilingual_html`: its own CSP (the
    page's inlined CSS and JS by hash), embeddable by the workbench only."""
    # Imported here: the renderer is not needed for the first page.
    from ..render.html import content_security_policy, render_bilingual_html
    from ..render.pairs import align

    snap = ws.snapshot(slug, locale, judge_form=False)
    ctx, _problem = ws.checks()
    html = render_bilingual_html(snap.article, align(snap.article, snap.po, ctx.glossary),
                                 locale)
    return HTMLResponse(html, headers={
        "Content-Security-Policy": content_security_policy() + "; frame-ancestors 'self'"})


@router.get("/preview/{slug}/fonts/{name}", summary="A face the preview's page ships",
            responses=NOT_FOUND)
def preview_font(slug: Slug, name: str) -> Response:
    """The shipped serif (render/fonts), where the built page finds it: beside it."""
    from ..render.fonts import installed_faces, woff2

    for face in installed_faces():
        if face.face.file == name:
            return Response(woff2(face), media_type="font/woff2",
                            headers={"Cache-Control": "max-age=86400"})
    raise NotFound(f"no font {name}")
