"""The reader's pages in headless Chromium: alignment, stacking, terms, view switch, print.

Every test opens pages through `edition_tab`, which aborts and records any
request that is not a file: URL and collects console errors; each test ends
by asserting that nothing was attempted and nothing was logged.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import EDITION_ARTIFACTS, EDITION_FUZZY, EDITION_UNTRANSLATED
from PIL import Image

pytestmark = pytest.mark.browser

PAIR_BOXES = """() => Array.from(document.querySelectorAll('[data-segment]')).map(el => {
  const zh = el.querySelector('.zh'), en = el.querySelector('.target');
  const box = e => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width,
            height: r.height, display: getComputedStyle(e).display}; };
  return {id: el.dataset.segment, zhLang: zh && zh.getAttribute('lang'),
          enLang: en && en.getAttribute('lang'), zh: zh && box(zh), en: en && box(en)};
})"""
_HAN = re.compile(r"[\u3400-\u9fff]")
PINYIN = "zh-Latn-pinyin"
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
            expected = ("zh-Hans",) if _HAN.search(text) else ("en", PINYIN)
            assert lang in expected, f"{page.name}: {text!r} is marked {lang}"
    tab.assert_clean()


def _linked_term(tab):
    """A term that appears in both columns of one pair: (segment, key, zh gloss, target gloss)."""
    return tab.page.evaluate("""() => {
      for (const pair of document.querySelectorAll('[data-segment]')) {
        for (const term of pair.querySelectorAll('.zh dfn.term')) {
          const key = term.dataset.term;
          const other = Array.from(pair.querySelectorAll('.target dfn.term')).find(t => t.dataset.term === key);
          if (other) {
            term.id = 'probe-zh'; other.id = 'probe-en';
            return [pair.dataset.segment, key, term.dataset.gloss, other.dataset.gloss];
          }
        }
      }
      return null; }""")


def _linked(tab, selector: str) -> bool:
    return tab.page.eval_on_selector(selector, "e => e.classList.contains('is-linked')")


def _marks_on(tab) -> None:
    tab.page.click("#marks-toggle")
    assert tab.page.get_attribute("#marks-toggle", "aria-pressed") == "true"


def test_marks_are_off_by_default_behind_a_toggle(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    page = tab.page
    toggle = page.locator("#marks-toggle")
    assert toggle.get_attribute("aria-pressed") == "false" and toggle.text_content().endswith("off")
    assert page.evaluate("document.querySelectorAll('dfn.term[tabindex]').length") == 0
    border = "e => getComputedStyle(e).borderBottomStyle"
    assert page.eval_on_selector("dfn.term", border) == "none"  # not underlined
    page.focus("#marks-toggle")
    page.keyboard.press("Enter")  # works from the keyboard
    assert toggle.get_attribute("aria-pressed") == "true" and toggle.text_content().endswith("on")
    assert page.eval_on_selector("dfn.term", border) == "dotted"
    page.reload()
    assert toggle.get_attribute("aria-pressed") == "true", "the choice is remembered"
    page.keyboard.press("Tab")
    tab.assert_clean()


def test_hovering_a_term_highlights_its_counterpart(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    _marks_on(tab)
    found = _linked_term(tab)
    assert found, "no glossary term in both columns of any pair"
    _segment, key, zh_gloss, en_gloss = found
    assert zh_gloss.startswith(tab.page.eval_on_selector("#probe-en", "e => e.textContent")[:3])
    assert en_gloss.startswith(key)
    tab.page.hover("#probe-zh")
    assert _linked(tab, "#probe-en") and _linked(tab, "#probe-zh")
    tooltip = tab.page.eval_on_selector("#probe-zh", "e => getComputedStyle(e, '::after').content")
    assert json.loads(tooltip) == zh_gloss  # the tooltip shows counterpart, pinyin, gloss
    tab.page.mouse.move(5, 880)
    assert not _linked(tab, "#probe-en")
    tab.page.hover("#probe-en")
    assert _linked(tab, "#probe-zh")
    tab.assert_clean()


def test_every_marked_term_has_its_counterpart_marked(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    unpaired = tab.page.evaluate("""() => {
      const out = [];
      for (const pair of document.querySelectorAll('[data-segment]')) {
        const keys = side => Array.from(pair.querySelectorAll(side + ' dfn.term')).map(t => t.dataset.term).sort();
        if (JSON.stringify(keys('.zh')) !== JSON.stringify(keys('.target'))) out.push(pair.dataset.segment);
      }
      return out; }""")
    assert unpaired == []
    unmarked_places = tab.page.evaluate("""() => Array.from(document.querySelectorAll(
      '.pair--kicker dfn, .pair--title dfn, .pair--heading dfn, .credits dfn, .toc dfn')).length""")
    assert unmarked_places == 0
    tab.assert_clean()


def test_one_tab_stop_per_paragraph_and_arrows_move_between_its_terms(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    page = tab.page
    stops_off = _tab_stops(page)
    _marks_on(tab)
    page.reload()  # remembered; and Tab starts from the top again
    stops_on = _tab_stops(page)
    with_terms = page.evaluate("""() => Array.from(document.querySelectorAll('[data-segment]'))
      .filter(p => p.querySelector('dfn.term:not([data-in-link])')).length""")
    terms = page.evaluate("document.querySelectorAll('dfn.term').length")
    assert with_terms > 0 and terms > with_terms
    assert stops_on - stops_off == with_terms  # one stop per paragraph, not per term
    assert _linked_term(tab)
    first = page.evaluate("""() => { const pair = document.getElementById('probe-zh').closest('[data-segment]');
      const t = pair.querySelector('dfn.term'); t.focus(); return document.activeElement === t; }""")
    assert first
    page.evaluate("""() => { const pair = document.getElementById('probe-zh').closest('[data-segment]');
      pair.querySelector('dfn.term').dataset.first = 'yes'; }""")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.first") != "yes"
    assert page.evaluate("document.activeElement.matches('dfn.term')")
    page.focus("#probe-zh")
    assert _linked(tab, "#probe-en")
    described = page.eval_on_selector("#probe-zh", "e => document.getElementById("
                                      "e.getAttribute('aria-describedby')).textContent")
    assert described.startswith(page.eval_on_selector("#probe-en", "e => e.textContent")[:3])
    page.evaluate("document.activeElement.blur()")
    assert not _linked(tab, "#probe-en")
    tab.assert_clean()


def _tab_stops(page) -> int:
    """Tab presses from the top to the end of the page (focus leaves the document)."""
    seen = []
    for _ in range(600):
        page.keyboard.press("Tab")
        key = page.evaluate("""() => { const e = document.activeElement;
          if (!e || e === document.body) return null;
          if (!e.dataset.probe) e.dataset.probe = String(Math.random()); return e.dataset.probe; }""")
        if key is None or key in seen:
            break
        seen.append(key)
    return len(seen)


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
    assert all(_visible(tab, ".pair > .zh")) and not any(_visible(tab, ".pair > .target"))
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#view-target")
    assert all(_visible(tab, ".pair > .target")) and not any(_visible(tab, ".pair > .zh"))
    _screenshot(tab, "bilingual-1280-english-view.png")
    page.reload()
    assert page.is_checked("#view-target"), "the choice is remembered"
    page.focus("#view-target")
    page.keyboard.press("ArrowRight")  # wraps round to "both"
    assert page.is_checked("#view-both")
    assert all(_visible(tab, ".pair > .zh")) and all(_visible(tab, ".pair > .target"))
    tab.assert_clean()


def test_without_javascript_the_page_shows_both_languages(edition_site, edition_tab):
    tab = edition_tab(1280, javascript=False).open(edition_site.bilingual)
    assert all(_visible(tab, ".pair > .zh")) and all(_visible(tab, ".pair > .target"))
    assert not tab.page.is_visible("#view-switch"), "a switch that cannot work is hidden"
    for b in _boxes(tab):
        assert abs(b["zh"]["top"] - b["en"]["top"]) <= 1, b["id"]
    tab.assert_clean()


def test_fallback_segments_show_the_source_marked(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    for segment in (EDITION_UNTRANSLATED, EDITION_FUZZY):  # the same to a reader
        en = tab.page.locator(f"#{segment} .target")
        assert en.inner_text() == "Chinese only — translation in progress"
    english = edition_tab(1280).open(edition_site.english)
    for segment in (EDITION_UNTRANSLATED, EDITION_FUZZY):
        en = english.page.locator(f"#{segment} .target")
        assert en.locator(".pending-note").inner_text() == "Chinese only — translation in progress"
        assert en.locator("[lang='zh-Hans']").inner_text() == tab.page.locator(
            f"#{segment} .zh").inner_text()
    tab.assert_clean()
    english.assert_clean()


def test_print_shows_what_the_chosen_view_shows(edition_site, edition_tab):
    tab = edition_tab(794, 1123).open(edition_site.bilingual)  # A4 at 96 dpi
    page = tab.page
    page.emulate_media(media="print")
    assert not page.is_visible(".toolbar") and not page.is_visible(".toc")
    for b in _boxes(tab):  # "both": two columns, level
        assert b["zh"]["right"] <= b["en"]["left"], b["id"]
        assert abs(b["zh"]["top"] - b["en"]["top"]) <= 1, b["id"]
    page.emulate_media(media="screen")
    page.focus("#view-both")
    page.keyboard.press("ArrowRight")  # a reader chose "Chinese" on screen
    page.emulate_media(media="print")
    assert not any(_visible(tab, ".pair > .target")) and all(_visible(tab, ".pair > .zh"))
    tab.assert_clean()


def _pdf(tab, name: str) -> tuple[str, list[str]]:
    """Print to PDF as a reader would (CSS page size and margin boxes), keep the first
    page as an image, and return the text and its lines (pdftotext)."""
    EDITION_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = EDITION_ARTIFACTS / f"{name}.pdf"
    tab.page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(EDITION_ARTIFACTS / f"{name}-page1")], check=True)
    image = Image.open(EDITION_ARTIFACTS / f"{name}-page1.png").convert("L")
    top = image.crop((0, 0, image.width, image.height // 3))
    assert top.getextrema()[0] < 100, f"{name}: the first page's top third is blank"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text, text.splitlines()


def _translated_sources(edition_site) -> list[str]:
    _article, pairs = edition_site.pairs()
    return [p.segment.text[:8] for p in pairs if not p.is_fallback
            and p.segment.kind.value == "paragraph"]


def test_printed_pdfs_number_their_pages_and_print_one_language_per_view(edition_site, edition_tab):
    squeeze = re.compile(r"\s+")
    tab = edition_tab(1280).open(edition_site.bilingual)
    both, _ = _pdf(tab, "bilingual-both")
    numbers = [tuple(map(int, m)) for m in re.findall(r"(?m)^(\d+)\s*/\s*(\d+)$", both)]
    pages = len(both.rstrip("\f").split("\f"))
    assert pages >= 2 and numbers == [(n, pages) for n in range(1, pages + 1)]  # "n / N" on each
    heads = [page for page in both.split("\f")[1:pages] if page.startswith(
        edition_site.translated["title"] + " ·")]
    assert len(heads) == pages - 1  # the running head: both titles, from page 2
    tab.page.click("label[for=view-target]")
    target_view, _ = _pdf(tab, "bilingual-target-view")
    flat = squeeze.sub("", target_view)
    assert not any(source in flat for source in _translated_sources(edition_site))
    assert edition_site.translated["s-cfdaa0a7"][:30] in squeeze.sub(" ", target_view)
    tab.page.click("label[for=view-zh]")
    zh_view, _ = _pdf(tab, "bilingual-zh-view")
    assert edition_site.translated["s-cfdaa0a7"][:30] not in squeeze.sub(" ", zh_view)
    assert all(source in squeeze.sub("", zh_view) for source in _translated_sources(edition_site))
    tab.assert_clean()


def test_printed_target_edition_sets_a_book_measure_and_keeps_credits_together(edition_site,
                                                                               edition_tab):
    tab = edition_tab(1280).open(edition_site.english)
    text, lines = _pdf(tab, "target")
    body = [len(line) for line in lines if len(line) > 45 and " " in line]
    body.sort()
    median = body[len(body) // 2]
    assert 60 <= median <= 75, f"{median} characters per line"
    page_of_credits = {n for n, page in enumerate(text.split("\f"))
                       if "Planning" in page or "Design" in page}
    assert len(page_of_credits) == 1, "credits split across pages"
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
    assert tab.page.locator("[data-segment] .target").count() == tab.page.locator("[data-segment]").count()


def test_the_network_guard_catches_requests(edition_tab):
    """The guard the other tests rely on does see and refuse a network request."""
    tab = edition_tab(390)
    tab.page.set_content('<img src="https://example.invalid/x.png" alt="">')
    tab.page.wait_for_timeout(100)
    assert tab.blocked == ["https://example.invalid/x.png"]


BLANK_RATIO = """() => { let blank = 0, total = 0;
  for (const el of document.querySelectorAll('.article__body [data-segment]')) {
    const zh = el.querySelector(':scope > .zh'), target = el.querySelector(':scope > .target');
    if (!zh || !target) continue;
    const height = Math.max(zh.offsetHeight, target.offsetHeight);
    total += height; blank += height - zh.offsetHeight; }
  return blank / total; }"""


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    """The real article with its real translation, built as `bilingual build` does."""
    from support import copy_real_project

    from pipeline.commands.build import BuildOptions, build
    from pipeline.project import Project
    root = copy_real_project(tmp_path_factory.mktemp("real") / "project")
    assert build(Project(root), BuildOptions(quiet=True)) == 0
    return root / "build"


LEVELS = """() => Array.from(document.querySelectorAll(
    '.article__body .pair--paragraph, .pair--standfirst')).map(p => {
  const zh = p.querySelector(':scope > .zh'), target = p.querySelector(':scope > .target');
  return zh && target ? target.getBoundingClientRect().bottom - zh.getBoundingClientRect().bottom
                      : null; }).filter(d => d !== null)"""


def test_the_columns_come_out_level_on_the_real_article(real_site, edition_tab):
    from pipeline.render.fonts import installed_faces
    tab = edition_tab(1280).open(real_site / "shangdang.zh-en.html")
    size = tab.page.eval_on_selector(".pair--paragraph > .zh", "e => getComputedStyle(e).fontSize")
    assert size == "18px"
    if installed_faces():  # measured with the face the page ships, not the machine's
        tab.page.evaluate("document.fonts.ready")
        assert tab.page.evaluate("""() => Array.from(document.fonts).filter(f =>
          f.family === '"Edition Serif"' || f.family === 'Edition Serif')
          .map(f => f.status)""")[:1] == ["loaded"]
    widths = tab.page.eval_on_selector(".pair--paragraph", """e => [
      e.querySelector('.zh').offsetWidth, e.querySelector('.target').offsetWidth]""")
    assert 0.9 <= widths[0] / widths[1] * 3 / 2 <= 1.1  # columns 40 : 60
    ratio = tab.page.evaluate(BLANK_RATIO)
    assert ratio <= 0.15, f"{ratio:.0%} of the Chinese column is blank"
    ends = tab.page.evaluate(LEVELS)
    level = sum(1 for d in ends if abs(d) <= 40)
    assert level * 3 >= len(ends) * 2, f"{level} of {len(ends)} pairs end within 40 px: {ends}"
    tab.assert_clean()


def test_no_glossary_note_reaches_a_readers_page(real_site, edition_tab):
    from support import REPO

    from pipeline.glossary.load import load_glossary
    notes = [t.note for t in load_glossary(REPO / "glossary").terms if len(t.note) > 25]
    assert notes
    tab = edition_tab(1280)
    for name in ("shangdang.zh-en.html", "shangdang.en.html", "index.html"):
        tab.open(real_site / name)
        if name == "shangdang.zh-en.html":
            tab.page.click("#marks-toggle")
        page = tab.page.content() + tab.page.evaluate("""() => Array.from(
          document.querySelectorAll('[data-gloss]')).map(e => e.dataset.gloss).join('\\n')""")
        leaked = [n for n in notes if n in page]
        assert leaked == [], f"{name}: {leaked[:3]}"
    tab.open(real_site / "shangdang.en.html")
    assert tab.page.locator("dfn, .term, [data-term]").count() == 0
    assert tab.page.locator(".key-terms dt").count() >= 3
    tab.assert_clean()


def test_every_edition_looks_right_at_desktop_and_phone_widths(real_site, edition_tab):
    """Screenshots for people to look at (BILINGUAL_ARTIFACTS=1 keeps them): every edition
    of the real article, at 1280 and 390 px; nothing may overflow the phone screen, and
    the view switch and the edition link stay on it."""
    for width in (1280, 390):
        for name in ("shangdang.zh-en.html", "shangdang.en.html", "shangdang.zh-en.proof.html",
                     "index.html"):
            tab = edition_tab(width, 844 if width == 390 else 900).open(real_site / name)
            assert tab.page.evaluate("document.documentElement.scrollWidth <= innerWidth"), name
            if name == "shangdang.zh-en.html":
                assert tab.page.is_visible("#view-switch") and tab.page.is_visible(".toolbar__alt")
            EDITION_ARTIFACTS.mkdir(parents=True, exist_ok=True)
            tab.page.screenshot(path=str(EDITION_ARTIFACTS / f"real-{name[:-5]}-{width}.png"))
            tab.assert_clean()
    tab = edition_tab(1280).open(real_site / "shangdang.en.html")
    _pdf(tab, "real-target")
    tab = edition_tab(1280).open(real_site / "shangdang.zh-en.html")
    _pdf(tab, "real-bilingual")


def test_a_french_edition_marks_its_text_french(tmp_path, edition_tab):
    import polib
    from support import make_project

    from pipeline.commands.build import BuildOptions, build
    from pipeline.commands.update import UpdateOptions, update
    from pipeline.project import Project
    make_project(tmp_path, {"demo": "---\ntitle: 标题\n---\n\n产业是引擎。\n"})
    project = Project(tmp_path)
    assert update(project, UpdateOptions(locale="fr", create=True, quiet=True)) == 0
    path = project.catalog_path("demo", "fr")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = {"标题": "Le titre", "产业是引擎。": "L’industrie est le moteur."}[entry.msgid]
    po.save()
    assert build(project, BuildOptions(quiet=True)) == 0
    tab = edition_tab(1280).open(tmp_path / "build" / "demo.zh-fr.html")
    langs = tab.page.evaluate("""() => Array.from(document.querySelectorAll('[data-segment] > .target'))
      .map(e => [e.textContent.trim(), e.closest('[lang]').getAttribute('lang'), e.matches(':lang(fr)')])""")
    assert langs and all(lang == "fr" and french for _t, lang, french in langs)
    assert tab.page.inner_text("label[for=view-target]") == "Français"
    tab.open(tmp_path / "build" / "demo.fr.html")
    assert tab.page.evaluate("Array.from(document.querySelectorAll('[data-segment] .target')).every(e => e.matches(':lang(fr)'))")
    tab.assert_clean()


def test_one_visible_numbered_tab_stop_a_paragraph_each_with_its_own_name(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.bilingual)
    stops = tab.page.evaluate("""() => Array.from(document.querySelectorAll(
        '.article__body a[href], .article__body [tabindex]:not([tabindex="-1"])')).map(el => {
      const box = el.getBoundingClientRect(), style = getComputedStyle(el);
      return {name: el.getAttribute('aria-label') || el.textContent.trim(), text: el.textContent.trim(),
              pair: el.closest('[data-segment]') && el.closest('[data-segment]').id,
              visible: box.width > 0 && style.opacity !== '0' && style.visibility !== 'hidden'}; })""")
    links = [s for s in stops if s["name"].startswith("Paragraph ")]
    assert links and all(s["visible"] for s in links)
    assert len({s["name"] for s in links}) == len(links)  # distinct accessible names
    pairs = [s["pair"] for s in links]
    assert len(set(pairs)) == len(pairs)  # one a paragraph
    assert [s["text"] for s in links] == [s["name"].split()[-1] for s in links]  # the number shown
    assert tab.page.locator("h1").count() == 1
    tab.assert_clean()


def test_a_sentence_and_its_counterpart_light_up_together(real_site, edition_tab):
    """Hover, tap or keyboard: the sentence group and its counterpart in the other
    column of the same pair are highlighted, and nothing else."""
    lit = """() => Array.from(document.querySelectorAll('.sent.is-match')).map(e =>
      [e.closest('[data-segment]').id, e.closest('.zh') ? 'zh' : 'target', e.dataset.sent])"""
    tab = edition_tab(1280).open(real_site / "shangdang.zh-en.html")
    assert tab.page.locator(".sent[tabindex]").count() == 0
    groups = tab.page.locator('.article__body .target .sent[data-sent="1"]')
    assert groups.count() >= 5  # the article's long paragraphs have groups
    sent = groups.nth(1)
    sent.hover()
    pair = sent.evaluate("e => e.closest('[data-segment]').id")
    assert sorted(tab.page.evaluate(lit)) == [[pair, "target", "1"], [pair, "zh", "1"]]
    tab.page.mouse.move(0, 0)
    assert tab.page.evaluate(lit) == []
    number = tab.page.locator(f"#{pair} .pnum")
    number.focus()
    tab.page.keyboard.press("ArrowRight")
    assert sorted(tab.page.evaluate(lit)) == [[pair, "target", "0"], [pair, "zh", "0"]]
    tab.page.keyboard.press("ArrowRight")
    assert sorted(tab.page.evaluate(lit)) == [[pair, "target", "1"], [pair, "zh", "1"]]
    tab.page.keyboard.press("Escape")
    assert tab.page.evaluate("document.activeElement.className") == "pnum"
    assert tab.page.evaluate(lit) == []
    assert tab.page.locator(".sent[tabindex='0']").count() == 0  # no Tab stop of their own
    tab.assert_clean()
    phone = edition_tab(390, 844).open(real_site / "shangdang.zh-en.html")
    zh = phone.page.locator('.article__body .zh .sent[data-sent="0"]').nth(1)
    zh.scroll_into_view_if_needed()
    zh.click()  # a tap on a phone
    assert len(phone.page.evaluate(lit)) == 2
    phone.assert_clean()
    for name in ("shangdang.en.html", "shangdang.zh-en.proof.html"):
        assert 'class="sent"' not in (real_site / name).read_text(encoding="utf-8")


def test_the_bilingual_page_lists_its_key_terms_and_print_numbers_them_as_endnotes(real_site,
                                                                                   edition_tab):
    """Glosses without the marks: "Key terms" on the bilingual page too, and in print
    each glossed term's first mention carries its number in that list."""
    tab = edition_tab(1280).open(real_site / "shangdang.zh-en.html")
    terms = tab.page.eval_on_selector_all(".key-terms dt", "els => els.map(e => e.textContent)")
    marked = tab.page.eval_on_selector_all(".target dfn.term--glossed",
                                           "els => els.map(e => e.textContent)")
    assert len(terms) >= 5 and len(terms) == len(marked)
    assert all(t.startswith(m) for t, m in zip(terms, marked, strict=True))  # the same order
    text, _ = _pdf(tab, "real-bilingual-notes")
    flat = re.sub(r"\s+", " ", text)
    for number, term in enumerate(marked[:3], start=1):
        term = re.sub(r"\s+", " ", term)
        assert f"{term} {number}" in flat or f"{term}{number}" in flat, term  # the note number
        assert f"{number}. {term}" in flat, term  # its entry
    tab.assert_clean()


def _pdf_pages(pdf) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout).group(1))
    # pdftotext joins a word hyphenated at a line end (high-|quality): hyphens out too.
    return [re.sub(r"[\s\d-]+", "", subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(pdf), "-"], check=True,
        capture_output=True, text=True).stdout) for n in range(1, count + 1)]


def test_the_printed_real_article_splits_no_pair_across_pages(real_site, edition_tab):
    """Every body pair (both its columns) begins and ends on one printed A4 page: the
    goal "no pair split across pages where it fits on one" (none of these is a page long)."""
    tab = edition_tab(1280).open(real_site / "shangdang.zh-en.html")
    _pdf(tab, "real-bilingual-pages")
    pages = _pdf_pages(EDITION_ARTIFACTS / "real-bilingual-pages.pdf")
    ends = tab.page.eval_on_selector_all(".article__body .pair--paragraph", """els => els.map(p =>
      [p.id, ...['.zh', '.target'].map(s => p.querySelector(s).innerText.replace(/[\\s\\d-]+/g, ''))])""")
    assert len(ends) >= 14
    split = []
    for ident, *texts in ends:
        found = [[i for i, page in enumerate(pages) if piece in page]
                 for text in texts for piece in (text[:40], text[-40:])]  # digits out: note numbers
        if not set.intersection(*map(set, found)):  # no page holds its start and its end
            split.append((ident, found))
    assert split == []
    tab.assert_clean()


def test_the_real_proof_shows_every_open_item_in_its_first_screen(real_site, edition_tab):
    """The proof's goals on the real article: all open items visible in the first
    screen at 1280 × 900, and the page under a third of the 21,848 px it once was."""
    tab = edition_tab(1280, 900).open(real_site / "shangdang.zh-en.proof.html")
    items = tab.page.eval_on_selector_all(".open-items li",
                                          "els => els.map(e => e.getBoundingClientRect().bottom)")
    assert items and max(items) <= 900, items
    assert tab.page.evaluate("document.documentElement.scrollHeight") < 21848 / 3
    tab.assert_clean()


def test_the_facing_pages_edition_keeps_each_pair_on_one_spread(real_site, edition_tab):
    """Chinese on the left-hand pages (even folios), its translation on the facing
    right-hand page; every pair whole on one spread; printed, one sheet a page."""
    tab = edition_tab(1280).open(real_site / "shangdang.zh-en.facing.html")
    tab.page.wait_for_selector("html.paginated")
    where = tab.page.evaluate("""() => {
      const sheets = Array.from(document.querySelectorAll('.sheet'));
      return {sheets: sheets.length, over: document.querySelectorAll('.sheet--over').length,
              pairs: Array.from(document.querySelectorAll('.fp-source > .fp')).length,
              placed: Array.from(document.querySelectorAll('.sheet .zh')).map(z => [
                 Number(z.closest('.sheet').querySelector('.sheet__folio').textContent),
                 z.closest('.sheet').className]),
              facing: Array.from(document.querySelectorAll('.sheet--verso')).every(v =>
                 v.nextElementSibling.classList.contains('sheet--recto') &&
                 v.querySelector('.sheet__body').children.length ===
                 v.nextElementSibling.querySelector('.sheet__body').children.length),
              fits: Array.from(document.querySelectorAll('.sheet__body')).every(b =>
                 b.scrollHeight <= b.clientHeight + 1)}; }""")
    assert where["over"] == 0 and where["fits"] and where["facing"]
    assert all(folio % 2 == 0 and "sheet--verso" in cls for folio, cls in where["placed"])
    assert len(where["placed"]) == where["pairs"]  # no pair cut: each placed once
    _pdf(tab, "real-facing")
    assert len(_pdf_pages(EDITION_ARTIFACTS / "real-facing.pdf")) == where["sheets"]
    tab.assert_clean()


# Each paragraph number's box beside the box of its paragraph's first visible side.
PARAGRAPH_NUMBERS = """() => Array.from(document.querySelectorAll('.pnum')).map(n => {
  const pair = n.closest('.pair');
  const side = Array.from(pair.children).find(c => !c.classList.contains('pnum')
                                               && c.getBoundingClientRect().height > 0);
  const a = n.getBoundingClientRect(), b = side.getBoundingClientRect();
  return {id: pair.id, num: {top: a.top, right: a.right, left: a.left},
          text: {top: b.top, left: b.left}};
})"""


@pytest.mark.parametrize("page", ["bilingual", "english"])
def test_paragraph_numbers_hang_beside_their_paragraph_on_a_phone(edition_site, edition_tab,
                                                                  page: str) -> None:
    # A designer saw at 390 px each number on a line of its own above its pair
    # (bilingual) or under its paragraph, where it reads as the next one's (English).
    tab = edition_tab(390, 844).open(getattr(edition_site, page))
    numbers = tab.page.evaluate(PARAGRAPH_NUMBERS)
    assert numbers
    for n in numbers:
        num, text = n["num"], n["text"]
        assert num["right"] <= text["left"] + 1, f"{n['id']}: number not in the margin"
        assert num["left"] >= 0, f"{n['id']}: number off the screen"
        assert abs(num["top"] - text["top"]) < 12, f"{n['id']}: number not on the first line"
