"""The bilingual page in headless Chromium: alignment, stacking, terms, view switch, print.

Every test opens pages through `edition_tab`, which aborts and records any
request that is not a file: URL and collects console errors; each test ends
by asserting that nothing was attempted and nothing was logged.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import EDITION_ARTIFACTS, EDITION_FUZZY, EDITION_UNTRANSLATED

PAIR_BOXES = """() => Array.from(document.querySelectorAll('[data-segment]')).map(el => {
  const zh = el.querySelector('.zh'), en = el.querySelector('.en');
  const box = e => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width,
            height: r.height, display: getComputedStyle(e).display}; };
  return {id: el.dataset.segment, zhLang: zh && zh.getAttribute('lang'),
          enLang: en && en.getAttribute('lang'), zh: zh && box(zh), en: en && box(en)};
})"""
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def _boxes(tab):
    return tab.page.evaluate(PAIR_BOXES)


def _screenshot(tab, name: str) -> None:
    EDITION_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(EDITION_ARTIFACTS / name), full_page=True)


def test_pairs_sit_side_by_side_and_start_level_at_1280(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    boxes = _boxes(tab)
    article, _ = edition_site.pairs()
    assert sorted(b["id"] for b in boxes) == sorted(s.id for s in article.segments)
    for b in boxes:
        assert (b["zhLang"], b["enLang"]) == ("zh-Hans", "en"), b["id"]
        zh, en = b["zh"], b["en"]
        assert zh["width"] > 0 and en["width"] > 0, b["id"]
        assert abs(zh["top"] - en["top"]) <= 1, f"{b['id']}: zh at {zh['top']}, en at {en['top']}"
        assert zh["right"] <= en["left"], f"{b['id']} is not side by side"
    _screenshot(tab, "bilingual-1280.png")
    tab.assert_clean()


def test_pairs_stack_chinese_first_without_horizontal_scroll_at_390(edition_site, edition_tab):
    tab = edition_tab(390, 844).open(edition_site.bilingual)
    for b in _boxes(tab):
        zh, en = b["zh"], b["en"]
        assert zh["bottom"] <= en["top"] + 1, f"{b['id']}: English not below Chinese"
        assert abs(zh["left"] - en["left"]) < 40, b["id"]
    width, inner = tab.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner
    _screenshot(tab, "bilingual-390.png")
    tab.assert_clean()


def test_structures_page_aligns_lists_quotes_tables_and_figures(edition_site, edition_tab):
    for width in (1280, 390):
        tab = edition_tab(width).open(edition_site.page("structures.zh-en.html"))
        for b in _boxes(tab):
            zh, en = b["zh"], b["en"]
            if width == 1280:
                assert abs(zh["top"] - en["top"]) <= 1 and zh["right"] <= en["left"], b["id"]
            else:
                assert zh["bottom"] <= en["top"] + 1, b["id"]
        assert tab.page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        _screenshot(tab, f"structures-{width}.png")
        tab.assert_clean()


def test_every_text_carries_the_language_it_is_written_in(edition_site, edition_tab):
    tab = edition_tab(1280)
    for page in (edition_site.bilingual, edition_site.english, edition_site.index):
        tab.open(page)
        texts = tab.page.evaluate("""() => {
          const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walk.nextNode()) {
            const node = walk.currentNode, el = node.parentElement;
            if (!node.data.trim() || el.closest('script, style')) continue;
            out.push([node.data.trim(), el.closest('[lang]').getAttribute('lang')]);
          }
          return out; }""")
        for text, lang in texts:
            if not _HAN.search(text) and not _LATIN.search(text):
                continue  # punctuation or digits alone: either language
            expected = "zh-Hans" if _HAN.search(text) else "en"
            assert lang == expected, f"{page.name}: {text!r} is marked {lang}"
    tab.assert_clean()


def _linked_term(tab):
    """A term that appears in both columns of one pair: (selector of zh term, en term)."""
    return tab.page.evaluate("""() => {
      for (const pair of document.querySelectorAll('[data-segment]')) {
        for (const term of pair.querySelectorAll('.zh dfn.term')) {
          const key = term.dataset.term;
          const other = Array.from(pair.querySelectorAll('.en dfn.term')).find(t => t.dataset.term === key);
          if (other) {
            term.id = 'probe-zh'; other.id = 'probe-en';
            return [pair.dataset.segment, key, term.dataset.gloss, other.dataset.gloss];
          }
        }
      }
      return null; }""")


def _linked(tab, selector: str) -> bool:
    return tab.page.eval_on_selector(selector, "e => e.classList.contains('is-linked')")


def test_hovering_a_term_highlights_its_counterpart(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    found = _linked_term(tab)
    assert found, "no glossary term in both columns of any pair"
    segment, key, zh_gloss, en_gloss = found
    assert zh_gloss.startswith(tab.page.eval_on_selector("#probe-en", "e => e.textContent")[:3])
    assert en_gloss.startswith(key)
    tab.page.hover("#probe-zh")
    assert _linked(tab, "#probe-en") and _linked(tab, "#probe-zh")
    tooltip = tab.page.eval_on_selector("#probe-zh", "e => getComputedStyle(e, '::after').content")
    assert json.loads(tooltip) == zh_gloss  # the tooltip shows counterpart and note
    tab.page.mouse.move(5, 880)
    assert not _linked(tab, "#probe-en")
    tab.page.hover("#probe-en")
    assert _linked(tab, "#probe-zh")
    tab.assert_clean()


def test_terms_are_reachable_and_linked_by_keyboard(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    assert _linked_term(tab)
    page = tab.page
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "probe-zh":
            break
    else:
        pytest.fail("Tab never reached the glossary term")
    assert _linked(tab, "#probe-en")
    described = page.eval_on_selector("#probe-zh", "e => document.getElementById("
                                      "e.getAttribute('aria-describedby')).textContent")
    assert described.startswith("Glossary:")
    page.evaluate("document.activeElement.blur()")
    assert not _linked(tab, "#probe-en")
    tab.assert_clean()


def _visible(tab, selector: str) -> list[bool]:
    return tab.page.eval_on_selector_all(
        selector, "els => els.map(e => getComputedStyle(e).display !== 'none')")


def test_view_switch_works_from_the_keyboard(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    page = tab.page
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "view":
            break
    else:
        pytest.fail("Tab never reached the view switch")
    assert page.evaluate("document.activeElement.id") == "view-both"
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#view-zh")
    assert all(_visible(tab, ".pair > .zh")) and not any(_visible(tab, ".pair > .en"))
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#view-en")
    assert all(_visible(tab, ".pair > .en")) and not any(_visible(tab, ".pair > .zh"))
    _screenshot(tab, "bilingual-1280-english-view.png")
    page.reload()
    assert page.is_checked("#view-en"), "the choice is remembered"
    page.focus("#view-en")
    page.keyboard.press("ArrowRight")  # wraps round to "both"
    assert page.is_checked("#view-both")
    assert all(_visible(tab, ".pair > .zh")) and all(_visible(tab, ".pair > .en"))
    tab.assert_clean()


def test_without_javascript_the_page_shows_both_languages(edition_site, edition_tab):
    tab = edition_tab(1280, javascript=False).open(edition_site.bilingual)
    assert all(_visible(tab, ".pair > .zh")) and all(_visible(tab, ".pair > .en"))
    assert not tab.page.is_visible("#view-switch"), "a switch that cannot work is hidden"
    for b in _boxes(tab):
        assert abs(b["zh"]["top"] - b["en"]["top"]) <= 1, b["id"]
    tab.assert_clean()


def test_fallback_segments_show_the_source_marked(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    for segment, badge in ((EDITION_UNTRANSLATED, "Not yet translated"),
                           (EDITION_FUZZY, "Fuzzy: needs review")):
        en = tab.page.locator(f"#{segment} .en")
        assert en.locator(".badge").inner_text().lower() == badge.lower()
        source = tab.page.locator(f"#{segment} .zh").inner_text()
        assert en.locator("[lang='zh-Hans']").inner_text() == source
    tab.assert_clean()


def test_print_layout_keeps_two_columns_and_drops_controls(edition_site, edition_tab):
    tab = edition_tab(794, 1123).open(edition_site.bilingual)  # A4 at 96 dpi
    page = tab.page
    page.focus("#view-both")
    page.keyboard.press("ArrowRight")  # a reader chose "Chinese" on screen
    page.emulate_media(media="print")
    assert not page.is_visible(".toolbar") and not page.is_visible(".toc")
    for b in _boxes(tab):
        assert b["en"]["display"] != "none" and b["zh"]["right"] <= b["en"]["left"], b["id"]
        assert abs(b["zh"]["top"] - b["en"]["top"]) <= 1, b["id"]
    tab.assert_clean()


def test_english_page_and_index_render_cleanly(edition_site, edition_tab):
    for width in (1280, 390):
        for name, page in (("english", edition_site.english), ("index", edition_site.index)):
            tab = edition_tab(width).open(page)
            assert tab.page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            _screenshot(tab, f"{name}-{width}.png")
            tab.assert_clean()
    tab = edition_tab(1280).open(edition_site.english)
    assert tab.page.locator(".zh").count() == 0
    assert tab.page.locator("[data-segment] .en").count() == tab.page.locator("[data-segment]").count()


def test_the_network_guard_catches_requests(edition_tab):
    """The guard the other tests rely on does see and refuse a network request."""
    tab = edition_tab(390)
    tab.page.set_content('<img src="https://example.invalid/x.png" alt="">')
    tab.page.wait_for_timeout(100)
    assert tab.blocked == ["https://example.invalid/x.png"]
