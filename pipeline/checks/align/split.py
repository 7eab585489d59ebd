"""Segments -> sentences with their offsets.

Chinese ends a sentence with 。！？； (or ! ?), possibly doubled and followed by
closing quotes or brackets; nothing inside 《》, quotes or brackets is split, so a
title or a quoted passage stays whole (`“……。”` ends a sentence where it closes).
An opening mark that never closes in the segment is ignored (a quotation running
over several paragraphs). English goes through pysbd, which knows abbreviations,
decimals and initials.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from . import patterns
from .model import Sentence

_ENDS = frozenset("。！？；!?")
SOFT_ENDS = frozenset("；;")  # a clause more than a sentence: English often joins them
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")",
          "【": "】", "〈": "〉"}
_CLOSERS = frozenset(_PAIRS.values())
_TITLES = frozenset("《〈")  # a title ending in 。 does not end the sentence around it


def _matched_openers(text: str) -> dict[int, int]:
    """Opening marks that close later in the text: position -> position of the closer
    (innermost first, like brackets)."""
    stack: list[int] = []
    matched: dict[int, int] = {}
    for pos, char in enumerate(text):
        # “ and ” are distinct, but a closer for a mark not on top of the stack may
        # still close a deeper one (‘ left open inside “…”): unwind to it.
        if char in _CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if _PAIRS[text[stack[depth]]] == char:
                    matched[stack[depth]] = pos
                    del stack[depth:]
                    break
        if char in _PAIRS:
            stack.append(pos)
    return matched


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end]) if start < end else None


@lru_cache(maxsize=16384)
def split_chinese(text: str) -> tuple[Sentence, ...]:
    cuts = _cuts(text) if _OPENER.search(text) else [m.end() for m in _END_RUN.finditer(text)]
    sentences: list[Sentence] = []
    start = 0
    for cut in [*cuts, len(text)]:
        sentence = _trimmed(text, start, cut)
        if sentence is not None:
            sentences.append(sentence)
        start = cut
    return _attach_bare(text, sentences)


# Without an opening mark nothing is jumped over, and a sentence ends after each run
# of ends and closing marks that starts with an end: one regular expression finds the
# cuts `_cuts` finds character by character (most segments have no quote or title).
_OPENER = re.compile("[" + re.escape("".join(_PAIRS)) + "]")
_END_RUN = re.compile("[" + re.escape("".join(_ENDS)) + "][" + re.escape("".join(_ENDS | _CLOSERS))
                      + "]*")


def _cuts(text: str) -> list[int]:
    """Where sentences end, jumping over closed quotes and titles whole."""
    matched = _matched_openers(text)
    cuts: list[int] = []
    pos, size = 0, len(text)
    while pos < size:
        close = matched.get(pos)
        if close is not None:  # a closed quote or title: jump over it whole
            opener, pos = text[pos], close + 1
            # “……。” ends it (also “……。 ”: some text has a space before the closer)
            if text[:close].rstrip()[-1:] in _ENDS and opener not in _TITLES:
                pos = _after_end(text, pos)
                if not _ATTRIBUTION.match(text, pos):
                    cuts.append(pos)
            continue
        if text[pos] in _ENDS:
            pos = _after_end(text, pos)
            cuts.append(pos)
            continue
        pos += 1
    return cuts


# A quotation's attribution after it (“……。”汪文斌说。) belongs to the quotation's
# sentence, as English writes it ("…," Wang said.): a short clause with a verb of saying.
_ATTRIBUTION = re.compile(r"\s*[^。！？；!?“”‘’《》]{0,20}?"
                          r"(?:说|表示|指出|称|强调|介绍|告诉|坦言|说道|透露|回答|问道|笑道)"
                          r"[^。！？；!?“”‘’《》]{0,6}[。！？!?]")


def _after_end(text: str, pos: int) -> int:
    """Past a run of sentence ends and the closing marks after them."""
    while pos < len(text) and (text[pos] in _ENDS or text[pos] in _CLOSERS):
        pos += 1
    return pos


_HIDE_QUOTES = str.maketrans('"“”«»', "|||||")


@lru_cache(maxsize=4)
def _segmenter(language: str) -> pysbd.Segmenter:
    patterns.install()  # pysbd's patterns compiled once, not once per text
    return pysbd.Segmenter(language=language, clean=False)


# Plain English prose: words, digits, spaces and , ; : - – — % ’ / & $ “ ” ", with
# . ! ? only after a word of two letters or more ending in a lower-case letter
# (Beijing. too: a name ends many a sentence; not one of pysbd's abbreviations,
# Gen. St. Mr.) and then either the end or one space and a capitalised word.
# pysbd splits such a text exactly at those
# marks (tests/test_align_split.py compares the two on generated and real text);
# anything else (abbreviations, initials, a quote at a sentence end,
# brackets (pysbd ends a sentence after a bracketed credit), ellipses,
# lists) goes to pysbd.
# A straight double quote is plain as “ and ” are: pysbd sees all three as | (_HIDE_QUOTES).
_PLAIN_CHARS = re.compile(r"[A-Za-z0-9 ,;:%’'/&$\-–—.!?“”\"]*")
# A straight apostrophe inside a word (China's, don't) is plain: pysbd's single-quote
# rules need one after a space or before one. Any other is a quote, not plain.
_QUOTE = re.compile(r"(?<![A-Za-z])'|'(?![A-Za-z])")
# A decimal point (3.5, 18.9) is no mark: pysbd never ends a sentence between digits.
_PLAIN_MARK = re.compile(r"[!?]|(?<!\d)\.|\.(?!\d)")
_PLAIN_SENTENCE_END = re.compile(r"(?<![A-Za-z])([A-Za-z][A-Za-z]*[a-z])[.!?](?= [A-Z][a-z]|$)")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English
    table = English.Abbreviation
    return frozenset(a.lower() for a in (*table.ABBREVIATIONS, *table.PREPOSITIVE_ABBREVIATIONS,
                                         *table.NUMBER_ABBREVIATIONS))


def plain_english(text: str) -> tuple[Sentence, ...] | None:
    """The sentences of a plain English text (see above) without pysbd, None when the
    text is not plain."""
    if not text or text != text.strip() or "  " in text or not _PLAIN_CHARS.fullmatch(text) \
            or _QUOTE.search(text):
        return None
    ends = list(_PLAIN_SENTENCE_END.finditer(text))
    if len(ends) != len(_PLAIN_MARK.findall(text)):
        return None  # a mark pysbd may read otherwise (3.5, U.S., "No. 1", "?!")
    abbreviations = _abbreviations()
    sentences, start = [], 0
    for end in ends:
        if end.group(1).lower() in abbreviations:
            return None
        sentences.append(Sentence(start, end.end(), text[start:end.end()]))
        start = end.end() + 1
    if start < len(text):
        sentences.append(Sentence(start, len(text), text[start:]))
    return tuple(sentences)


@lru_cache(maxsize=16384)
def split_english(text: str, language: str = "en") -> tuple[Sentence, ...]:
    """pysbd's sentences, located in `text` (pysbd's own offsets drift on repeats)."""
    if language == "en":
        plain = plain_english(text)
        if plain is not None:
            return _attach_bare(text, list(plain))
        chunks = _chunks(text)
        if len(chunks) > 1:
            sentences = [Sentence(start + s.start, start + s.end, s.text)
                         for start, end in chunks for s in _chunk_sentences(text[start:end])]
            return _attach_bare(text, _quotes_closed_back(text, sentences))
    return _pysbd_sentences(text, language)


# Where English may end a sentence, by its look alone: . ! ? then, after any closing
# quotes or brackets (a space may come before a closing quote: `… ‘bodyguards’. ” Hu`),
# a space and a capital, digit or opening mark. Cuts at "Mr. Li" too, where pysbd does
# not, and misses a rare end pysbd makes (`areas. “ Zhao`): close enough for a yes/no
# (`aligner.lone_alignment` says how it is used and what was measured).
ROUGH_END = re.compile(r"(?<=[.!?])(?:\s?[\"'”’)\]])*\s+(?=[\"“‘(\[]?[A-Z0-9])")


@lru_cache(maxsize=16384)
def rough_english(text: str, language: str = "en") -> tuple[Sentence, ...]:
    """English cut without pysbd: `split_english` where that needs no pysbd (plain
    prose), else at every `ROUGH_END`. For a caller that only asks whether every
    sentence has a counterpart (the gate), a sentence cut in two is harmless: the
    aligner joins the halves again. Other languages: `split_english`."""
    if language != "en":
        return split_english(text, language)
    plain = plain_english(text)
    if plain is not None:
        return _attach_bare(text, list(plain))
    pieces, start = [], 0
    for end in [*ROUGH_END.finditer(text), None]:
        piece = _trimmed(text, start, end.start() if end else len(text))
        if piece is not None:
            pieces.append(piece)
        start = end.end() if end else start
    return _attach_bare(text, pieces)


def _pysbd_sentences(text: str, language: str) -> tuple[Sentence, ...]:
    """pysbd over the whole text (what `split_english` gives in every case)."""
    return _attach_bare(text, _quotes_closed_back(text, _pysbd_pieces(text, language)))


def _pysbd_pieces(text: str, language: str) -> list[Sentence]:
    try:
        segmenter = _segmenter(language)
    except ValueError:  # pysbd lacks the language: English rules are the safest guess
        segmenter = _segmenter("en")
    sentences: list[Sentence] = []
    cursor = 0
    # pysbd never splits inside double quotes, and one unmatched quote (a straight
    # opening closed by a curly one) leaves the rest of the segment one sentence;
    # with the marks hidden it splits quoted sentences too, which aligning wants.
    plain = text.translate(_HIDE_QUOTES)
    for piece in segmenter.segment(plain) if text.strip() else []:
        core = piece.strip()
        if not core:
            continue
        start = plain.find(core, cursor)
        if start < 0:  # pysbd changed the text: keep what is left as one sentence
            break
        sentences.append(Sentence(start, start + len(core), text[start:start + len(core)]))
        cursor = start + len(core)
    rest = _trimmed(text, cursor, len(text))
    if rest is not None:
        sentences.append(rest)
    return sentences


# pysbd is costly (about 20 ms a paragraph) and most of a paragraph is plain prose,
# so English is cut where pysbd ends a sentence whatever surrounds it: a plain end
# (see above) outside brackets, in a text without the marks that pysbd's rules
# read across sentences (lists, single quotes, dashes); each piece then goes to
# `plain_english` or to pysbd alone (tests/checks/test_align_split.py compares
# the two ways on real and generated text).
_CHUNK_END = re.compile(r"(?<![A-Za-z])([A-Za-z][A-Za-z]*[a-z])[.!?] (?=[A-Z][a-z])")
_ACROSS = re.compile(r"[\n\r\\‘（「]|--|(?<![A-Za-z])'|'(?![A-Za-z])"
                     r"|(?:^|[\s\-⁃])\d{1,2}\.(?=[\s)])|\d{1,2}\)\s|(?:^|\s)[a-z]\.|(?:^|[\s(])[a-z]+\)|\([mdclxvi]+\)")


def _chunks(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that pysbd splits as it splits the whole (one span if unsure)."""
    if _ACROSS.search(text):
        return [(0, len(text))]
    abbreviations = _abbreviations()
    spans, start, depth, seen = [], 0, 0, 0
    for end in _CHUNK_END.finditer(text):
        for char in text[seen:end.end()]:
            depth += (char in "([") - (char in ")]")
            if depth < 0:
                return [(0, len(text))]
        seen = end.end()
        if depth == 0 and end.group(1).lower() not in abbreviations:
            spans.append((start, end.end() - 1))
            start = end.end()
    return [*spans, (start, len(text))]


@lru_cache(maxsize=16384)
def _chunk_sentences(chunk: str) -> tuple[Sentence, ...]:
    """One chunk's sentences before the final touches (a chunk recurs in segments)."""
    plain = plain_english(chunk)
    return plain if plain is not None else tuple(_pysbd_pieces(chunk, "en"))


# A closing quotation mark, then a space: it ends the sentence before it.
_CLOSING_QUOTE = re.compile(r"[”’»\"']+(?=\s)")


def _quotes_closed_back(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """pysbd cuts `…women's hell." Law and…` and `…'bodyguards'. ” Hu said` before the
    closing mark, which would open the next sentence: give it back to the one it closes."""
    fixed: list[Sentence] = []
    for sentence in sentences:
        mark = _CLOSING_QUOTE.match(sentence.text)
        if fixed and mark:
            last = fixed.pop()
            end = sentence.start + mark.end()
            fixed.append(Sentence(last.start, end, text[last.start:end]))
            rest = _trimmed(text, end, sentence.end)
            if rest is not None:
                fixed.append(rest)
            continue
        fixed.append(sentence)
    return fixed


def _attach_bare(text: str, sentences: list[Sentence]) -> tuple[Sentence, ...]:
    """A piece with no letter or digit (a closing quote pysbd cut off, a lone dash) is
    no sentence: it joins the one before it (or, first, the one after)."""
    kept: list[Sentence] = []
    for sentence in sentences:
        if not any(c.isalnum() for c in sentence.text) and kept:
            last = kept.pop()
            kept.append(Sentence(last.start, sentence.end, text[last.start:sentence.end]))
            continue
        if kept and not any(c.isalnum() for c in kept[-1].text):
            first = kept.pop()
            sentence = Sentence(first.start, sentence.end, text[first.start:sentence.end])
        kept.append(sentence)
    return tuple(kept)
