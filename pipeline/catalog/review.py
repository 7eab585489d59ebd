"""Review states: translated → reviewed, stored in the catalog itself (pure).

A review is one translator-comment line on the entry:

    # reviewed: Li Hua <li@example.org> 2026-12-01 3f9a1c2e

Why a translator comment (`# `) and not the alternatives:
- `#.` extracted comments are regenerated from the template by msgmerge (and
  by `bilingual update`), so a review there is lost on the next merge;
- an unknown `#,` flag such as `reviewed` is dropped by msgcat and Poedit;
- translator comments are kept verbatim by msgmerge, msgcat, Poedit (its
  "comment" box) and Weblate/translate-toolkit, so the review travels with
  the file (tests/test_review.py proves it with GNU msgmerge and msgcat).

The last field is a short hash of the msgid and msgstr that were reviewed: a
review counts only while both are unchanged and the entry is not fuzzy, so any
tool changing the text (or msgmerge fuzzy-matching a changed source) puts the
entry back to "translated" without having to know about reviews.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

import polib

PREFIX = "reviewed: "
_LINE = re.compile(r"^reviewed: (?P<who>.*?) (?P<date>\d{4}-\d{2}-\d{2}) (?P<digest>[0-9a-f]{8})$")


@dataclass(frozen=True)
class Review:
    who: str
    date: str  # YYYY-MM-DD
    digest: str


def digest(msgid: str, msgstr: str) -> str:
    return hashlib.sha256(f"{msgid}\x00{msgstr}".encode()).hexdigest()[:8]


def split_comment(tcomment: str | None) -> tuple[str, Review | None]:
    """(the translator's own comment, the review line if any)."""
    lines, review = [], None
    for line in (tcomment or "").split("\n"):
        m = _LINE.match(line)
        if m:
            review = Review(m["who"], m["date"], m["digest"])
        else:
            lines.append(line)
    return "\n".join(lines).strip("\n"), review


def review_of(entry: polib.POEntry | None) -> Review | None:
    """The entry's review if it still holds: same text, translated, not fuzzy."""
    if entry is None or not entry.msgstr or "fuzzy" in entry.flags or entry.obsolete:
        return None
    _, review = split_comment(entry.tcomment)
    if review is None or review.digest != digest(entry.msgid, entry.msgstr):
        return None
    return review


def with_comment(comment: str, review: Review | None) -> str:
    """A translator comment holding `comment` and (last) the review line."""
    lines = [comment] if comment else []
    if review is not None:
        lines.append(f"{PREFIX}{review.who} {review.date} {review.digest}")
    return "\n".join(lines)


def mark_reviewed(entry: polib.POEntry, who: str, when: datetime) -> None:
    """Record a review of the entry as it is now (its text must be translated)."""
    comment, _ = split_comment(entry.tcomment)
    name = " ".join((who or "unknown").split())
    review = Review(name, when.strftime("%Y-%m-%d"), digest(entry.msgid, entry.msgstr or ""))
    entry.tcomment = with_comment(comment, review)


def clear_review(entry: polib.POEntry) -> None:
    comment, _ = split_comment(entry.tcomment)
    entry.tcomment = comment
