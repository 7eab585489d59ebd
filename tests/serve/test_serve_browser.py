"""`bilingual serve` end to end in headless Chromium (Debian's, via Playwright).

Each test runs the workbench with uvicorn in a thread on a free loopback port
and drives it like a translator: edit, save with the keyboard, reload; an edit
made on disk meanwhile shows up as a conflict; a page on another port and a
page without the token cannot write. Console errors are collected, and only
the HTTP refusals a test provokes on purpose are tolerated.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from serve_support import (
    LOCALE,
    SLUG,
    TOKEN,
    Fixture,
    Recorder,
    changed_lines,
    make_app,
    make_fixture,
    running,
)
from support import record_errors

PAGE = f"/articles/{SLUG}/{LOCALE}"
EXPECTED_REFUSAL = re.compile(r"Failed to load resource: the server responded with a status "
                              r"of (403|409)")


@dataclass
class Workbench:
    fx: Fixture
    base: str
    recorder: Recorder


@dataclass
class Tab:
    page: object
    errors: list[str] = field(default_factory=list)

    def unexpected(self, allowed: re.Pattern[str] | None = None) -> list[str]:
        return [e for e in self.errors if allowed is None or not allowed.search(e)]


@pytest.fixture
def bench(tmp_path: Path) -> Iterator[Workbench]:
    fx = make_fixture(tmp_path / "project")
    recorders: list[Recorder] = []

    def factory(port: int) -> Recorder:
        recorders.append(Recorder(make_app(fx, port=port)))
        return recorders[-1]

    with running(factory) as base:
        yield Workbench(fx, base, recorders[0])


@pytest.fixture
def tab(edition_browser) -> Iterator[callable]:
    contexts = []

    def make() -> Tab:
        context = edition_browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        t = Tab(page)
        record_errors(page, t.errors)
        return t

    yield make
    for context in contexts:
        context.close()


def open_workbench(t: Tab, bench: Workbench, token: bool = True) -> None:
    t.page.goto(bench.base + PAGE + (f"#token={TOKEN}" if token else ""))
    t.page.wait_for_selector("body[data-ready='true']")


def area(t: Tab, segment: str):  # type: ignore[no-untyped-def]
    return t.page.locator(f'textarea[data-segment="{segment}"]')


def section(t: Tab, segment: str):  # type: ignore[no-untyped-def]
    return t.page.locator(f"#seg-{segment}")


def test_edit_save_with_keyboard_reload_and_preview(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    # Start where `bilingual serve` points: the home page, with the token in the fragment.
    t.page.goto(f"{bench.base}/#token={TOKEN}")
    t.page.wait_for_selector("body[data-ready='true']")
    assert "token=" not in t.page.url  # the fragment is taken off the address bar
    t.page.get_by_role("link", name=f"Translate {SLUG} into {LOCALE}").click()
    t.page.wait_for_selector("body[data-page='article'][data-ready='true']")
    assert "Saving enabled" in t.page.text_content("#token-state")
    before = fx.text()
    target = area(t, fx.untranslated)
    assert target.input_value() == ""
    target.fill("Typed in the browser, saved with the keyboard.")
    assert section(t, fx.untranslated).get_attribute("data-dirty") == "true"
    target.press("Control+Enter")
    # A first save loads the checks while the page's findings load: slow on a busy machine.
    t.page.wait_for_function("() => document.getElementById('announce').textContent"
                             ".startsWith('Saved')", timeout=60_000)
    assert fx.entry(fx.untranslated).msgstr == "Typed in the browser, saved with the keyboard."
    removed, added = changed_lines(before, fx.text())
    assert 'msgstr "Typed in the browser, saved with the keyboard."' in added
    assert all(line.startswith(('"PO-Revision-Date', '"Last-Translator')) for line in added
               if not line.startswith("msgstr"))
    assert len(removed) == len(added) == 3

    t.page.reload()
    t.page.wait_for_selector("body[data-ready='true']")
    assert area(t, fx.untranslated).input_value() == "Typed in the browser, saved with the keyboard."
    assert section(t, fx.untranslated).locator("[data-role=status]").text_content() == "translated"

    # Keyboard navigation: from the top, Alt+↓ lands on the (only) unfinished segment.
    area(t, "kicker").focus()
    t.page.keyboard.press("Alt+ArrowDown")
    assert t.page.evaluate("document.activeElement.dataset.segment") == fx.fuzzy
    t.page.keyboard.press("Alt+ArrowUp")
    assert t.page.evaluate("document.activeElement.dataset.segment") == fx.fuzzy  # none above
    diff = section(t, fx.fuzzy).locator("[data-role=diff]")
    assert diff.is_visible() and diff.locator("del").first.text_content() == "旧的说法"

    # Filters.
    t.page.check("input[name=filter][value=fuzzy]")
    assert t.page.locator("section.seg:visible").count() == 1
    t.page.check("input[name=filter][value=untranslated]")
    assert t.page.locator("section.seg:visible").count() == 0
    t.page.check("input[name=filter][value=all]")

    # Findings as you type, and glossary renderings inserted at the cursor.
    live = area(t, fx.translated)
    findings = section(t, fx.translated).locator("[data-role=findings] .finding")
    live.fill("The area keeps growing.")
    t.page.wait_for_function(f"""() => Array.from(document.querySelectorAll(
        '#seg-{fx.translated} .finding')).some(e => e.textContent.startsWith('BL101 上党区'))""")
    live.evaluate("el => el.setSelectionRange(4, 8)")  # select "area"
    section(t, fx.translated).locator("button.term__insert", has_text="Shangdang District").click()
    assert live.input_value() == "The Shangdang District keeps growing."
    t.page.wait_for_function(f"""() => !Array.from(document.querySelectorAll(
        '#seg-{fx.translated} .finding')).some(e => e.textContent.startsWith('BL101 上党区'))""")
    assert not any("上党区" in f for f in findings.all_text_contents())

    # The live preview renders the saved catalog.
    t.page.click("#preview-toggle")
    frame = t.page.frame_locator("#preview iframe")
    assert "saved with the keyboard" in frame.locator(
        f'[data-segment="{fx.untranslated}"]').first.text_content(timeout=10_000)
    assert t.unexpected() == [], t.errors


def test_an_edit_on_disk_meanwhile_is_a_conflict(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    open_workbench(t, bench)
    area(t, fx.untranslated).fill("Mine, from the browser.")
    fx.edit_on_disk(fx.untranslated, "Theirs, written on disk meanwhile.")
    on_disk = fx.text()
    area(t, fx.untranslated).press("Meta+Enter")  # the Mac shortcut works as well
    conflict = section(t, fx.untranslated).locator("[data-role=conflict]")
    conflict.wait_for(state="visible")
    text = conflict.text_content()
    assert "changed on disk" in text
    assert "Mine, from the browser." in text and "Theirs, written on disk meanwhile." in text
    assert fx.text() == on_disk  # nothing overwritten
    conflict.get_by_role("button", name="Use the disk version").click()
    conflict.wait_for(state="hidden")
    assert area(t, fx.untranslated).input_value() == "Theirs, written on disk meanwhile."
    assert fx.text() == on_disk

    # Another entry changes on disk: no conflict, the save is merged per entry;
    # the other change survives and the open page shows it (it watches the file).
    area(t, fx.untranslated).fill("Mine, kept on purpose.")
    fx.edit_on_disk(fx.translated, "Another entry, changed on disk.")
    area(t, fx.untranslated).press("Control+Enter")
    t.page.wait_for_function(
        f"() => document.querySelector('textarea[data-segment=\"{fx.translated}\"]').value"
        ".startsWith('Another entry')")
    assert fx.entry(fx.untranslated).msgstr == "Mine, kept on purpose."
    assert fx.entry(fx.translated).msgstr == "Another entry, changed on disk."
    assert [s for m, p, s, _o in bench.recorder.seen if m == "PATCH"] == [409, 200]
    assert t.unexpected(EXPECTED_REFUSAL) == [], t.errors


class _Attacker(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!DOCTYPE html><title>another site</title><p>another site"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


CROSS_ORIGIN_WRITES = """async ({api, token, body}) => {
  const out = [];
  const attempt = async (url, init) => {
    try { const r = await fetch(url, init); out.push(r.type === 'opaque' ? 'opaque' : r.status); }
    catch (e) { out.push('blocked'); }
  };
  // What a CSRF form can send without a preflight: refused by the server.
  await attempt(api, {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body});
  await attempt(api + '/check', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body});
  // Even knowing the token: the preflight is refused, the PATCH never goes out.
  await attempt(api, {method: 'PATCH', headers: {'Content-Type': 'application/json', 'X-Bilingual-Token': token}, body});
  return out;
}"""


def test_a_source_edit_shows_up_in_the_open_page(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    open_workbench(t, bench)
    path = fx.project.source_path("shangdang")
    path.write_text(path.read_text(encoding="utf-8") + "\n刚刚写进源文件的新段落。\n",
                    encoding="utf-8")  # no `bilingual update`: the page notices by itself
    t.page.wait_for_function(
        "() => [...document.querySelectorAll('.seg__zh')].some("
        "(p) => p.textContent === '刚刚写进源文件的新段落。')", timeout=15000)
    t.page.wait_for_function("() => document.body.dataset.ready === 'true'")
    new = t.page.locator("section.seg", has_text="刚刚写进源文件的新段落。")
    assert new.get_attribute("data-status") == "untranslated"


def test_cross_origin_and_tokenless_writes_are_refused(bench: Workbench, tab) -> None:
    fx = bench.fx
    before = fx.text()
    body = json.dumps({"fingerprint": fx.sha(),
                       "edits": [{"segment": fx.untranslated, "msgstr": "pwned"}]})
    api = f"{bench.base}/api/articles/{SLUG}/{LOCALE}"
    attacker = ThreadingHTTPServer(("127.0.0.1", 0), _Attacker)
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    try:
        evil_origin = f"http://127.0.0.1:{attacker.server_address[1]}"
        t = tab()
        t.page.goto(evil_origin + "/")
        results = t.page.evaluate(CROSS_ORIGIN_WRITES, {"api": api, "token": TOKEN, "body": body})
    finally:
        attacker.shutdown()
        attacker.server_close()
    assert results[2] == "blocked", results
    from_evil = [(m, s) for m, _p, s, o in bench.recorder.seen if o == evil_origin]
    assert ("POST", 403) in from_evil and ("OPTIONS", 403) in from_evil, bench.recorder.seen
    assert all(status == 403 for _m, status in from_evil), from_evil
    assert fx.text() == before

    # The workbench itself, opened without the token: read-only, and the API says 403.
    t = tab()
    open_workbench(t, bench, token=False)
    assert "Read-only" in t.page.text_content("#token-state")
    area(t, fx.untranslated).fill("No token, no save.")
    area(t, fx.untranslated).press("Control+Enter")
    t.page.wait_for_function(
        "() => document.getElementById('announce').textContent.includes('no access token')")
    status = t.page.evaluate("""async ({api, body}) => (await fetch(api, {method: 'PATCH',
        headers: {'Content-Type': 'application/json'}, body})).status""", {"api": api, "body": body})
    assert status == 403
    assert fx.text() == before
    assert t.unexpected(EXPECTED_REFUSAL) == [], t.errors


def test_memory_matches_are_offered_and_inserted(tmp_path: Path, tab) -> None:
    """Going to a segment shows its best memory matches (score, source diff, origin);
    a click puts the match in the textarea, unsaved, for the translator to adapt."""
    from conftest import EDITION_ARTIFACTS
    from memory_support import SecondArticle

    from pipeline.commands.update import UpdateOptions, update
    from pipeline.serve import create_app
    from pipeline.source import read_article

    second = SecondArticle(tmp_path)
    update(second.project, UpdateOptions(quiet=True, memory=False))
    article = read_article(second.project.source_path("second"))
    edited = next(s for s in article.segments if s.text == second.edited_text[0])
    with running(lambda port: create_app(second.project, token=TOKEN, port=port)) as base:
        t = tab()
        t.page.goto(f"{base}/articles/second/en#token={TOKEN}")
        t.page.wait_for_selector("body[data-ready='true']")
        box = section(t, edited.id).locator("[data-role=memory-box]")
        assert box.is_hidden()
        area(t, edited.id).focus()
        box.wait_for(state="visible")
        EDITION_ARTIFACTS.mkdir(parents=True, exist_ok=True)
        section(t, edited.id).screenshot(path=str(EDITION_ARTIFACTS / "workbench-memory.png"))
        match = box.locator(".memory__match").first
        score = match.locator(".memory__score").text_content()
        assert score.endswith("%") and 75 <= int(score[:-1]) < 100
        assert match.locator("ins, del").count() >= 1  # the source difference is shown
        assert match.locator(".memory__origin").text_content().startswith("content/shangdang.md:")
        match.locator(".memory__insert").click()
        assert area(t, edited.id).input_value() == second.edited[0].msgstr
        assert section(t, edited.id).get_attribute("data-dirty") == "true"
        assert t.errors == []


def test_a_paragraph_translated_sentence_by_sentence_is_saved_as_one_msgstr(
        tmp_path: Path, tab) -> None:
    """The sentence view: the untranslated paragraph shows one row per Chinese
    sentence, the sentence the memory has offers its translation, a click puts it in
    its row; the rows are typed, saved with the keyboard and land in the catalog as
    one msgstr. On a translated paragraph, editing one row changes only that
    sentence of the saved msgstr."""
    import polib
    from conftest import EDITION_ARTIFACTS
    from memory_support import SecondArticle

    from pipeline.commands.update import UpdateOptions, update
    from pipeline.serve import create_app
    from pipeline.source import read_article

    second = SecondArticle(tmp_path)
    update(second.project, UpdateOptions(quiet=True, memory=False))
    article = read_article(second.project.source_path("second"))
    new = next(s for s in article.segments if s.text == second.new_paragraph)

    def msgstr(text: str) -> str:
        return next(e.msgstr for e in polib.pofile(str(second.po_path)) if e.msgid == text)

    with running(lambda port: create_app(second.project, token=TOKEN, port=port)) as base:
        t = tab()
        t.page.goto(f"{base}/articles/second/en#token={TOKEN}")
        t.page.wait_for_selector("body[data-ready='true']")
        seg = section(t, new.id)
        seg.locator("[data-role=sentences]").click()
        rows = seg.locator("[data-role=sentence]")
        rows.first.wait_for()
        assert area(t, new.id).is_hidden()
        sources = [rows.nth(k).locator(".sentence__source").text_content()
                   for k in range(rows.count())]
        assert "".join(sources) == second.new_paragraph and len(sources) >= 3
        reused = rows.nth(sources.index(second.reused_source))
        match = reused.locator(".memory__match").first
        assert match.locator(".memory__score").text_content() == "exact"
        match.locator(".memory__insert").click()
        typed = {k: f"Sentence {k + 1} in English." for k in range(len(sources))
                 if sources[k] != second.reused_source}
        for k, text in typed.items():
            rows.nth(k).locator("textarea").fill(text)
        assert seg.get_attribute("data-dirty") == "true"
        EDITION_ARTIFACTS.mkdir(parents=True, exist_ok=True)
        seg.screenshot(path=str(EDITION_ARTIFACTS / "workbench-sentences.png"))
        rows.nth(0).locator("textarea").press("Control+Enter")
        t.page.wait_for_function(
            "() => document.getElementById('announce').textContent.startsWith('Saved')")
        expected = " ".join(typed.get(k, second.reused_target) for k in range(len(sources)))
        assert msgstr(second.new_paragraph) == expected
        # A translated paragraph of the real article: one row edited (a glossary term
        # clicked in the source goes into it), the rest of the msgstr as it was.
        t.page.goto(f"{base}/articles/shangdang/en")
        t.page.wait_for_selector("body[data-ready='true']")
        real = second.project.catalog_path("shangdang", "en")

        def real_msgstr(text: str) -> str:
            return next(e.msgstr for e in polib.pofile(str(real)) if e.msgid == text)

        done = next(s for s in read_article(second.project.source_path("shangdang")).segments
                    if s.text == second.verbatim[0].msgid)
        before = real_msgstr(done.text)
        seg = section(t, done.id)
        seg.locator("[data-role=sentences]").click()
        rows = seg.locator("[data-role=sentence]")
        rows.first.wait_for()
        first = rows.nth(0).locator("textarea")
        old = first.input_value()
        assert old and before.startswith(old) and rows.count() >= 2
        first.fill("A new first sentence.")
        seg.locator("mark.term-mark").first.click()
        edited = first.input_value()
        assert edited.startswith("A new first sentence.") and len(edited) > 21
        assert area(t, done.id).is_hidden()
        seg.locator("[data-role=save]").click()
        t.page.wait_for_function(
            "() => document.getElementById('announce').textContent.startsWith('Saved')")
        assert real_msgstr(done.text) == edited + before[len(old):]
        # Back to the paragraph: one box with the whole translation.
        seg.locator("[data-role=sentences]").click()
        assert area(t, done.id).input_value() == real_msgstr(done.text)
        assert seg.locator("[data-role=sentence]").count() == 0
        assert t.errors == []
