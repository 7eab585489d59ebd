"""BL501–BL504: is the translation English and the source Chinese?

The script test is exact and always runs; langdetect is statistical, so it only
runs on texts with enough letters to be reliable and only ever warns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ...cache import VerdictCache
from ..findings import Finding
from ..langid.script import clearly_chinese, clearly_english, letters
from .base import EntryContext, EntryView, plain_text

MIN_LETTERS = 40
# Credits are lists of personal names: langdetect has no words to go on there
# (it guesses "ko" for the Chinese and "tl" for the pinyin).
NAME_LISTS = frozenset({"credits"})
CHINESE = frozenset({"zh-cn", "zh-tw"})
# Ideographs (Unified + Ext. A–G + compatibility), kana and Hangul: none is English.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
                  "\U00020000-\U0003134f]+")
# CJK punctuation and full-width forms (，。：；（）！？ full-width digits/letters).
_FULL_WIDTH = re.compile("[\u3000-\u303f\uff00-\uffef]")
# The Chinese dash (two em dashes) and ellipsis (two ellipses); English uses one.
_CHINESE_DASH = re.compile("——|……")


def cjk_renderings(renderings: Iterable[str]) -> tuple[str, ...]:
    """Accepted glossary renderings that themselves contain CJK (kept in English)."""
    return tuple(sorted({r for r in renderings if _CJK.search(r)}, key=len, reverse=True))


def _mask(text: str, allowed: tuple[str, ...]) -> str:
    for rendering in allowed:  # longest first, so a shorter one cannot split a longer one
        text = text.replace(rendering, " " * len(rendering))
    return text


def script_findings(view: EntryView, allowed_cjk: tuple[str, ...] = ()) -> list[Finding]:
    target = _mask(view.msgstr, allowed_cjk)
    findings: list[Finding] = []
    runs = list(dict.fromkeys(m.group() for m in _CJK.finditer(target)))
    if runs:
        shown = ", ".join(f'"{r}"' for r in runs[:3]) + (" …" if len(runs) > 3 else "")
        findings.append(view.finding("BL501", f"Chinese characters in the translation: {shown}",
                                     term=runs[0], found=runs[0]))
    marks = list(dict.fromkeys(_FULL_WIDTH.findall(target) + _CHINESE_DASH.findall(target)))
    if marks:
        shown = " ".join(marks[:6])
        findings.append(view.finding("BL504", f"Chinese punctuation in the translation: "
                                              f"{shown} (use English punctuation)",
                                     term=marks[0], found=marks[0]))
    return findings


_NONE = "-"  # "langdetect could not tell", as stored


def detect_language(text: str, verdicts: VerdictCache | None = None) -> str | None:
    """langdetect's code, or None when the text is too short to judge. `verdicts`: the
    project's earlier answers (.bilingual/cache/langdetect.txt), read and added to;
    None: nothing remembered beyond this process."""
    if letters(text) < MIN_LETTERS:
        return None
    known = verdicts.get(text) if verdicts is not None else None
    if known is not None:
        return None if known == _NONE else known
    lang = detect(text)
    if verdicts is not None:
        verdicts.put(text, lang or _NONE)
    return lang


@lru_cache(maxsize=4096)
def detect(text: str) -> str | None:
    """langdetect's code for `text`, None if it cannot tell. Imported on first use:
    most runs never ask (the script test or the cache answers)."""
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    from ..langid.fast import detect as langdetect  # langdetect's answers, on arrays
    from ..langid.profiles import install

    install()  # profiles read as texts need them: 0.1 s, not 0.6 s, before the first answer
    DetectorFactory.seed = 0  # langdetect is random by default; CI must be repeatable
    try:
        lang: str = langdetect(text)
    except LangDetectException:
        return None
    return lang


def _names_only(view: EntryView) -> bool:
    return bool(view.kinds) and view.kinds <= NAME_LISTS


def target_language_findings(view: EntryView, allowed_cjk: tuple[str, ...] = (),
                             verdicts: VerdictCache | None = None) -> list[Finding]:
    if _names_only(view):
        return []
    text = _mask(plain_text(view.msgstr), allowed_cjk)
    if clearly_english(text):  # langdetect would say "en": skip its cost
        return []
    lang = detect_language(text, verdicts)
    if lang is None or lang == "en":
        return []
    return [view.finding("BL502", f'translation does not look like English (detected "{lang}")',
                         found=lang, expected="en")]


def source_language_findings(view: EntryView, verdicts: VerdictCache | None = None
                             ) -> list[Finding]:
    if _names_only(view):
        return []
    text = plain_text(view.msgid)
    if clearly_chinese(text):
        return []
    lang = detect_language(text, verdicts)
    if lang is None or lang in CHINESE:
        return []
    return [view.finding("BL503", f'source does not look like Chinese (detected "{lang}")',
                         found=lang, expected="zh-cn")]


def script_check(view: EntryView, ctx: EntryContext) -> list[Finding]:
    """The registry's entry point for BL501/BL504 (`Rule.check`)."""
    return script_findings(view, ctx.allowed_cjk)


def target_check(view: EntryView, ctx: EntryContext) -> list[Finding]:
    """The registry's entry point for BL502 (`Rule.check`)."""
    return target_language_findings(view, ctx.allowed_cjk, ctx.verdicts)
