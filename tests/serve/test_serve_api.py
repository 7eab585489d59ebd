"""`bilingual serve`: the JSON API, saving, conflicts and the security perimeter,
in-process through FastAPI's TestClient (plus one real server for the command)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from serve_support import (
    API,
    AUTH,
    BASE,
    LOCALE,
    NOW_TEXT,
    SLUG,
    TOKEN,
    TRANSLATOR,
    Fixture,
    changed_lines,
    make_app,
    running,
)

from pipeline.errors import PipelineError
from pipeline.render.diff import char_diff
from pipeline.serve.edits import normalise_comment
from pipeline.serve.protocol import WorkbenchProtocol
from pipeline.source import read_article


def save_body(fx: Fixture, segment: str, msgstr: str, fingerprint: str | None = None,
              **extra: object) -> dict:
    return {"fingerprint": fingerprint or fx.sha(),
            "edits": [{"segment": segment, "msgstr": msgstr, **extra}]}


# -- reading ------------------------------------------------------------------------


def test_list_articles_with_progress(api, fx: Fixture) -> None:
    data = api.get("/api/articles").json()
    assert data["locales"] == [LOCALE]
    [article] = data["articles"]
    assert article["slug"] == SLUG and article["title"] == "产业焕新姿 蝶变向新行"
    [row] = article["locales"]
    assert row["file"] == f"locales/{LOCALE}/LC_MESSAGES/{SLUG}.po"
    progress = row["progress"]
    assert (progress["untranslated"], progress["fuzzy"]) == (1, 1)
    assert progress["translated"] == progress["total"] - 2


def test_catalog_view_has_every_segment_in_source_order(api, fx: Fixture) -> None:
    data = api.get(API).json()
    article = read_article(fx.project.source_path(SLUG))
    assert [s["id"] for s in data["segments"]] == [s.id for s in article.segments]
    assert data["fingerprint"] == fx.sha() and data["canonical"] is True
    by_id = {s["id"]: s for s in data["segments"]}
    assert by_id[fx.untranslated]["status"] == "untranslated"
    assert [f["code"] for f in by_id[fx.untranslated]["findings"]] == ["BL301"]
    fuzzy = by_id[fx.fuzzy]
    assert fuzzy["status"] == "fuzzy" and fuzzy["previous_source"] == fx.previous
    old = "".join(op["text"] for op in fuzzy["source_diff"] if op["op"] != "insert")
    new = "".join(op["text"] for op in fuzzy["source_diff"] if op["op"] != "delete")
    assert (old, new) == (fx.previous, fuzzy["source"])
    assert {"op": "delete", "text": "旧的说法"} in fuzzy["source_diff"]
    translated = by_id[fx.translated]
    assert translated["status"] == "translated"
    term = next(t for t in translated["terms"] if t["term"] == "上党区")
    assert term["english"] == "Shangdang District" and term["present"] is True


def test_character_diff_is_exact() -> None:
    ops = char_diff("上党区煤炭产业", "上党区新能源产业")
    assert ops == [("equal", "上党区"), ("delete", "煤炭"), ("insert", "新能源"), ("equal", "产业")]
    assert normalise_comment("\n a  \n\nb \n\n") == " a\n\nb"


def test_check_reports_rule_findings_without_saving(api, fx: Fixture) -> None:
    before = fx.text()
    url = f"{API}/check"

    def codes(msgstr: str, **extra: object) -> list[str]:
        response = api.post(url, json={"segment": fx.translated, "msgstr": msgstr, **extra},
                            headers=AUTH)
        assert response.status_code == 200, response.text
        return [f["code"] for f in response.json()["findings"]]

    good = fx.entry(fx.translated).msgstr
    assert codes(good) == []
    assert "BL101" in codes(good.replace("Shangdang District", "the area").replace(
        "Shangdang", "the area"))
    assert "BL501" in codes(good + " 上党区")
    assert "BL601" in codes(good + " **bold**")
    assert "BL401" not in codes(good)
    assert codes("") == ["BL301"]
    # A translator's exception in the proposed comment applies.
    bad = good + " **bold**"
    assert "BL601" not in codes(bad, comment="check: ignore BL601 — testing")
    assert fx.text() == before


# -- saving -------------------------------------------------------------------------


def test_save_changes_only_the_entry_and_two_header_lines(api, fx: Fixture) -> None:
    before = fx.text()
    response = api.patch(API, json=save_body(fx, fx.untranslated, "A fresh translation."),
                         headers=AUTH)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["changed"] is True and data["saved"] == [fx.untranslated]
    assert data["fingerprint"] == fx.sha()
    assert data["segments"][0]["status"] == "translated"
    after = fx.text()
    removed, added = changed_lines(before, after)
    assert sorted(removed) == sorted(['msgstr ""'] + [
        line for line in before.splitlines()
        if line.startswith(('"PO-Revision-Date', '"Last-Translator'))])
    assert sorted(added) == sorted(['msgstr "A fresh translation."',
                                    f'"PO-Revision-Date: {NOW_TEXT}\\n"',
                                    f'"Last-Translator: {TRANSLATOR}\\n"'])
    assert fx.entry(fx.untranslated).msgstr == "A fresh translation."


@pytest.mark.gnu
def test_saved_file_is_what_msgcat_writes(api, fx: Fixture, tmp_path: Path) -> None:
    if shutil.which("msgcat") is None:
        pytest.skip("msgcat (GNU gettext) is not installed")
    long_text = ("A long translation that GNU gettext must wrap at seventy-nine columns, "
                 "with “curly quotes”, a tab\there and a second line\nlike this. ") * 3
    body = save_body(fx, fx.fuzzy, long_text, fuzzy=False,
                     comment="Reviewed.\ncheck: ignore BL502 — names")
    assert api.patch(API, json=body, headers=AUTH).status_code == 200
    out = subprocess.run(["msgcat", str(fx.po_path)], capture_output=True, check=True).stdout
    assert out == fx.po_path.read_bytes()


def test_clearing_fuzzy_drops_the_previous_source(api, fx: Fixture) -> None:
    msgstr = fx.entry(fx.fuzzy).msgstr
    body = save_body(fx, fx.fuzzy, msgstr, fuzzy=False)
    assert api.patch(API, json=body, headers=AUTH).status_code == 200
    entry = fx.entry(fx.fuzzy)
    assert "fuzzy" not in entry.flags and entry.previous_msgid is None
    assert "#| msgid" not in fx.text()
    # Setting it again keeps the text and marks it a draft.
    assert api.patch(API, json=save_body(fx, fx.fuzzy, msgstr, fuzzy=True),
                     headers=AUTH).status_code == 200
    assert "fuzzy" in fx.entry(fx.fuzzy).flags


def test_comment_is_saved_and_unchanged_edit_writes_nothing(api, fx: Fixture) -> None:
    msgstr = fx.entry(fx.translated).msgstr
    body = save_body(fx, fx.translated, msgstr, comment="Checked against the district site.")
    assert api.patch(API, json=body, headers=AUTH).status_code == 200
    assert fx.entry(fx.translated).tcomment == "Checked against the district site."
    before = fx.po_path.read_bytes()
    again = api.patch(API, json=save_body(fx, fx.translated, msgstr), headers=AUTH).json()
    assert again["changed"] is False and again["saved"] == []
    assert fx.po_path.read_bytes() == before


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_conflict_is_refused_with_both_versions(api, fx: Fixture) -> None:
    loaded = api.get(API).json()["fingerprint"]
    fx.edit_on_disk(fx.untranslated, "Written meanwhile in Poedit.")
    on_disk = fx.text()
    response = api.patch(API, json=save_body(fx, fx.untranslated, "Mine.", fingerprint=loaded),
                         headers=AUTH)
    assert response.status_code == 409
    data = response.json()
    assert "changed on disk" in data["detail"] and data["file"].endswith(f"{SLUG}.po")
    [conflict] = data["conflicts"]
    assert conflict["segment"] == fx.untranslated
    assert conflict["yours"]["msgstr"] == "Mine."
    assert conflict["disk"]["msgstr"] == "Written meanwhile in Poedit."
    assert data["fingerprint"] == fx.sha() != loaded
    assert fx.text() == on_disk  # nothing overwritten
    # Keeping one's own version is an explicit second request with the new fingerprint.
    kept = api.patch(API, json=save_body(fx, fx.untranslated, "Mine.",
                                         fingerprint=data["fingerprint"]), headers=AUTH)
    assert kept.status_code == 200 and fx.entry(fx.untranslated).msgstr == "Mine."


def test_non_canonical_file_keeps_its_layout_on_save(api, fx: Fixture) -> None:
    # a rewrap is no change to any entry, so saving is not refused; but only the
    # edited entry and the header are rewritten: reformatting is `fmt`'s job (#27)
    text = fx.text().replace("\n\n", "\n\n\n", 1)  # an extra blank line msgcat would drop
    fx.po_path.write_text(text, encoding="utf-8")
    assert api.get(API).json()["canonical"] is False
    saved = api.patch(API, json=save_body(fx, fx.untranslated, "X."), headers=AUTH)
    assert saved.status_code == 200
    assert fx.entry(fx.untranslated).msgstr == "X."
    assert "\n\n\n" in fx.text()  # the other tool's layout is still there


def test_bad_edits_are_rejected(api, fx: Fixture) -> None:
    before = fx.text()
    cases = [
        (save_body(fx, "p-00000000", "x"), 404),  # no such segment
        (save_body(fx, fx.translated, "nul\x00byte"), 422),
        (save_body(fx, fx.translated, "x") | {"fingerprint": "abc"}, 422),
        ({"fingerprint": fx.sha(), "edits": []}, 422),
        (save_body(fx, fx.translated, "x") | {"unknown": 1}, 422),
    ]
    for body, status in cases:
        assert api.patch(API, json=body, headers=AUTH).status_code == status, body
    assert fx.text() == before


# -- the perimeter ------------------------------------------------------------------


def test_write_without_or_with_a_wrong_token_is_403(api, fx: Fixture) -> None:
    before = fx.text()
    body = save_body(fx, fx.untranslated, "Sneaky.")
    for headers in ({}, {"X-Bilingual-Token": "wrong"}, {"X-Bilingual-Token": TOKEN[:-1]}):
        response = api.patch(API, json=body, headers=headers)
        assert response.status_code == 403 and "token" in response.json()["detail"]
        assert api.post(f"{API}/check", json={"segment": fx.translated, "msgstr": "x"},
                        headers=headers).status_code == 403
    assert fx.text() == before


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_cross_origin_writes_are_403(api, fx: Fixture) -> None:
    before = fx.text()
    body = save_body(fx, fx.untranslated, "Sneaky.")
    refused = [
        {"Origin": "http://127.0.0.1:9999"},
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/page"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": BASE},
    ]
    for extra in refused:
        response = api.patch(API, json=body, headers=AUTH | extra)
        assert response.status_code == 403, extra
        assert "cross-origin" in response.json()["detail"]
    assert api.options(API, headers={"Origin": "http://evil.example",
                                     "Access-Control-Request-Method": "PATCH"}
                       ).status_code == 403
    assert fx.text() == before
    # Same origin, or no Origin at all (curl) with the token: accepted.
    for extra in ({"Origin": BASE, "Sec-Fetch-Site": "same-origin"}, {"Referer": BASE + "/x"}, {}):
        ok = api.post(f"{API}/check", json={"segment": fx.translated, "msgstr": "x"},
                      headers=AUTH | extra)
        assert ok.status_code == 200, extra


def test_unknown_host_header_is_refused(api) -> None:
    # DNS rebinding: evil.example resolved to 127.0.0.1 still sends its own name.
    assert api.get("/api/articles", headers={"Host": "evil.example:8765"}).status_code == 400
    assert api.get("/api/articles", headers={"Host": "localhost:8765"}).status_code == 200


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@pytest.mark.parametrize("path", [
    "/api/articles/..%2F..%2Fetc%2Fpasswd/en",
    "/api/articles/%2Fetc%2Fpasswd/en",
    "/api/articles/shangdang/..%2F..%2F..%2Fetc",
    "/api/articles/shangdang/%2e%2e",
    "/api/articles/%2e%2e/en",
    "/api/articles/shangdang.md/en",
    "/api/articles/shangdang/en%2FLC_MESSAGES",
    "/api/articles/SHANGDANG/en",
    "/api/articles/shangdang/zz",
    "/articles/..%2Fglossary%2Fterms.csv/en",
    "/preview/shangdang/..%2F..",
    "/static/..%2F..%2Fproject.py",
    "/static/%2e%2e/app.py",
    "/api/articles//etc/passwd",
])
def test_path_traversal_is_404_or_400(api, path: str) -> None:
    assert api.get(path).status_code in (400, 404), path


@pytest.mark.parametrize("path", ["..%2F..%2Fetc%2Fpasswd/en", "shangdang/..%2Fx", "%2e%2e/en"])
def test_path_traversal_writes_are_404(api, fx: Fixture, path: str) -> None:
    body = save_body(fx, fx.untranslated, "x")
    assert api.patch(f"/api/articles/{path}", json=body,
                     headers=AUTH).status_code in (400, 404, 405)


def test_oversized_body_is_413(api, fx: Fixture) -> None:
    before = fx.text()
    body = save_body(fx, fx.untranslated, "x" * (300 * 1024))
    assert api.patch(API, json=body, headers=AUTH).status_code == 413

    def chunks():  # no Content-Length: the limit holds on the bytes received
        yield b'{"fingerprint": "' + fx.sha().encode() + b'", "edits": [{"segment": "x", "msgstr": "'
        for _ in range(40):
            yield b"y" * 8192
        yield b'"}]}'
    response = api.patch(API, content=chunks(),
                         headers=AUTH | {"Content-Type": "application/json"})
    assert response.status_code == 413
    assert fx.text() == before


def test_write_bodies_must_be_json(api, fx: Fixture) -> None:
    response = api.post(f"{API}/check", content=b"segment=x",
                        headers=AUTH | {"Content-Type": "text/plain"})
    assert response.status_code == 415


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_security_headers_everywhere(api) -> None:
    for path in ("/", f"/articles/{SLUG}/{LOCALE}", "/api/articles", "/static/workbench.js",
                 "/openapi.json", "/api/articles/nope/en"):
        headers = api.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"], path
        assert "frame-ancestors 'self'" in headers["content-security-policy"], path
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    preview = api.get(f"/preview/{SLUG}/{LOCALE}")
    assert preview.status_code == 200 and "frame-ancestors 'self'" in \
        preview.headers["content-security-policy"]
    assert "<html" in preview.text and 'data-segment="title"' in preview.text
    # The CDN-backed doc UIs are off; the OpenAPI document is served.
    assert api.get("/docs").status_code == 404


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_pages_escape_catalog_text(api, fx: Fixture) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert api.patch(API, json=save_body(fx, fx.untranslated, evil, comment=evil),
                     headers=AUTH).status_code == 200
    page = api.get(f"/articles/{SLUG}/{LOCALE}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    # The segments are a JSON data block: nothing in it can close the block or open a tag.
    assert '\\u003cscript\\u003ealert(\\"x\\")\\u003c/script\\u003e' in page.text
    assert f'"id": "{fx.untranslated}"' in page.text
    # workbench-core.js, -sentences.js, -render.js and workbench.js inlined, each allowed
    # by its hash; the data block is not run (no other inline script is allowed)
    assert page.text.count("<script") == 5
    csp = page.headers["content-security-policy"]
    scripts = re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL)
    assert len(scripts) == 4 and "'unsafe-inline'" not in csp
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert csp.count("'sha256-") == 5  # the four scripts and the style sheet
    assert '<script type="application/json" id="segments">' in page.text
    home = api.get("/")
    assert home.status_code == 200 and f"/articles/{SLUG}/{LOCALE}" in home.text


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_openapi_describes_the_api_with_models(api) -> None:
    doc = api.get("/openapi.json").json()
    paths = doc["paths"]
    assert set(paths) >= {"/api/articles", "/api/articles/{slug}/{locale}",
                          "/api/articles/{slug}/{locale}/check"}
    patch = paths["/api/articles/{slug}/{locale}"]["patch"]
    assert patch["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "SaveRequest")
    assert patch["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ConflictResponse")
    assert {"SaveResult", "CatalogView", "CheckResult", "ArticleList"} <= \
        set(doc["components"]["schemas"])


# -- the command --------------------------------------------------------------------


def test_serve_prints_its_url_and_warns_off_loopback(fx: Fixture, monkeypatch, capsys) -> None:
    import uvicorn

    from pipeline.commands import serve as command
    ran = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: ran.append(self.config))
    options = command.ServeOptions(port=0, translator="T <t@example.org>")
    assert command.serve(fx.project, options) == 0
    out, err = capsys.readouterr()
    assert "http://127.0.0.1:" in out and "/#token=" in out and "warning" not in err
    assert len(ran) == 1 and ran[0].http is WorkbenchProtocol  # its own 400s carry our headers
    monkeypatch.setattr(command, "listen", lambda host, port: __import__("socket").socket())
    monkeypatch.delenv(command.SECRET_ENV, raising=False)
    with pytest.raises(PipelineError, match=command.SECRET_ENV):  # off loopback: a secret
        command.serve(fx.project, command.ServeOptions(host="192.0.2.1", port=0))
    monkeypatch.setenv(command.SECRET_ENV, "team-secret-0123456789")
    command.serve(fx.project, command.ServeOptions(host="192.0.2.1", port=0))
    out, err = capsys.readouterr()
    assert "warning: listening on 192.0.2.1" in err and "plain HTTP" in err
    assert "#token=team-secret-0123456789" in out


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_live_server_round_trip(fx: Fixture) -> None:
    httpx = pytest.importorskip("httpx")
    with running(lambda port: make_app(fx, port=port)) as base, \
            httpx.Client(base_url=base) as http:
        view = http.get(API).json()
        body = save_body(fx, fx.untranslated, "Over the wire.", fingerprint=view["fingerprint"])
        assert http.patch(API, json=body).status_code == 403
        saved = http.patch(API, json=body, headers=AUTH | {"Origin": base})
        assert saved.status_code == 200, saved.text
    assert fx.entry(fx.untranslated).msgstr == "Over the wire."
    assert hashlib.sha256(fx.po_path.read_bytes()).hexdigest() == saved.json()["fingerprint"]


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
@pytest.mark.parametrize("request_bytes", [
    b"PATCH /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
    b"PATCH /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n"
    b"Content-Length: 2\r\n\r\nab",
    b"GARBAGE\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n",
    b"PATCH /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
    b"\r\nzz\r\n",
], ids=["content-length", "two-lengths", "request-line", "header-line", "chunk"])
def test_a_request_the_server_cannot_parse_gets_the_security_headers(
        fx: Fixture, request_bytes: bytes, capfd: pytest.CaptureFixture[str]) -> None:
    """The server's own 400, made before the app sees the request, or while it
    handles it (a broken chunk), and no traceback in the server's log (#27)."""
    import socket
    from urllib.parse import urlsplit

    from pipeline.serve.security import SECURITY_HEADERS
    with running(lambda port: make_app(fx, port=port)) as base:
        port = urlsplit(base).port
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(request_bytes)
            answer = b""
            while chunk := conn.recv(65536):
                answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    assert head[0].startswith("HTTP/1.1 400"), head
    headers = dict(line.lower().split(": ", 1) for line in head[1:])
    assert {k: headers.get(k) for k in SECURITY_HEADERS} == {
        k: v.lower() for k, v in SECURITY_HEADERS.items()}
    log = capfd.readouterr().err
    assert "Traceback" not in log and "Exception" not in log, log


def test_workspace_names_only_project_files(fx: Fixture, tmp_path: Path) -> None:
    from pipeline.serve.workspace import NotFound, Workspace
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: 外面\n---\n\n外面的文字。\n", encoding="utf-8")
    (fx.project.content_dir / "escape.md").symlink_to(outside)
    ws = Workspace(fx.project)
    for slug in ("..", "../glossary/terms", "/etc/passwd", ".hidden", "escape", "shangdang/"):
        with pytest.raises(NotFound):
            ws.source_path(slug)
    for locale in ("..", "en/LC_MESSAGES", "/tmp", "zz"):
        with pytest.raises(NotFound):
            ws.catalog_path(SLUG, locale)
    assert ws.catalog_path(SLUG, LOCALE) == fx.po_path


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_findings_agree_with_check(api, fx: Fixture, capsys) -> None:  # type: ignore[no-untyped-def]
    """The page's "with findings" count is the number of entries `bilingual check`
    reports on for this catalog: the per-entry rules and the catalog's own (an
    approved rendering never used in the article, BL202)."""
    import json

    from pipeline.cli import main

    answer = api.get(f"{API}/findings")
    assert answer.status_code == 200
    page = {sid for sid, found in answer.json()["findings"].items() if found}
    assert main(["-C", str(fx.root), "check", "--format", "json", "--article", SLUG,
                 "--locale", LOCALE, "--no-cache"]) in (0, 1)
    file = fx.project.catalog_path(SLUG, LOCALE).relative_to(fx.root).as_posix()
    checked = {f["line"] for f in json.loads(capsys.readouterr().out)
               if f["file"].endswith(file)}  # shown relative to where check runs
    lines = {s["entry_line"]: s["id"] for s in api.get(API).json()["segments"]}
    assert {lines[line] for line in checked} == page
    assert any(f["code"] == "BL202" for found in answer.json()["findings"].values()
               for f in found)


# -- the page, fast -----------------------------------------------------------------


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_the_page_is_made_once_per_version_without_formatting_the_file(
        api, fx: Fixture, monkeypatch) -> None:
    """The article page never formats the whole catalog to learn its form (a
    1,000-entry file took most of a cold page); its HTML is made once per version
    of the file and reused; the API's whole view still says whether it is canonical."""
    import os

    from pipeline.serve import workspace

    formatted = []
    real = workspace.format_pofile
    monkeypatch.setattr(workspace, "format_pofile", lambda po: formatted.append(1) or real(po))
    text = fx.text().replace("\n\n", "\n\n\n", 1)  # not in the form msgcat writes
    fx.po_path.write_text(text, encoding="utf-8")
    old = fx.po_path.stat().st_mtime - 60  # not being written right now
    os.utime(fx.po_path, (old, old))
    page = f"/articles/{SLUG}/{LOCALE}"
    first = api.get(page)
    assert first.status_code == 200 and formatted == []
    ws = api.app.state.workspace
    cached = ws._pages[fx.po_path]
    assert api.get(page).text == first.text and ws._pages[fx.po_path] is cached
    assert api.get(API).json()["canonical"] is False and formatted == [1]
    fx.edit_on_disk(fx.translated, "Changed on disk.")
    assert "Changed on disk." in api.get(page).text


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_the_warm_up_and_the_first_request_build_the_page_once(fx: Fixture, monkeypatch) -> None:
    """Two callers at once (the warm-up thread and the browser's first request) wait
    for one build of the view instead of making it twice side by side."""
    import threading
    import time

    from serve_support import make_app

    from pipeline.serve import workspace
    from pipeline.serve.pages import article_html

    built = []
    real = workspace.catalog_view

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(1)
        time.sleep(0.2)
        return real(*args, **kwargs)

    monkeypatch.setattr(workspace, "catalog_view", slow)
    ws = make_app(fx).state.workspace
    pages: list[str] = []
    callers = [threading.Thread(target=lambda: pages.append(article_html(ws, SLUG, LOCALE)))
               for _ in range(2)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert built == [1] and len(pages) == 2 and pages[0] is pages[1]


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_the_app_loads_without_the_memory_or_the_renderer() -> None:
    """What the first page does not need is imported when asked for: the memory
    (numpy, rapidfuzz, lxml) on a segment's first focus, the renderer on Preview,
    the importer (markdown-it, the PDF and Word readers) on an import review, ctypes
    (for renameat2) on the first write."""
    import sys

    probe = ("import sys; import pipeline.serve.app; "
             "print(sorted(m for m in ('numpy', 'rapidfuzz', 'lxml', 'pipeline.render.html', "
             "'pipeline.memory.index', 'pipeline.importer', 'markdown_it', 'ctypes') "
             "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
