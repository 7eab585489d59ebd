"""EPUB 3 editions: valid for epubcheck (Debian's), both languages where they belong,
linked from the index, the same bytes for the same article."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import EDITION_UNTRANSLATED

from pipeline.render.editions import EditionInput
from pipeline.render.epub import render_bilingual_epub
from pipeline.render.registry import EDITIONS

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck package


def _document(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return book.read("EPUB/article.xhtml").decode("utf-8")


@pytest.mark.slow
@pytest.mark.skipif(not EPUBCHECK.is_file() or shutil.which("java") is None,
                    reason="epubcheck (Debian package) not installed")
def test_every_epub_passes_epubcheck(edition_site):
    books = sorted(edition_site.build_dir.glob("*.epub"))
    assert len(books) == 4  # two articles × (bilingual, English)
    for book in books:  # epubcheck takes one book a run
        done = subprocess.run(["java", "-jar", str(EPUBCHECK), str(book)],
                              capture_output=True, text=True, timeout=300)
        report = done.stdout + done.stderr
        assert done.returncode == 0, report
        assert "0 fatals / 0 errors / 0 warnings" in report, report


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_the_bilingual_epub_pairs_the_chinese_with_its_translation(edition_site):
    text = _document(edition_site.page("shangdang.zh-en.epub"))
    english = edition_site.translated
    some = next(iter(english))
    assert f'id="{some}"' in text and 'lang="zh-Hans"' in text and 'lang="en"' in text
    # A passage in progress: the note, never a workflow word.
    block = re.search(rf'id="{EDITION_UNTRANSLATED}".*?</div>', text, re.S)
    assert block and "translation in progress" in block.group(0)
    assert "fuzzy" not in text.lower() and "<script" not in text
    only = _document(edition_site.page("shangdang.en.epub"))
    assert english[some][:40] in only


def test_the_index_links_every_edition_the_registry_names(edition_site):
    index = edition_site.index.read_text(encoding="utf-8")
    linked = [e for e in EDITIONS if e.link]
    assert any(e.pattern.endswith(".epub") for e in linked)
    for edition in linked:
        name = edition.file_name("shangdang", "zh", "en")
        assert f'href="{name}"' in index and (edition_site.build_dir / name).is_file()


def test_the_same_article_gives_the_same_epub(edition_site):
    article, pairs = edition_site.pairs()
    made = EditionInput(article, pairs, "en", edition_site.project.config.publication)
    assert render_bilingual_epub(made) == render_bilingual_epub(made)
