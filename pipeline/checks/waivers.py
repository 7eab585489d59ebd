"""Per-entry waivers written by translators in the .po file.

    # check: ignore BL101 专业镇 — the town is named, not the policy, here
    # check: ignore BL502 — list of company names, langdetect guesses "it"

A translator comment `check: ignore CODE [TERM] [— reason]` waives CODE on
that entry (only for TERM when given: anything the finding names, the Chinese
term or its expected English, the number as written in the source or in the
translation, the placeholder/URL; several words are one TERM); the reason
follows an em dash (—) or `--`. Without a TERM it covers every finding with
that code on the entry. (No flag form: GNU tools drop unknown flags, so a
translator's waiver would vanish on the next msgcat.) A waiver that waives
nothing is reported (BL901), so stale ones do not pile up; a malformed one is a
warning (BL902).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .findings import RULES, Finding
from .rules.base import EntryView

_COMMENT = re.compile(r"^\s*check\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_IGNORE = re.compile(r"^ignore\s+(?P<code>\S+)\s*(?P<tail>.*)$", re.IGNORECASE)
_REASON = re.compile(r"\s*(?:—|--)\s*")
# Waivers of waiver findings would be circular.
_UNWAIVABLE = frozenset({"BL901", "BL902"})


@dataclass(frozen=True)
class Waiver:
    file: str
    line: int
    code: str
    term: str = ""  # "" = every finding with this code on the entry
    reason: str = ""
    origin: str = ""  # the comment as written, for BL901 messages
    comment_line: int = 0  # where the comment itself is, for BL901 (0: the entry's line)
    source_ref: str = ""
    # False where the rules for `code` did not run on this entry: such a waiver is
    # kept for later, not reported as unused.
    judged: bool = True

    def covers(self, finding: Finding) -> bool:
        return (finding.file == self.file and finding.line == self.line
                and finding.code == self.code
                and (not self.term or _fold(self.term) in _named(finding)))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _named(finding: Finding) -> set[str]:
    """What a finding names, any of which a waiver may give: its term, and the
    expected and found texts ("3300万", "3.3 million", "Party member")."""
    return {_fold(t) for t in (finding.term, finding.expected, finding.found) if t}


def _valid_code(code: str) -> bool:
    return code in RULES and code not in _UNWAIVABLE


def parse_waivers(view: EntryView) -> tuple[list[Waiver], list[Finding]]:
    """The entry's waivers, and BL902 findings for the ones we cannot read."""
    found: list[Waiver] = []
    problems: list[Finding] = []
    # Translator comments open a GNU-formatted entry, so comment k sits on line + k.
    for offset, raw in enumerate((view.entry.tcomment or "").splitlines()):
        here = view.line + offset if view.line else 0
        comment = _COMMENT.match(raw)
        if comment is None:
            continue  # an ordinary translator note
        ignore = _IGNORE.match(comment.group("rest").strip())
        code = ignore.group("code").upper() if ignore else ""
        if ignore is None or not _valid_code(code):
            why = f"unknown code '{code}'" if ignore else "expected 'ignore CODE'"
            problems.append(replace(view.finding(
                "BL902", f"cannot read waiver '# {raw.strip()}': {why} "
                         "(syntax: '# check: ignore BL101 [TERM] [— reason]')"),
                line=here or view.line))
            continue
        # "专业镇 — reason" / "— reason" / "3.3 million" / "": the term is all that
        # comes before the dash, several words if the finding names several.
        parts = _REASON.split(ignore.group("tail"), maxsplit=1)
        term, reason = parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""
        found.append(Waiver(file=view.file, line=view.line, code=code, term=term,
                               reason=reason, origin=f"# {raw.strip()}",
                               comment_line=here, source_ref=view.source_ref))
    return found, problems


def apply_waivers(findings: Iterable[Finding], waivers: list[Waiver],
                  unchecked: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings minus the waived ones, plus BL901 for waivers that did nothing.

    `unchecked`: codes this run did not evaluate (e.g. cross-article consistency
    under --article), whose waivers cannot be judged unused."""
    by_place: dict[tuple[str, int], list[Waiver]] = {}
    for ex in waivers:
        by_place.setdefault((ex.file, ex.line), []).append(ex)
    used: set[int] = set()
    kept: list[Finding] = []
    for finding in findings:
        matching = [ex for ex in by_place.get((finding.file, finding.line), ())
                    if finding.code not in _UNWAIVABLE and ex.covers(finding)]
        used.update(id(ex) for ex in matching)
        if not matching:
            kept.append(finding)
    for ex in waivers:
        if id(ex) in used or ex.code in unchecked or not ex.judged:
            continue
        scope = f" for {ex.term}" if ex.term else ""
        kept.append(Finding(
            file=ex.file, line=ex.comment_line or ex.line, code="BL901",
            severity=RULES["BL901"].severity,
            message=f"waiver '{ex.origin}' is unused: no {ex.code}{scope} here any more; "
                    "remove it", term=ex.term, expected="", found=ex.code,
            source_ref=ex.source_ref))
    return kept
