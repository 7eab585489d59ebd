"""The workbench page as the browser draws it, in headless Chromium: the segments
arrive as one JSON data block and one function draws each (workbench-render.js).

Checked against the JSON API's view of the same catalog: every segment is in the
page, in order and with its text, when the page says it is ready; catalog text is
shown as text, never run as markup; every source gets its glossary marks (the
first screen at once, the rest a batch at a time just after).
"""

from __future__ import annotations

from serve_support import LOCALE, SLUG
from test_serve_browser import Workbench, area, bench, open_workbench, tab

from pipeline.catalog.pofile import read_catalog, write_catalog

__all__ = ["bench", "tab"]  # the fixtures, used by name

EVIL = '<img src=x onerror="window.hacked = 1"></textarea><script>window.hacked = 2</script>'
VIEW = f"async () => (await fetch('/api/articles/{SLUG}/{LOCALE}')).json()"
DRAWN = """() => [...document.querySelectorAll('section.seg')].map(s => ({
    id: s.dataset.id,
    source: s.querySelector('[data-role=source]').textContent,
    msgstr: s.querySelector('textarea.msgstr').value,
    status: s.dataset.status}))"""


def test_every_segment_is_drawn_from_the_data_as_text(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    loaded = read_catalog(fx.po_path)
    entry = next(e for e in loaded.po if e.msgid == fx.source(fx.translated))
    entry.msgstr, entry.tcomment = EVIL, EVIL
    write_catalog(loaded.po, fx.po_path, expect=loaded.fingerprint)
    open_workbench(t, bench)
    drawn = t.page.evaluate(DRAWN)  # as the page stands when it says it is ready
    view = t.page.evaluate(VIEW)
    assert drawn == [{"id": s["id"], "source": s["source"], "msgstr": s["msgstr"],
                      "status": s["status"]} for s in view["segments"]]
    assert area(t, fx.translated).input_value() == EVIL
    assert t.page.locator(f"#c-{fx.translated}").input_value() == EVIL
    assert t.page.evaluate("window.hacked") is None
    # Every term of every source marked, the ones far below the first screen too.
    spans = sum(len(s["term_spans"]) for s in view["segments"])
    assert len(view["segments"]) > 12 and spans > 0
    t.page.wait_for_function(f"() => document.querySelectorAll('mark.term-mark').length"
                             f" === {spans}")
    last = next(s for s in reversed(view["segments"]) if s["term_spans"])
    marks = t.page.locator(f"#seg-{last['id']} mark.term-mark")
    assert [marks.nth(k).get_attribute("data-term") for k in range(marks.count())] \
        == [span["term"] for span in last["term_spans"]]
    assert t.unexpected() == [], t.errors


# Records, as each happens, how many sections the page holds when it says its first
# screen is usable and when it says it is ready (a mutation record is read at the end
# of the task that set the attribute, before any later task draws more).
WATCH_READY = """new MutationObserver((records, observer) => {
  for (const r of records) {
    const name = r.attributeName === 'data-first-screen' ? 'first' : 'ready';
    if (document.body.dataset[name === 'first' ? 'firstScreen' : 'ready'] === 'true'
        && !(name in window.sectionsAt)) {
      window.sectionsAt[name] = document.querySelectorAll('section.seg').length;
    }
  }
}).observe(document.body, {attributes: true, attributeFilter: ['data-first-screen', 'data-ready']});"""


def lengthen(bench: Workbench, paragraphs: int) -> None:
    """That many short paragraphs more at the end of the article's source."""
    source = bench.fx.project.source_path(SLUG)
    more = "".join(f"\n\n第{n}段新加的内容，用来把文章拉长。" for n in range(paragraphs))
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + more + "\n",
                      encoding="utf-8")


def opened(bench: Workbench, tab, script: str):  # type: ignore[no-untyped-def]
    """A new tab on the workbench's article page, `script` run before the page's own."""
    t = tab()
    t.page.add_init_script(script)
    open_workbench(t, bench)
    return t


def test_the_first_screen_is_usable_before_the_rest_is_drawn(bench: Workbench, tab) -> None:
    """A long catalog's first screen is in the page (and says so) before its other
    segments, which follow once it is painted; "ready" still means every segment is in.
    A short one (the real article) is drawn in one go."""
    fx = bench.fx
    watch = ("window.sectionsAt = {};"
             "document.addEventListener('readystatechange', () => {"
             " if (document.readyState === 'interactive') {" + WATCH_READY + "}});")
    t = opened(bench, tab, watch)
    short = len(t.page.evaluate(VIEW)["segments"])
    assert t.page.evaluate("window.sectionsAt") == {"first": short, "ready": short}
    # 30 paragraphs more in the source: the page shows them (merged in memory).
    lengthen(bench, 30)
    t = opened(bench, tab, watch)
    total = len(t.page.evaluate(VIEW)["segments"])
    assert total == short + 30 > 40
    assert t.page.evaluate("window.sectionsAt") == {"first": 12, "ready": total}
    assert t.page.evaluate(DRAWN)[-1]["source"] == "第29段新加的内容，用来把文章拉长。"
    assert area(t, fx.untranslated).is_editable()
    assert t.unexpected() == [], t.errors


# After every DOMContentLoaded listener of the page (one added once the page is
# interactive runs after the page's own): the form fields then in the page. Chromium's
# autofill goes over them right after the event, forcing a layout for each.
FIELDS_AT_LOADED = """window.fieldsAtLoaded = null;
document.addEventListener('readystatechange', () => {
  if (document.readyState !== 'interactive') return;
  document.addEventListener('DOMContentLoaded', () => {
    window.fieldsAtLoaded = document.querySelectorAll('textarea').length;
  });
});"""
# Each time sections are put in the page: how many it then holds.
WATCH_PARTS = """window.parts = [];
document.addEventListener('readystatechange', () => {
  if (document.readyState !== 'interactive') return;
  new MutationObserver(() => {
    const n = document.querySelectorAll('section.seg').length;
    if (n !== window.parts[window.parts.length - 1]) window.parts.push(n);
  }).observe(document.getElementById('main'), {childList: true});
});"""


def test_segments_are_drawn_after_the_page_has_loaded_and_the_rest_at_once(
        bench: Workbench, tab) -> None:
    """No translation box is in the page when it has loaded (the browser's pass over
    its form fields then has none to lay out); a long catalog's segments after its
    first screen are put in at once, not a part a frame; a link to a segment still
    scrolls to it."""
    t = opened(bench, tab, FIELDS_AT_LOADED)
    assert t.page.evaluate("window.fieldsAtLoaded") == 0
    assert t.page.locator("textarea.msgstr").count() > 12
    # 200 paragraphs more: the first screen, then all the others in one part.
    lengthen(bench, 200)
    t = opened(bench, tab, WATCH_PARTS)
    segments = t.page.evaluate(VIEW)["segments"]
    assert t.page.evaluate("window.parts") == [12, len(segments)]
    # A link to the last segment, far below the first screen: shown once drawn.
    t = tab()
    t.page.goto(f"{bench.base}/articles/{SLUG}/{LOCALE}#seg-{segments[-1]['id']}")
    t.page.wait_for_selector("body[data-ready='true']")
    top = t.page.evaluate(f"document.getElementById('seg-{segments[-1]['id']}')"
                          ".getBoundingClientRect().top")
    assert 0 <= top < 900
    assert t.unexpected() == [], t.errors
