"""The workbench's HTTP/1.1 protocol: uvicorn's h11 protocol, except that the 400
it answers itself, for a request it cannot parse (a malformed Content-Length, a
broken request line or header), carries the security headers every other
response carries. That answer is made before the app and its middleware see the
request, so the middleware cannot add them. A request whose body turns bad while
the app handles it gets one answer, not the app's after ours (which uvicorn
logs as an exception)."""

from __future__ import annotations

from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .security import SECURITY_HEADERS


class WorkbenchProtocol(H11Protocol):
    """uvicorn's h11 protocol with the security headers on its own 400."""

    def send_400_response(self, msg: str) -> None:
        cycle = getattr(self, "cycle", None)
        if cycle is not None and not cycle.response_complete:
            # The request turned bad while the app handles it (a broken chunk of its
            # body): the app's answer must not follow ours on a closing connection.
            cycle.disconnected = True
            if cycle.response_started:  # the app has begun answering: only close
                self.transport.close()
                return
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"),
                   *((k.encode("ascii"), v.encode("ascii")) for k, v in SECURITY_HEADERS.items())]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                      h11.Data(data=msg.encode("ascii", "replace")), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()


def server_config(app: Any) -> Any:
    """The uvicorn configuration `serve` runs the workbench with (and the tests too)."""
    import uvicorn
    return uvicorn.Config(app, http=WorkbenchProtocol, log_level="warning", proxy_headers=False,
                          server_header=False, lifespan="off")
