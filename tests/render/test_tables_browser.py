"""Tables in headless Chromium: the cells of a row sit side by side in every edition
that has tables, at 1280 and 390 px and in print (the English-only and facing
editions used to set each cell as a row of its own)."""

from __future__ import annotations

import itertools
import subprocess
import zipfile
from pathlib import Path

import pytest
from tables_support import (
    CELLS_PER_ROW,
    FILLED,
    FILLED_TABLES,
    LONG,
    LONG_ROWS,
    NO_HEADING,
    ROWS,
    UNDER_HEADING,
    filled_caption,
    filled_header,
    make_filled_project,
    make_table_project,
)

pytestmark = pytest.mark.browser

# Each visible table: its rows, each a list of its cells' boxes.
TABLE_CELLS = """() => Array.from(document.querySelectorAll('table'))
  .filter(t => t.getBoundingClientRect().width > 0)
  .map(t => Array.from(t.rows).map(tr => Array.from(tr.cells).map(c => {
    const r = c.getBoundingClientRect();
    return {top: r.top, left: r.left, right: r.right, width: r.width, text: c.textContent.trim()};
  })))"""
WIDTHS = (1280, 390)
PAGES = ("{slug}.en.html", "{slug}.zh-en.html", "{slug}.zh-en.facing.html")
SLUGS = (NO_HEADING, UNDER_HEADING)


@pytest.fixture(scope="module")
def table_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_table_project(tmp_path_factory.mktemp("tables") / "project").root / "build"


def _assert_rows_side_by_side(tab, where: str, tables: int = 1) -> None:
    found = tab.page.evaluate(TABLE_CELLS)
    assert len(found) == tables, f"{where}: {len(found)} tables shown, expected {tables}"
    for rows in found:
        assert len(rows) == ROWS, f"{where}: {len(rows)} rows"
        for row in rows:
            assert len(row) == CELLS_PER_ROW, f"{where}: a row of {len(row)} cells"
            texts = [cell["text"] for cell in row]
            for left, right in itertools.pairwise(row):
                assert abs(left["top"] - right["top"]) <= 1, f"{where}: {texts} not on one line"
                assert left["right"] <= right["left"] + 1, f"{where}: {texts} not side by side"
            assert all(cell["width"] > 0 for cell in row), where
        tops = [row[0]["top"] for row in rows]
        assert tops == sorted(tops) and len(set(tops)) == len(tops), f"{where}: rows overlap"


def _open(tab, path: Path) -> None:
    tab.open(path)
    if path.name.endswith(".facing.html"):  # the script deals the pairs onto sheets
        tab.page.wait_for_selector("html.paginated", state="attached")


@pytest.mark.parametrize("slug", SLUGS)
def test_table_cells_sit_side_by_side_in_every_html_edition_and_width(table_build, edition_tab, slug):
    for width in WIDTHS:
        tab = edition_tab(width, 900)
        for pattern in PAGES:
            page = table_build / pattern.format(slug=slug)
            _open(tab, page)
            # Facing pages: the Chinese table on the verso, the translated one on the recto.
            _assert_rows_side_by_side(tab, f"{page.name} at {width}px",
                                      tables=2 if "facing" in page.name else 1)
        tab.assert_clean()


@pytest.mark.parametrize("slug", SLUGS)
def test_table_cells_sit_side_by_side_in_print(table_build, edition_tab, slug):
    tab = edition_tab(1280, 900)
    for pattern in PAGES:
        page = table_build / pattern.format(slug=slug)
        _open(tab, page)
        tab.page.emulate_media(media="print")
        _assert_rows_side_by_side(tab, f"{page.name} printed",
                                  tables=2 if "facing" in page.name else 1)
        tab.page.emulate_media(media="screen")
    # The bilingual page printed in one language (the view switch's English or 中文).
    _open(tab, table_build / f"{slug}.zh-en.html")
    tab.page.emulate_media(media="print")
    for view in ("target", "zh"):
        tab.page.evaluate(f"document.body.classList.remove('view-both', 'view-zh', 'view-target');"
                          f"document.body.classList.add('view-{view}')")
        _assert_rows_side_by_side(tab, f"{slug}.zh-en.html printed in view {view}")
    tab.assert_clean()


def test_table_cells_sit_side_by_side_in_both_epubs(table_build, edition_tab, tmp_path):
    for name in (f"{NO_HEADING}.en.epub", f"{NO_HEADING}.zh-en.epub"):
        unpacked = tmp_path / name
        with zipfile.ZipFile(table_build / name) as book:
            book.extractall(unpacked)
        for width in WIDTHS:
            tab = edition_tab(width, 900).open(unpacked / "EPUB" / "article.xhtml")
            _assert_rows_side_by_side(tab, f"{name} at {width}px")
            tab.assert_clean()


@pytest.fixture(scope="module")
def filled_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_filled_project(tmp_path_factory.mktemp("filled") / "project").root / "build"


def _captions_and_tables(languages: tuple[int, ...] = (0, 1)) -> list[tuple[str, str]]:
    """Each table's caption and header cell as a page's text shows them (the caption by
    its first words: hyphenation may break the rest), in Chinese (0) and English (1)."""
    found = []
    for n in range(1, FILLED_TABLES + 1):
        for side in languages:
            caption = filled_caption(n)[side].strip("*")  # 表1 … / Table 1 …
            found.append((caption[:caption.index(str(n)) + len(str(n))] + " ", filled_header(n)[side] + " "))
    return found


def _pages_holding(pages: list[str], text: str) -> list[int]:
    return [i for i, page in enumerate(pages) if text in " ".join(page.split())]


def test_a_caption_never_ends_a_facing_page_without_its_table(filled_build, edition_tab):
    tab = edition_tab(1280, 900)
    _open(tab, filled_build / f"{FILLED}.zh-en.facing.html")
    sheets = tab.page.evaluate(
        "Array.from(document.querySelectorAll('#sheets .sheet')).map(s => s.innerText)")
    for caption, header in _captions_and_tables():
        where = _pages_holding(sheets, caption)
        assert where and where == _pages_holding(sheets, header), \
            f"{caption!r} on sheet {where}, its table elsewhere"
    tab.assert_clean()


def test_a_caption_never_ends_a_printed_page_without_its_table(filled_build, edition_tab, tmp_path):
    tab = edition_tab(1280, 900)
    for name in (f"{FILLED}.en.html", f"{FILLED}.zh-en.html"):
        _open(tab, filled_build / name)
        pdf = tmp_path / f"{name}.pdf"
        tab.page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        for caption, header in _captions_and_tables((1,) if name.endswith(".en.html") else (0, 1)):
            where = _pages_holding(pages, caption)
            assert where and where == _pages_holding(pages, header)[:1], \
                f"{name}: {caption!r} on page {where}, its table elsewhere"
    tab.assert_clean()


def test_a_table_longer_than_a_page_runs_onto_the_next_spread_whole(filled_build, edition_tab):
    tab = edition_tab(1280, 900)
    _open(tab, filled_build / f"{LONG}.zh-en.facing.html")
    sheets = tab.page.evaluate("""() => Array.from(document.querySelectorAll('#sheets .sheet')).map(s => ({
      rows: Array.from(s.querySelectorAll('tbody tr')).map(tr => tr.cells[0].textContent.trim()),
      headers: s.querySelectorAll('thead').length, over: s.classList.contains('sheet--over')}))""")
    with_rows = [sheet for sheet in sheets if sheet["rows"]]
    assert not any(sheet["over"] for sheet in sheets)
    assert len(with_rows) >= 4  # two spreads at least
    for side, label in ((0, "第{}行"), (1, "Row {}")):
        rows = [row for sheet in with_rows[side::2] for row in sheet["rows"]]
        assert rows == [label.format(n) for n in range(1, LONG_ROWS + 1)]  # every row, once, in order
    assert all(sheet["headers"] == 1 for sheet in with_rows)  # the header row on every page
    # The verso and recto of a spread hold the same rows.
    assert [len(s["rows"]) for s in with_rows[::2]] == [len(s["rows"]) for s in with_rows[1::2]]
    tab.assert_clean()
