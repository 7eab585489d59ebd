"""The workbench's own styles and scripts, inlined into each page it serves, each
allowed by its hash in that page's Content-Security-Policy.

A page that names five files makes the browser ask for each before it can draw a
thing (a round trip each, and on a busy machine each waits its turn): inlined,
the first response is the whole page. Still no inline code runs that is not
ours: the CSP allows exactly these texts (by their sha256), never 'unsafe-inline'.
The files stay under /static (what other pages load from there).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .security import CSP

STATIC = Path(__file__).resolve().parent / "static"
STYLES = ("workbench.css",)
# In the order the page runs them (workbench-core.js first, workbench.js last).
SCRIPTS = ("workbench-core.js", "workbench-sentences.js", "workbench-render.js",
           "workbench.js")


@dataclass(frozen=True)
class Inlined:
    """The texts a page carries and the CSP that allows them."""

    styles: tuple[str, ...]
    scripts: tuple[str, ...]
    csp: str


def _allowed(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()
                                         ).decode("ascii") + "'"


def _read(name: str) -> str:
    text = (STATIC / name).read_text(encoding="utf-8")
    # "</" could end the element it is inlined in: our own files never hold it.
    if "</" in text:
        raise ValueError(f"{STATIC / name}: holds '</', which cannot be inlined")
    return text


@lru_cache(maxsize=1)
def inlined() -> Inlined:
    """The workbench's styles and scripts, read once per run."""
    styles = tuple(_read(name) for name in STYLES)
    scripts = tuple(_read(name) for name in SCRIPTS)
    csp = CSP.replace("script-src 'self'", " ".join(
        ["script-src 'self'", *map(_allowed, scripts)]), 1).replace(
        "style-src 'self'", " ".join(["style-src 'self'", *map(_allowed, styles)]), 1)
    return Inlined(styles, scripts, csp)


def page_headers() -> dict[str, str]:
    """The headers of a page that carries the inlined texts."""
    return {"Content-Security-Policy": inlined().csp}
