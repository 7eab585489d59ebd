"""Glossary QA against pypinyin's readings (pure: a Glossary in, problems out).

- the `pinyin` column must spell the term's characters, syllable by syllable,
  in one of each character's readings (tones as marked, or neutral: unmarked),
  and carry tone marks (a pinyin with none at all has lost them);
- a person's or place's approved English, when it is written in pinyin, must be
  the pinyin of the name (`Feng Po` for 冯波 is wrong: 波 is bō);
- a place's generic must match the Chinese: District 区, County 县, Town 镇,
  Village 村, in both directions.
Anything we cannot read as pinyin (translated names such as "Green Energy
Logistics Port") is left alone: QA must not raise false alarms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .model import Glossary, Term

# English generic -> the Chinese endings it translates (longest first).
GENERICS: dict[str, tuple[str, ...]] = {
    "District": ("区",), "County": ("县",), "Town": ("小镇", "镇"), "Village": ("村",),
}
NAME_TYPES = frozenset({"person", "place"})
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class GlossaryProblem:
    term: Term
    message: str


def _pinyin(text: str, tones: bool, heteronym: bool = False,
            errors: str = "default") -> list[list[str]]:
    # Imported on first use: pypinyin's dictionaries take half a second to load.
    from pypinyin import Style, pinyin

    style = Style.TONE if tones else Style.NORMAL
    found: list[list[str]] = pinyin(text, style=style, heteronym=heteronym, errors=errors)
    return found


@lru_cache(maxsize=8192)
def _readings(char: str, tones: bool) -> tuple[str, ...]:
    found = _pinyin(char, tones, heteronym=True, errors="ignore")
    readings = {unicodedata.normalize("NFC", r).lower() for r in (found[0] if found else [])}
    if tones:
        readings |= {_toneless(r) for r in readings}  # neutral tone written without a mark
    return tuple(sorted(readings, key=len, reverse=True))


def _toneless(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


def _squash(text: str, tones: bool) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[\s'’\-·]", "", text)
    return text if tones else _toneless(text).replace("ü", "u").replace("v", "u")


def spells(chars: str, written: str, tones: bool) -> bool:
    """Whether `written` is the characters' pinyin, one reading per character."""
    target = _squash(written, tones)

    @cache
    def walk(index: int, position: int) -> bool:
        if index == len(chars):
            return position == len(target)
        for reading in _readings(chars[index], tones):
            reading = reading if tones else reading.replace("ü", "u").replace("v", "u")
            if target.startswith(reading, position) and walk(index + 1, position + len(reading)):
                return True
        return False

    return walk(0, 0)


def _looks_like_pinyin_of(chars: str, english: str) -> bool:
    """The English starts with a reading of the first character: meant as pinyin."""
    squashed = _squash(english, tones=False)
    return any(squashed.startswith(r.replace("ü", "u").replace("v", "u"))
               for r in _readings(chars[0], tones=False))


def _split_generic(english: str) -> tuple[str, str | None]:
    words = english.split()
    if len(words) > 1 and words[-1] in GENERICS:
        return " ".join(words[:-1]), words[-1]
    return english, None


def check_term(term: Term) -> list[str]:
    if not _HAN.match(term.term):
        return []
    problems = []
    expected = " ".join(r[0] for r in _pinyin(term.term, tones=True)) if term.pinyin else ""
    if term.pinyin and _toneless(term.pinyin) == term.pinyin and _toneless(expected) != expected:
        # A syllable may be unmarked (neutral: dōngxi), but not every one of them.
        problems.append(f"pinyin '{term.pinyin}' has no tone marks "
                        f"(pypinyin reads {term.term} '{expected}')")
    elif term.pinyin and not spells(term.term, term.pinyin, tones=True):
        problems.append(f"pinyin '{term.pinyin}' does not spell {term.term} "
                        f"(pypinyin reads it '{expected}')")
    if term.type not in NAME_TYPES:
        return problems
    name, generic = _split_generic(term.english)
    stem = term.term
    if term.type == "place":
        chinese_generic = next((g for g, ends in GENERICS.items()
                                if any(term.term.endswith(e) for e in ends)), None)
        if generic is not None and generic != chinese_generic:
            wanted = "/".join(GENERICS[generic])
            problems.append(f"'{term.english}': the generic {generic} needs {wanted} "
                            f"at the end of {term.term}")
        elif chinese_generic is not None and generic is None and \
                _looks_like_pinyin_of(term.term, name) and \
                not spells(term.term, name, tones=False) and \
                not any(_split_generic(v)[1] == chinese_generic for v in term.variants):
            # A short form ("Sanyuanpu" for 三源浦镇) is fine when the glossary also
            # accepts the form with the generic.
            problems.append(f"'{term.english}': {term.term} ends in "
                            f"{GENERICS[chinese_generic][-1]}; add the generic "
                            f"{chinese_generic}")
        if chinese_generic is not None:
            ending = next(e for e in GENERICS[chinese_generic] if term.term.endswith(e))
            stem = term.term[: -len(ending)] or term.term
    if term.type == "place" and _named_by_its_start(stem, name):
        return problems
    if name and _looks_like_pinyin_of(stem, name) and not spells(stem, name, tones=False) \
            and not spells(term.term, name, tones=False):
        expected = " ".join(r[0] for r in _pinyin(stem, tones=False)).title()
        problems.append(f"'{term.english}' is not the pinyin of {stem} ({expected})")
    return problems


def _named_by_its_start(chars: str, english: str) -> bool:
    """A place named in English by the pinyin of its proper name, the rest of the
    Chinese being generic parts rendered in English or left out: 三源浦朝鲜族镇
    "Sanyuanpu Korean Ethnic Town" (朝鲜族 ethnic, 镇 town), 通化市 "Tonghua", 通化机场
    "Tonghua Sanyuanpu Airport". The proper name is at least two characters and
    its pinyin the English's first words."""
    words = english.split()
    for size in range(len(chars), 1, -1):
        for count in range(1, len(words) + 1):
            if spells(chars[:size], " ".join(words[:count]), tones=False):
                return True
    return False


def glossary_problems(glossary: Glossary) -> list[GlossaryProblem]:
    return [GlossaryProblem(term, message) for term in glossary.terms
            for message in check_term(term)]
