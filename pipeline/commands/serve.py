"""`bilingual serve`: the translation workbench, on a local web server."""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalog.header import header_value
from ..errors import PipelineError
from ..project import Project
from ..serve.security import host_with_port, is_loopback, new_token
from .base import Command, whole
from .common import say, warn

if TYPE_CHECKING:
    from ..serve.workspace import Workspace

TRANSLATOR_ENV = "BILINGUAL_TRANSLATOR"
# Off loopback the token is a secret shared by the team, from the environment:
# never from bilingual.toml, which is committed with the project.
SECRET_ENV = "BILINGUAL_SERVE_SECRET"
MIN_SECRET = 16


def listen(host: str, port: int) -> socket.socket:
    """A bound socket (port 0: any free one), or PipelineError saying why not."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise PipelineError(f"cannot resolve --host {host}: {exc.strerror}") from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)  # connections queue from now on, before uvicorn accepts them
    except OSError as exc:
        sock.close()
        raise PipelineError(f"cannot listen on {host_with_port(host, port)}: "
                            f"{exc.strerror or exc}") from None
    return sock


def _warm_up(workspace: Workspace) -> None:
    """Make the article pages (parsed catalogs, glossary patterns, the rendered
    HTML) while the translator opens the browser; a page asked for meanwhile waits
    for this work rather than repeating it. The checks (language profiles, every
    entry's findings) wait for the page to ask: loading them here would hold up
    the first page they are not needed for."""
    from ..serve.pages import article_html

    try:
        for article in workspace.listing().articles:
            for row in article.locales:
                if row.exists and not row.error:
                    article_html(workspace, article.slug, row.locale)
    except (PipelineError, OSError):
        pass  # the page itself will report it


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"  # loopback only
    port: int = 8765  # 0: any free port
    translator: str | None = None  # Last-Translator; None: $BILINGUAL_TRANSLATOR


def serve(project: Project, options: ServeOptions = ServeOptions()) -> int:
    """Run the workbench until interrupted; prints its URL (with this run's token) as
    soon as the socket listens: the web framework loads after, while the browser's
    first request waits in the socket's queue."""
    host, port = options.host, options.port
    translator = (options.translator or os.environ.get(TRANSLATOR_ENV)
                  or project.config.publication.translator or "").strip() or None
    if translator:  # --translator, $BILINGUAL_TRANSLATOR or the settings alike
        header_value("Last-Translator", translator)
    token = new_token()
    if not is_loopback(host):
        secret = os.environ.get(SECRET_ENV, "").strip()
        if len(secret) < MIN_SECRET or not secret.isascii() or not secret.isprintable():
            raise PipelineError(f"--host {host} listens beyond this computer: set {SECRET_ENV} "
                                f"to a shared secret of at least {MIN_SECRET} printable ASCII "
                                "characters (the team's access token for saving)")
        token = secret
    sock = listen(host, port)
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if host.strip("[]") in ("0.0.0.0", "::", "") else host
    if not is_loopback(host):
        warn(f"warning: listening on {host}, not only on this computer. Anyone who can reach "
             "this address can read every source and catalog of the project; saving needs "
             f"the shared secret ({SECRET_ENV}). The connection is plain HTTP: on an "
             "untrusted network the texts and the secret can be read in transit.")
    if not translator:
        warn(f"note: Last-Translator stays as it is (set --translator or {TRANSLATOR_ENV})")
    say(f"bilingual workbench for {project.root}")
    say(f"  open http://{host_with_port(shown, port)}/#token={token}")
    say("  (the token after # authorises saving; stop with Ctrl+C)")
    sys.stdout.flush()
    try:
        import uvicorn

        from ..serve.app import create_app
        from ..serve.protocol import server_config
        app = create_app(project, token=token, host=host, port=port, translator=translator)
        threading.Thread(target=_warm_up, args=(app.state.workspace,), daemon=True).start()
        uvicorn.Server(server_config(app)).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C after shutting down cleanly
        pass
    finally:
        sock.close()
    say("bilingual workbench stopped")
    return 0


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="interface to listen on (default: 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=whole(0, 65535), default=8765,
                        help="port (default: 8765; 0: any free port)")
    parser.add_argument("--translator", metavar="'NAME <EMAIL>'",
                        help="Last-Translator for saved catalogs (default: "
                             "$BILINGUAL_TRANSLATOR)")


COMMAND = Command(ServeOptions, _arguments, serve,
                  description="Start the local translation workbench and print its URL.")
