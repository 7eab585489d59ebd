"""What every rule sees: one .po entry with its place, and inline-Markdown helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import polib

from ...cache import VerdictCache
from ...config import Style
from ...glossary import Glossary, TermMatcher
from ..findings import Finding, make

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
_KIND = re.compile(r"^segment: \S+ \(([a-z-]+)\)$", re.MULTILINE)


@dataclass(frozen=True)
class EntryView:
    """One catalog entry, located: rules build findings through `finding()`."""

    file: str  # the catalog, as shown to the user
    line: int  # polib's entry.linenum: the first line of the entry
    slug: str
    locale: str
    entry: polib.POEntry = field(compare=False)
    source_ref: str = ""  # "content/slug.md:19", as shown to the user

    @property
    def msgid(self) -> str:
        return str(self.entry.msgid)

    @property
    def msgstr(self) -> str:
        return self.entry.msgstr or ""

    @property
    def kinds(self) -> frozenset[str]:
        """Segment kinds from the extracted comments (`segment: p-1a2b (paragraph)`)."""
        return frozenset(m.group(1) for m in _KIND.finditer(self.entry.comment or ""))

    @property
    def translated(self) -> bool:
        """Only reviewed translations are checked for content: a fuzzy one
        translates an older source and would only produce noise."""
        e = self.entry
        return bool(e.msgstr) and not e.obsolete and "fuzzy" not in e.flags

    def finding(self, code: str, message: str, **fields: str) -> Finding:
        return make(code, self.file, self.line, message, source_ref=self.source_ref, **fields)


@dataclass(frozen=True)
class EntryContext:
    """What the per-entry rules need, built once per run: every entry rule is a
    function `(EntryView, EntryContext) -> list[Finding]` named in its registry
    line (`Rule.check`)."""

    matcher: TermMatcher
    allowed_cjk: tuple[str, ...] = ()
    style: Style = field(default_factory=Style)
    # langdetect's earlier answers, read and added to (None: nothing remembered).
    verdicts: VerdictCache | None = field(default=None, compare=False, hash=False)

    @classmethod
    def of(cls, glossary: Glossary, style: Style | None = None,
           verdicts: VerdictCache | None = None) -> EntryContext:
        from .language import cjk_renderings  # the language rules build on this module
        return cls(TermMatcher(glossary),  # one automaton: cost independent of glossary size
                   cjk_renderings(r for t in glossary.terms for r in t.accepted),
                   style or Style(), verdicts)


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    # The same dialect the sources are written in (commonmark); raw HTML stays a token
    # so a translator's `<b>` shows up as markup the source does not have. Made on
    # first need: a check whose results are all cached parses nothing.
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark")


@lru_cache(maxsize=4096)
def inline_tokens(text: str) -> tuple[Token, ...]:
    """The inline children of a segment's Markdown (cached: each text is parsed
    by several rules and, with several locales, several times)."""
    blocks = _inline_parser().parseInline(text)
    return tuple(blocks[0].children or ()) if blocks else ()


# The characters that can start inline Markdown syntax in commonmark (emphasis, code,
# links, images, autolinks and HTML, entities, escapes, line breaks); a text with
# none of them is one run of plain text (tests/checks/test_rules_fast_paths.py).
_INLINE_SYNTAX = re.compile(r"[\n\r\\`*_\[\]!<&~]")


def is_plain(text: str) -> bool:
    """Inline Markdown would read `text` as itself, one run of text (no parse needed:
    most segments, and a parse costs a millisecond)."""
    return _INLINE_SYNTAX.search(text) is None


@lru_cache(maxsize=4096)
def plain_text(text: str) -> str:
    """Markdown reduced to the words a reader sees: no markers, no URLs, so a
    number or word inside a link target is not taken for prose."""
    if is_plain(text):
        return text
    return parsed_plain_text(text)


def parsed_plain_text(text: str) -> str:
    """`plain_text` by parsing, even where `is_plain` says no parse is needed (the
    oracle the fast path is tested against)."""
    parts: list[str] = []
    for token in inline_tokens(text):
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "image":
            parts.append("".join(c.content for c in token.children or () if c.type == "text"))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
