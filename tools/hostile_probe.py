"""Hostile input, end to end: how many cases end in a traceback (CLI) or a 500
(workbench API), and whether any hostile text is live in an edition.

    python tools/hostile_probe.py

Each CLI case runs `bilingual` in a fresh copy of a small project with one
thing broken; each API case sends one request to the workbench app in process;
each HTTP-layer case sends raw bytes the HTTP server itself must refuse to the
workbench served as `serve` serves it. A case passes when the command exits
0/1/2 with no traceback, or the answer is below 500 with the security headers.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SOURCE = "---\ntitle: 标题\ntranslator: Eve\n---\n\n产业是引擎。\n\n第二段[链接](https://example.org)。\n"
Breaker = Callable[[Path], None]
BILINGUAL = [sys.executable, "-c", "import sys; from pipeline.cli import main; "
             "sys.exit(main(sys.argv[1:]))"]


def _write(rel: str, text: str | bytes) -> Breaker:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return apply


def _po_replace(old: str, new: str) -> Breaker:
    """Replace `old` once; an empty `msgstr ""` is an entry's, never the header's."""
    def apply(root: Path) -> None:
        path = root / "locales/en/LC_MESSAGES/a.po"
        text = path.read_text(encoding="utf-8")
        pattern = re.escape(old) + ('(?=\n(?!"))' if old == 'msgstr ""' else "")
        path.write_text(re.sub(pattern, lambda _m: new, text, count=1), encoding="utf-8")
    return apply


def _cache_is_a_file(root: Path) -> None:
    shutil.rmtree(root / ".bilingual", ignore_errors=True)
    (root / ".bilingual").write_text("x", encoding="utf-8")


def _chmod(rel: str, mode: int) -> Breaker:
    return lambda root: (root / rel).chmod(mode)


CLI_CASES: list[tuple[str, Breaker, list[str]]] = [
    ("NUL in source", _write("content/a.md", "段落\x00。\n"), ["extract"]),
    ("footnote", _write("content/a.md", "注[^1]。\n\n[^1]: 正文。\n"), ["extract"]),
    ("link definition with Chinese", _write("content/a.md", "段落。\n\n[x]: 中文\n"), ["extract"]),
    ("unused footnote", _write("content/a.md", "段落。\n\n[^9]: 正文。\n"), ["check"]),
    ("bad article name", _write("content/Town.md", "段落。\n"), ["build"]),
    ("invalid UTF-8 source", _write("content/a.md", b"\xff\xfe"), ["extract"]),
    ("deep nesting", _write("content/a.md", "> " * 40 + "深。\n"), ["extract"]),
    ("empty catalog", _write("locales/en/LC_MESSAGES/a.po", b""), ["update"]),
    ("empty catalog to fmt", _write("locales/en/LC_MESSAGES/a.po", b""),
     ["fmt", "locales/en/LC_MESSAGES/a.po"]),
    ("NUL in catalog", _po_replace('msgstr ""', 'msgstr "a\\0"'), ["check"]),
    ("raw NUL in catalog", _write("locales/en/LC_MESSAGES/a.po", b'msgid ""\nmsgstr "\x00"\n'),
     ["status"]),
    ("Generated-By", _po_replace('"Content-Transfer-Encoding: 8bit\\n"\n',
                                 '"Content-Transfer-Encoding: 8bit\\n"\n"Generated-By:\\n"\n'),
     ["update"]),
    ("bidi in msgstr", _po_replace('msgstr ""', 'msgstr "A\u202eB"'), ["check"]),
    ("tag chars in msgstr", _po_replace('msgstr ""', 'msgstr "A\U000e0041B"'), ["check"]),
    ("javascript link in msgstr", _po_replace('msgstr ""', 'msgstr "[a](javascript:alert(1))"'),
     ["build"]),
    ("javascript url in config", _write("bilingual.toml", '[publication]\nurl = "javascript:x"\n'),
     ["build"]),
    ("control char in config", _write("bilingual.toml", '[publication]\nname = "a\\u0007"\n'),
     ["build"]),
    ("NUL in glossary", _write("glossary/terms.csv",
                               "term,english,variants,forbidden,type,pinyin,note\n产业,ind\x00,,,other,,\n"),
     ["check"]),
    ("bidi in glossary", _write("glossary/terms.csv",
                                "term,english,variants,forbidden,type,pinyin,note\n产业,ind\u202e,,,other,,\n"),
     ["check"]),
    ("read-only catalog", _chmod("locales/en/LC_MESSAGES/a.po", 0o444), ["update"]),
    ("cache is a file", lambda root: _cache_is_a_file(root), ["check"]),
    ("html in front matter", _write("content/a.md", "---\ntitle: 标题\ntranslator: <script>x</script>\n"
                                                    "---\n\n段落。\n"), ["build"]),
    ("translator with newline", lambda root: os.environ.__setitem__(
        "BILINGUAL_TRANSLATOR", "Eve\nX: 1"), ["update", "--locale", "fr", "--create"]),
]


def _project(root: Path) -> None:
    (root / "content").mkdir(parents=True)
    (root / "content/a.md").write_text(SOURCE, encoding="utf-8")
    subprocess.run([*BILINGUAL, "-C", str(root), "update", "--locale",
                    "en", "--create"], capture_output=True, check=True, env=_env())


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("BILINGUAL_TRANSLATOR", None)
    return env


def cli_cases() -> tuple[int, list[str]]:
    tracebacks = []
    for name, breaker, args in CLI_CASES:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            _project(root)
            saved = dict(os.environ)
            breaker(root)
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            os.environ.clear()
            os.environ.update(saved)
            command = ([*BILINGUAL, *args] if args[0] == "fmt"
                       else [*BILINGUAL, "-C", str(root), *args])
            done = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env)
            if "Traceback" in done.stderr or done.returncode not in (0, 1, 2):
                tracebacks.append(f"{name}: exit {done.returncode}: {done.stderr[-300:]}")
            if args[0] == "build" and (root / "build").is_dir():
                for page in (root / "build").glob("*.*"):
                    text = page.read_text(encoding="utf-8", errors="replace")
                    live = (r'href="\s*javascript|<script>x' if page.suffix == ".html"
                            else r'(?<!\\)\]\(\s*javascript|<script>x')
                    if re.search(live, text, re.I):
                        tracebacks.append(f"{name}: live hostile text in {page.name}")
    return len(CLI_CASES), tracebacks


def api_cases(verbose: bool = False) -> tuple[int, list[str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from serve_support import API, AUTH, make_fixture
        from serve_support import client as make_client
    from pipeline.serve.security import SECURITY_HEADERS
    problems: list[str] = []
    total = 0
    with tempfile.TemporaryDirectory() as scratch:
        fx = make_fixture(Path(scratch) / "project")
        with make_client(fx) as api:
            view = api.get(API).json()
            seg = view["segments"][3]

            counter = [0]

            def body(**extra: object) -> dict[str, object]:
                counter[0] += 1  # a new text each time: every save has something to write
                edit = {"segment": seg["id"], "msgstr": f"Hostile test {counter[0]}."}
                edit.update(extra.pop("edit", {}))  # type: ignore[call-overload]
                return {"fingerprint": api.get(API).json()["fingerprint"], "edits": [edit],
                        **extra}

            requests: list[tuple[str, Callable[[], object]]] = [
                ("translator newline", lambda: api.patch(API, headers=AUTH, json=body(
                    translator="Eve\nPlural-Forms: nplurals=1; plural=0;"))),
                ("translator X-Evil", lambda: api.patch(API, headers=AUTH, json=body(
                    translator="Eve\nX-Evil: 1"))),
                ("translator U+2028", lambda: api.patch(API, headers=AUTH, json=body(
                    translator="Eve\u2028X"))),
                ("msgstr NUL", lambda: api.patch(API, headers=AUTH, json=body(
                    edit={"msgstr": "a\x00"}))),
                ("javascript link", lambda: api.patch(API, headers=AUTH, json=body(
                    edit={"msgstr": "[a](javascript:alert(1))"}))),
                ("lone surrogate", lambda: api.patch(API, headers={**AUTH, "content-type":
                    "application/json"}, content=b'{"fingerprint": "\\ud800", "edits": []}')),
                ("bad JSON", lambda: api.patch(API, headers={**AUTH, "content-type":
                    "application/json"}, content=b"{")),
                ("unknown article", lambda: api.get("/api/articles/nope/en")),
                ("path traversal", lambda: api.get("/api/articles/..%2F..%2Fetc/en")),
                ("no token", lambda: api.patch(API, json=body())),
                ("bad segment id", lambda: api.patch(API, headers=AUTH, json=body(
                    edit={"segment": "<script>"}))),
                ("read-only catalog", lambda: (fx.po_path.chmod(0o444), api.patch(
                    API, headers=AUTH, json=body()))[1]),
                ("disk full", lambda: _disk_full(lambda: api.patch(API, headers=AUTH,
                                                                   json=body()))),
            ]
            for name, send in requests:
                total += 1
                fx.po_path.chmod(0o644)
                try:
                    response = send()
                except Exception as exc:  # the test client re-raises what became a 500
                    problems.append(f"{name}: 500 ({type(exc).__name__}: {exc})")
                    continue
                status = getattr(response, "status_code", 0)
                headers = {k.lower() for k in getattr(response, "headers", {})}
                if status >= 500 and status != 507:
                    problems.append(f"{name}: {status} {getattr(response, 'text', '')[:200]}")
                missing = [h for h in SECURITY_HEADERS if h.lower() not in headers]
                if missing:
                    problems.append(f"{name}: {status} without {missing}")
                if verbose:
                    print(name, status, getattr(response, "text", "")[:160], file=sys.stderr)
            after = fx.po_path.read_text(encoding="utf-8")
            if "X-Evil" in after or "nplurals=1;" in after:
                problems.append("a header field was injected")
    return total, problems


# Requests the HTTP server itself answers (400) before the app sees them.
RAW_REQUESTS = {
    "malformed Content-Length": b"PATCH /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                b"Content-Length: abc\r\n\r\n",
    "two Content-Lengths": b"PATCH /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           b"Content-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    "bad request line": b"GARBAGE\r\n\r\n",
    "bad header line": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon\r\n\r\n",
    "bad chunk": b"PATCH /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
    "non-ASCII path": b"GET /\xff HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
}


def http_layer_cases() -> tuple[int, list[str]]:
    """Raw requests to the workbench served as `serve` serves it (uvicorn, our protocol)."""
    import socket
    from urllib.parse import urlsplit
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from serve_support import make_app, make_fixture, running
    from pipeline.serve.security import SECURITY_HEADERS
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        fx = make_fixture(Path(scratch) / "project")
        with running(lambda port: make_app(fx, port=port)) as base:
            port = urlsplit(base).port
            for name, data in RAW_REQUESTS.items():
                with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
                    conn.sendall(data)
                    answer = b""
                    while chunk := conn.recv(65536):
                        answer += chunk
                head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower().split("\r\n")
                names = {line.split(":", 1)[0] for line in head[1:]}
                missing = [h for h in SECURITY_HEADERS if h not in names]
                if not head[0].startswith("http/1.1 4") or missing:
                    problems.append(f"{name}: {head[0]} without {missing}")
    return len(RAW_REQUESTS), problems


def _disk_full(send: Callable[[], object]) -> object:
    real = os.fsync

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    os.fsync = full
    try:
        return send()
    finally:
        os.fsync = real


def main() -> int:
    cli_total, cli_bad = cli_cases()
    api_total, api_bad = api_cases("-v" in sys.argv)
    http_total, http_bad = http_layer_cases()
    print(json.dumps({"cli_cases": cli_total, "cli_tracebacks_or_live_text": cli_bad,
                      "api_cases": api_total, "api_500s_or_missing_headers": api_bad,
                      "http_layer_cases": http_total, "http_layer_bad": http_bad},
                     ensure_ascii=False, indent=1))
    return 1 if cli_bad or api_bad or http_bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
