"""The import review page (issue 33): the Markdown beside the raw file, one-click flips
written back to content/SLUG.md; a file changed meanwhile is never overwritten."""

from __future__ import annotations

from pathlib import Path

from serve_support import AUTH, TOKEN, client, make_app, make_fixture, running

from pipeline.commands.import_raw import ImportOptions, import_command

RAW = ("统计公报\n\n全年经济运行平稳，主要指标好于预期，就业和物价总体稳定，居民收入继续增长。\n\n"
       "指标        2020年      2021年      增长\n产值        100.5       110.2       9.7\n"
       "利润        20.1        22.3        10.9\n投资        50.2        55.0        9.6\n\n"
       "各地区认真贯彻落实各项政策措施，推动经济持续健康发展，取得了显著成效。\n")


PROSE = ["第一段说，全年经济运行平稳，主要指标好于预期，就业和物价总体稳定，居民收入继续增长。",
         "各地区认真贯彻落实各项政策措施，推动经济持续健康发展，取得了显著成效。",
         "展望明年，要坚持稳中求进，扩大内需，深化改革开放，保障和改善民生。"]


def _imported(tmp_path: Path, name: str, data: bytes):  # type: ignore[no-untyped-def]
    fx = make_fixture(tmp_path / "project")
    raw = tmp_path / name
    raw.write_bytes(data)
    import_command(fx.project, ImportOptions(raw, "imported"))
    return fx


def test_a_table_guess_flips_to_lines_and_back(tmp_path: Path) -> None:
    fx = _imported(tmp_path, "stats.txt", RAW.encode("gb18030"))
    source = fx.project.source_path("imported")
    before = source.read_text(encoding="utf-8")
    api = client(fx)
    view = api.get("/api/import/imported").json()
    assert view["kind"] == "txt" and view["source_lines"][0] == "统计公报"
    # Its cells at aligned columns, the guess is imported as a pipe table, put to the editor.
    assert "| 产值 | 100.5 | 110.2 | 9.7 |" in before
    table = next(i for i in view["items"] if i["choice"] == "table or lines")
    assert (table["now"], table["flip"]["op"]) == ("table", "lines")
    done = api.post("/api/import/imported/flip", headers=AUTH,
                    json={**table["flip"], "fingerprint": view["fingerprint"]})
    assert done.status_code == 200
    assert "| 产值 |" not in source.read_text(encoding="utf-8")
    assert "产值  100.5  110.2  9.7" in source.read_text(encoding="utf-8")
    again = next(i for i in done.json()["items"] if i["choice"] == "table or lines")
    assert again["now"] == "lines"
    api.post("/api/import/imported/flip", headers=AUTH,
             json={**again["flip"], "fingerprint": done.json()["fingerprint"]})
    assert source.read_text(encoding="utf-8") == before


def test_a_stale_flip_or_one_without_the_token_writes_nothing(tmp_path: Path) -> None:
    fx = _imported(tmp_path, "stats.txt", RAW.encode())
    source = fx.project.source_path("imported")
    api = client(fx)
    view = api.get("/api/import/imported").json()
    flip = {"op": "heading", "block": 0, "fingerprint": view["fingerprint"]}
    assert api.post("/api/import/imported/flip", json=flip).status_code == 403
    source.write_text(source.read_text(encoding="utf-8") + "\n编辑加的一段。\n",
                      encoding="utf-8")
    edited = source.read_text(encoding="utf-8")
    stale = api.post("/api/import/imported/flip", headers=AUTH, json=flip)
    assert stale.status_code == 409 and "changed since the page loaded it" in \
        stale.json()["detail"]
    assert source.read_text(encoding="utf-8") == edited
    wrong = api.post("/api/import/imported/flip", headers=AUTH,
                     json={"op": "join", "block": 99, "fingerprint":
                           api.get("/api/import/imported").json()["fingerprint"]})
    assert wrong.status_code == 400 and "no block 100" in wrong.json()["detail"]


def test_a_chromium_pdf_is_shown_as_pages_and_a_click_flips_a_heading(
        tmp_path: Path, edition_browser) -> None:
    printer = edition_browser.new_page()
    printer.set_content("<html lang=zh><body style='font-size:14px'><h1>城市发展观察</h1>"
                        + "".join(f"<p>{text}</p>" for text in PROSE)
                        + "</body></html>")
    fx = _imported(tmp_path, "print.pdf", printer.pdf(format="A5"))
    printer.close()
    source = fx.project.source_path("imported")
    with running(lambda port: make_app(fx, port=port)) as base:
        page = edition_browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/import/imported#token={TOKEN}")
        page.wait_for_selector("body[data-import-ready='true']")
        assert page.locator("#page-0 img").get_attribute("src") == "/api/import/imported/page/0"
        image = page.request.get(f"{base}/api/import/imported/page/0")
        assert image.headers["content-type"] == "image/png" and image.body()[:4] == b"\x89PNG"
        first = page.locator("#block-0")
        assert first.get_attribute("data-kind") == "paragraph"
        first.get_by_role("button", name="→ heading").click()
        page.wait_for_selector("#block-0[data-kind='heading']")
        assert "\n## 第一段说，" in source.read_text(encoding="utf-8")
        page.locator("#block-0").get_by_role("button", name="→ paragraph").click()
        page.wait_for_selector("#block-0[data-kind='paragraph']")
        assert "\n第一段说，" in source.read_text(encoding="utf-8")
        assert errors == []
        page.close()
