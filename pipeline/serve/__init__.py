"""`bilingual serve`: the translation workbench in the browser.

Modules, one job each:
  app        FastAPI app factory (routers, static files, error mapping, middleware)
  security   per-run token, Host/Origin/Sec-Fetch-Site checks, body limit, headers
  api        JSON routes under /api (list, get, check, save)
  pages      HTML routes: home, workbench page, bilingual preview
  workspace  validated project access, cached inputs, the locked read-modify-write
  views      pure: Article + catalog + glossary -> API views
  checking   pure: the check rules on one proposed entry
  edits      pure: applying edits and header updates to a POFile
  diff       pure: character-level diff of the previous and current source
  models     the pydantic request/response models
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported when the app is made, not with the package: `serve`
    # prints its URL first (the socket queues the browser's first request).
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(name)
