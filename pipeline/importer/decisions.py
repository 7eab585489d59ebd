"""The import's flippable decisions found again in the Markdown as it is now: for each,
which block it concerns, what it is now, and the one flip that makes it the other choice.

The Markdown may have been edited since the import (or flipped already), so every
decision is found by its text (letters and digits only: punctuation fixes and escaping
do not move it), never by a stored position. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from .flips import Block, BlockKind, Flip, Op, blocks, table_rows
from .report import Choice, Decision

_OPENING = set("“‘「『（《〈【〔([{")


@dataclass(frozen=True)
class Item:
    decision: Decision
    now: str                 # what the Markdown says now: "heading", "joined", "dropped", …
    other: str               # the other choice, as the button says it
    block: int | None        # the block it concerns (None: not found in the text any more)
    change: Flip | None      # the flip to the other choice (None: cannot be placed)


def key(text: str) -> str:
    return "".join(char for char in text if char.isalnum())


def _offset(source: str, letters: int) -> int:
    """The character offset in `source` after its first `letters` letters or digits, moved
    past the closing punctuation that follows them (so 。 stays left, “ goes right)."""
    seen = 0
    for index, char in enumerate(source):
        if seen == letters:
            return _past_closing(source, index)
        seen += char.isalnum()
    return len(source)


def _past_closing(source: str, index: int) -> int:
    while index < len(source) and not source[index].isalnum():
        escaped = source[index] == "\\" and index + 1 < len(source)
        mark = source[index + 1] if escaped else source[index]
        if mark in _OPENING or mark.isalnum():
            break
        index += 2 if escaped else 1
    return index


def _join(decision: Decision, found: list[Block], keys: list[str]) -> Item:
    before, after = key(decision.before), key(decision.text)
    for index, block in enumerate(found):
        if block.kind is not BlockKind.PARAGRAPH:
            continue
        at = keys[index].find(before + after)
        if before and after and at >= 0:
            offset = _offset(block.source, at + len(before))
            return Item(decision, "joined", "split", index, Flip(Op.SPLIT, index, offset))
        if after and keys[index].startswith(after) and index and keys[index - 1].endswith(
                before) and found[index - 1].kind is BlockKind.PARAGRAPH:
            return Item(decision, "split", "join", index - 1, Flip(Op.JOIN, index - 1))
    return Item(decision, "not found", "", None, None)


def _heading(decision: Decision, found: list[Block], keys: list[str]) -> Item:
    wanted = key(decision.text)
    for index, block in enumerate(found):
        if keys[index] == wanted and block.kind is BlockKind.HEADING:
            return Item(decision, "heading", "paragraph", index, Flip(Op.TO_PARAGRAPH, index))
        if keys[index] == wanted and block.kind is BlockKind.PARAGRAPH:
            return Item(decision, "paragraph", "heading", index, Flip(Op.TO_HEADING, index))
    return Item(decision, "not found", "", None, None)


def _drop(decision: Decision, found: list[Block], keys: list[str]) -> Item:
    wanted, before = key(decision.text), key(decision.before)
    for index, block in enumerate(found):
        if keys[index] == wanted and block.kind is not BlockKind.OTHER:
            return Item(decision, "kept", "drop", index, Flip(Op.DROP, index))
    if not before:
        return Item(decision, "dropped", "keep", 0, Flip(Op.KEEP, 0, text=decision.text))
    for index in range(len(found)):
        if before in keys[index]:
            return Item(decision, "dropped", "keep", index + 1,
                        Flip(Op.KEEP, index + 1, text=decision.text))
    return Item(decision, "dropped", "", None, None)


def _table(decision: Decision, found: list[Block], keys: list[str]) -> Item:
    rows = [key(row) for row in decision.rows]
    for index, block in enumerate(found):
        if block.kind is BlockKind.TABLE and table_rows(block.source) and \
                key(" ".join(table_rows(block.source)[0])) == rows[0]:
            return Item(decision, "table", "lines", index, Flip(Op.TO_LINES, index))
        if block.kind is BlockKind.PARAGRAPH and keys[index] == rows[0]:
            count = 0
            while index + count < len(found) and count < len(rows) and \
                    found[index + count].kind is BlockKind.PARAGRAPH and \
                    keys[index + count] == rows[count]:
                count += 1
            return Item(decision, "lines", "table", index,
                        Flip(Op.TO_TABLE, index, count=count) if count >= 2 else None)
    return Item(decision, "not found", "", None, None)


FINDERS = {Choice.JOIN: _join, Choice.HEADING: _heading, Choice.DROP: _drop,
           Choice.TABLE: _table}


def review_items(markdown: str, decisions: list[Decision]) -> list[Item]:
    """Each decision, in source order, with where it is now and its flip."""
    found = blocks(markdown)
    keys = [key(block.source) for block in found]
    ordered = sorted(decisions, key=lambda d: d.line)
    return [FINDERS[d.choice](d, found, keys) for d in ordered]
