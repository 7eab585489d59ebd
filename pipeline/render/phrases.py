"""Where a Chinese title or heading may break: between phrases (BudouX's model),
never inside a number, so a headline does not end a line on 增长1 and start the next
on 7.1%."""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import budoux
from budoux.html_processor import HTMLChunkResolver
from markupsafe import Markup

from ..langtags import same_language

# Characters of a number, code or Latin word: a phrase boundary between two of them is
# not a place to break (BudouX's Chinese models split 1-7月 as 1 | -7月).
_UNBREAKABLE_PAIR = re.compile(r"[0-9A-Za-z%.\-–:/·０-９％．]")
# Nor between two Chinese numerals: a year written in characters (二〇二五, or with the
# white circle Hong Kong pages type for its zero, 二◯二五) is one word.
_NUMERAL = re.compile(r"[〇○◯零一二三四五六七八九十百千万亿两]")


def _unbreakable(before: str, after: str) -> bool:
    return bool((_UNBREAKABLE_PAIR.match(before) and _UNBREAKABLE_PAIR.match(after))
                or (_NUMERAL.match(before) and _NUMERAL.match(after)))
_BREAK = "<wbr>"


@lru_cache(maxsize=2)
def _parser(traditional: bool) -> budoux.Parser:
    return (budoux.load_default_traditional_chinese_parser() if traditional
            else budoux.load_default_simplified_chinese_parser())


def phrases(text: str, traditional: bool = False) -> list[str]:
    """`text` cut into phrases a line may break between; joined they give `text`."""
    merged: list[str] = []
    for phrase in _parser(traditional).parse(text):
        if merged and _unbreakable(merged[-1][-1], phrase[0]):
            merged[-1] += phrase
        else:
            merged.append(phrase)
    return merged


class _TextOf(HTMLParser):
    """The text of an HTML fragment, character for character as the resolver counts it."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text_of(html: str) -> str:
    reader = _TextOf()
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


def with_phrase_breaks(html: Markup, lang: str) -> Markup:
    """`html` (rendered inline markup) with a <wbr> between phrases; the page's CSS
    (`word-break: keep-all`) breaks only there and at punctuation."""
    cuts = phrases(_text_of(str(html)), traditional=same_language(lang, "zh-Hant"))
    if len(cuts) < 2:
        return html
    resolver = HTMLChunkResolver(cuts, _BREAK)
    resolver.feed(str(html))
    resolver.close()
    return Markup(resolver.output)
