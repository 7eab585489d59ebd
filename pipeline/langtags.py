"""Language tags compared as BCP 47 says, through langcodes (never by string prefix).

Tools write the same language many ways: `zh-CN`, `ZH-CN`, `zh_CN`, `zh`,
`zh-Hans`, `zh-Hans-CN`. Two tags name the same language here when their
language and script agree once likely subtags are added (`zh-CN` -> `zh-Hans-CN`,
`zh-TW` -> `zh-Hant-TW`): so `zh-CN` = `zh-Hans-CN` ≈ `zh-Hans`, `en-GB` ≈ `en`,
and never `zh-Hant` = `zh-Hans`. Regions are ignored (a British memory serves
an `en` project).
"""

from __future__ import annotations

from functools import lru_cache

import langcodes


@lru_cache(maxsize=1024)
def _language_and_script(tag: str) -> tuple[str, str] | None:
    cleaned = tag.strip().replace("_", "-")
    if not cleaned or cleaned.startswith("*"):
        return None
    try:
        full = langcodes.Language.get(cleaned, normalize=True).maximize()
    except (ValueError, LookupError):
        return None
    if not full.language or full.language == "und":
        return None
    return full.language, full.script or ""


def same_language(tag: str, wanted: str) -> bool:
    """`tag` names the language (and writing system) of `wanted`; regions are ignored.

    >>> same_language("ZH-CN", "zh-Hans"), same_language("zh-TW", "zh-Hans")
    (True, False)
    >>> same_language("en-GB", "en"), same_language("en_us", "en-GB")
    (True, True)
    """
    a, b = _language_and_script(tag), _language_and_script(wanted)
    return a is not None and a == b


@lru_cache(maxsize=1024)  # a TMX file names the same two or three tags in every unit
def normal_tag(tag: str) -> str:
    """The tag in its standard case and form ('ZH_cn' -> 'zh-CN'); unreadable: as given."""
    try:
        return str(langcodes.Language.get(tag.strip().replace("_", "-"), normalize=False))
    except (ValueError, LookupError):
        return tag.strip()
