"""What the importer did and what it could not decide, grouped for an editor."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field


class Change(enum.Enum):
    """Kinds of routine change; each gets one summary line in the report."""

    COMPATIBILITY = ("lines with compatibility characters made ordinary text (CJK radicals, "
                     "enclosed numbers, full-width digits, justified spacing)")
    PUNCTUATION = "half-width punctuation marks → full width"
    QUOTES = "straight quotes → curly quotes"
    PAGE_NUMBER = "page numbers removed"
    RUNNING_HEAD = "running heads/footers (repeated page furniture) removed"
    PULL_QUOTE = "pull quotes (display type repeating the body) removed"
    CUT_JOINED = "paragraphs cut by a page break joined"
    REFLOWED = "hard-wrapped lines reflowed into paragraphs"
    SPLIT_WORD = "numbers or words split across a line break joined with no space"
    HEADING = "section headings recognised"
    CAPTION = "photo captions kept as captions"
    TABLE_CAPTION = "table captions kept as captions"
    CLOSING = "signature and date lines kept as the closing block"
    TABLE = "tables kept as pipe tables"
    WEB_FURNITURE = "web page furniture (follow prompts, END marks, more-reading links) dropped"
    FRONT_MATTER = "lines moved to the front matter"
    LINE_ENDS = "line endings normalised"
    ENCODING = "text decoded"


@dataclass(frozen=True)
class Note:
    line: int  # 1-based line in the raw text (or running line number in a PDF)
    message: str
    kind: Change | None = None  # None for review flags


class Choice(enum.Enum):
    """A decision the editor can flip on the import review page (see `flips`)."""

    HEADING = "heading or paragraph"
    JOIN = "joined or split"
    DROP = "dropped or kept"
    TABLE = "table or lines"


@dataclass(frozen=True)
class Decision:
    """What the importer chose where it could have chosen otherwise, with the texts that
    find the place again in the Markdown (which the editor may have changed since)."""

    choice: Choice
    line: int
    text: str            # the heading; the text after a join; the dropped line; a table's 1st row
    before: str = ""     # a join: the text before it; a drop: the kept text before the line
    rows: tuple[str, ...] = ()   # a table guess: its lines
    page: int = 0        # 0-based page (PDF: the page image to show)


@dataclass
class ImportResult:
    markdown: str
    changes: list[Note] = field(default_factory=list)
    flags: list[Note] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def change(self, kind: Change, line: int, message: str) -> None:
        self.changes.append(Note(line, message, kind))

    def flag(self, line: int, message: str) -> None:
        self.flags.append(Note(line, message))

    def retract(self, kind: Change, line: int) -> None:
        """A later pass undid a change on this line: the report must not claim it."""
        self.changes = [n for n in self.changes if not (n.kind is kind and n.line == line)]


def report_lines(result: ImportResult, where: str, verbose: bool = False) -> list[str]:
    """`review:` items first (with line and reason), then one line per kind of change."""
    lines = [f"{where}:{n.line}: review: {n.message}" for n in sorted(result.flags,
                                                                      key=lambda n: n.line)]
    counts = Counter(n.kind for n in result.changes)
    for kind in Change:
        if counts[kind]:
            lines.append(f"{where}: fixed: {counts[kind]} {kind.value}")
    if verbose:
        lines.extend(f"{where}:{n.line}: fixed: {n.message}"
                     for n in sorted(result.changes, key=lambda n: n.line))
    return lines
