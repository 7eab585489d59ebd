"""Who may talk to the workbench, and what every response carries.

One ASGI middleware, in this order:

1. Host: the `Host` header must name this server (its bound address or a
   loopback name, with its port), which defeats DNS rebinding: a page on
   evil.example resolved to 127.0.0.1 still sends `Host: evil.example`.
   Skipped only when bound to a wildcard address (0.0.0.0, ::), which `serve`
   warns about.
2. Writes (every method but GET/HEAD, so POST/PUT/PATCH/DELETE/OPTIONS):
   - `Sec-Fetch-Site: cross-site` or `same-site` → 403 (a browser telling us
     another site or another port made the request);
   - `Origin`, when present, must be this server's own origin
     (`http://` + the Host header); failing that, a present `Referer` must be
     on it. A request with neither is a non-browser client (curl, a script):
     browsers always send Origin on POST/PUT/PATCH/DELETE, so absence is
     allowed, but such a client still needs the token;
   - the `X-Bilingual-Token` header must equal this run's random token
     (compared in constant time) → 403 otherwise;
   - a body must be `application/json` → 415, and at most `max_body` bytes
     → 413 (Content-Length checked first, then the bytes actually received).
   The token is a custom header, so a cross-origin page cannot even send it
   without a CORS preflight, which we never approve.
3. Security headers on every response: a Content-Security-Policy allowing only
   this origin (no inline script or style, frame-ancestors 'self'),
   nosniff, X-Frame-Options, Referrer-Policy same-origin (not no-referrer,
   which would make browsers send `Origin: null` on same-origin writes),
   COOP/CORP same-origin, and Cache-Control no-store.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # starlette (and asyncio) load with the app, after the URL is printed
    from starlette.datastructures import Headers
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_HEADER = "X-Bilingual-Token"
SAFE_METHODS = frozenset({"GET", "HEAD"})
MAX_BODY = 256 * 1024
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
       "form-action 'self'; object-src 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
}
WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def new_token() -> str:
    """A per-run secret: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_with_port(host: str, port: int) -> str:
    host = host.strip("[]")
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """Host header values naming this server; None: any (bound to a wildcard)."""
    if host.strip("[]") in WILDCARDS:
        return None
    names = {host_with_port(host, port), host_with_port("127.0.0.1", port),
             host_with_port("localhost", port), host_with_port("::1", port)}
    return frozenset(n.lower() for n in names)


def origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def write_refusal(headers: Headers, token: str, own_origin: str) -> tuple[int, str] | None:
    """Pure: why a state-changing request must be refused, or None."""
    site = headers.get("sec-fetch-site", "").lower()
    if site in ("cross-site", "same-site"):
        return 403, f"cross-origin request refused (Sec-Fetch-Site: {site})"
    origin = headers.get("origin")
    if origin is not None:
        if origin.lower() != own_origin:
            return 403, f"cross-origin request refused (Origin {origin!r} is not {own_origin})"
    else:
        referer = headers.get("referer")
        if referer is not None and origin_of(referer) != own_origin:
            return 403, f"cross-origin request refused (Referer is not on {own_origin})"
    supplied = headers.get(TOKEN_HEADER.lower(), "")
    if not supplied or not hmac.compare_digest(supplied.encode("utf-8", "replace"),
                                               token.encode("utf-8")):
        return 403, (f"missing or wrong {TOKEN_HEADER} header: open the URL printed by "
                     "`bilingual serve` (it carries this run's token)")
    length = headers.get("content-length")
    if length is not None and not length.isdigit():
        return 400, "malformed Content-Length"
    has_body = (length is not None and int(length) > 0) or "transfer-encoding" in headers
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    if has_body and media != "application/json":
        return 415, "request bodies must be application/json"
    return None


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, *, token: str, hosts: Iterable[str] | None,
                 max_body: int = MAX_BODY, scheme: str = "http"):
        self.app = app
        self.token = token
        self.hosts = frozenset(h.lower() for h in hosts) if hosts is not None else None
        self.max_body = max_body
        self.scheme = scheme

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.datastructures import Headers
        headers = Headers(scope=scope)
        host = headers.get("host", "").lower()
        if self.hosts is not None and host not in self.hosts:
            await _refuse(send, 400, f"unknown Host header {host!r}: use the URL printed by "
                                     "`bilingual serve`")
            return
        if scope["method"] not in SAFE_METHODS:
            refusal = write_refusal(headers, self.token, f"{self.scheme}://{host}")
            length = headers.get("content-length")
            if refusal is None and length is not None and int(length) > self.max_body:
                refusal = (413, f"request body larger than {self.max_body} bytes")
            if refusal is not None:
                await _drain(receive, self.max_body)
                await _refuse(send, *refusal)
                return
            body = await _read_body(receive, self.max_body)
            if body is None:
                await _refuse(send, 413, f"request body larger than {self.max_body} bytes")
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, _with_headers(send))


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _drain(receive: Receive, limit: int) -> None:
    """Read (and drop) up to `limit` bytes so the client sees our answer, not a reset."""
    size = 0
    while size <= limit:
        message = await receive()
        if message["type"] != "http.request":
            return
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            raw = list(message.get("headers", []))
            present = {name.decode("latin-1").lower() for name, _ in raw}
            raw += [(k.encode("latin-1"), v.encode("latin-1"))
                    for k, v in SECURITY_HEADERS.items() if k not in present]
            message = {**message, "headers": raw}
        await send(message)
    return wrapped


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode("ascii"))]
    await _with_headers(send)({"type": "http.response.start", "status": status,
                               "headers": headers})
    await send({"type": "http.response.body", "body": body})
