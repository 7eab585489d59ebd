"""HTML pages: the article list, the workbench for one catalog, and the preview.

Templates are Jinja2 with autoescaping; they carry no inline script or style
(the CSP forbids both): behaviour comes from /static/workbench.js, which reads
the data it needs from the JSON API and writes it with textContent only.
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .api import NOT_FOUND, Locale, Slug, WorkspaceDep
from .models import CatalogView
from .security import TOKEN_HEADER
from .workspace import NotFound, Workspace


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
    env.globals.update(shortcuts=SHORTCUTS, token_header=TOKEN_HEADER)
    # A segment of several sentences gets a Sentences button (the sentence view).
    env.filters["sentence_count"] = _sentence_count
    return env


def _page(name: str, **context: object) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(**context))


@router.get("/", response_class=HTMLResponse, summary="Home: articles and locales")
def home(ws: WorkspaceDep) -> HTMLResponse:
    return _page("home.html.j2", listing=ws.listing())


@router.get("/articles/{slug}/{locale}", response_class=HTMLResponse,
            summary="The workbench for one catalog", responses=NOT_FOUND)
def article_page(slug: Slug, locale: Locale, ws: WorkspaceDep) -> HTMLResponse:
    # The entries at once; their findings come from /findings when they are ready.
    return HTMLResponse(article_html(ws, slug, locale))


def article_html(ws: Workspace, slug: str, locale: str) -> str:
    """The workbench page of one catalog, rendered once per version of its inputs."""
    return ws.page(slug, locale, lambda view: _article(view, ws.translator))


def _article(view: CatalogView, translator: str | None) -> str:
    # Each term once for the page (a 1,000-entry catalog names the same terms
    # thousands of times): the glossary list is drawn from it when a segment is entered.
    glossary = {t.term: {"english": t.english, "variants": t.variants,
                         "forbidden": t.forbidden, "note": t.note}
                for seg in view.segments for t in seg.terms}
    return environment().get_template("article.html.j2").render(
        view=view, translator=translator, glossary=glossary)


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
