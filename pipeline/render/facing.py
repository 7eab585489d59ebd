"""The facing-pages print edition: Chinese on the left-hand page (verso), its
translation on the right (recto), as parallel-text books set them.

The page carries the pairs once, in reading order; its script (static/facing.js)
deals them out onto A4 sheets in the browser, where the type's real size is known:
as many whole pairs as fit both pages of a spread, a pair too long for one page cut
between sentence groups, a heading never left at a page foot. Sheet 1 is the title
page, a recto, so every Chinese page is a verso. Chromium (156) prints `@page :left`
and `:right` but takes `break-before: left | right` as a plain page break, so the
sheets are page-sized boxes and the script, not the browser, keeps the parity.
Without script the pairs print one after the other.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from markupsafe import Markup

from .editions import EditionInput
from .html import _asset_text, _digest, environment, font_css, page_context

ASSETS = ("facing.css", "facing.js")


@cache  # the assets are part of the installed package: one policy per run
def facing_policy() -> str:
    """The page's own CSP: its stylesheets and script by hash, shipped fonts, images."""
    styles = " ".join(_digest(text) for text in (_asset_text("facing.css"), font_css()) if text)
    fonts = "font-src 'self'; " if font_css() else ""
    return (f"default-src 'none'; style-src {styles}; "
            f"script-src {_digest(_asset_text('facing.js'))}; {fonts}"
            "img-src 'self'; base-uri 'none'; form-action 'none'")


def render_facing_html(e: EditionInput) -> str:
    # No glossary marks on paper: their descriptions live on the web page only.
    pairs = [replace(p, source_terms=(), target_terms=()) for p in e.pairs]
    context = page_context(e.article, pairs, e.locale, True, e.publication)
    context.update(csp=facing_policy(), canonical="", running_head="",
                   facing_css=Markup(_asset_text("facing.css")),
                   facing_js=Markup(_asset_text("facing.js")))
    return environment().get_template("facing.html.j2").render(**context)
