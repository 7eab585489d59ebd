"""BL308/BL309: a sentence of the source with no counterpart in the translation, or
the reverse, found by aligning the entry's sentences (pipeline.checks.align).

Only a 1-0 / 0-1 link the aligner is sure of is reported (GATE_CONFIDENCE: on the
WMT21 documents, bench/align.py, about 9 in 10 deleted sentences are caught and
under 2 of 1,000 professional entries get a finding). A sentence joined to its
neighbour in translation is a 2-1 link, not an omission.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...glossary import TermMatcher
from ..align import split_chinese
from ..align.aligner import lone_alignment
from ..align.screen import plainly_paired
from ..findings import Finding, quoted
from .base import EntryContext, EntryView, plain_text

GATE_CONFIDENCE = 0.6
_ENGLISH_BREAK = re.compile(r"[.!?;:][\"'”’)\]]*\s")


def sentence_findings(view: EntryView, matcher: TermMatcher) -> list[Finding]:
    findings = []
    for code, sentence, confidence in _lone_sentences(
            plain_text(view.msgid), plain_text(view.msgstr), view.locale.split("_")[0], matcher):
        where = ("source sentence", "translation") if code == "BL308" else \
            ("translation sentence", "source")
        findings.append(view.finding(
            code, f"{where[0]} {quoted(sentence, 80)} has no counterpart in the {where[1]} "
                  f"(alignment confidence {confidence:.2f})", term=sentence))
    return findings


# A segment repeated across articles (boilerplate, a shared paragraph, the same
# entry in several locales' runs) is aligned once per process.
@lru_cache(maxsize=4096)
def _lone_sentences(zh: str, en: str, language: str, matcher: TermMatcher
                    ) -> tuple[tuple[str, str, float], ...]:
    """(code, sentence, confidence) of each sentence the gate reports."""
    # One sentence on each side is one link: no need to ask pysbd (the common case).
    if len(split_chinese(zh)) < 2 and not _ENGLISH_BREAK.search(en.strip()):
        return ()
    if plainly_paired(zh, en):  # aligning costs ~10-60 ms; most entries need none
        return ()
    # Most pairs the screen leaves are still aligned sentence for sentence: the best
    # path says so without the forward-backward pass the confidences need.
    alignment = lone_alignment(zh, en, terms=matcher, language=language)
    if alignment is None:
        return ()
    return (*(("BL308", alignment.source_of(k), k.confidence)
              for k in alignment.omitted(GATE_CONFIDENCE)),
            *(("BL309", alignment.target_of(k), k.confidence)
              for k in alignment.added(GATE_CONFIDENCE)))


def check(view: EntryView, ctx: EntryContext) -> list[Finding]:
    """The registry's entry point (`Rule.check`)."""
    return sentence_findings(view, ctx.matcher)
