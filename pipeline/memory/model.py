"""Translation-memory units and matches as typed data."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class UnitKind(enum.Enum):
    SEGMENT = "segment"    # a whole catalog entry (paragraph, heading, cell...)
    SENTENCE = "sentence"  # one aligned sentence pair inside a segment


@dataclass(frozen=True)
class MemoryUnit:
    source: str
    target: str
    origin_file: str        # project-relative: content/other.md, memory/x.tmx
    origin_line: int = 0    # 0: unknown
    segment_id: str = ""
    kind: UnitKind = UnitKind.SEGMENT
    article: str = ""
    created: str = ""       # TMX date form YYYYMMDDThhmmssZ, when known
    lost_codes: int = 0     # inline codes of the source missing from the target (TMX)

    @property
    def origin(self) -> str:
        return f"{self.origin_file}:{self.origin_line}" if self.origin_line else self.origin_file


@dataclass(frozen=True)
class Match:
    unit: MemoryUnit
    score: float            # 0-100, rapidfuzz ratio of the sources

    @property
    def exact(self) -> bool:
        return self.score >= 100.0

    def describe(self) -> str:
        """The `#.` note form: 'exact from content/a.md:14' or '92% from ...'."""
        how = "exact" if self.exact else f"{int(self.score)}%"
        return f"{how} from {self.unit.origin}"
