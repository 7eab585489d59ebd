"""One-click flips of an import decision in the reviewed Markdown, each the edit an editor
would make by hand: heading ↔ paragraph, join ↔ split, drop ↔ keep, table ↔ lines.

Pure: Markdown text in, Markdown text out. Blocks are found by markdown-it (the same
parser `bilingual` reads sources with); a flip rewrites only the lines of the blocks it
touches, so the rest of the file, front matter included, stays byte for byte.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from ..cjk import is_cjk
from .markdown import BLOCK_MARKER, ORDERED, escape_markdown

_ORDERED_ESCAPED = re.compile(r"^(\d{1,9})\\([.)])(\s|$)")
# Block markers the importer escapes with a leading backslash (inline escaping covers
# the rest: `*`, `>`, `_`, … are already `\*`, `\>`).
_LEAD_ESCAPED = re.compile(r"^\\(#{1,6}(\s|$)|[-+](\s|$)|={3,}|-{3,}|\|)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_WIDE_GAP = re.compile(r"\s{2,}")
_GAP = re.compile(r"\s+")


class BlockKind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE = "table"
    OTHER = "other"   # lists, quotes, code, HTML: shown, never flipped


class Op(enum.Enum):
    """What a flip does to block `block` (0-based among the body's blocks)."""

    TO_PARAGRAPH = "paragraph"   # a heading becomes a paragraph
    TO_HEADING = "heading"       # a one-line paragraph becomes a heading of `level`
    JOIN = "join"                # the paragraph and the next one become one
    SPLIT = "split"              # the paragraph is cut before character `offset`
    DROP = "drop"                # the block is removed
    KEEP = "keep"                # `text` is put back as a paragraph before the block
    TO_LINES = "lines"           # a pipe table becomes one paragraph per row
    TO_TABLE = "table"           # `count` paragraphs become a pipe table, cells at spaces


class FlipError(ValueError):
    """A flip that does not fit the Markdown as it now is (said in one line)."""


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int    # 0-based first line in the file
    end: int      # one past the last line
    source: str   # the block's Markdown: a heading's text without its `#`s
    level: int = 0


@dataclass(frozen=True)
class Flip:
    op: Op
    block: int
    offset: int = 0
    count: int = 0
    level: int = 2
    text: str = ""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The blocks as `bilingual` reads sources: CommonMark, pipe tables, front matter."""
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def blocks(markdown: str) -> list[Block]:
    """The body's top-level blocks in order (the front matter is not one)."""
    lines = markdown.split("\n")
    found = []
    for token in _parser().parse(markdown):
        if token.level != 0 or token.nesting == -1 or not token.map or \
                token.type == "front_matter":
            continue
        start, end = token.map
        raw = "\n".join(lines[start:end])
        if token.type == "heading_open":
            found.append(Block(BlockKind.HEADING, start, end, _HEADING.sub("", raw, count=1)
                               .rstrip(), int(token.tag[1])))
        elif token.type == "paragraph_open":
            found.append(Block(BlockKind.PARAGRAPH, start, end, raw))
        elif token.type == "table_open":
            found.append(Block(BlockKind.TABLE, start, end, raw))
        else:
            found.append(Block(BlockKind.OTHER, start, end, raw))
    return found


def block_escape(source: str) -> str:
    """Inline-escaped text -> safe at the start of a block (as `escape_markdown` does)."""
    if ORDERED.match(source):
        return ORDERED.sub(r"\1\\\2\3", source, count=1)
    return "\\" + source if BLOCK_MARKER.match(source) else source


def block_unescape(source: str) -> str:
    """The inverse of `block_escape`, for text that no longer starts a block."""
    if _ORDERED_ESCAPED.match(source):
        return _ORDERED_ESCAPED.sub(r"\1\2\3", source, count=1)
    return _LEAD_ESCAPED.sub(r"\1", source, count=1)


def _glue(left: str, right: str) -> str:
    """Nothing between Chinese text (as the importer joins lines), else one space."""
    if not left or not right:
        return ""
    return "" if is_cjk(left[-1]) or is_cjk(right[0]) else " "


def table_rows(source: str) -> list[list[str]]:
    """A pipe table's rows of cells (still escaped), the delimiter row left out."""
    rows = []
    for index, line in enumerate(source.split("\n")):
        if index == 1:
            continue
        line = line.strip()
        line = line[1:] if line.startswith("|") else line
        line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
        rows.append([cell.strip() for cell in _CELL_SPLIT.split(line)])
    return rows


def _row_text(cells: list[str]) -> str:
    # Two spaces between cells, as layout text has them: a cell may hold one (分 组).
    return block_escape("  ".join(c.replace("\\|", "|") for c in cells if c))


def _cells(lines: list[str]) -> list[list[str]]:
    """Cells at runs of two or more spaces where the lines have them (layout text), else
    at every space."""
    wide = any(_WIDE_GAP.search(line.strip()) for line in lines)
    return [(_WIDE_GAP if wide else _GAP).split(block_unescape(line).strip()) for line in lines]


def _table(lines: list[str]) -> str:
    rows = [[c.replace("|", "\\|") for c in row] for row in _cells(lines)]
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    out = ["| " + " | ".join(row) + " |" for row in padded]
    out.insert(1, "|" + "---|" * width)
    return "\n".join(out)


def _need(found: list[Block], index: int, *kinds: BlockKind) -> Block:
    if not 0 <= index < len(found):
        raise FlipError(f"no block {index + 1}: the file has {len(found)}")
    if kinds and found[index].kind not in kinds:
        raise FlipError(f"block {index + 1} is a {found[index].kind.value}, not a "
                        + " or ".join(k.value for k in kinds))
    return found[index]


Edit = tuple[int, int, list[str]]   # replace lines [start, end) of the file with these


def _keep(found: list[Block], change: Flip, lines: list[str]) -> Edit:
    text = escape_markdown(" ".join(change.text.split()))
    if not text:
        raise FlipError("nothing to keep")
    if change.block >= len(found):
        end = len(lines)
        while end and lines[end - 1] == "":
            end -= 1
        return end, len(lines), ["", text, ""]
    at = _need(found, change.block).start
    return at, at, [text, ""]


def _drop(found: list[Block], change: Flip, lines: list[str]) -> Edit:
    block = _need(found, change.block)
    start, end = block.start, block.end
    if end < len(lines) and lines[end] == "":
        end += 1
    elif start > 0 and lines[start - 1] == "":
        start -= 1
    return start, end, []


def _to_paragraph(found: list[Block], change: Flip, lines: list[str]) -> Edit:
    block = _need(found, change.block, BlockKind.HEADING)
    return block.start, block.end, [block_escape(block.source)]


def _to_heading(found: list[Block], change: Flip, lines: list[str]) -> Edit:
    block = _need(found, change.block, BlockKind.PARAGRAPH)
    if "\n" in block.source:
        raise FlipError(f"block {change.block + 1} has several lines: a heading is one line")
    return block.start, block.end, [f"{'#' * max(1, min(change.level, 6))} {block.source}"]


def _join(found: list[Block], change: Flip, lines: list[str]) -> Edit:
    block = _need(found, change.block, BlockKind.PARAGRAPH)
    following = _need(found, change.block + 1, BlockKind.PARAGRAPH)
    right = block_unescape(following.source)
    return block.start, following.end, [block.source + _glue(block.source, right) + right]


def _split(found: list[Block], change: Flip, lines: list[str]) -> Edit:
    block = _need(found, change.block, BlockKind.PARAGRAPH)
    left = block.source[:change.offset].rstrip()
    right = block.source[change.offset:].lstrip()
    if not left or not right or "\n" in block.source:
        raise FlipError(f"block {change.block + 1} cannot be split at character "
                        f"{change.offset}")
    return block.start, block.end, [left, "", block_escape(right)]


def _to_lines(found: list[Block], change: Flip, lines: list[str]) -> Edit:
    block = _need(found, change.block, BlockKind.TABLE)
    rows = [_row_text(row) for row in table_rows(block.source)]
    return block.start, block.end, "\n\n".join(row for row in rows if row).split("\n")


def _to_table(found: list[Block], change: Flip, lines: list[str]) -> Edit:
    end = change.block + max(change.count, 1)
    rows = [_need(found, i, BlockKind.PARAGRAPH) for i in range(change.block, end)]
    if any("\n" in row.source for row in rows):
        raise FlipError("a row of a table is one line")
    return rows[0].start, rows[-1].end, _table([row.source for row in rows]).split("\n")


EDITS = {Op.KEEP: _keep, Op.DROP: _drop, Op.TO_PARAGRAPH: _to_paragraph,
         Op.TO_HEADING: _to_heading, Op.JOIN: _join, Op.SPLIT: _split,
         Op.TO_LINES: _to_lines, Op.TO_TABLE: _to_table}


def flip(markdown: str, change: Flip) -> str:
    """The Markdown with `change` made; FlipError when it does not fit."""
    lines = markdown.split("\n")
    start, end, new = EDITS[change.op](blocks(markdown), change, lines)
    return "\n".join([*lines[:start], *new, *lines[end:]])
