"""Shared fixtures.

Edition fixtures (prefixed `edition_`): a hermetic project built into a
temporary directory — the real article and glossary copied, a second small
article exercising lists, quotes, tables and figures, an English catalog
filled with polib (one segment untranslated, one fuzzy, glossary terms in the
translations) — and a headless Chromium that may not touch the network.
"""

from __future__ import annotations

import gc
import os
import shutil
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, settings
from support import record_errors

from pipeline.commands.build import BuildOptions, build
from pipeline.commands.common import project_glossary
from pipeline.commands.update import UpdateOptions, update
from pipeline.model import SegmentKind
from pipeline.project import Project
from pipeline.render.pairs import align
from pipeline.source import load_article, read_article

REPO = Path(__file__).resolve().parent.parent

# No timed assertions in tests (speed lives in bench/): hypothesis's per-example deadline
# and its too-slow check only fail a property when the machine is busy.
settings.register_profile("bilingual", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("bilingual")



def _artifacts_dir() -> Path:
    """Screenshots and PDFs from browser tests: build/test-artifacts/ only when asked for
    (BILINGUAL_ARTIFACTS=1, or a directory), else a temporary directory, so a test run
    never writes into the checkout."""
    wanted = os.environ.get("BILINGUAL_ARTIFACTS", "")
    if wanted in ("", "0"):
        return Path(tempfile.gettempdir()) / "bilingual-test-artifacts"
    return REPO / "build" / "test-artifacts" if wanted == "1" else Path(wanted)


EDITION_ARTIFACTS = _artifacts_dir()
# Fixtures that launch Chromium: a test using any of them is a `browser` test.
BROWSER_FIXTURES = frozenset({"edition_browser"})
# What is kept once per machine (pipeline/machine_cache.py: the aligner's word tables,
# the font subsets) goes to a directory of the test runs, never the user's cache; it is
# shared by runs, as the user's is, so a run does not make them again.
os.environ.setdefault("BILINGUAL_CACHE_DIR",
                      str(Path(tempfile.gettempdir()) / f"bilingual-test-cache-{os.getuid()}"))
CHROMIUM = Path(os.environ.get("BILINGUAL_CHROMIUM", "/usr/bin/chromium"))  # Debian's, never a download
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

EDITION_SLUG = "shangdang"
# Segments chosen by position in the real article, so an edit to its text moves the
# fixture along instead of silently pointing it at nothing.
_EDITION_SEGMENTS = read_article(REPO / "content" / f"{EDITION_SLUG}.md").segments
_PARAGRAPHS = [s.id for s in _EDITION_SEGMENTS if s.kind == SegmentKind.PARAGRAPH]
EDITION_UNTRANSLATED = _PARAGRAPHS[-2]  # left empty: shown in Chinese, marked
EDITION_FUZZY = _PARAGRAPHS[2]  # a draft: shown in Chinese, marked
EDITION_STANDFIRST = next(s.id for s in _EDITION_SEGMENTS if s.kind == SegmentKind.STANDFIRST)
STRUCTURES_UNTRANSLATED = "表格与图片"  # a heading left in Chinese (contents, view switch)
EDITION_TRANSLATIONS = {
    "kicker": "Shangdang District",
    "title": "Industry Renewed, Transformed for a New Era",
    "credits": "Planning: Feng Bo, Shao Pan · Coordination: Li Jianyi · Text: Bai Xuefeng, "
               "Li Min, Zhou Xu, Cheng Jing · Photography: Zhang Guoping, Xiang Zheng, "
               "Li Guangliang · Design: Ren Yuxuan, Tian Zefan",
    EDITION_STANDFIRST: "Industry is the core engine of a region's economy and the wellspring of a "
                  "city's growth.",
}
FIXTURE_GLOSSARY = """term,english,variants,forbidden,type,pinyin,note
上党区,Shangdang District,Shangdang,,place,Shàngdǎng Qū,Pinyin + generic.
振东集团,Zhendong Group,,,company,Zhèndōng Jítuán,Pharmaceutical group based in Shangdang.
乡村振兴,rural revitalization,,rural rejuvenation,policy-term,xiāngcūn zhènxīng,National strategy.
"""
STRUCTURES = """---
lang: zh-Hans
kicker: 样例
title: 版式样例——来自新闻中心的观察与长标题换行检验
credits: 文字/编辑部
---

这是一篇用来检验版式的短文，包含列表、引文、表格和图片。

## 列表与引文

- 上党区的第一项
- 第二项，包含“全角引号”。
    - 嵌套的一项

1. 第一步
2. 第二步

> 引文的第一段。
>
> 引文的第二段。

## 表格与图片

| 项目 | 数值 |
| --- | --- |
| 煤炭产量 | 3300万吨 |
| 光伏玻璃 | 1.45亿平方米 |

![上党区的风景](figure.png)

最后一段，链接到[上党区概况](index.html)。
"""
FILLER = ("Local government has set out a plan to upgrade traditional industries. ",
          "New industries are being nurtured alongside the old ones. ",
          "Farms, mines and factories are adopting cleaner and smarter methods. ",
          "Output has grown steadily while quality has improved. ",
          "The district's products now reach markets across the country. ",
          "Investment in research and training continues to rise. ")


@dataclass
class EditionSite:
    root: Path
    slug: str = EDITION_SLUG
    locale: str = "en"
    translated: dict[str, str] = field(default_factory=dict)  # segment id -> msgstr

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def project(self) -> Project:
        return Project(self.root)

    def page(self, name: str) -> Path:
        return self.build_dir / name

    @property
    def bilingual(self) -> Path:
        return self.page(f"{self.slug}.zh-{self.locale}.html")

    @property
    def english(self) -> Path:
        return self.page(f"{self.slug}.{self.locale}.html")

    @property
    def proof(self) -> Path:
        return self.page(f"{self.slug}.zh-{self.locale}.proof.html")

    @property
    def index(self) -> Path:
        return self.page("index.html")

    @property
    def dashboard(self) -> Path:
        return self.page("editors.html")

    @property
    def html_pages(self) -> list[Path]:
        return sorted(self.build_dir.glob("*.html"))

    def pairs(self, slug: str | None = None):
        project = self.project
        article = load_article(project, slug or self.slug)
        po = polib.pofile(str(project.catalog_path(slug or self.slug, self.locale)))
        return article, align(article, po, project_glossary(project.glossary_dir))


def _english_for(text: str, terms: list[str], index: int) -> str:
    """Deterministic English roughly three times the Chinese length, naming the terms."""
    lead = (", ".join(dict.fromkeys(terms)) + ": ") if terms else ""
    out, i = lead, index
    while len(out) < max(24, 3 * len(text)):
        out += FILLER[i % len(FILLER)]
        i += 1
    return out.strip()


def _tiny_png(width: int = 160, height: int = 90) -> bytes:
    row = b"\x00" + bytes((200, 180, 150)) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _fill_catalog(site: EditionSite, slug: str) -> None:
    project = site.project
    article = load_article(project, slug)
    glossary = project_glossary(project.glossary_dir)
    from pipeline.glossary import TermMatcher
    matcher = TermMatcher(glossary)
    path = project.catalog_path(slug, site.locale)
    po = polib.pofile(str(path))
    by_text = {e.msgid: e for e in po if not e.obsolete}
    for index, segment in enumerate(article.segments):
        entry = by_text[segment.text]
        if segment.id == EDITION_UNTRANSLATED or segment.text == STRUCTURES_UNTRANSLATED:
            continue
        english = EDITION_TRANSLATIONS.get(segment.id) if slug == EDITION_SLUG else None
        if english is None:
            terms = [hit.term.english for hit in matcher.find(segment.text)]
            english = _english_for(segment.text, terms, index)
        entry.msgstr = english
        if segment.id == EDITION_FUZZY:
            entry.flags.append("fuzzy")
        elif slug == site.slug:
            site.translated[segment.id] = english
    po.save(str(path))


def make_edition_site(root: Path) -> EditionSite:
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / f"{EDITION_SLUG}.md", root / "content")
    (root / "content" / "structures.md").write_text(STRUCTURES, encoding="utf-8")
    glossary = root / "glossary"
    if (REPO / "glossary" / "terms.csv").is_file():
        shutil.copytree(REPO / "glossary", glossary,
                        ignore=lambda _d, names: [n for n in names if not n.endswith(".csv")])
    else:
        glossary.mkdir()
        (glossary / "terms.csv").write_text(FIXTURE_GLOSSARY, encoding="utf-8")
    site = EditionSite(root)
    assert update(site.project, UpdateOptions(locale=site.locale, create=True, quiet=True)) == 0
    for slug in site.project.articles():
        _fill_catalog(site, slug)
    (root / "build").mkdir()
    (root / "build" / "figure.png").write_bytes(_tiny_png())
    # A draft: published on purpose.
    assert build(site.project, BuildOptions(quiet=True, drafts=True)) == 0
    return site


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark browser tests from the fixtures they use, so a new browser test cannot be
    forgotten by `-m "not browser"`; the other markers are set where the test is."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what collection loaded (about 300,000 objects: every module, class and
    function the tests import), so the garbage collector no longer walks it on each full
    collection during the run and five times more when pytest checks for unraisable
    exceptions at the end. It lives until the process exits either way; this saves about
    a tenth of the fast run's CPU."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True, scope="session")
def _no_fsync() -> Iterator[None]:
    """fsync is a promise to the disk that no test can observe (a test cannot pull the
    power), and on a shared disk each call waits 2-10 ms for other writers: about 900
    of them made the fast run's time vary by seconds. Tests that check which writes are
    synced wrap `os.fsync` themselves and still see every call."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


@pytest.fixture
def fx(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A workbench project (serve_support.Fixture) in a temporary directory."""
    from serve_support import make_fixture
    return make_fixture(tmp_path / "project")


@pytest.fixture
def api(fx):  # type: ignore[no-untyped-def]
    """An in-process client of the workbench app for `fx`."""
    from serve_support import client
    with client(fx) as c:
        yield c


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory: pytest.TempPathFactory) -> EditionSite:
    """The fixture project, built once per test session."""
    return make_edition_site(tmp_path_factory.mktemp("edition") / "project")


@pytest.fixture(scope="session")
def edition_browser() -> Iterator[object]:
    """Headless Debian Chromium (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class EditionTab:
    """A page plus what it tried to do: network requests refused, console errors."""

    page: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: Path) -> EditionTab:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self

    def assert_clean(self) -> None:
        assert self.blocked == [], f"network requests attempted: {self.blocked}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def edition_tab(edition_browser) -> Iterator[Callable[..., EditionTab]]:
    """Factory: a fresh context at a width (JS on or off) with every non-file request
    aborted and recorded, and console errors collected."""
    contexts = []

    def make(width: int = 1280, height: int = 900, javascript: bool = True) -> EditionTab:
        context = edition_browser.new_context(viewport={"width": width, "height": height},
                                              java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        tab = EditionTab(page)

        def route(route_) -> None:
            url = route_.request.url
            if url.startswith("file:"):
                route_.continue_()
            else:
                tab.blocked.append(url)
                route_.abort()

        context.route("**/*", route)
        record_errors(page, tab.errors)
        return tab

    yield make
    for context in contexts:
        context.close()
