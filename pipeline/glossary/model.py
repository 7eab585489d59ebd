"""Glossary entries as typed data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

TERM_TYPES = frozenset({
    "slogan", "policy-term", "industry-term", "place", "organisation", "company", "brand",
    "product", "honour", "culture", "event", "person", "title", "other",
})


@dataclass(frozen=True)
class Term:
    term: str  # Chinese, as it appears in sources
    english: str  # the approved rendering
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    type: str = "other"
    pinyin: str = ""
    note: str = ""  # the translator's rationale: never published
    gloss: str = ""  # a short explanation for readers (tooltips, "Key terms")
    path: Path | None = None
    line: int = 0

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.english, *self.variants)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_term", {t.term: t for t in self.terms})

    def get(self, term: str) -> Term | None:
        found: Term | None = self._by_term.get(term)  # type: ignore[attr-defined]
        return found

    def __len__(self) -> int:
        return len(self.terms)
