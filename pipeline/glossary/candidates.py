"""Candidate glossary terms mined from the articles (like Translate Toolkit's poterminology).

Four kinds of evidence, each a typed `Candidate`:
- quoted phrases: “六品六化” (short CJK text inside Chinese quotes);
- slogans with numerals: 一村一品, 六品六化, 1+2+15;
- names by their endings: …有限公司, …集团, …村, …镇, …矿, …示范区 (jieba tokens
  before the ending, while they are nouns or names);
- recurring word n-grams (jieba segmentation), ranked by C-value, which rewards
  frequent long strings and discounts ones that only occur inside a longer one.
Terms already in the glossary, or inside a longer glossary term, are left out.
"""

from __future__ import annotations

import enum
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import Glossary


class Evidence(enum.Enum):
    QUOTED = "quoted"
    SLOGAN = "slogan"
    NAME = "name"
    NGRAM = "n-gram"


@dataclass(frozen=True)
class Passage:
    """One segment of one article: where candidates are found."""

    article: str
    line: int
    text: str
    file: str = ""             # the source path shown in contexts (default: the article)


@dataclass
class Candidate:
    term: str
    evidence: Evidence
    frequency: int = 0
    articles: set[str] = field(default_factory=set)
    context: str = ""          # one occurrence with some text around it
    where: str = ""            # article:line of that occurrence
    score: float = 0.0         # C-value for n-grams, frequency otherwise


CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_QUOTED = re.compile(rf"[“「『]([{CJK}0-9A-Za-z+·、]{{2,12}})[”」』]")
_HAS_CJK = re.compile(rf"[{CJK}]")
_NUMERALS = "一二三四五六七八九十两百千万"
_SLOGANS = [
    re.compile(rf"一[{CJK}]{{1,2}}一[{CJK}]{{1,2}}"),                  # 一村一品, 一镇一特
    re.compile(rf"([{_NUMERALS}])[{CJK}]\1[{CJK}]"),                   # 六品六化
    re.compile(r"\d+(?:\s*[+＋]\s*\d+)+"),                              # 1+2+15
    re.compile(rf"[{_NUMERALS}]大[{CJK}]{{2,3}}(?=[，。、；“”]|$)"),          # 六大产业链
]
NAME_ENDINGS = ("有限公司", "集团", "合作社", "示范区", "产业园", "园区", "开发区", "基地",
                "公司", "煤矿", "矿", "村", "镇", "乡", "街道", "县", "区")
_NAME_POS = {"nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "eng"}
_STOP_POS = {"x", "c", "p", "u", "uj", "ul", "d", "r", "y", "e", "o", "f", "t", "q", "mq",
             "m", "i"}  # idioms (贯彻落实) are phrasing, not terms; nor is "药酒全系列产品"
# A two-character word is a term candidate when it is a noun or a name that general
# Chinese rarely uses (its count in jieba's dictionary, a general corpus, is below
# this) yet the articles use it again and again: 上党, 潞安, 药茶, 畜品. Common
# two-character words (企业, 产业, 发展) are the language, not terminology.
_RARE_IN_GENERAL = 150
_WORD_POS = {"n", "nz", "ns", "nr", "nrt", "nt", "j"}
_PUNCT = re.compile(rf"[^{CJK}0-9A-Za-z]")
MAX_NGRAM = 4
# A place's short name is used alone (上党 for 上党区, 荫城 for 荫城镇), so it stays a
# candidate although most of its occurrences are inside the full name.
_PLACE_ENDINGS = ("省", "市", "区", "县", "镇", "乡", "村")


def _context(text: str, start: int, length: int, width: int = 18) -> str:
    return text[max(0, start - width):start + length + width].replace("\n", " ")


def _jieba() -> Any:  # jieba.posseg, imported on first use (it loads a dictionary)
    import jieba
    import jieba.posseg
    jieba.setLogLevel(60)
    return jieba.posseg


def _general_count(word: str) -> int:
    """How often jieba's general-language dictionary has seen `word` (0: never)."""
    import jieba
    jieba.dt.check_initialized()
    return int(jieba.dt.FREQ.get(word, 0))


Occurrence = tuple[Passage, int]  # a passage and the offset in its text


def mine_terms(passages: Sequence[Passage], glossary: Glossary, limit: int = 200,
               min_frequency: int = 2, advance: Callable[[], None] | None = None
               ) -> list[Candidate]:
    """Pure (apart from jieba's dictionary): candidates, best first. `advance` is
    called after each passage (a progress bar)."""
    found: dict[str, Candidate] = {}

    def note(term: str, evidence: Evidence, passage: Passage, start: int) -> None:
        cand = found.get(term)
        if cand is None:
            cand = found[term] = Candidate(term, evidence, context=_context(
                passage.text, start, len(term)), where=f"{passage.file or passage.article}:{passage.line}")
        cand.frequency += 1
        cand.articles.add(passage.article)

    posseg = _jieba()
    grams = _Grams()
    for passage in passages:
        text = passage.text
        for match in _QUOTED.finditer(text):
            if _HAS_CJK.search(match.group(1)):
                note(match.group(1), Evidence.QUOTED, passage, match.start(1))
        for pattern in _SLOGANS:
            for match in pattern.finditer(text):
                if match.group(0) not in found or found[match.group(0)].evidence is \
                        Evidence.SLOGAN:
                    note(match.group(0), Evidence.SLOGAN, passage, match.start())
        tokens = [(t.word, t.flag) for t in posseg.cut(text)]
        offsets, position = [], 0
        for word, _ in tokens:
            offsets.append(position)
            position += len(word)
        for name, start in _names(tokens, offsets):
            if name not in found or found[name].evidence is Evidence.NAME:
                note(name, Evidence.NAME, passage, start)
        grams.add(passage, tokens, offsets)
        if advance is not None:
            advance()
    grams.count_inside_longer_words()
    for gram, cand in _c_values(grams.occurrences, grams.sizes, min_frequency).items():
        if gram not in found:
            found[gram] = cand
    return _select(found, glossary, limit, min_frequency)


def _names(tokens: list[tuple[str, str]], offsets: list[int]) -> Iterable[tuple[str, int]]:
    """Names by their endings (…村, …集团): the name and its offset."""
    for index, (word, _flag) in enumerate(tokens):
        ending = next((e for e in NAME_ENDINGS if word.endswith(e)), None)
        # Two place endings make a word for places (乡村, 村镇), not a name's ending.
        if ending is None or word[:-len(ending)] in _PLACE_ENDINGS:
            continue
        start = index
        while start > 0 and index - start < 4 and not _PUNCT.search(tokens[start - 1][0]) \
                and (tokens[start - 1][1] in _NAME_POS or tokens[start - 1][0] in NAME_ENDINGS):
            start -= 1
        name = "".join(w for w, _ in tokens[start:index + 1])
        if len(name) >= len(ending) + 2:
            yield name, offsets[start]


class _Grams:
    """Recurring runs of content tokens: where each occurs, and its size in tokens."""

    def __init__(self) -> None:
        self.occurrences: dict[str, list[Occurrence]] = defaultdict(list)
        self.sizes: dict[str, int] = {}
        self._long_words: dict[str, list[Occurrence]] = defaultdict(list)

    def add(self, passage: Passage, tokens: list[tuple[str, str]], offsets: list[int]) -> None:
        """n-grams of content tokens, never across punctuation or function words."""
        run: list[int] = []
        for index, (word, flag) in enumerate([*tokens, ("。", "x")]):
            if not (flag in _STOP_POS or _PUNCT.search(word)):
                run.append(index)
                if len(word) >= 3:
                    self._long_words[word].append((passage, offsets[index]))
                continue
            for size in range(1, MAX_NGRAM + 1):
                for i in range(len(run) - size + 1):
                    first = tokens[run[i]]
                    if first[0][0].isdigit() or (size > 1 and first[1] == "v"):
                        continue  # numbers and verb phrases are not terms
                    gram = "".join(tokens[j][0] for j in run[i:i + size])
                    if 2 <= len(gram) <= 12 and (size > 1 or len(gram) >= 3 or (
                            first[1] in _WORD_POS
                            and _general_count(gram) < _RARE_IN_GENERAL)):
                        self.occurrences[gram].append((passage, offsets[run[i]]))
                        self.sizes[gram] = size
            run = []

    def count_inside_longer_words(self) -> None:
        """A word also occurs inside a longer word jieba did not split (文旅 in
        文旅康养, 中医药 in 中医药大学): those occurrences count too."""
        words = {g for g, size in self.sizes.items() if size == 1}
        for long_word, places in self._long_words.items():
            for length in range(2, len(long_word)):
                for at in range(len(long_word) - length + 1):
                    part = long_word[at:at + length]
                    if part in words:
                        self.occurrences[part].extend((p, start + at) for p, start in places)


def _always_beside_the_same(gram: str, occ: list[Occurrence]) -> bool:
    """Every occurrence has the same character after it, or the same before it
    (红绿 always in 红绿彩): a piece of a longer word jieba split, not a word
    (accessor variety, as in Feng et al. 2004). Asked of three occurrences or
    more: a phrase repeated twice (打造中药饮片) has its neighbours by chance."""
    after = {p.text[s + len(gram):s + len(gram) + 1] for p, s in occ}
    before = {p.text[s - 1:s] if s else "" for p, s in occ}
    return any(len(side) == 1 and _HAS_CJK.match(next(iter(side)))
               for side in (after, before))


def _c_values(counts: dict[str, list[Occurrence]], sizes: dict[str, int],
              min_frequency: int) -> dict[str, Candidate]:
    """C-value of each recurring gram that recurs on its own too (not only inside
    a longer recurring gram: 高质量 only in 高质量发展 is no term of its own)."""
    recurring = {g: occ for g, occ in counts.items() if len(occ) >= min_frequency}
    longer: dict[str, list[str]] = defaultdict(list)
    for other in recurring:  # every substring of a gram, not every pair of grams
        for part in {other[a:b] for a in range(len(other))
                     for b in range(a + 2, len(other) + 1)} - {other}:
            if part in recurring:
                longer[part].append(other)
    reach: dict[tuple[int, int], int] = {}  # (passage, start) -> furthest end of a gram there
    for gram, occ in recurring.items():
        for passage, start in occ:
            key = (id(passage), start)
            reach[key] = max(reach.get(key, 0), start + len(gram))
    result = {}
    for gram, occ in recurring.items():
        nested = longer.get(gram, [])
        alone = sum(1 for p, s in occ if not any(
            reach.get((id(p), at), 0) >= s + len(gram) and (at, reach[(id(p), at)]) != (s, s + len(gram))
            for at in range(max(0, s - 11), s + 1)))
        if alone < min_frequency and not any(gram + e in recurring for e in _PLACE_ENDINGS):
            continue
        if len(occ) >= 3 and _always_beside_the_same(gram, occ):  # twice may be chance
            continue
        weight = math.log2(sizes[gram] + 1)
        score = weight * (len(occ) - (sum(len(recurring[o]) for o in nested) / len(nested)
                                      if nested else 0.0))
        if score <= 0:
            continue
        passage, start = occ[0]
        result[gram] = Candidate(gram, Evidence.NGRAM, len(occ),
                                 {p.article for p, _ in occ},
                                 _context(passage.text, start, len(gram)),
                                 f"{passage.file or passage.article}:{passage.line}", score)
    return result


def _select(found: dict[str, Candidate], glossary: Glossary, limit: int,
            min_frequency: int) -> list[Candidate]:
    known = [t.term for t in glossary.terms]
    kept = []
    for cand in found.values():
        if cand.evidence is not Evidence.NGRAM:
            cand.score = float(cand.frequency) + (1.0 if cand.evidence is Evidence.QUOTED else 0)
        if any(cand.term in term for term in known):
            continue  # the glossary has it, or a longer term containing it
        if "、" in cand.term or cand.term in NAME_ENDINGS:
            continue  # a list of terms, or a bare ending (有限公司) naming nothing
        if cand.evidence is Evidence.NGRAM and any(
                cand.term.endswith(e) and len(cand.term) < len(e) + 2 for e in NAME_ENDINGS):
            continue  # the tail of a longer name (沟村 of 白家沟村), as names need two

        if cand.evidence is Evidence.NGRAM and cand.frequency < min_frequency:
            continue
        kept.append(cand)
    # Inside a longer candidate that occurs as often: the longer one is the term.
    by_term = {c.term: c for c in kept}
    kept = [c for c in kept if not any(c.term in o and o != c.term and
                                       by_term[o].frequency >= c.frequency for o in by_term)]
    order = {Evidence.QUOTED: 0, Evidence.SLOGAN: 1, Evidence.NAME: 2, Evidence.NGRAM: 3}
    kept.sort(key=lambda c: (order[c.evidence], -c.score, c.term))
    return kept[:limit]


def passages_of(article: str, segments: Iterable[tuple[int, str]]) -> list[Passage]:
    return [Passage(article, line, text) for line, text in segments]
