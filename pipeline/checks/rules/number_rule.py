"""BL401–BL403: quantities agree between source and translation (numbers/compare.py does
the extraction and matching; this only turns its mismatches into findings)."""

from __future__ import annotations

from ...glossary import EnglishMatcher, TermMatcher
from ..findings import Finding, Severity
from ..numbers.compare import Mismatch, compare_quantities
from .base import EntryContext, EntryView, plain_text

CODES = {Mismatch.MISSING: "BL401", Mismatch.EXTRA: "BL402", Mismatch.APPROXIMATION: "BL403"}


def number_findings(view: EntryView, matcher: TermMatcher) -> list[Finding]:
    # Compare what a reader sees: a digit inside a URL is not a quantity.
    zh, en = plain_text(view.msgid), plain_text(view.msgstr)
    # Numbers inside glossary terms (九大专业镇, 百亿矿鸿产业基地, “六品六化”) are the
    # glossary's business: its rendering is checked by BL101, so they are skipped
    # on both sides rather than reported twice or forced into a literal count.
    hits = matcher.find(zh)
    zh_ignore = [(h.start, h.end) for h in hits]
    en_ignore = [span for term in {h.term.term: h.term for h in hits}.values()
                 for span in EnglishMatcher.accepted_spans(en, term)]
    findings: list[Finding] = []
    for mismatch in compare_quantities(zh, en, zh_ignore=zh_ignore, en_ignore=en_ignore):
        source = mismatch.source.text if mismatch.source is not None else ""
        target = mismatch.target.text if mismatch.target is not None else ""
        other = mismatch.counterpart.text if mismatch.counterpart is not None else ""
        # A stand-in is what was found for a missing number, or expected for an extra one.
        finding = view.finding(CODES[mismatch.kind], mismatch.message, term=source or target,
                               expected=source or other, found=target or other)
        # Only a near-certain mismatch fails the gate; the rest are for a look.
        if finding.severity is Severity.ERROR and not mismatch.certain:
            finding = finding.with_severity(Severity.WARNING)
        findings.append(finding)
    return findings


def check(view: EntryView, ctx: EntryContext) -> list[Finding]:
    """The registry's entry point (`Rule.check`)."""
    return number_findings(view, ctx.matcher)
