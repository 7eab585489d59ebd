"""Shared by the `bilingual serve` tests: a hermetic project and a live server.

The project is the repository's content/, glossary/ and locales/ copied into a
temporary directory, with one entry made untranslated and one made fuzzy (with
a previous source), written in GNU canonical form so that a save's diff can be
compared line by line.
"""

from __future__ import annotations

import difflib
import hashlib
import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib
import uvicorn
from support import copy_real_project

from pipeline.catalog.pofile import read_catalog, write_catalog
from pipeline.glossary import TermMatcher, load_glossary
from pipeline.project import Project
from pipeline.serve import create_app
from pipeline.serve.protocol import server_config
from pipeline.source import read_article

with warnings.catch_warnings():  # starlette suggests httpx2; httpx is what we install
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SLUG, LOCALE = "shangdang", "en"
TOKEN = "test-token-0123456789abcdefghijklmnopqrstu"
API = f"/api/articles/{SLUG}/{LOCALE}"
AUTH = {"X-Bilingual-Token": TOKEN}
TRANSLATOR = "Test Translator <test@example.org>"
NOW = datetime(2030, 1, 2, 3, 4, tzinfo=UTC)
NOW_TEXT = "2030-01-02 03:04+0000"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


@dataclass
class Fixture:
    root: Path
    untranslated: str  # segment ids
    fuzzy: str
    translated: str  # an ordinary translated paragraph, with a glossary term
    previous: str  # the fuzzy entry's #| msgid

    @property
    def project(self) -> Project:
        return Project(self.root)

    @property
    def po_path(self) -> Path:
        return self.project.catalog_path(SLUG, LOCALE)

    def text(self) -> str:
        return self.po_path.read_text(encoding="utf-8")

    def sha(self) -> str:
        return hashlib.sha256(self.po_path.read_bytes()).hexdigest()

    def source(self, segment_id: str) -> str:
        return read_article(self.project.source_path(SLUG)).segment(segment_id).text

    def entry(self, segment_id: str) -> polib.POEntry:
        source = self.source(segment_id)
        return next(e for e in read_catalog(self.po_path).po if e.msgid == source)

    def edit_on_disk(self, segment_id: str, msgstr: str) -> None:
        """What another editor does meanwhile: a canonical rewrite of one entry."""
        loaded = read_catalog(self.po_path)
        source = self.source(segment_id)
        next(e for e in loaded.po if e.msgid == source).msgstr = msgstr
        write_catalog(loaded.po, self.po_path, expect=loaded.fingerprint)


def make_fixture(root: Path) -> Fixture:
    copy_real_project(root)
    project = Project(root)
    article = read_article(project.source_path(SLUG))
    paragraphs = [s for s in article.segments if s.kind.value == "paragraph"]
    untranslated, fuzzy = paragraphs[1], paragraphs[2]
    matcher = TermMatcher(load_glossary(project.glossary_dir))
    translated = min((s for s in paragraphs[3:] if "上党区" in s.text),
                     key=lambda s: len({h.term.term for h in matcher.find(s.text)}))
    previous = fuzzy.text[: len(fuzzy.text) // 2] + "旧的说法" + fuzzy.text[len(fuzzy.text) // 2 + 3:]
    loaded = read_catalog(project.catalog_path(SLUG, LOCALE))
    for entry in loaded.po:
        if entry.msgid == untranslated.text:
            entry.msgstr = ""
        elif entry.msgid == fuzzy.text:
            entry.flags = ["fuzzy", *entry.flags]
            entry.previous_msgid = previous
    write_catalog(loaded.po, project.catalog_path(SLUG, LOCALE), expect=loaded.fingerprint)
    return Fixture(root, untranslated.id, fuzzy.id, translated.id, previous)


def make_app(fx: Fixture, port: int = PORT, hosts: list[str] | None = None):  # type: ignore[no-untyped-def]
    return create_app(fx.project, token=TOKEN, port=port, translator=TRANSLATOR,
                      hosts=hosts, clock=lambda: NOW)


def client(fx: Fixture) -> TestClient:
    return TestClient(make_app(fx), base_url=BASE)


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines, as `git diff` would show them."""
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def entry_block(text: str, msgid_line: str) -> list[str]:
    """The lines of the entry whose `msgid` line is `msgid_line` (blank-line separated)."""
    blocks = [b.split("\n") for b in text.split("\n\n")]
    return next(b for b in blocks if msgid_line in b or any(msgid_line in x for x in b))


@dataclass
class Recorder:
    """ASGI wrapper that remembers (method, path, status, origin) of every request."""

    app: Callable
    seen: list[tuple[str, str, int, str]] = field(default_factory=list)

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        origin = dict(scope["headers"]).get(b"origin", b"").decode("latin-1")

        async def spy(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                self.seen.append((scope["method"], scope["path"], message["status"], origin))
            await send(message)
        return await self.app(scope, receive, spy)


@contextmanager
def running(factory: Callable[[int], Callable]) -> Iterator[str]:
    """The app from `factory(port)` served by uvicorn in a thread on a free loopback
    port; yields its base URL and shuts it down afterwards."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(server_config(factory(port)))  # as `serve` runs it
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
