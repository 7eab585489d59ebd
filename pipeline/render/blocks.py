"""Group aligned pairs into the blocks a page is made of (lists and tables hold several)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import SegmentKind
from .pairs import Pair

MASTHEAD = (SegmentKind.KICKER, SegmentKind.TITLE, SegmentKind.SUBTITLE, SegmentKind.BYLINE,
            SegmentKind.STANDFIRST)
GROUPED = {SegmentKind.LIST_ITEM, SegmentKind.TABLE_CELL, SegmentKind.BLOCKQUOTE}


@dataclass
class Block:
    kind: SegmentKind
    pairs: list[Pair] = field(default_factory=list)

    @property
    def rows(self) -> list[list[Pair]]:
        rows: dict[int, list[Pair]] = {}
        for pair in self.pairs:
            rows.setdefault(pair.segment.row, []).append(pair)
        return [rows[k] for k in sorted(rows)]

    @property
    def head_rows(self) -> list[list[Pair]]:
        """A table's header rows (the Markdown table's first); [] for other blocks."""
        return [row for row in self.rows if row[0].segment.header]

    @property
    def body_rows(self) -> list[list[Pair]]:
        return [row for row in self.rows if not row[0].segment.header]

    @property
    def ordered(self) -> bool:
        return bool(self.pairs) and self.pairs[0].segment.ordered


def group_blocks(pairs: list[Pair]) -> list[Block]:
    blocks: list[Block] = []
    for pair in pairs:
        seg = pair.segment
        last = blocks[-1] if blocks else None
        if (seg.kind in GROUPED and last is not None and last.kind == seg.kind
                and last.pairs[-1].segment.group == seg.group):
            last.pairs.append(pair)
        else:
            blocks.append(Block(seg.kind, [pair]))
    return blocks


def split_article(pairs: list[Pair]) -> dict[str, list[Pair]]:
    """Masthead (kicker, title, subtitle, byline, standfirst), body, credits, and the
    publication (which the title block names, see html.title_block)."""
    parts: dict[str, list[Pair]] = {kind.value: [] for kind in MASTHEAD}
    parts.update(body=[], credits=[], publication=[])
    for pair in pairs:
        kind = pair.segment.kind
        if kind in MASTHEAD or kind in (SegmentKind.CREDITS, SegmentKind.PUBLICATION):
            parts[kind.value].append(pair)
        else:
            parts["body"].append(pair)
    return parts


# What a reader cites by number: running text, not headings, titles or table cells.
NUMBERED = {SegmentKind.STANDFIRST, SegmentKind.PARAGRAPH, SegmentKind.LIST_ITEM,
            SegmentKind.BLOCKQUOTE, SegmentKind.IMAGE_ALT}


def paragraph_numbers(pairs: list[Pair]) -> dict[str, int]:
    """Segment ID → the paragraph's number (1, 2, …) as printed beside it: the same in
    every edition and the proof, and the same after a rebuild while the text is."""
    numbered = [p.segment.id for p in pairs if p.segment.kind in NUMBERED]
    return {ident: n for n, ident in enumerate(numbered, 1)}
