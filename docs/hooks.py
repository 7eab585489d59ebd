"""MkDocs hook: makes each reference section of a page afresh from the registries
(pipeline/reference.py), so the built manual always lists every command, edition, check
code and module as the code declares them, even before the pages were regenerated."""

from __future__ import annotations

from typing import Any

from pipeline.reference import for_site


def on_page_markdown(markdown: str, **_: Any) -> str:
    return for_site(markdown)
