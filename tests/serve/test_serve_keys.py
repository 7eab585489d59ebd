"""The workbench without the mouse, in headless Chromium: one test per keyboard
action of the shortcut sheet (pipeline/serve/pages.py SHORTCUTS), and the layout
promises that make a day's work possible (no clipped box, a phone's header).

Each action is checked by what it does to the page and, for the ones that save,
to the catalog on disk.
"""

from __future__ import annotations

import copy
import re

from serve_support import LOCALE, SLUG, TOKEN
from test_serve_browser import Tab, Workbench, area, bench, open_workbench, section, tab

from pipeline.catalog.pofile import read_catalog, write_catalog
from pipeline.catalog.review import review_of

__all__ = ["bench", "tab"]  # the fixtures, used by name

PAGE = f"/articles/{SLUG}/{LOCALE}"


def focused(t: Tab) -> str:
    return str(t.page.evaluate("document.activeElement.dataset.segment || ''"))


def ids(t: Tab) -> list[str]:
    return list(t.page.evaluate(
        "[...document.querySelectorAll('textarea.msgstr')].map(a => a.dataset.segment)"))


def test_ctrl_enter_saves_and_goes_to_the_next_segment(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    open_workbench(t, bench)
    order = ids(t)
    area(t, fx.untranslated).fill("Saved with Ctrl+Enter.")
    area(t, fx.untranslated).press("Control+Enter")
    # The first save loads the checks (language tables, the aligner) while the page's
    # findings load too: on a busy machine that takes longer than the default wait.
    t.page.wait_for_function("() => document.getElementById('announce').textContent"
                             ".startsWith('Saved')", timeout=60_000)
    assert fx.entry(fx.untranslated).msgstr == "Saved with Ctrl+Enter."
    t.page.wait_for_function(f"() => document.activeElement.dataset.segment === "
                             f"'{order[order.index(fx.untranslated) + 1]}'")
    assert t.unexpected() == [], t.errors


def test_tab_moves_between_translations_not_through_the_chips(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    open_workbench(t, bench)
    order = ids(t)
    start = order.index(fx.translated)
    area(t, fx.translated).focus()
    assert section(t, fx.translated).locator("button.term__insert").count() >= 1
    t.page.keyboard.press("Tab")
    assert focused(t) == order[start + 1]
    t.page.keyboard.press("Shift+Tab")
    t.page.keyboard.press("Shift+Tab")
    assert focused(t) == order[start - 1]


def test_next_and_previous_segment_and_unfinished(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    open_workbench(t, bench)
    order = ids(t)
    area(t, order[0]).focus()
    t.page.keyboard.press("Control+ArrowDown")
    assert focused(t) == order[1]  # any segment, finished or not
    t.page.keyboard.press("Control+ArrowDown")
    t.page.keyboard.press("Control+ArrowUp")
    assert focused(t) == order[1]
    area(t, order[0]).focus()
    t.page.keyboard.press("Alt+ArrowDown")  # unfinished only: the untranslated one comes first
    first = min(order.index(fx.untranslated), order.index(fx.fuzzy))
    assert focused(t) == order[first]
    t.page.keyboard.press("Control+Shift+ArrowDown")
    assert focused(t) == order[max(order.index(fx.untranslated), order.index(fx.fuzzy))]
    t.page.keyboard.press("Alt+ArrowUp")
    assert focused(t) == order[first]


def test_ctrl_u_toggles_fuzzy_and_alt_r_marks_reviewed(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    open_workbench(t, bench)
    fuzzy_box = section(t, fx.translated).locator("[data-role=fuzzy]")
    area(t, fx.translated).focus()
    t.page.keyboard.press("Control+u")
    assert fuzzy_box.is_checked()
    assert section(t, fx.translated).get_attribute("data-dirty") == "true"
    t.page.keyboard.press("Control+u")
    assert not fuzzy_box.is_checked()
    assert section(t, fx.translated).get_attribute("data-dirty") == "false"
    t.page.keyboard.press("Control+u")
    t.page.keyboard.press("Control+s")
    t.page.wait_for_function("() => document.getElementById('announce').textContent"
                             ".startsWith('Saved')", timeout=60_000)  # the first save
    assert "fuzzy" in fx.entry(fx.translated).flags
    t.page.keyboard.press("Control+u")
    t.page.keyboard.press("Control+s")
    t.page.wait_for_function(f"() => document.querySelector('#seg-{fx.translated}').dataset.dirty === 'false'")
    assert "fuzzy" not in fx.entry(fx.translated).flags

    area(t, fx.translated).focus()
    t.page.keyboard.press("Alt+r")
    t.page.wait_for_function(f"() => document.querySelector('#seg-{fx.translated}').dataset.reviewed === 'true'")
    review = review_of(fx.entry(fx.translated))
    assert review is not None and "Test Translator" in review.who
    t.page.keyboard.press("Alt+r")  # again: the review is withdrawn
    t.page.wait_for_function(f"() => document.querySelector('#seg-{fx.translated}').dataset.reviewed === 'false'")
    assert review_of(fx.entry(fx.translated)) is None
    assert t.unexpected() == [], t.errors


def test_alt_digit_inserts_the_nth_rendering_and_clicking_a_source_term(bench: Workbench,
                                                                        tab) -> None:
    fx, t = bench.fx, tab()
    open_workbench(t, bench)
    terms = section(t, fx.translated).locator("ol.terms > li")
    target = area(t, fx.translated)
    target.fill("In ")  # entering the segment draws its glossary list, numbered
    first = terms.first.locator("button.term__insert").first.get_attribute("data-insert")
    target.press("End")
    t.page.keyboard.press("Alt+1")
    assert target.input_value() == f"In {first}"
    # The term is marked in the source; a click inserts its approved rendering.
    mark = section(t, fx.translated).locator("mark.term-mark").first
    english = t.page.evaluate("term => JSON.parse(document.getElementById('main')"
                              ".dataset.glossary)[term].english", mark.get_attribute("data-term"))
    assert english in mark.get_attribute("title")
    target.fill("")
    mark.click()
    assert target.input_value() == english
    t.page.keyboard.press("Alt+9")  # nothing numbered so (the segment has fewer terms)
    assert terms.count() < 9 and target.input_value() == english


def test_the_shortcut_sheet_and_the_comment_box(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    open_workbench(t, bench)
    area(t, fx.translated).focus()
    t.page.keyboard.press("Control+/")
    sheet = t.page.locator("dialog#keys")
    sheet.wait_for(state="visible")
    assert "Ctrl+Enter" in sheet.text_content() and "Alt+1" in sheet.text_content()
    t.page.keyboard.press("Escape")
    sheet.wait_for(state="hidden")
    t.page.get_by_role("button", name="Keys").click()
    sheet.wait_for(state="visible")
    t.page.keyboard.press("Escape")

    area(t, fx.translated).focus()
    t.page.keyboard.press("Alt+c")
    assert t.page.evaluate("document.activeElement.dataset.role") == "comment"
    t.page.keyboard.type("line one\nline two\nline three\nline four")
    comment = section(t, fx.translated).locator("[data-role=comment]")
    assert comment.evaluate("c => c.scrollHeight <= c.clientHeight + 2")  # it grew
    t.page.keyboard.press("Escape")
    assert focused(t) == fx.translated


def test_purge_obsolete_entries_from_the_keyboard(bench: Workbench, tab) -> None:
    fx, t = bench.fx, tab()
    loaded = read_catalog(fx.po_path)
    old = next(e for e in loaded.po if e.msgid == fx.source(fx.translated))
    gone = copy.copy(old)
    gone.msgid, gone.obsolete, gone.occurrences = "一段已经删掉的旧文字。", True, []
    loaded.po.append(gone)
    write_catalog(loaded.po, fx.po_path, expect=loaded.fingerprint)
    open_workbench(t, bench)
    box = t.page.locator("#obsolete")
    assert "一段已经删掉的旧文字。" in box.text_content()
    t.page.once("dialog", lambda dialog: dialog.accept())
    area(t, fx.translated).focus()
    t.page.keyboard.press("Alt+Shift+P")
    box.wait_for(state="detached")
    text = fx.text()
    assert "一段已经删掉的旧文字" not in text and "#~" not in text
    assert fx.entry(fx.translated).msgstr == old.msgstr  # nothing else touched
    assert t.unexpected() == [], t.errors


def test_nothing_clipped_and_a_compact_header_on_a_phone(bench: Workbench, edition_browser
                                                         ) -> None:
    clipped = """() => [...document.querySelectorAll('textarea')].filter(a => a.offsetParent
        && a.scrollHeight > a.clientHeight + 2).map(a => a.id)"""
    for width, height in ((1280, 900), (390, 844)):
        context = edition_browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        try:
            page.goto(f"{bench.base}{PAGE}#token={TOKEN}")
            page.wait_for_selector("body[data-checked='true']")
            page.evaluate("document.querySelectorAll('details.comment').forEach(d => d.open = true)")
            assert page.evaluate(clipped) == [], width
            header = page.evaluate("document.querySelector('.bar').getBoundingClientRect().height")
            if width == 390:
                assert header < 0.08 * height, header
                target = page.locator("textarea.msgstr").nth(12)
                target.focus()
                page.keyboard.type(" and more")
                both = page.evaluate("""() => {
                    const seg = document.activeElement.closest('section');
                    const zh = seg.querySelector('.seg__zh').getBoundingClientRect();
                    const t = document.activeElement.getBoundingClientRect();
                    return zh.top >= 0 && zh.bottom <= innerHeight && t.top >= 0
                        && t.top < innerHeight; }""")
                assert both
                # A save redraws the progress line; it must stay hidden in the compact
                # header (an outside tester saw it wrap to four lines after a save).
                page.keyboard.press("Control+s")
                page.wait_for_function("() => document.getElementById('announce')"
                                       ".textContent.startsWith('Saved')", timeout=60_000)
                header = page.evaluate(
                    "document.querySelector('.bar').getBoundingClientRect().height")
                assert header < 0.08 * height, header
        finally:
            context.close()


def test_home_titles_open_the_article(bench: Workbench, tab) -> None:
    t = tab()
    t.page.goto(f"{bench.base}/#token={TOKEN}")
    t.page.wait_for_selector("body[data-ready='true']")
    t.page.locator("a.title").first.click()
    t.page.wait_for_selector("body[data-page='article'][data-ready='true']")
    assert re.search(r"/articles/shangdang/en$", t.page.url)
