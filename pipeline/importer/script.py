"""Which Chinese script a document is written in: `zh-Hans` or `zh-Hant`.

Evidence: characters that belong to one script only (CC-CEDICT's tables, as shipped
with hanzidentifier): 這 说 Traditional, 这 說 Simplified; the many characters both
scripts share say nothing. A document with a real share of both is put to the editor.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hanzidentifier import helpers

_TRADITIONAL_ONLY = frozenset(helpers.TRADITIONAL_CHARACTERS - helpers.SHARED_CHARACTERS)
_SIMPLIFIED_ONLY = frozenset(helpers.SIMPLIFIED_CHARACTERS - helpers.SHARED_CHARACTERS)
MIXED_SHARE = 0.2   # the minority script's share of the telling characters: ask the editor


class Script(enum.Enum):
    SIMPLIFIED = "zh-Hans"
    TRADITIONAL = "zh-Hant"


@dataclass(frozen=True)
class ScriptEvidence:
    script: Script
    traditional: int   # characters only Traditional Chinese uses
    simplified: int    # characters only Simplified Chinese uses

    @property
    def mixed(self) -> bool:
        telling = self.traditional + self.simplified
        return telling > 0 and min(self.traditional, self.simplified) >= MIXED_SHARE * telling

    def review(self) -> str:
        other = (Script.SIMPLIFIED if self.script is Script.TRADITIONAL
                 else Script.TRADITIONAL).value
        return (f"the text mixes scripts ({self.traditional} characters only Traditional "
                f"Chinese uses, {self.simplified} only Simplified): `lang: {self.script.value}`"
                f" chosen; the other choice is `lang: {other}`")


def detect_script(text: str) -> ScriptEvidence:
    traditional = sum(1 for char in text if char in _TRADITIONAL_ONLY)
    simplified = sum(1 for char in text if char in _SIMPLIFIED_ONLY)
    script = Script.TRADITIONAL if traditional > simplified else Script.SIMPLIFIED
    return ScriptEvidence(script, traditional, simplified)
