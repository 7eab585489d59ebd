"""The workbench application: FastAPI app factory (no I/O at import time)."""

from __future__ import annotations

import errno
import json
from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import PipelineError, WriteError
from ..project import Project
from . import api, import_review, memory_api, pages, sentences_api
from .security import MAX_BODY, SECURITY_HEADERS, SecurityMiddleware, allowed_hosts
from .workspace import BadEdit, Clock, NotFound, Workspace, utc_now

STATIC = Path(__file__).resolve().parent / "static"
DESCRIPTION = """The translation workbench of `bilingual serve`.

Reads are open to the loopback interface. Writes (POST, PATCH) need the
per-run token printed by `bilingual serve` in the `X-Bilingual-Token` header,
and must be same-origin (an `Origin` or `Referer` header, when sent, must be
this server; `Sec-Fetch-Site: cross-site/same-site` is refused). Bodies are
JSON, at most 256 KiB."""


def create_app(project: Project, *, token: str, host: str = "127.0.0.1", port: int = 8765,
               translator: str | None = None, hosts: Iterable[str] | None = None,
               max_body: int = MAX_BODY, clock: Clock = utc_now) -> FastAPI:
    """The ASGI app for one project. `hosts` overrides the accepted Host headers
    (by default the bound address and loopback names, with `port`)."""
    app = FastAPI(title="bilingual workbench", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)  # the doc UIs load scripts from a CDN
    app.state.workspace = Workspace(project, translator=translator, clock=clock)
    app.include_router(api.router)
    app.include_router(memory_api.router)
    app.include_router(sentences_api.router)
    app.include_router(pages.router)
    app.include_router(import_review.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(NotFound)
    async def not_found(_request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse(status_code=404, content={"detail": exc.message})

    @app.exception_handler(BadEdit)
    async def bad_edit(_request: Request, exc: BadEdit) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": exc.message})

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own handler echoes the input, which fails to encode when it
        # holds a lone surrogate (then: 500). Say where and what, never the input.
        errors = [{"loc": [str(part) for part in err.get("loc", ())],
                   "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))}
                  for err in exc.errors()]
        body = json.dumps({"detail": errors}, ensure_ascii=True)
        return JSONResponse(status_code=422, content=json.loads(body))

    @app.exception_handler(Exception)
    async def crashed(_request: Request, _exc: Exception) -> JSONResponse:
        # Runs outside the security middleware: add its headers here.
        return JSONResponse(status_code=500, content={"detail": "internal error"},
                            headers=SECURITY_HEADERS)

    @app.exception_handler(PipelineError)
    async def unreadable(_request: Request, exc: PipelineError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    @app.exception_handler(WriteError)
    async def unwritable(_request: Request, exc: WriteError) -> JSONResponse:
        # A full disk is the server's state (507), a read-only file the catalog's (409).
        status = 507 if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", 0)) else 409
        return JSONResponse(status_code=status, content={"detail": str(exc)})

    app.add_middleware(SecurityMiddleware, token=token,
                       hosts=hosts if hosts is not None else allowed_hosts(host, port),
                       max_body=max_body)
    return app
