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
