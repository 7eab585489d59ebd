"""A credits line as a role/name list: 策划/冯波 邵盼 统筹/李建义 → (策划, [冯波, 邵盼]), …

Chinese magazines write `ROLE/NAME NAME ROLE/NAME`; translations write
`Role: Name, Name · Role: Name` (also `;` between roles). A line that does not
parse as roles comes back as None and is printed as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SOURCE_ROLE = re.compile(r"^([^/／:：\s]+)[/／:：](.*)$")
_TARGET_GROUPS = re.compile(r"\s*(?:·|•|;|；|\|)\s*")
_TARGET_ROLE = re.compile(r"^([^:：]{1,40})[:：]\s*(.+)$")
_NAMES = re.compile(r"\s*(?:,|，|、|\band\b|&)\s*")


@dataclass(frozen=True)
class Credit:
    role: str
    names: tuple[str, ...]


def source_credits(text: str) -> tuple[Credit, ...] | None:
    """`策划/冯波 邵盼 统筹/李建义`: a token with a slash opens a role; names follow."""
    credits: list[Credit] = []
    for token in text.split():
        match = _SOURCE_ROLE.match(token)
        if match:
            role, first = match.groups()
            credits.append(Credit(role, (first,) if first else ()))
        elif credits:
            credits[-1] = Credit(credits[-1].role, (*credits[-1].names, token))
        else:
            return None  # a name before any role
    return tuple(credits) if len(credits) > 1 and all(c.names for c in credits) else None


def target_credits(text: str) -> tuple[Credit, ...] | None:
    """`Planning: Feng Bo, Shao Pan · Text: Bai Xuefeng`."""
    credits: list[Credit] = []
    for group in _TARGET_GROUPS.split(text.strip()):
        if not group:
            continue
        match = _TARGET_ROLE.match(group)
        if not match:
            return None
        role, names = match.groups()
        credits.append(Credit(role.strip(), tuple(n for n in _NAMES.split(names) if n)))
    return tuple(credits) if len(credits) > 1 else None
