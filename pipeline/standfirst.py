"""Which opening paragraphs of an article are its standfirst (the deck under the headline).

A standfirst is a short lead the source sets apart: the plain paragraphs before the
first section heading, when there are at most two and they are short. An article
with no section heading has none (its opening paragraphs are its body, whatever their
number), nor does one whose opening holds a table, list, quote or figure: the reader's
editions set a standfirst in the masthead, and either would take text away from the
place the source put it.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Segment, SegmentKind

MAX_PARAGRAPHS = 2
# About two sentences of Chinese; a longer opening is a section without a heading.
MAX_CHARACTERS = 250


def mark_standfirst(body: list[Segment]) -> list[Segment]:
    """The body's segments in order, its opening paragraphs made STANDFIRST when they
    are a standfirst (see the module's docstring)."""
    first_heading = next((i for i, seg in enumerate(body) if seg.kind == SegmentKind.HEADING), None)
    if not first_heading:  # no heading, or the article opens with one
        return body
    opening = body[:first_heading]
    if (len(opening) > MAX_PARAGRAPHS
            or any(seg.kind != SegmentKind.PARAGRAPH for seg in opening)
            or sum(len(seg.text) for seg in opening) > MAX_CHARACTERS):
        return body
    return [replace(seg, kind=SegmentKind.STANDFIRST) for seg in opening] + body[first_heading:]
