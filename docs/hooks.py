"""MkDocs hook: fills each `<!-- reference: NAME -->` line of a page with the section
pipeline/reference.py makes from the registries, so the built manual always lists every
command, edition, check code and module as the code declares them."""

from __future__ import annotations

from typing import Any

from pipeline.reference import fill


def on_page_markdown(markdown: str, **_: Any) -> str:
    return fill(markdown)
