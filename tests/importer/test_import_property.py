"""Property (issue 33): an import never loses, duplicates or reorders a Han character or a
digit of the body, whatever the extraction did to the lines (hard wraps at any measure,
indents or blank lines between paragraphs or neither, a page break anywhere)."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.importer import import_raw

HEADLINE = "城市发展观察"
# Ordinary words, none of which makes a byline, credit, caption or date.
WORDS = ["经济", "发展", "城市", "建设", "产业", "工作", "社会", "农村", "科技", "创新", "服务",
         "企业", "市场", "投资", "增长", "质量", "水平", "推进", "项目", "改革", "开放", "民生"]
_SIGNATURE = re.compile(r"[\u3400-\u9fff0-9]")


def signature(text: str) -> str:
    return "".join(_SIGNATURE.findall(text))


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(st.sampled_from(WORDS),
                                     st.integers(0, 99999).map(str),
                                     st.decimals(0, 999, places=1).map(str),
                                     st.just("，"), st.just("、")), min_size=3, max_size=50))
    return draw(st.sampled_from(WORDS)) + "".join(pieces).strip("，、") + "。"


@st.composite
def document(draw: st.DrawFn) -> tuple[list[str], str]:
    paragraphs = draw(st.lists(paragraph(), min_size=1, max_size=6, unique=True))
    measure = draw(st.integers(12, 30))
    style = draw(st.sampled_from(["indent", "blank", "none"]))
    lines: list[str] = []
    for text in paragraphs:
        wrapped = [text[i:i + measure] for i in range(0, len(text), measure)]
        if style == "indent":
            wrapped[0] = "\u3000\u3000" + wrapped[0]
        if style == "blank" and lines:
            lines.append("")
        lines.extend(wrapped)
    # A line repeated on two pages is a running head by design: not what is tested here.
    assume(len(set(lines) - {""}) == len([line for line in lines if line]))
    cut = draw(st.integers(0, len(lines)))
    if draw(st.booleans()):
        lines.insert(cut, "\f")
    return paragraphs, f"{HEADLINE}\n\n" + "\n".join(lines) + "\n"


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(document())
def test_no_han_character_or_digit_is_lost_duplicated_or_reordered(
        case: tuple[list[str], str]) -> None:
    paragraphs, raw = case
    markdown = import_raw(raw).markdown
    front, body = markdown.removeprefix("---\n").split("\n---\n", 1)
    meta = yaml.safe_load(front)
    head = "".join(str(meta.get(key) or "") for key in ("kicker", "title", "subtitle"))
    assert signature(head + body) == signature(HEADLINE + "".join(paragraphs))
