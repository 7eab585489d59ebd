"""A table stays where the source put it, beside its caption, in every edition: an
article with no section heading has no standfirst to pull its paragraphs into the
masthead (the table used to end up after the note and the editor line)."""

from __future__ import annotations

import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path

import polib
import pytest
from tables_support import ARTICLES, CAPTION, EDITOR, ENGLISH, NO_HEADING, NOTE

from pipeline.config import Publication
from pipeline.glossary.model import Glossary
from pipeline.model import SegmentKind
from pipeline.render.editions import EditionInput
from pipeline.render.pairs import align
from pipeline.render.registry import EDITIONS
from pipeline.source import parse_article


@cache  # one rendering of each edition for all the tests
def _editions(slug: str) -> dict[str, str]:
    article = parse_article(ARTICLES[slug], Path(f"{slug}.md"))
    po = polib.POFile()
    for source, english in ENGLISH.items():
        po.append(polib.POEntry(msgid=source, msgstr=english))
    pairs = align(article, po, Glossary())
    out = {}
    for edition in EDITIONS:
        made = edition.render(EditionInput(article, pairs, "en", Publication()))
        if isinstance(made, bytes):
            with zipfile.ZipFile(BytesIO(made)) as book:
                made = book.read("EPUB/article.xhtml").decode("utf-8")
        out[edition.name] = made[made.find("<body"):] if "<body" in made else made  # not the CSS
    return out


def _plain(text: str) -> str:
    return text.strip("*")


@pytest.mark.parametrize("edition", [e.name for e in EDITIONS])
def test_caption_table_note_and_editor_line_keep_the_sources_order(edition: str) -> None:
    page = _editions(NO_HEADING)[edition]
    sides = [ENGLISH] + ([{k: k for k in ENGLISH}] if "zh" in edition or edition.startswith("bilingual")
                         or edition == "facing" else [])
    for side in sides:
        places = [page.index(_plain(side[text])) for text in (CAPTION, "分组", NOTE, EDITOR)]
        assert places == sorted(places), f"{edition}: caption, table, note, editor out of order"
    # Nothing but the table between its caption and its first cell.
    caption_end = page.index(_plain(ENGLISH[CAPTION])) + len(_plain(ENGLISH[CAPTION]))
    between = page[caption_end:page.index(ENGLISH["分组"])]
    assert "In January" not in between and ENGLISH[NOTE] not in between


def test_no_paragraph_of_an_article_without_headings_is_a_standfirst() -> None:
    article = parse_article(ARTICLES[NO_HEADING], Path(f"{NO_HEADING}.md"))
    assert SegmentKind.STANDFIRST not in {s.kind for s in article.segments}
    pages = _editions(NO_HEADING)
    assert "fp--standfirst" not in pages["facing"]  # was: every paragraph in italics
    assert "pair--standfirst" not in pages["bilingual"] + pages["target"]
