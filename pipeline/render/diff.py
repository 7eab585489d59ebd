"""Character-level difference between two source texts (for `#| msgid` → msgid)."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete"]


def char_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """Pure: runs of equal, deleted (only in `old`) and inserted (only in `new`) text.

    Concatenating the equal and delete runs gives `old`; equal and insert give `new`.
    Character granularity suits Chinese, which has no spaces to split words on.
    """
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    ops: list[tuple[Op, str]] = []

    def add(op: Op, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", old[i1:i2])
        else:  # replace = delete + insert; delete; insert
            add("delete", old[i1:i2])
            add("insert", new[j1:j2])
    return ops
