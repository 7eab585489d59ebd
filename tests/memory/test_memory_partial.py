"""Partial memory matches (pipeline/memory/partial.py): a phrase from inside a
paragraph finds the paragraph, as OmegaT's partial matches do, where a fuzzy
match over whole segments finds nothing."""

from __future__ import annotations

from pipeline.memory.index import TranslationMemory
from pipeline.memory.model import MemoryUnit
from pipeline.memory.partial import fragment_matches, longest_run, partial_matches

PARAGRAPH = "上党区依托煤炭资源优势，大力发展现代煤化工产业，推动产业链延伸。"
UNITS = [
    MemoryUnit(PARAGRAPH, "Shangdang District builds on its coal to grow a modern coal "
               "chemical industry and lengthen the industrial chain.", "content/a.md", 7),
    MemoryUnit("长治市是山西省的地级市。", "Changzhi is a prefecture-level city of Shanxi.",
               "content/b.md", 3),
]
PHRASE = "大力发展现代煤化工产业"


def test_a_phrase_inside_a_paragraph_is_a_partial_match() -> None:
    assert TranslationMemory(UNITS).lookup(PHRASE, 75.0) == []  # whole segments: nothing
    found = partial_matches(PHRASE, UNITS)
    assert [m.unit.origin_file for m in found] == ["content/a.md"]
    assert found[0].run == PHRASE and found[0].score == 100.0
    assert PARAGRAPH[found[0].start:found[0].end] == PHRASE


def test_most_of_the_phrase_still_matches_and_unrelated_text_does_not() -> None:
    near = "大力发展现代煤炭化工产业"  # one character more than the paragraph has
    found = partial_matches(near, UNITS, min_share=60.0)
    assert found and found[0].unit.origin_file == "content/a.md"
    assert len(found[0].run) >= 6
    assert partial_matches("完全无关的句子内容", UNITS) == []
    assert partial_matches("上", UNITS) == []  # one character matches everything


def test_own_article_and_identical_units_are_not_partial() -> None:
    assert partial_matches(PHRASE, UNITS, exclude_file="content/a.md") == []
    assert partial_matches(PARAGRAPH, UNITS) == []  # equal: a whole match, not partial
    assert longest_run("现代煤化工", PARAGRAPH) == (PARAGRAPH.index("现代煤化工"),
                                                 PARAGRAPH.index("现代煤化工") + 5)


def test_a_shorter_unit_inside_a_sentence_is_a_fragment_match() -> None:
    clause = MemoryUnit("大力发展现代煤化工产业", "vigorously develop a modern coal chemical "
                        "industry", "content/c.md", 2)
    sentence = "今年，长治县大力发展现代煤化工产业，效果明显。"
    [found] = fragment_matches(sentence, [*UNITS, clause])
    assert found.unit is clause and found.score == 100.0
    assert sentence[found.start:found.end] == clause.source  # the run, in the sentence
    # Scattered characters are no fragment; nor is the article's own unit.
    assert fragment_matches("大力推动现代化的煤炭工业发展产业", [clause]) == []
    assert fragment_matches(sentence, [clause], exclude_file="content/c.md") == []
