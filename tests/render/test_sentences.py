"""Sentence groups on the bilingual page: the aligner's links as <span class="sent">
around each side's sentences, nested with the glossary terms, never breaking markup."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from pipeline.checks.align import Alignment, Link, Sentence
from pipeline.render import sentences as sentences_module
from pipeline.render.inline import render_inline
from pipeline.render.pairs import TermSpan
from pipeline.render.sentences import NO_GROUPS, SentenceSpan, sentence_groups

ZH = "人才是关键。人才哪里找？"
EN = "Talent is the key. Where is talent found?"


def _groups(html: str) -> list[tuple[str, str]]:
    root = lxml_html.fragment_fromstring(str(html), create_parent="div")
    return [(s.get("data-sent"), s.text_content()) for s in root.iter("span") if "sent" in s.classes]


def test_each_sentence_of_a_pair_gets_its_counterparts_group():
    groups = sentence_groups(ZH, EN)
    assert _groups(render_inline(ZH, sentences=groups.source)) == [("0", "人才是关键。"), ("1", "人才哪里找？")]
    assert _groups(render_inline(EN, sentences=groups.target)) == [
        ("0", "Talent is the key."), ("1", "Where is talent found?")]


def test_a_one_sentence_pair_has_no_groups():
    assert sentence_groups("人才是关键。", "Talent is the key.") == NO_GROUPS


def _alignment(links: list[Link]) -> Alignment:
    src = tuple(Sentence(i * 3, i * 3 + 2, "甲。") for i in range(4))
    tgt = tuple(Sentence(i * 4, i * 4 + 3, "A.") for i in range(4))
    return Alignment("", "", src, tgt, tuple(links))


def test_unsure_links_and_lone_sentences_join_a_neighbouring_group():
    merged = sentences_module._merged(_alignment([
        Link((), (0,), 0.9),          # an added sentence first: joins the next group
        Link((0,), (1,), 0.99),
        Link((1,), (2,), 0.5),        # unsure: joins the group before
        Link((2,), (), 0.95),         # omitted: joins the group before
        Link((3,), (3,), 0.97)]))
    assert merged == [([0, 1, 2], [0, 1, 2]), ([3], [3])]


def test_a_term_nests_inside_its_sentence():
    term = TermSpan("人才", 6, 8, "talent")
    html = render_inline(ZH, (term,), sentences=(SentenceSpan(0, 6, 0), SentenceSpan(6, 12, 1)))
    assert '<span class="sent" data-sent="1"><dfn class="term" data-term="人才"' in html
    assert html.count("</dfn></span>") == 0 and html.endswith("</span>")


def test_a_term_across_two_sentences_drops_the_groups_not_the_term():
    term = TermSpan("关键。人才", 3, 8, "key")
    html = render_inline(ZH, (term,), sentences=(SentenceSpan(0, 6, 0), SentenceSpan(6, 12, 1)))
    assert 'class="sent"' not in html and "<dfn" in html


def test_emphasis_across_a_sentence_end_drops_the_groups():
    text = "It *works. It* does."
    html = render_inline(text, sentences=(SentenceSpan(0, 10, 0), SentenceSpan(11, 20, 1)))
    assert 'class="sent"' not in html and "<em>works. It</em>" in html


def test_emphasis_inside_a_sentence_keeps_the_groups():
    text = "It *works*. It does."
    html = render_inline(text, sentences=(SentenceSpan(0, 11, 0), SentenceSpan(12, 20, 1)))
    assert _groups(html) == [("0", "It works."), ("1", "It does.")]


_WORD = st.text(alphabet="ab *_`[]", min_size=1, max_size=6)


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
@given(st.lists(_WORD, min_size=2, max_size=5))
def test_any_markup_comes_out_well_formed_and_whole(words):
    text = ". ".join(words) + "."
    cuts, start = [], 0
    for i, w in enumerate(words):
        cuts.append(SentenceSpan(start, start + len(w) + 1, i))
        start += len(w) + 2
    html = str(render_inline(text, sentences=tuple(cuts)))
    plain = str(render_inline(text))
    # Same text as without groups; and every <span> closes where it should.
    assert re.sub(r"</?span[^>]*>", "", html) == plain
    root = lxml_html.fragment_fromstring(f"<div>{html}</div>")
    assert root.text_content() == lxml_html.fragment_fromstring(f"<div>{plain}</div>").text_content()
