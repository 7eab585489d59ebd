"""The glossary's reader `gloss` column, and the pure pieces of the reader's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.glossary.load import GlossaryError, parse_glossary
from pipeline.render.credits import Credit, source_credits, target_credits
from pipeline.render.inline import gloss_text
from pipeline.render.pairs import TermSpan

HEADER = "term,english,variants,forbidden,type,pinyin,note,gloss\n"


def test_gloss_is_read_and_optional_on_each_row() -> None:
    glossary = parse_glossary(HEADER + "一村一品,one village, one product,,,slogan,yī cūn yī pǐn,"
                              "OVOP usage.,Each village specialises in one product.\n"
                              .replace("one village, one product", '"one village, one product"')
                              + "上党区,Shangdang District,,,place,Shàngdǎng Qū,Pinyin.\n",
                              Path("g.csv"))
    slogan, place = glossary.terms
    assert slogan.gloss == "Each village specialises in one product." and slogan.note == "OVOP usage."
    assert place.gloss == "" and place.note == "Pinyin."


def test_a_row_may_not_have_more_fields_or_leave_off_required_ones() -> None:
    with pytest.raises(GlossaryError, match="row has 9 fields"):
        parse_glossary(HEADER + "a,b,,,slogan,,n,g,extra\n", Path("g.csv"))
    with pytest.raises(GlossaryError, match="row has 2 fields"):
        parse_glossary(HEADER + "a,b\n", Path("g.csv"))


def test_tooltip_text_never_carries_the_note() -> None:
    span = TermSpan("乡村振兴", 0, 4, "rural revitalization", "xiāngcūn zhènxīng",
                    "The national strategy for the countryside.", "Official English; -ize.")
    assert gloss_text(span, "zh") == ("rural revitalization · xiāngcūn zhènxīng — "
                                      "The national strategy for the countryside.")
    assert gloss_text(span, "target").startswith("乡村振兴 · xiāngcūn zhènxīng — ")
    assert "Official" not in gloss_text(span, "zh") + gloss_text(span, "target")


def test_credits_split_into_roles_and_names() -> None:
    assert source_credits("策划/冯波 邵盼 统筹/李建义") == (
        Credit("策划", ("冯波", "邵盼")), Credit("统筹", ("李建义",)))
    assert target_credits("Planning: Feng Bo, Shao Pan · Coordination: Li Jianyi") == (
        Credit("Planning", ("Feng Bo", "Shao Pan")), Credit("Coordination", ("Li Jianyi",)))
    assert source_credits("冯波 邵盼") is None  # names without a role: printed as written
    assert target_credits("Text and photographs by the editors") is None


def test_only_comment_paragraphs_for_readers_become_reader_notes() -> None:
    from pipeline.render.pairs import reader_notes
    comment = ("Query for the editor: circular?\nNote for readers: The source reads\n"
               "乡村振兴 here.\n\nnote for readers: Second.\nNote for readers: Third.\n"
               "Note for readers:\n\nThe workshop only.")
    assert reader_notes(comment) == ("The source reads 乡村振兴 here.", "Second.", "Third.")
    assert reader_notes("A note: for readers? no.") == ()


def _noted_article():
    from pipeline.catalog.stats import Status
    from pipeline.model import Article, Segment, SegmentKind
    from pipeline.render.pairs import Pair

    def segment(ident: str, kind: SegmentKind, text: str, **extra) -> Segment:
        return Segment(id=ident, kind=kind, text=text, line_start=1, line_end=1, **extra)

    pairs = [Pair(segment("t", SegmentKind.TITLE, "标题"), "The Title", Status.TRANSLATED),
             Pair(segment("p", SegmentKind.PARAGRAPH, "乡村振兴是基础。"),
                  "Industrial revitalization is the foundation.", Status.TRANSLATED,
                  reader_notes=("The source reads 乡村振兴 here.", "Second note.")),
             Pair(segment("l", SegmentKind.LIST_ITEM, "一项。", level=1),
                  "One item.", Status.TRANSLATED, reader_notes=("On the item.",))]
    article = Article("demo", Path("demo.md"), {}, tuple(p.segment for p in pairs))
    return article, pairs


@pytest.mark.parametrize("bilingual", [True, False])
def test_reader_notes_are_footnotes_of_the_markdown_editions(bilingual) -> None:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from pipeline.render.markdown import render_bilingual_markdown, render_target_markdown
    article, pairs = _noted_article()
    render = render_bilingual_markdown if bilingual else render_target_markdown
    text = render(article, pairs, "en")
    assert "foundation.[^tn1][^tn2]" in text and "One item.[^tn3]" in text
    assert "[^tn1]: *Translator’s note:* The source reads 乡村振兴 here.\n" in text
    page = MarkdownIt().use(footnote_plugin).render(text.split("---\n", 2)[2])
    assert page.count('class="footnote-ref"') == 3  # each a footnote a renderer links
    assert "Translator’s note:</em> Second note." in page


@pytest.mark.parametrize("bilingual", [True, False])
def test_reader_notes_follow_their_translation_in_the_epub(bilingual) -> None:
    import io
    import zipfile

    from pipeline.config import Publication
    from pipeline.render.editions import EditionInput
    from pipeline.render.epub import render_bilingual_epub, render_target_epub
    article, pairs = _noted_article()
    render = render_bilingual_epub if bilingual else render_target_epub
    book = render(EditionInput(article, pairs, "en", Publication()))
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        document = archive.read("EPUB/article.xhtml").decode("utf-8")
    after = document.split("Industrial revitalization is the foundation.</p>", 1)[1]
    assert after.startswith('<p class="reader-note" lang="en"><span class="reader-note__label">'
                            'Translator’s note:</span> The source reads <span lang="zh-Hans">'
                            '乡村振兴</span> here.</p>')
    assert "Translator’s note:</span> On the item.</p></li>" in document
